using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Samples.Primitives;

/// <summary>Every primitive the C ABI carries, in and out, and every calling convention.</summary>
public static unsafe class Numbers
{
    [CExport]
    public static sbyte NegateI8(sbyte value) => (sbyte)-value;

    [CExport]
    public static byte AddU8(byte a, byte b) => (byte)(a + b);

    [CExport]
    public static short AddI16(short a, short b) => (short)(a + b);

    [CExport]
    public static ushort AddU16(ushort a, ushort b) => (ushort)(a + b);

    [CExport]
    public static int AddI32(int a, int b) => a + b;

    [CExport]
    public static uint AddU32(uint a, uint b) => a + b;

    [CExport]
    public static long AddI64(long a, long b) => a + b;

    [CExport]
    public static ulong AddU64(ulong a, ulong b) => a + b;

    // The framework spellings map like the keywords.
    [CExport]
    public static Int32 AddInt32(Int32 a, System.Int64 b) => (int)(a + b);

    [CExport]
    public static nint AddNint(nint a, nint b) => a + b;

    [CExport]
    public static nuint AddNuint(nuint a, IntPtr b) => a + (nuint)b;

    [CExport]
    public static float ScaleF32(float value, float factor) => value * factor;

    [CExport]
    public static double ScaleF64(double value, double factor) => value * factor;

    [CExport]
    public static bool Not(bool value) => !value;

    [CExport]
    public static bool IsPositive(double value) => value > 0;

    [CExport]
    public static void Accept(bool flag, sbyte i8, ushort u16, uint u32, ulong u64)
    {
    }

    [CExport]
    public static void Reset()
    {
    }

    [CExport]
    public static void Fill(byte* buffer, nuint length, byte value) => new Span<byte>(buffer, (int)length).Fill(value);

    [CExport]
    public static void* Identity(void* pointer) => pointer;

    [CExport]
    public static int Sum(int** rows, nuint count, nuint width)
    {
        int sum = 0;
        for (nuint row = 0; row < count; row++)
        {
            for (nuint column = 0; column < width; column++)
            {
                sum += rows[row][column];
            }
        }
        return sum;
    }

    [CExport]
    public static double* Largest(double* values, float* weights, bool* present, nint* offsets, void** slots) => values;

    [CExport("prim_version", CallingConvention = CallingConvention.StdCall)]
    public static uint Version() => 1;

    [CExport(CallingConvention = CallingConvention.Winapi)]
    public static int SystemConvention(int value) => value;

    [CExport(CallingConvention = CallingConvention.Cdecl)]
    public static int ExplicitCdecl(int value) => value;
}
