using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Cdylib.Abi.Model;
using Cdylib.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Maps a C# type to its C form and the way a shim carries it, or explains why it has none and
/// what to use instead. Enums it meets are collected for the header's typedefs.
/// </summary>
internal sealed class TypeMapper
{
    private readonly List<AbiEnum> _enums = new();
    private readonly List<AbiStruct> _structs = new();

    /// <summary>The enums the mapped types used, each once.</summary>
    public IReadOnlyList<AbiEnum> Enums => _enums;

    /// <summary>The structs the mapped types used, each once and after the structs it contains.</summary>
    public IReadOnlyList<AbiStruct> Structs => _structs;

    /// <summary>A parameter's marshalling, or null with <paramref name="why"/> saying what to use instead.</summary>
    public ValueMarshalling? Parameter(IParameterSymbol parameter, out string why)
    {
        ITypeSymbol type = parameter.Type;
        if (parameter.RefKind != RefKind.None)
        {
            return Reference(type, RefKeyword(parameter.RefKind), out why);
        }
        why = "";
        if (Handle(type) is { } handle)
        {
            return new ValueMarshalling(handle, "void*", Qualified(type), MarshalKind.HandleIn) { AllowsNull = parameter.NullableAnnotation == NullableAnnotation.Annotated };
        }
        if (type.SpecialType == SpecialType.System_String)
        {
            var abi = new AbiType(AbiTypeKind.Utf8String, "const char*", Display(type, parameter.NullableAnnotation), -1);
            return new ValueMarshalling(abi, "byte*", "string", MarshalKind.StringIn) { AllowsNull = parameter.NullableAnnotation == NullableAnnotation.Annotated };
        }
        if (type is INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span && IsSpan(span, out bool writable))
        {
            ITypeSymbol element = span.TypeArguments[0];
            if (Blittable(element) is not { } elementAbi)
            {
                why = $"the elements of a span must be primitives or enums ('{element.ToDisplayString()}' is not)";
                return null;
            }
            string constness = writable ? "" : "const ";
            var abi = new AbiType(writable ? AbiTypeKind.MutableSpan : AbiTypeKind.Span, $"{constness}{elementAbi.C}*", type.ToDisplayString(), -1) { Element = elementAbi };
            return new ValueMarshalling(abi, Qualified(element) + "*", Qualified(type), MarshalKind.SpanIn);
        }
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && Blittable(nullable.TypeArguments[0]) is { } valueAbi)
        {
            var abi = new AbiType(AbiTypeKind.Optional, $"const {valueAbi.C}*", type.ToDisplayString(), -1) { Element = valueAbi };
            return new ValueMarshalling(abi, Qualified(nullable.TypeArguments[0]) + "*", Qualified(type), MarshalKind.Optional);
        }
        return Value(type, out why);
    }

    /// <summary>A return type's marshalling, or null with <paramref name="why"/> saying what to use instead.</summary>
    public ValueMarshalling? Return(ITypeSymbol type, out string why)
    {
        why = "";
        if (Handle(type) is { } handle)
        {
            return new ValueMarshalling(handle, "void*", Qualified(type), MarshalKind.HandleOut);
        }
        if (type.SpecialType == SpecialType.System_String)
        {
            return StringOut(type);
        }
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (Blittable(array.ElementType) is not { } elementAbi)
            {
                why = $"arrays of '{array.ElementType.ToDisplayString()}' have no C form; return an array of primitives or enums";
                return null;
            }
            var abi = new AbiType(AbiTypeKind.OwnedArray, elementAbi.C + "*", type.ToDisplayString(), -1) { Element = elementAbi };
            return new ValueMarshalling(abi, Qualified(array.ElementType) + "*", Qualified(type), MarshalKind.ArrayOut);
        }
        if (type is IFunctionPointerTypeSymbol)
        {
            why = "returning a function pointer is not supported; return it as nint (void* in C)";
            return null;
        }
        return Value(type, out why);
    }

    private ValueMarshalling? Reference(ITypeSymbol type, string keyword, out string why)
    {
        why = "";
        ValueMarshalling? element = type.SpecialType == SpecialType.System_String && keyword == "out"
            ? StringOut(type)
            : Value(type, out why);
        if (element is null || element.Abi.Kind == AbiTypeKind.FunctionPointer || Handle(type) is not null)
        {
            why = $"'{keyword}' works for primitives, bool, enums, pointers and (out only) string; pass a pointer ({type.ToDisplayString()}*) instead";
            return null;
        }
        string constness = keyword == "in" ? "const " : "";
        var abi = new AbiType(AbiTypeKind.Reference, $"{constness}{element.Abi.C}*", $"{keyword} {type.ToDisplayString()}", -1) { Element = element.Abi };
        string shimType = element.Kind == MarshalKind.StringOut ? "byte**" : element.ShimType + "*";
        return new ValueMarshalling(abi, shimType, Qualified(type), MarshalKind.Reference) { Element = element, RefKeyword = keyword };
    }

    private static ValueMarshalling StringOut(ITypeSymbol type) =>
        new(new AbiType(AbiTypeKind.OwnedUtf8String, "char*", type.ToDisplayString(), -1), "byte*", "string", MarshalKind.StringOut);

    /// <summary>A value passed as it is: primitives, bool, enums, pointers, function pointers.</summary>
    private ValueMarshalling? Value(ITypeSymbol type, out string why)
    {
        why = "";
        string managed = Qualified(type);
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return new ValueMarshalling(Primitive(type)!, "byte", managed, MarshalKind.Bool);
        }
        if (Blittable(type) is { } abi)
        {
            return new ValueMarshalling(abi, managed, managed, MarshalKind.Identity);
        }
        if (type is IPointerTypeSymbol pointer)
        {
            string? pointee = PointeeC(pointer.PointedAtType);
            if (pointee is null)
            {
                why = $"a pointer to '{pointer.PointedAtType.ToDisplayString()}' has no C form; point to a primitive type, an enum, a blittable struct, another pointer or void";
                return null;
            }
            return new ValueMarshalling(new AbiType(AbiTypeKind.Pointer, pointee + "*", type.ToDisplayString(), -1), managed, managed, MarshalKind.Identity);
        }
        if (type is IFunctionPointerTypeSymbol functionPointer)
        {
            string? c = FunctionPointerC(functionPointer.Signature, out why);
            return c is null ? null : new ValueMarshalling(new AbiType(AbiTypeKind.FunctionPointer, c, type.ToDisplayString(), -1), managed, managed, MarshalKind.Identity);
        }
        why = Suggestion(type);
        return null;
    }

    /// <summary>The receiver of an instance method of an exported class: its handle, never NULL.</summary>
    public ValueMarshalling Self(INamedTypeSymbol type) => new(Handle(type)!, "void*", Qualified(type), MarshalKind.HandleIn);

    /// <summary>A class marked [CExport]: an opaque handle type.</summary>
    private static AbiType? Handle(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && IsHandleType(named)
            ? new AbiType(AbiTypeKind.Handle, named.Name + "*", named.ToDisplayString(), -1) { Name = named.Name }
            : null;

    public static bool IsHandleType(INamedTypeSymbol type) =>
        type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == CExportGenerator.AttributeName);

    /// <summary>Types whose C# and C representations are the same bytes: primitives other than bool, enums and blittable structs.</summary>
    private AbiType? Blittable(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return null;
        }
        return Primitive(type) ?? Enum(type) ?? Struct(type);
    }

    private AbiType? Struct(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } structType || WhyNotStruct(structType) is not null)
        {
            return null;
        }
        string name = structType.Name;
        if (!_structs.Any(known => known.Name == name))
        {
            var fields = InstanceFields(structType).ToList();
            var types = fields.Select(field => FieldType(field.Type)!).ToList();
            AbiStruct? Known(string structName) => _structs.FirstOrDefault(known => known.Name == structName);
            int pack = Pack(structType);
            (int[] offsets64, AbiLayout layout64) = CLayout.Compute(types.Select(t => CLayout.Of(t, 8, Known)).ToList(), pack);
            (int[] offsets32, AbiLayout layout32) = CLayout.Compute(types.Select(t => CLayout.Of(t, 4, Known)).ToList(), pack);
            IReadOnlyList<string> names = CNames.Parameters(fields.Select(field => (FieldName(field), false)));
            _structs.Add(new AbiStruct(
                name,
                structType.ToDisplayString(),
                fields.Select((field, i) => new AbiField(names[i], types[i], offsets64[i], offsets32[i], DocComments.For(field.AssociatedSymbol ?? field, default).Function.Summary)).ToEquatableArray(),
                layout64,
                layout32,
                DocComments.For(structType, default).Function.Summary) { Pack = pack });
        }
        return new AbiType(AbiTypeKind.Struct, name, structType.ToDisplayString(), -1) { Name = name };
    }

    /// <summary>Why a struct cannot cross by value, or null when it can.</summary>
    private string? WhyNotStruct(INamedTypeSymbol type)
    {
        if (type.IsGenericType)
        {
            return "generic structs have no single C layout; declare a non-generic struct";
        }
        if (type.IsRefLikeType)
        {
            return "ref structs cannot cross the boundary";
        }
        if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal || CNames.WhyInvalid(type.Name) is not null)
        {
            return "the struct must be internal or public and named like a C identifier";
        }
        if (type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute") is { } layout
            && layout.ConstructorArguments.FirstOrDefault().Value is int kind && kind != 0)
        {
            return "only LayoutKind.Sequential (the default) has a C layout the header can state; remove the explicit layout";
        }
        foreach (IFieldSymbol field in InstanceFields(type))
        {
            if (field.IsFixedSizeBuffer)
            {
                return $"field '{FieldName(field)}' is a fixed-size buffer, which is not supported yet; use separate fields";
            }
            if (FieldType(field.Type) is null)
            {
                return $"field '{FieldName(field)}' has type '{field.Type.ToDisplayString()}'; struct fields must be fixed-width integers, float, double, enums, pointers or such structs (use byte for bool)";
            }
        }
        return null;
    }

    private AbiType? FieldType(ITypeSymbol type) =>
        type is IPointerTypeSymbol pointer && PointeeC(pointer.PointedAtType) is { } pointee
            ? new AbiType(AbiTypeKind.Pointer, pointee + "*", type.ToDisplayString(), -1)
            : Blittable(type);

    private static IEnumerable<IFieldSymbol> InstanceFields(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(field => !field.IsStatic && !field.IsConst);

    // An auto-property's backing field is named after the property.
    private static string FieldName(IFieldSymbol field) => field.AssociatedSymbol?.Name ?? field.Name;

    private static int Pack(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute")
            ?.NamedArguments.FirstOrDefault(argument => argument.Key == "Pack").Value.Value is int pack ? pack : 0;

    private AbiType? Enum(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlyingType } enumType
            || Primitive(underlyingType) is not { } underlying
            || CNames.WhyInvalid(enumType.Name) is not null
            || enumType.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            return null;
        }
        string name = enumType.Name;
        if (!_enums.Any(known => known.Name == name))
        {
            string prefix = CNames.UpperSnake(name);
            _enums.Add(new AbiEnum(
                name,
                enumType.ToDisplayString(),
                underlying,
                enumType.GetMembers().OfType<IFieldSymbol>()
                    .Where(field => field.HasConstantValue)
                    .Select(field => new AbiEnumMember(field.Name, $"{prefix}_{CNames.UpperSnake(field.Name)}", Literal(field.ConstantValue!, underlying), DocComments.For(field, default).Function.Summary))
                    .ToEquatableArray(),
                DocComments.For(enumType, default).Function.Summary));
        }
        return new AbiType(AbiTypeKind.Enum, name, enumType.ToDisplayString(), underlying.Size) { Name = name, Element = underlying };
    }

    // C integer literals that mean the same value in every C and C++ dialect the header supports.
    private static string Literal(object value, AbiType underlying)
    {
        string text = System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return (underlying.Kind, underlying.Size) switch
        {
            (AbiTypeKind.UnsignedInteger, 8) => text + "ull",
            (AbiTypeKind.UnsignedInteger, 4) => text + "u",
            (AbiTypeKind.SignedInteger, 8) when (long)value == long.MinValue => "(-9223372036854775807ll - 1)",
            (AbiTypeKind.SignedInteger, 8) => text + "ll",
            (AbiTypeKind.SignedInteger, 4) when (int)value == int.MinValue => "(-2147483647 - 1)",
            _ => text,
        };
    }

    private string? FunctionPointerC(IMethodSymbol signature, out string why)
    {
        why = "";
        if (signature.CallingConvention != System.Reflection.Metadata.SignatureCallingConvention.Unmanaged
            && signature.CallingConvention != System.Reflection.Metadata.SignatureCallingConvention.CDecl)
        {
            why = "only unmanaged function pointers can be called from C: use delegate* unmanaged[Cdecl]<…>";
            return null;
        }
        string problem = "";
        var text = new StringBuilder();
        text.Append(signature.ReturnsVoid ? "void" : CallbackValue(signature.ReturnType, ref problem));
        text.Append(" (*)(");
        var parameters = new List<string>();
        foreach (IParameterSymbol parameter in signature.Parameters)
        {
            parameters.Add(CallbackValue(parameter.Type, ref problem));
        }
        text.Append(parameters.Count == 0 ? "void" : string.Join(", ", parameters));
        text.Append(')');
        why = problem;
        return problem.Length == 0 ? text.ToString() : null;
    }

    // Inside a callback signature the C# types must already be the C ones: the shim does not convert them.
    private string CallbackValue(ITypeSymbol type, ref string why)
    {
        if (Blittable(type) is { } abi)
        {
            return abi.C;
        }
        if (type is IPointerTypeSymbol pointer && PointeeC(pointer.PointedAtType) is { } pointee)
        {
            return pointee + "*";
        }
        why = $"a callback's parameters and result must be primitives, enums or pointers ('{type.ToDisplayString()}' is not; use byte for bool, byte* for text)";
        return "?";
    }

    /// <summary>The C spelling of what a pointer points at: primitives, enums, <c>void</c> and pointers, recursively.</summary>
    private string? PointeeC(ITypeSymbol type)
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
        return (type.SpecialType == SpecialType.System_Boolean ? Primitive(type) : Blittable(type))?.C;
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

    private static bool IsSpan(INamedTypeSymbol type, out bool writable)
    {
        string name = type.OriginalDefinition.ToDisplayString();
        writable = name == "System.Span<T>";
        return writable || name == "System.ReadOnlySpan<T>";
    }

    private static string RefKeyword(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In or RefKind.RefReadOnlyParameter => "in",
        _ => "ref",
    };

    private static string Qualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    // The parameter's type already carries its annotation (string? displays as "string?"): spell it once.
    private static string Display(ITypeSymbol type, NullableAnnotation annotation) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() + (annotation == NullableAnnotation.Annotated ? "?" : "");

    private const string WrapInHandle = "managed objects cannot cross as they are; wrap it in a class of yours marked [CExport] and pass that class's handles";

    private string Suggestion(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Char:
                return "C# char is a UTF-16 code unit; use ushort for one, or string for text (UTF-8 in C)";
            case SpecialType.System_Decimal:
                return "C has no decimal type; use double, or a scaled long";
            case SpecialType.System_Object:
                return WrapInHandle;
        }
        return type switch
        {
            INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span =>
                $"only Span<T> and ReadOnlySpan<T> of primitives or enums cross; pass a pointer and a length instead ({span.TypeArguments[0].ToDisplayString()}* and nuint)",
            INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable =>
                $"C has no nullable values; pass a pointer that may be NULL ({nullable.TypeArguments[0].ToDisplayString()}*), or the value and a bool saying whether it is there",
            IArrayTypeSymbol array => $"pass a span instead (ReadOnlySpan<{array.ElementType.ToDisplayString()}>: a pointer and a length in C)",
            INamedTypeSymbol { TypeKind: TypeKind.Enum } named => $"the enum must be internal or public and named like a C identifier; or pass its underlying type ({named.EnumUnderlyingType?.ToDisplayString() ?? "int"})",
            INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "pass a C function pointer instead (delegate* unmanaged[Cdecl]<…>) and a void* for its context",
            INamedTypeSymbol { TypeKind: TypeKind.Struct } named => WhyNotStruct(named) ?? "this struct cannot cross the boundary",
            INamedTypeSymbol { TypeKind: TypeKind.Class } named when named.Locations.Any(location => location.IsInSource) =>
                $"mark the class [CExport] to pass its objects as opaque handles ({named.Name}* in C)",
            INamedTypeSymbol { IsReferenceType: true } => WrapInHandle,
            _ => "use a fixed-width integer, float, double, bool, an enum, string, a span or a pointer instead",
        };
    }
}
