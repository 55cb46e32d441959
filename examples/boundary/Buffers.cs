using System;
using Cdylib;

namespace Boundary;

/// <summary>Spans in (zero-copy over the caller's memory) and arrays out (library-owned).</summary>
public static class Buffers
{
    /// <summary>The FNV-1a 32-bit hash of <paramref name="data"/>.</summary>
    [CExport("bnd_checksum")]
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint hash = 2166136261;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }

    /// <summary>The sum of <paramref name="values"/>.</summary>
    [CExport("bnd_sum")]
    public static long Sum(ReadOnlySpan<int> values)
    {
        long sum = 0;
        foreach (int value in values)
        {
            sum += value;
        }
        return sum;
    }

    /// <summary>Doubles every value in place.</summary>
    [CExport("bnd_double_all")]
    public static void DoubleAll(Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= 2;
        }
    }

    /// <summary>The first <paramref name="count"/> squares, as a library-owned array (free it with bnd_free_buffer()).</summary>
    [CExport("bnd_squares")]
    public static int[] Squares(int count)
    {
        var squares = new int[count];
        for (int i = 0; i < count; i++)
        {
            squares[i] = i * i;
        }
        return squares;
    }

    /// <summary>The bytes of <paramref name="text"/> reversed; an empty string gives an empty (non-NULL) buffer.</summary>
    [CExport("bnd_reverse_bytes")]
    public static byte[] ReverseBytes(string text)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Array.Reverse(bytes);
        return bytes;
    }

    /// <summary>No array at all: NULL with length 0, and no error.</summary>
    [CExport("bnd_nothing")]
    public static byte[]? Nothing() => null;
}
