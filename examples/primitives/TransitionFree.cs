using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Primitives;

/// <summary>Two ints, passed and returned by value.</summary>
public struct Cell
{
    /// <summary>The column.</summary>
    public int X;

    /// <summary>The row.</summary>
    public int Y;
}

/// <summary>Two doubles, passed and returned by value (in SSE registers on x64, in d0/d1 on arm64).</summary>
public struct Vec2
{
    /// <summary>Across.</summary>
    public double X;

    /// <summary>Up.</summary>
    public double Y;
}

/// <summary>
/// Exports without the GC transition: C calls these methods directly, the runtime never starts for
/// them, and a call costs what a C call costs. Each takes and returns plain values and cannot
/// allocate or throw (the generator proves it, or refuses the method with CDY0021).
/// </summary>
public static unsafe class TransitionFree
{
    /// <summary>Wrapping 32-bit addition, with no GC transition.</summary>
    [CExport("prim_fast_add"), SuppressGCTransition]
    public static int Add(int a, int b) => unchecked(a + b);

    /// <summary>The sum of <paramref name="count"/> ints at <paramref name="values"/> (none when count is 0 or less).</summary>
    [CExport("prim_fast_sum"), SuppressGCTransition]
    public static long Sum(int* values, nint count)
    {
        long total = 0;
        for (nint i = 0; i < count; i++)
        {
            total += values[i];
        }
        return total;
    }

    /// <summary>The cell between two cells (rounded towards negative infinity).</summary>
    [CExport("prim_fast_middle"), SuppressGCTransition]
    public static Cell Middle(Cell a, Cell b) => new Cell { X = Half(a.X + b.X), Y = Half(a.Y + b.Y) };

    /// <summary>The vector scaled to length 1 (the zero vector stays zero).</summary>
    [CExport("prim_fast_normalize"), SuppressGCTransition]
    public static Vec2 Normalize(Vec2 v)
    {
        double length = Math.Sqrt(v.X * v.X + v.Y * v.Y);
        return length == 0 ? v : new Vec2 { X = v.X / length, Y = v.Y / length };
    }

    /// <summary>The number of set bits in <paramref name="value"/>.</summary>
    [CExport("prim_fast_popcount"), SuppressGCTransition]
    public static int PopCount(ulong value) => System.Numerics.BitOperations.PopCount(value);

    /// <summary>
    /// An ordinary export for the tests: allocates <paramref name="arrays"/> arrays and forces a full
    /// collection, so transition-free calls on other threads run while the GC moves objects.
    /// </summary>
    [CExport("prim_collect")]
    public static int Collect(int arrays)
    {
        int total = 0;
        for (int i = 0; i < arrays; i++)
        {
            total += new byte[64 + i % 512].Length > 0 ? 1 : 0;
        }
        GC.Collect();
        return total;
    }

    private static int Half(int value) => value >> 1;
}
