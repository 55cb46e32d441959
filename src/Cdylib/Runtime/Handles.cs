using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Cdylib.Runtime;

/// <summary>
/// The table behind opaque handles: C holds a number (index and generation packed into a
/// pointer-sized value), never a managed address, so a freed, stale or forged handle is found out
/// and reported as <see cref="ErrorCode.InvalidHandle"/> instead of touching memory. Look-ups take
/// no lock; creating and freeing do.
/// <para>
/// One handle per object: returning an object that already has a live handle gives that same
/// handle value again and counts one more owner; each owner frees it once, and only the last free
/// ends the handle (its value is refused from then on, whatever later reuses the slot) and disposes
/// the object. An object the table has disposed is never handed out again, so nothing is disposed
/// twice, even when a return races with the last free.
/// </para>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Handles
{
    // A slot of the table, read in place by a look-up (no object per handle to reach first: a call
    // on a handle costs what a GCHandle's costs plus the generation check, bench/README.md).
    // Generation is the generation of the slot's current or last handle; it is never 0 once used and
    // outlives a free, so the next handle of the slot is Generation + 1. Target is null when the slot
    // is free. Written only under s_gate, Generation before Target (Volatile.Write); a look-up reads
    // Target first (Volatile.Read), then Generation: whoever sees a new Target also sees its new
    // Generation, so a stale handle never reaches the object that reused its slot.
    private struct Slot
    {
        public object? Target;
        public uint Generation;
    }

    // The table in a class of its own with no static initializer, so a look-up has no
    // class-constructor check to make (ILC does not build an array of structs holding references
    // ahead of time: with an initializer the check stayed); null until the first handle.
    private static class Table
    {
        public static Slot[]? Slots;
    }

    private static readonly object s_gate = new();
    private static int[] s_owners = new int[64];   // handed out minus freed, per slot; under s_gate only
    private static int[] s_free = new int[64];
    private static int s_freeCount;
    private static int s_used;
    private static long s_live;

    // Under s_gate: the slot of each object with a live handle, by reference (never the object's own
    // Equals), and the disposable objects the table has disposed (weakly: an entry goes with its object).
    // Both are made on first use, under the lock, so the static constructor stays as small as it was
    // and nothing is added to the look-up path.
    private static Dictionary<object, int>? s_slots;
    private static ConditionalWeakTable<object, object>? s_disposed;

    // 64-bit: 32 bits of generation over 32 of index; 32-bit: 12 over 20.
    // A property of a constant, so the compiler folds it (a static field would cost an init check per call).
    private static int IndexBits => IntPtr.Size == 8 ? 32 : 20;

    /// <summary>How many handles are live: distinct handle values, however many owners each has.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <summary><c>PREFIX_live_handles</c>.</summary>
    public static long GetLive() => Live;

    /// <summary>
    /// The handle for <paramref name="target"/>, with one more owner: the live handle it already has,
    /// else a new one; null gives NULL. A disposable object this table has disposed is refused.
    /// </summary>
    public static void* Allocate(object? target)
    {
        if (target is null)
        {
            return null;
        }
        lock (s_gate)
        {
            Dictionary<object, int> slots = s_slots ??= new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            if (slots.TryGetValue(target, out int live))
            {
                s_owners[live] = checked(s_owners[live] + 1);
                return Value(live, Table.Slots![live].Generation);
            }
            if (target is IDisposable && s_disposed is { } disposed && disposed.TryGetValue(target, out _))
            {
                throw Disposed(target.GetType());
            }
            // Everything that can fail (growing the table, the map) comes before the slot is taken.
            bool reused = s_freeCount > 0;
            int index = reused ? s_free[s_freeCount - 1] : NextIndex();
            slots.Add(target, index);
            if (reused)
            {
                s_freeCount--;
            }
            else
            {
                s_used++;
            }
            ref Slot slot = ref Table.Slots![index];
            uint generation = slot.Generation + 1;
            if (generation > MaxGeneration || generation == 0)
            {
                generation = 1;
            }
            s_owners[index] = 1;
            slot.Generation = generation;
            Volatile.Write(ref slot.Target, target);
            Interlocked.Increment(ref s_live);
            return Value(index, generation);
        }
    }

    /// <summary>The object behind a handle, which must be live and of type <typeparamref name="T"/>.</summary>
    /// <remarks>
    /// Inlined into every entry point taking a handle, so it is kept to the checks safety needs (the
    /// slot exists, its generation matches, its object is a <typeparamref name="T"/>); NULL fails the
    /// slot check (index 0 - 1 wraps past the table) and is told apart on the failure path only.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Get<T>(void* handle, string parameter)
        where T : class
    {
        return Find(handle) is T target ? target : throw Refused(handle, parameter, typeof(T));
    }

    /// <summary>As <see cref="Get{T}"/>, but NULL is null.</summary>
    public static T? GetOptional<T>(void* handle, string parameter)
        where T : class => handle == null ? null : Get<T>(handle, parameter);

    /// <summary>
    /// <c>PREFIX_x_free</c>: one owner lets go of a handle (NULL is fine). The last one ends it and
    /// disposes its object if it is disposable; a handle with no owner left is refused as invalid.
    /// </summary>
    public static void Free<T>(void* handle)
        where T : class
    {
        if (handle == null)
        {
            return;
        }
        object target;
        lock (s_gate)
        {
            if (Find(handle) is not T found)
            {
                throw Invalid("handle", typeof(T));
            }
            int index = IndexOf(handle);
            if (s_owners[index] > 1)
            {
                s_owners[index]--;
                return;
            }
            target = found;
            if (target is IDisposable)
            {
                // Marked before the lock is let go: a return racing with this free is refused, never
                // handed an object that is about to be disposed (and would be disposed again).
                (s_disposed ??= new ConditionalWeakTable<object, object>()).AddOrUpdate(target, s_gate);
            }
            s_owners[index] = 0;
            Volatile.Write(ref Table.Slots![index].Target, null);
            s_free[s_freeCount++] = index;
            s_slots!.Remove(target);
            Interlocked.Decrement(ref s_live);
        }
        (target as IDisposable)?.Dispose();
    }

    private static uint MaxGeneration => IntPtr.Size == 8 ? uint.MaxValue : (1u << (32 - 20)) - 1;

    // The live object behind a handle, or null (a free slot, an old generation, an index past the table).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static object? Find(void* handle)
    {
        // One unsigned comparison refuses index 0 (NULL and forged values: 0 - 1 wraps) and every
        // index past the table, and lets the compiler drop the array's own bounds check.
        uint index = (uint)((nuint)handle & ((nuint)1 << IndexBits) - 1) - 1;
        Slot[]? slots = Volatile.Read(ref Table.Slots);
        if (slots is null || index >= (uint)slots.Length)
        {
            return null;
        }
        ref Slot slot = ref slots[(int)index];
        object? target = Volatile.Read(ref slot.Target);
        return Volatile.Read(ref slot.Generation) == (uint)((nuint)handle >> IndexBits) ? target : null;
    }

    // The slot of a handle Find accepted.
    private static int IndexOf(void* handle) => (int)((nuint)handle & ((nuint)1 << IndexBits) - 1) - 1;

    private static void* Value(int index, uint generation) => (void*)(((nuint)generation << IndexBits) | (nuint)(uint)(index + 1));

    // The next never-used slot, growing the table when full; the caller counts it used once it is taken.
    private static int NextIndex()
    {
        if (Table.Slots is null)
        {
            Volatile.Write(ref Table.Slots, new Slot[s_owners.Length]);
        }
        if (s_used == Table.Slots.Length)
        {
            int size = Table.Slots.Length * 2;
            if (IntPtr.Size == 4 && size > 1 << 20)
            {
                throw new OutOfMemoryException("too many live handles");
            }
            var slots = new Slot[size];
            Array.Copy(Table.Slots, slots, Table.Slots.Length);
            Array.Resize(ref s_owners, size);
            Array.Resize(ref s_free, size);
            Volatile.Write(ref Table.Slots, slots);
        }
        return s_used;
    }

    // Get's failure path, out of line: NULL is its own error.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CExportException Refused(void* handle, string parameter, Type type) =>
        handle == null ? Boundary.NullArgument(parameter) : Invalid(parameter, type);

    private static CExportException Invalid(string parameter, Type type) =>
        new(ErrorCode.InvalidHandle, NameOf(type) is { } name
            ? $"'{parameter}' is not a live {name} handle (freed, stale or forged)"
            : $"'{parameter}' is not a live handle of the expected type (freed, stale or forged)");

    private static CExportException Disposed(Type type) =>
        new(ErrorCode.InvalidOperation, (NameOf(type) is { } name ? $"this {name}" : "this object")
            + " was disposed when its last handle was freed; it cannot be handed out again");

    // Without reflection metadata (CdylibProfile=minimal) a type has no name to give; the code still tells.
    private static string? NameOf(Type type)
    {
        try
        {
            return type.Name;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
