using Cdylib.Abi.Model;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Maps a C# type to its C form, or explains why it has none and what to use instead.
/// </summary>
internal static class TypeMapper
{
    /// <summary>The marshalling of <paramref name="type"/>, or null with <paramref name="why"/> saying what to use instead.</summary>
    public static ValueMarshalling? Map(ITypeSymbol type, out string why)
    {
        why = "";
        string managed = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        AbiType? primitive = Primitive(type);
        if (primitive is not null)
        {
            bool isBool = type.SpecialType == SpecialType.System_Boolean;
            return new ValueMarshalling(primitive, isBool ? "byte" : managed, managed, isBool ? MarshalKind.Bool : MarshalKind.Identity);
        }
        if (type is IPointerTypeSymbol pointer)
        {
            string? pointee = PointeeC(pointer.PointedAtType);
            if (pointee is null)
            {
                why = $"a pointer to '{pointer.PointedAtType.ToDisplayString()}' has no C form; point to a primitive type, another pointer or void";
                return null;
            }
            return new ValueMarshalling(new AbiType(AbiTypeKind.Pointer, pointee + "*", type.ToDisplayString(), -1), managed, managed, MarshalKind.Identity);
        }
        why = Suggestion(type);
        return null;
    }

    /// <summary>The C spelling of what a pointer points at: primitives, <c>void</c> and pointers, recursively.</summary>
    private static string? PointeeC(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return "void";
        }
        if (type is IPointerTypeSymbol pointer)
        {
            string? inner = PointeeC(pointer.PointedAtType);
            return inner is null ? null : inner + "*";
        }
        return Primitive(type)?.C;
    }

    private static AbiType? Primitive(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean => new AbiType(AbiTypeKind.Bool, "bool", "bool", 1),
        SpecialType.System_SByte => Integer(signed: true, 1, "sbyte"),
        SpecialType.System_Byte => Integer(signed: false, 1, "byte"),
        SpecialType.System_Int16 => Integer(signed: true, 2, "short"),
        SpecialType.System_UInt16 => Integer(signed: false, 2, "ushort"),
        SpecialType.System_Int32 => Integer(signed: true, 4, "int"),
        SpecialType.System_UInt32 => Integer(signed: false, 4, "uint"),
        SpecialType.System_Int64 => Integer(signed: true, 8, "long"),
        SpecialType.System_UInt64 => Integer(signed: false, 8, "ulong"),
        SpecialType.System_IntPtr => new AbiType(AbiTypeKind.SignedInteger, "intptr_t", "nint", -1),
        SpecialType.System_UIntPtr => new AbiType(AbiTypeKind.UnsignedInteger, "uintptr_t", "nuint", -1),
        SpecialType.System_Single => new AbiType(AbiTypeKind.Float, "float", "float", 4),
        SpecialType.System_Double => new AbiType(AbiTypeKind.Float, "double", "double", 8),
        _ => null,
    };

    private static AbiType Integer(bool signed, int size, string managed) =>
        new(signed ? AbiTypeKind.SignedInteger : AbiTypeKind.UnsignedInteger, $"{(signed ? "" : "u")}int{size * 8}_t", managed, size);

    private static string Suggestion(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Char:
                return "C# char is a UTF-16 code unit; use ushort for one, or byte* for NUL-terminated UTF-8 text";
            case SpecialType.System_String:
                return "pass NUL-terminated UTF-8 text as byte* (const char* in C)";
            case SpecialType.System_Decimal:
                return "C has no decimal type; use double, or a scaled long";
            case SpecialType.System_Object:
                return "managed objects cannot cross as they are; pass an opaque handle (nint)";
        }
        return type switch
        {
            INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span =>
                $"spans are not supported yet; pass a pointer and a length instead ({span.TypeArguments[0].ToDisplayString()}* and nuint)",
            INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable =>
                $"C has no nullable values; pass a pointer that may be NULL ({nullable.TypeArguments[0].ToDisplayString()}*), or the value and a bool saying whether it is there",
            IArrayTypeSymbol array => $"pass a pointer and a length instead ({array.ElementType.ToDisplayString()}* and nuint)",
            INamedTypeSymbol { TypeKind: TypeKind.Enum } named => $"pass its underlying type ({named.EnumUnderlyingType?.ToDisplayString() ?? "int"}) instead",
            INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "pass a C function pointer (delegate* unmanaged) as nint instead",
            IFunctionPointerTypeSymbol => "pass the function pointer as nint (void* in C) instead",
            INamedTypeSymbol { TypeKind: TypeKind.Struct } named => $"pass a pointer to it ({named.ToDisplayString()}*) or its fields one by one instead",
            INamedTypeSymbol { IsReferenceType: true } => "managed objects cannot cross as they are; pass an opaque handle (nint) instead",
            _ => "use a fixed-width integer, float, double, bool, nint, nuint or a pointer instead",
        };
    }
}
