using System;
using System.ComponentModel;
using System.Threading;

namespace Cdylib.Runtime;

/// <summary>
/// The table behind opaque handles: C holds a number (index and generation packed into a
/// pointer-sized value), never a managed address, so a freed, stale or forged handle is found out
/// and reported as <see cref="ErrorCode.InvalidHandle"/> instead of touching memory. Look-ups take
/// no lock; creating and freeing do.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Handles
{
    // An entry never changes after it is published, so a reader sees the object and its generation together.
    private sealed class Entry
    {
        public Entry(object target, uint generation)
        {
            Target = target;
            Generation = generation;
        }

        public object Target { get; }

        public uint Generation { get; }
    }

    private static readonly object s_gate = new();
    private static Entry?[] s_entries = new Entry?[64];
    private static uint[] s_generations = new uint[64];
    private static int[] s_free = new int[64];
    private static int s_freeCount;
    private static int s_used;
    private static long s_live;

    // 64-bit: 32 bits of generation over 32 of index; 32-bit: 12 over 20.
    // A property of a constant, so the compiler folds it (a static field would cost an init check per call).
    private static int IndexBits => IntPtr.Size == 8 ? 32 : 20;

    /// <summary>How many handles are live.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <summary><c>PREFIX_live_handles</c>.</summary>
    public static long GetLive() => Live;

    /// <summary>A new handle for <paramref name="target"/>; null gives NULL.</summary>
    public static void* Allocate(object? target)
    {
        if (target is null)
        {
            return null;
        }
        lock (s_gate)
        {
            int index = s_freeCount > 0 ? s_free[--s_freeCount] : NextIndex();
            uint generation = s_generations[index] + 1;
            if (generation > MaxGeneration || generation == 0)
            {
                generation = 1;
            }
            s_generations[index] = generation;
            Volatile.Write(ref s_entries[index], new Entry(target, generation));
            Interlocked.Increment(ref s_live);
            return (void*)(((nuint)generation << IndexBits) | (nuint)(uint)(index + 1));
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

    /// <summary><c>PREFIX_x_free</c>: ends a handle (NULL is fine) and disposes its object if it is disposable.</summary>
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
            int index = IndexOf(handle);
            Volatile.Write(ref s_entries[index], null);
            s_free[s_freeCount++] = index;
            Interlocked.Decrement(ref s_live);
            target = entry.Target;
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
        return s_used++;
    }

    private static CExportException Invalid(string parameter, Type type) =>
        new(ErrorCode.InvalidHandle, NameOf(type) is { } name
            ? $"'{parameter}' is not a live {name} handle (freed, stale or forged)"
            : $"'{parameter}' is not a live handle of the expected type (freed, stale or forged)");

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
