using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Tests;

/// <summary>Small ABI models to change one thing at a time.</summary>
internal static class Models
{
    public static readonly AbiType Int32 = AbiType.Int32;
    public static readonly AbiType Int64 = AbiType.Int64;
    public static readonly PrimitiveType Byte = new(Primitive.UInt8);

    public static AbiFunction Function(string name, AbiType returns, params AbiType[] parameters) => new(
        name,
        AbiCallingConvention.C,
        returns,
        parameters.Select((type, i) => new AbiParameter($"p{i}", type, null)).ToEquatableArray(),
        AbiFunctionOrigin.Declared,
        "Api." + name,
        AbiDoc.None);

    public static AbiEnum Color(params (string Name, string Value)[] members) => new(
        "Color", "Lib.Color", Byte,
        members.Select(m => new AbiEnumMember(m.Name, "COLOR_" + m.Name.ToUpperInvariant(), long.Parse(m.Value), null)).ToEquatableArray(),
        null);

    public static AbiStruct Point(params AbiType[] fields)
    {
        var layouts = fields.Select(f => new AbiLayout(f.Size, f.Size)).ToList();
        (int[] offsets, AbiLayout layout) = CLayout.Compute(layouts, 0);
        return new AbiStruct("Point", "Lib.Point",
            fields.Select((f, i) => new AbiField($"f{i}", f, offsets[i], offsets[i], null)).ToEquatableArray(), layout, layout, null);
    }

    public static AbiLibrary Library(AbiFunction[] functions, AbiEnum[]? enums = null, AbiStruct[]? structs = null) => new(
        "lib", "lib", "Lib", EquatableArray<AbiErrorCode>.Empty, functions.ToEquatableArray(), 1, 0,
        (enums ?? System.Array.Empty<AbiEnum>()).ToEquatableArray(), (structs ?? System.Array.Empty<AbiStruct>()).ToEquatableArray());
}
