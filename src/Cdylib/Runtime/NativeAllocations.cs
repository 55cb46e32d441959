using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;

namespace Cdylib.Runtime;

/// <summary>
/// The memory a library hands to its caller (returned strings and arrays). Every block carries a
/// small header so the library's own free functions can refuse a pointer they did not hand out or
/// already took back, and a live count the tests (and leak-hunting users) read through
/// <c>PREFIX_live_allocations()</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class NativeAllocations
{
    // 16 bytes keep the payload as aligned as malloc's.
    private const int HeaderSize = 16;
    private const ulong LiveMagic = 0x43_44_59_4C_49_42_21_41;   // "CDYLIB!A"
    private const ulong FreedMagic = 0x43_44_59_4C_49_42_2D_46;  // "CDYLIB-F"

    private static long s_live;

    /// <summary>How many blocks are handed out and not yet freed.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <summary><c>PREFIX_free_string</c>: takes back a string the library returned.</summary>
    public static void FreeString(byte* text) => Free(text, "the string passed to free_string");

    /// <summary><c>PREFIX_free_buffer</c>: takes back an array the library returned.</summary>
    public static void FreeBuffer(void* buffer) => Free(buffer, "the buffer passed to free_buffer");

    /// <summary><c>PREFIX_live_allocations</c>: strings and buffers handed out and not yet freed.</summary>
    public static long GetLive() => Live;

    /// <summary>A block of <paramref name="size"/> bytes owned by the caller until <see cref="Free"/>.</summary>
    public static void* Allocate(nuint size)
    {
        byte* block = (byte*)NativeMemory.Alloc(size + HeaderSize);
        *(ulong*)block = LiveMagic;
        *(ulong*)(block + 8) = size;
        Interlocked.Increment(ref s_live);
        return block + HeaderSize;
    }

    /// <summary>Takes back a block from <see cref="Allocate"/>; NULL is fine, anything else it did not hand out is an error.</summary>
    public static void Free(void* pointer, string what)
    {
        if (pointer == null)
        {
            return;
        }
        if (((nuint)pointer & 7) != 0)
        {
            throw new CExportException(ErrorCode.InvalidArgument, $"{what} was not returned by this library");
        }
        byte* block = (byte*)pointer - HeaderSize;
        switch (*(ulong*)block)
        {
            case LiveMagic:
                *(ulong*)block = FreedMagic;
                Interlocked.Decrement(ref s_live);
                NativeMemory.Free(block);
                return;
            case FreedMagic:
                throw new CExportException(ErrorCode.InvalidArgument, $"{what} was already freed");
            default:
                throw new CExportException(ErrorCode.InvalidArgument, $"{what} was not returned by this library");
        }
    }
}
