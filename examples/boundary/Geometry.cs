using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Boundary;

/// <summary>A point in the plane.</summary>
public struct Point
{
    public int X;
    public int Y;
}

/// <summary>An axis-aligned box: structs inside a struct, and an enum that leaves padding.</summary>
public struct Box
{
    /// <summary>The corner with the smaller coordinates.</summary>
    public Point Min;
    public Point Max;
    public Color Fill;
}

/// <summary>A struct with a pointer, so its layout differs between 32- and 64-bit targets.</summary>
public unsafe struct Samples
{
    public byte Tag;
    public double* Values;
    public long Count;
}

/// <summary>Packed to one byte: no padding at all.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct Packed
{
    public byte A;
    public int B;
}

/// <summary>Blittable structs by value, by reference, in spans and in arrays.</summary>
public static unsafe class Geometry
{
    /// <summary>The area of <paramref name="box"/>.</summary>
    [CExport("bnd_box_area")]
    public static long Area(Box box) => (long)(box.Max.X - box.Min.X) * (box.Max.Y - box.Min.Y);

    /// <summary>The box moved by <paramref name="by"/>.</summary>
    [CExport("bnd_translate")]
    public static Box Translate(Box box, Point by) => new()
    {
        Min = new Point { X = box.Min.X + by.X, Y = box.Min.Y + by.Y },
        Max = new Point { X = box.Max.X + by.X, Y = box.Max.Y + by.Y },
        Fill = box.Fill,
    };

    /// <summary>Swaps the corners of a box given the wrong way round, in place.</summary>
    [CExport("bnd_normalize")]
    public static void Normalize(ref Box box)
    {
        (int minX, int maxX) = (Math.Min(box.Min.X, box.Max.X), Math.Max(box.Min.X, box.Max.X));
        (int minY, int maxY) = (Math.Min(box.Min.Y, box.Max.Y), Math.Max(box.Min.Y, box.Max.Y));
        box.Min = new Point { X = minX, Y = minY };
        box.Max = new Point { X = maxX, Y = maxY };
    }

    /// <summary>The integer centroid of <paramref name="points"/>; an empty span is an error.</summary>
    [CExport("bnd_centroid")]
    public static Point Centroid(ReadOnlySpan<Point> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("no points", nameof(points));
        }
        long x = 0, y = 0;
        foreach (Point point in points)
        {
            x += point.X;
            y += point.Y;
        }
        return new Point { X = (int)(x / points.Length), Y = (int)(y / points.Length) };
    }

    /// <summary>The four corners of <paramref name="box"/>, as a library-owned array.</summary>
    [CExport("bnd_corners")]
    public static Point[] Corners(Box box) => new[]
    {
        box.Min,
        new Point { X = box.Max.X, Y = box.Min.Y },
        box.Max,
        new Point { X = box.Min.X, Y = box.Max.Y },
    };

    /// <summary>The sum of the samples a <see cref="Samples"/> points at.</summary>
    [CExport("bnd_samples_sum")]
    public static double SamplesSum(in Samples samples)
    {
        double sum = 0;
        for (long i = 0; i < samples.Count; i++)
        {
            sum += samples.Values[i];
        }
        return sum;
    }

    /// <summary>A packed struct, five bytes wide.</summary>
    [CExport("bnd_packed")]
    public static Packed MakePacked(byte a, int b) => new() { A = a, B = b };
}
