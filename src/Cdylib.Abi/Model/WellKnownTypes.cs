namespace Cdylib.Abi.Model;

/// <summary>
/// The .NET structs from outside a library that still have a C form of their own, because .NET
/// promises their layout: <c>Int128</c>/<c>UInt128</c> (C's 128-bit integers), <c>Half</c> (its 16
/// bits as <c>uint16_t</c>), <c>NFloat</c> (<c>double</c> on 64-bit targets, <c>float</c> on 32-bit
/// ones) and <c>Guid</c> (a C struct of Windows' <c>GUID</c> layout). Every other struct from
/// outside the library is refused by the generator (see docs/abi.md, "Types").
/// </summary>
/// <remarks>
/// The 128-bit integers and the native float have no <c>&lt;stdint.h&gt;</c> name, so the header
/// declares them once, under these shared names guarded by <see cref="Int128Guard"/> and
/// <see cref="NFloatGuard"/>: two Cdylib headers in one translation unit declare the same types.
/// </remarks>
public static class WellKnownTypes
{
    public const string Int128C = "cdylib_int128_t";

    public const string UInt128C = "cdylib_uint128_t";

    public const string NFloatC = "cdylib_nfloat_t";

    public const string Int128Guard = "CDYLIB_INT128_DEFINED";

    public const string NFloatGuard = "CDYLIB_NFLOAT_DEFINED";

    /// <summary>The C struct <c>System.Guid</c> becomes.</summary>
    public const string GuidName = "Guid";

    /// <summary><c>Int128</c>: 16 bytes, 16-byte aligned (as .NET lays it out on every target but 32-bit ARM).</summary>
    public static PrimitiveType Int128 { get; } = new(Primitive.Int128);

    public static PrimitiveType UInt128 { get; } = new(Primitive.UInt128);

    /// <summary><c>Half</c>: its IEEE 754 binary16 bits.</summary>
    public static PrimitiveType Half { get; } = new(Primitive.Half);

    /// <summary><c>NFloat</c>: pointer-sized, so its size is -1 (8 bytes on 64-bit targets, 4 on 32-bit).</summary>
    public static PrimitiveType NFloat { get; } = new(Primitive.NFloat);

    /// <summary>The C# type whose C struct is <see cref="GuidStruct"/>.</summary>
    public const string GuidManaged = "System.Guid";

    /// <summary>
    /// <c>System.Guid</c> as .NET lays it out (<c>int _a; short _b, _c; byte _d … _k;</c>), with the
    /// unsigned types of Windows' <c>GUID</c>, which has the same 16 bytes: a is Data1, b Data2, c Data3
    /// and d … k are Data4[0 … 7].
    /// </summary>
    public static AbiStruct GuidStruct { get; } = CreateGuid();

    /// <summary>A 128-bit integer, which .NET does not yet pass by value as C does (dotnet/runtime#74209).</summary>
    public static bool Is128BitInteger(AbiType type) =>
        type is PrimitiveType { Primitive: Primitive.Int128 or Primitive.UInt128 };

    private static AbiStruct CreateGuid()
    {
        var u8 = new PrimitiveType(Primitive.UInt8);
        var u16 = new PrimitiveType(Primitive.UInt16);
        var u32 = new PrimitiveType(Primitive.UInt32);
        var fields = new System.Collections.Generic.List<AbiField>
        {
            new("a", u32, 0, 0, "The first 8 hex digits of the text form (GUID.Data1)."),
            new("b", u16, 4, 4, "The next 4 hex digits (GUID.Data2)."),
            new("c", u16, 6, 6, "The next 4 hex digits (GUID.Data3)."),
        };
        const string bytes = "defghijk";
        for (int i = 0; i < bytes.Length; i++)
        {
            fields.Add(new AbiField(bytes[i].ToString(), u8, 8 + i, 8 + i, $"Byte {i + 1} of the last 16 hex digits, in text order (GUID.Data4[{i}])."));
        }
        return new AbiStruct(
            GuidName,
            GuidManaged,
            fields.ToEquatableArray(),
            new AbiLayout(16, 4),
            new AbiLayout(16, 4),
            "A System.Guid: 16 bytes as .NET lays them out, which are also the bytes of Windows' GUID. Its text form "
            + "aaaaaaaa-bbbb-cccc-ddee-ffgghhiijjkk (Guid.ToString()) shows a, b and c as hexadecimal numbers and d … k as bytes in order.");
    }
}
