using System;
using System.Globalization;
using System.Runtime.InteropServices;
using Cdylib;

namespace Layout;

/// <summary>A Guid beside an int: 20 bytes, N at offset 16.</summary>
public struct Rec
{
    /// <summary>The record's id.</summary>
    public Guid Id;

    /// <summary>The record's number.</summary>
    public int N;
}

/// <summary>A byte before two 128-bit integers: they sit at 16 and 32, the struct is 48 bytes.</summary>
public struct Wide
{
    /// <summary>A tag byte; 15 bytes of padding follow it.</summary>
    public byte Tag;

    /// <summary>A signed 128-bit value.</summary>
    public Int128 Value;

    /// <summary>An unsigned 128-bit value.</summary>
    public UInt128 Mask;
}

/// <summary>A Half, an NFloat (pointer-sized) and an nint.</summary>
public struct Mixed
{
    /// <summary>The bits of a Half.</summary>
    public Half H;

    /// <summary>A double on 64-bit targets, a float on 32-bit ones.</summary>
    public NFloat F;

    /// <summary>A pointer-sized integer.</summary>
    public nint N;
}

/// <summary>Issue 13's repro and one round trip for each .NET struct with a C form.</summary>
public static class Api
{
    /// <summary>The record's number.</summary>
    [CExport("lay_rec_n")] public static int RecN(Rec r) => r.N;

    /// <summary>A record with number <paramref name="n"/> and the id 00112233-4455-6677-8899-aabbccddeeff.</summary>
    [CExport("lay_make_rec")]
    public static Rec MakeRec(int n) => new Rec { Id = new Guid("00112233-4455-6677-8899-aabbccddeeff"), N = n };

    /// <summary>Like lay_make_rec, but a negative number is an error (the result is then all zero).</summary>
    [CExport("lay_make_rec_checked")]
    public static Rec MakeRecChecked(int n) => n >= 0 ? MakeRec(n) : throw new ArgumentOutOfRangeException(nameof(n), "must not be negative");

    /// <summary>The sum of the records' numbers (their stride in C must be 20 bytes).</summary>
    [CExport("lay_rec_sum")]
    public static long RecSum(ReadOnlySpan<Rec> records)
    {
        long sum = 0;
        foreach (Rec record in records)
        {
            sum += record.N;
        }
        return sum;
    }

    /// <summary>The record's id as Guid.ToString() writes it.</summary>
    [CExport("lay_rec_id")] public static string RecId(in Rec r) => r.Id.ToString();

    /// <summary>Parses a Guid's text form.</summary>
    [CExport("lay_guid_parse")] public static Guid ParseGuid(string text) => Guid.Parse(text);

    /// <summary>The Guid's text form.</summary>
    [CExport("lay_guid_format")] public static string FormatGuid(Guid id) => id.ToString();

    /// <summary>Int128.MaxValue.</summary>
    [CExport("lay_int128_max")] public static void Int128Max(out Int128 value) => value = Int128.MaxValue;

    /// <summary>Int128.MinValue.</summary>
    [CExport("lay_int128_min")] public static void Int128Min(out Int128 value) => value = Int128.MinValue;

    /// <summary>UInt128.MaxValue.</summary>
    [CExport("lay_uint128_max")] public static void UInt128Max(out UInt128 value) => value = UInt128.MaxValue;

    /// <summary>Wrapping 128-bit addition.</summary>
    [CExport("lay_int128_add")] public static void Add(in Int128 a, in Int128 b, out Int128 sum) => sum = unchecked(a + b);

    /// <summary>The value in decimal.</summary>
    [CExport("lay_int128_format")] public static string Format(in Int128 value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Wide with the tag, Int128.MinValue + 1 and UInt128.MaxValue - 1.</summary>
    [CExport("lay_wide_make")]
    public static void MakeWide(byte tag, out Wide wide) => wide = new Wide { Tag = tag, Value = Int128.MinValue + 1, Mask = UInt128.MaxValue - 1 };

    /// <summary>"tag value mask" in decimal.</summary>
    [CExport("lay_wide_format")]
    public static string FormatWide(in Wide wide) => FormattableString.Invariant($"{wide.Tag} {wide.Value} {wide.Mask}");

    /// <summary>The Half nearest to <paramref name="value"/>, as its 16 bits.</summary>
    [CExport("lay_half_of")] public static Half HalfOf(float value) => (Half)value;

    /// <summary>The value of a Half given as its 16 bits.</summary>
    [CExport("lay_half_value")] public static float HalfValue(Half value) => (float)value;

    /// <summary>value × factor in the platform's native float.</summary>
    [CExport("lay_nfloat_scale")] public static NFloat Scale(NFloat value, NFloat factor) => value * factor;

    /// <summary>A Mixed made of its three parts.</summary>
    [CExport("lay_mixed_make")] public static Mixed MakeMixed(Half h, NFloat f, nint n) => new Mixed { H = h, F = f, N = n };

    /// <summary>"h f n" of a Mixed.</summary>
    [CExport("lay_mixed_format")]
    public static string FormatMixed(Mixed mixed) => FormattableString.Invariant($"{(float)mixed.H} {mixed.F.Value} {mixed.N}");
}
