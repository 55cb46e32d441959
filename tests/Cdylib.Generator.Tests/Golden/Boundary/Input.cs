using System;
using Cdylib;

namespace Samples.Boundary;

/// <summary>A colour.</summary>
public enum Color : byte
{
    /// <summary>Red.</summary>
    Red = 1,
    Green = 2,
}

/// <summary>Signed values, including the most negative.</summary>
public enum Outcome : long
{
    Lost = -1,
    Worst = long.MinValue,
}

/// <summary>A point.</summary>
public struct Point
{
    /// <summary>Across.</summary>
    public int X;
    public int Y;
}

/// <summary>A pointer and a nested struct: different layouts on 32- and 64-bit.</summary>
public unsafe struct Shape
{
    public Color Fill;
    public Point Origin;
    public double* Weights;
    public long Count { get; set; }
}

[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 2)]
public struct Packed
{
    public byte A;
    public long B;
}

public static unsafe class Api
{
    [CExport("bnd_shapes")]
    public static Shape Shapes(Shape shape, ref Point point, ReadOnlySpan<Packed> packed) => shape;

    [CExport("bnd_points")]
    public static Point[] Points() => new Point[0];

    /// <summary>Greets someone.</summary>
    /// <param name="name">Who.</param>
    /// <returns>A greeting to free with bnd_free_string().</returns>
    [CExport("bnd_greet")]
    public static string Greet(string name) => name;

    [CExport("bnd_maybe")]
    public static string? Maybe(string? text) => text;

    [CExport("bnd_checksum")]
    public static uint Checksum(ReadOnlySpan<byte> data, Span<int> scratch) => 0;

    [CExport("bnd_squares")]
    public static int[] Squares(int count) => new int[count];

    [CExport("bnd_split")]
    public static bool Split(string pair, out string key, ref bool flag, in long step, out Color color) { key = pair; color = Color.Red; return flag; }

    /// <summary>Parses a number.</summary>
    /// <returns>The number.</returns>
    [CExport("bnd_parse", ReturnsStatus = true)]
    public static int Parse(string text) => 0;

    [CExport("bnd_reset", ReturnsStatus = true)]
    public static void Reset() { }

    [CExport("bnd_optional")]
    public static Outcome Optional(long? value, Outcome outcome) => outcome;

    [CExport("bnd_for_each")]
    public static long ForEach(delegate* unmanaged[Cdecl]<int, void*, int> visit, void* userData) => 0;

    // A span named so that its length's name is taken, and a parameter named like an added output.
    [CExport("bnd_names")]
    public static void Names(int data_len, ReadOnlySpan<byte> data, int out_len) { }
}

/// <summary>A counter held by C as a handle.</summary>
[CExport]
public sealed class Counter
{
    private long _value;

    [CExport("bnd_counter_new")]
    public static Counter Create(long start) => new() { _value = start };

    /// <summary>Adds to the counter.</summary>
    [CExport("bnd_counter_add")]
    public long Add(long self) => _value += self;

    [CExport("bnd_counter_merge")]
    public static Counter? Merge(Counter first, Counter? second) => first;
}
