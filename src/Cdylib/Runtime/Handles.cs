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
    // The object and its generation never change after an entry is published, so a reader sees them
    // together. Owners (handed out minus freed) is read and written only under s_gate; look-ups never read it.
    private sealed class Entry
    {
        public Entry(object target, uint generation)
        {
            Target = target;
            Generation = generation;
        }

        public object Target { get; }

        public uint Generation { get; }

        public int Owners;
    }

    private static readonly object s_gate = new();
    private static Entry?[] s_entries = new Entry?[64];
    private static uint[] s_generations = new uint[64];
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
                Entry entry = s_entries[live]!;
                entry.Owners = checked(entry.Owners + 1);
                return Value(live, entry.Generation);
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
            uint generation = s_generations[index] + 1;
            if (generation > MaxGeneration || generation == 0)
            {
                generation = 1;
            }
            s_generations[index] = generation;
            Volatile.Write(ref s_entries[index], new Entry(target, generation) { Owners = 1 });
            Interlocked.Increment(ref s_live);
            return Value(index, generation);
        }
    }

    /// <summary>The object behind a handle, which must be live and of type <typeparamref name="T"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static T Get<T>(void* handle, string parameter)
        where T : class
    {
        if (handle == null)
        {
            throw Boundary.NullArgument(parameter);
        }
        return Find(handle) is { Target: T target } ? target : throw Invalid(parameter, typeof(T));
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
            if (Find(handle) is not { Target: T } entry)
            {
                throw Invalid("handle", typeof(T));
            }
            if (entry.Owners > 1)
            {
                entry.Owners--;
                return;
            }
            target = entry.Target;
            if (target is IDisposable)
            {
                // Marked before the lock is let go: a return racing with this free is refused, never
                // handed an object that is about to be disposed (and would be disposed again).
                (s_disposed ??= new ConditionalWeakTable<object, object>()).AddOrUpdate(target, s_gate);
            }
            int index = IndexOf(handle);
            Volatile.Write(ref s_entries[index], null);
            s_free[s_freeCount++] = index;
            s_slots!.Remove(target);
            Interlocked.Decrement(ref s_live);
        }
        (target as IDisposable)?.Dispose();
    }

    private static uint MaxGeneration => IntPtr.Size == 8 ? uint.MaxValue : (1u << (32 - 20)) - 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Entry? Find(void* handle)
    {
        int index = IndexOf(handle);
        uint generation = (uint)((nuint)handle >> IndexBits);
        Entry?[] entries = Volatile.Read(ref s_entries);
        if (index < 0 || index >= entries.Length)
        {
            return null;
        }
        Entry? entry = Volatile.Read(ref entries[index]);
        return entry is not null && entry.Generation == generation ? entry : null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(void* handle)
    {
        ulong low = (ulong)(nuint)handle & ((1UL << IndexBits) - 1);
        return low == 0 || low > int.MaxValue ? -1 : (int)low - 1;
    }

    private static void* Value(int index, uint generation) => (void*)(((nuint)generation << IndexBits) | (nuint)(uint)(index + 1));

    // The next never-used slot, growing the table when full; the caller counts it used once it is taken.
    private static int NextIndex()
    {
        if (s_used == s_entries.Length)
        {
            int size = s_entries.Length * 2;
            if (IntPtr.Size == 4 && size > 1 << 20)
            {
                throw new OutOfMemoryException("too many live handles");
            }
            var entries = new Entry?[size];
            Array.Copy(s_entries, entries, s_entries.Length);
            Array.Resize(ref s_generations, size);
            Array.Resize(ref s_free, size);
            Volatile.Write(ref s_entries, entries);
        }
        return s_used;
    }

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
