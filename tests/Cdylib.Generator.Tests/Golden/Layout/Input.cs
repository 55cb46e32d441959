using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Samples.Layout;

/// <summary>A Guid beside an int: 20 bytes, the int at 16 (issue 13's repro).</summary>
public struct Rec
{
    public Guid Id;
    public int N;
}

/// <summary>A byte before two 128-bit integers: they sit at 16 and 32, the struct is 48 bytes.</summary>
public struct Wide
{
    public byte Tag;
    public Int128 Value;
    public UInt128 Mask;
}

/// <summary>Half and NFloat fields: NFloat is pointer-sized.</summary>
public struct Mixed
{
    public Half H;
    public NFloat F;
    public nint N;
}

public static unsafe class Api
{
    [CExport("lay_rec_n")]
    public static int RecN(Rec r) => r.N;

    [CExport("lay_make_rec")]
    public static Rec MakeRec(int n) => new Rec { N = n };

    [CExport("lay_guid")]
    public static Guid ParseGuid(string text) => Guid.Parse(text);

    [CExport("lay_guid_a")]
    public static uint GuidA(Guid id) => BitConverter.ToUInt32(id.ToByteArray(), 0);

    [CExport("lay_int128_max")]
    public static void Int128Max(out Int128 value) => value = Int128.MaxValue;

    [CExport("lay_int128_add")]
    public static void Add(in Int128 a, in Int128 b, out Int128 sum) => sum = a + b;

    [CExport("lay_uint128_sum")]
    public static ulong SumLow(ReadOnlySpan<UInt128> values, UInt128* total)
    {
        UInt128 sum = 0;
        foreach (UInt128 value in values)
        {
            sum += value;
        }
        *total = sum;
        return (ulong)sum;
    }

    [CExport("lay_wide_tag")]
    public static byte WideTag(in Wide wide) => wide.Tag;

    [CExport("lay_half_bits")]
    public static Half HalfOf(float value) => (Half)value;

    [CExport("lay_half_to_float")]
    public static float FloatOf(Half value) => (float)value;

    [CExport("lay_nfloat")]
    public static NFloat Twice(NFloat value) => value * 2;

    [CExport("lay_mixed")]
    public static Mixed MakeMixed(Half h, NFloat f, nint n) => new Mixed { H = h, F = f, N = n };

    [CExport("lay_optional")]
    public static bool Has(Int128? value) => value.HasValue;
}
