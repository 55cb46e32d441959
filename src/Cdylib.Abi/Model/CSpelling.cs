using System;
using System.Linq;

namespace Cdylib.Abi.Model;

/// <summary>
/// How C spells each <see cref="AbiType"/>: the one place the header, the C signatures, the API hash,
/// <c>cdylib diff</c> and the ABI file's informative <c>"c"</c> field take C text from.
/// </summary>
public static class CSpelling
{
    /// <summary>The C type of a value (<c>int32_t</c>, <c>const char*</c>, <c>const uint8_t*</c> for a span's pointer, <c>int32_t (*)(int32_t, void*)</c>).</summary>
    public static string Of(AbiType type) => type switch
    {
        PrimitiveType primitive => Of(primitive.Primitive),
        PointerType pointer => (pointer.IsConst ? "const " : "") + Of(pointer.Pointee) + "*",
        FunctionPointerType function => $"{Of(function.Returns)} (*)({(function.Parameters.Count == 0 ? "void" : string.Join(", ", function.Parameters.Select(Of)))})",
        StringType text => text.Ownership == Ownership.Borrowed ? "const char*" : "char*",
        SpanType span => (span.Writable ? "" : "const ") + Of(span.Element) + "*",
        OwnedArrayType array => Of(array.Element) + "*",
        ReferenceType reference => (reference.Kind == ReferenceKind.In ? "const " : "") + Of(reference.Target) + "*",
        OptionalType optional => "const " + Of(optional.Value) + "*",
        EnumRef enumeration => enumeration.Name,
        StructRef structure => structure.Name,
        HandleRef handle => handle.Name + "*",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a C type"),
    };

    public static string Of(Primitive primitive) => primitive switch
    {
        Primitive.Void => "void",
        Primitive.Bool => "bool",
        Primitive.Char => "char",
        Primitive.Int8 => "int8_t",
        Primitive.UInt8 => "uint8_t",
        Primitive.Int16 => "int16_t",
        Primitive.UInt16 or Primitive.Half => "uint16_t",
        Primitive.Int32 => "int32_t",
        Primitive.UInt32 => "uint32_t",
        Primitive.Int64 => "int64_t",
        Primitive.UInt64 => "uint64_t",
        Primitive.IntPtr => "intptr_t",
        Primitive.UIntPtr => "uintptr_t",
        Primitive.SizeT => "size_t",
        Primitive.Float => "float",
        Primitive.Double => "double",
        Primitive.Int128 => WellKnownTypes.Int128C,
        Primitive.UInt128 => WellKnownTypes.UInt128C,
        Primitive.NFloat => WellKnownTypes.NFloatC,
        _ => throw new ArgumentOutOfRangeException(nameof(primitive), primitive, null),
    };

    /// <summary>A declaration of <paramref name="name"/>: <c>int32_t count</c>; a function pointer's name goes inside its type (<c>void (*callback)(void*)</c>).</summary>
    public static string Declaration(AbiType type, string name)
    {
        string c = Of(type);
        return type is FunctionPointerType ? c.Replace("(*)", $"(*{name})") : c + " " + name;
    }

    /// <summary>
    /// A C integer literal of <paramref name="value"/> for <paramref name="underlying"/> that means the same in
    /// every C and C++ dialect the header supports (<c>4294967295u</c>, <c>(-2147483647 - 1)</c>).
    /// </summary>
    public static string Literal(long value, PrimitiveType underlying)
    {
        string text = underlying.IsSigned ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : ((ulong)value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (underlying.IsSigned, underlying.Size) switch
        {
            (false, 8) => text + "ull",
            (false, 4) => text + "u",
            (true, 8) when value == long.MinValue => "(-9223372036854775807ll - 1)",
            (true, 8) => text + "ll",
            (true, 4) when value == int.MinValue => "(-2147483647 - 1)",
            _ => text,
        };
    }
}
