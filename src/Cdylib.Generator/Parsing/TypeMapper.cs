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
    private readonly IAssemblySymbol _home;

    /// <param name="home">The assembly being compiled: only its own structs have fields the generator can see whole.</param>
    public TypeMapper(IAssemblySymbol home) => _home = home;

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
        return ByValue(type, "in", out why);
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
        return ByValue(type, "out", out why);
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

    /// <summary>
    /// A parameter or result passed by value in the C call itself. .NET does not yet pass a 128-bit
    /// integer (or a struct holding one) by value the way C passes <c>__int128</c> (dotnet/runtime#74209:
    /// register pairs and stack alignment differ on x64 Unix and Arm64), so those cross by reference only.
    /// </summary>
    /// <param name="keyword">The ref keyword that would carry it instead: "in" for a parameter, "out" for a result.</param>
    private ValueMarshalling? ByValue(ITypeSymbol type, string keyword, out string why)
    {
        ValueMarshalling? value = Value(type, out why);
        if (value is not null && Int128Inside(value.Abi) is { } where)
        {
            why = $"{where}, which .NET does not yet pass by value the way C passes a 128-bit integer (dotnet/runtime#74209); "
                + (keyword == "in"
                    ? $"pass it by reference instead: 'in {type.ToDisplayString()}' (const {value.Abi.C}* in C)"
                    : $"return it through a parameter instead: 'out {type.ToDisplayString()}' ({value.Abi.C}* in C)");
            return null;
        }
        return value;
    }

    /// <summary>Where a 128-bit integer sits in a value passed by value ("it is Int128", "field 'X' of 'S' is Int128"), or null.</summary>
    private string? Int128Inside(AbiType type)
    {
        if (WellKnownTypes.Is128BitInteger(type))
        {
            return $"it is {type.Managed.Substring("System.".Length)}";
        }
        if (type.Kind == AbiTypeKind.Struct && _structs.FirstOrDefault(known => known.Name == type.Name) is { } structure)
        {
            foreach (AbiField field in structure.Fields)
            {
                if (WellKnownTypes.Is128BitInteger(field.Type))
                {
                    return $"field '{field.Name}' of '{structure.Name}' is {field.Type.Managed.Substring("System.".Length)}";
                }
                if (field.Type.Kind == AbiTypeKind.Struct && Int128Inside(field.Type) is { } inner)
                {
                    return inner;
                }
            }
        }
        return null;
    }

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
        return Primitive(type) ?? Enum(type) ?? WellKnown(type) ?? Struct(type);
    }

    /// <summary>
    /// The .NET structs whose layout .NET promises and C can state (see <see cref="WellKnownTypes"/>);
    /// every other struct from outside this assembly is refused by <see cref="WhyNotStruct"/>.
    /// </summary>
    private AbiType? WellKnown(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, IsGenericType: false } named || IsHome(named))
        {
            return null;
        }
        switch (MetadataName(named))
        {
            case "System.Int128":
                return WellKnownTypes.Int128;
            case "System.UInt128":
                return WellKnownTypes.UInt128;
            case "System.Half":
                return WellKnownTypes.Half;
            case "System.Runtime.InteropServices.NFloat":
                return WellKnownTypes.NFloat;
            case "System.Guid":
                if (!_structs.Any(known => known.Managed == WellKnownTypes.GuidStruct.Managed))
                {
                    _structs.Add(WellKnownTypes.GuidStruct);
                }
                return WellKnownTypes.Guid;
            default:
                return null;
        }
    }

    private bool IsHome(INamedTypeSymbol type) => SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _home);

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? MetadataName(outer) + "+" + type.MetadataName
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    private AbiType? Struct(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } structType || WhyNotStruct(structType) is not null)
        {
            return null;
        }
        string name = structType.Name;
        // Keyed by the C# type: two structs of one name both stay, and the library refuses them (CDY0015).
        if (!_structs.Any(known => known.Managed == structType.ToDisplayString()))
        {
            _structs.Add(Describe(structType));
        }
        return new AbiType(AbiTypeKind.Struct, name, structType.ToDisplayString(), -1) { Name = name };
    }

    /// <summary>A struct of this assembly whose fields all have a C form, laid out as .NET lays out a sequential struct.</summary>
    private AbiStruct Describe(INamedTypeSymbol structType)
    {
        var fields = InstanceFields(structType).ToList();
        var types = fields.Select(field => FieldType(field.Type)!).ToList();
        AbiStruct? Known(string structName) => _structs.FirstOrDefault(known => known.Name == structName);
        int pack = LayoutArgument(structType, "Pack");
        (int[] offsets64, AbiLayout layout64) = CLayout.Compute(types.Select(t => CLayout.Of(t, 8, Known)).ToList(), pack);
        (int[] offsets32, AbiLayout layout32) = CLayout.Compute(types.Select(t => CLayout.Of(t, 4, Known)).ToList(), pack);
        IReadOnlyList<string> names = CNames.Parameters(fields.Select(field => (FieldName(field), false)));
        return new AbiStruct(
            structType.Name,
            structType.ToDisplayString(),
            fields.Select((field, i) => new AbiField(names[i], types[i], offsets64[i], offsets32[i], DocComments.For(field.AssociatedSymbol ?? field, default).Function.Summary)).ToEquatableArray(),
            layout64,
            layout32,
            DocComments.For(structType, default).Function.Summary) { Pack = pack };
    }

    /// <summary>
    /// Why a struct cannot cross, or null when it can. Only a struct this assembly declares is laid
    /// out here: for one from a referenced assembly the compiler shows neither its StructLayout
    /// (kind, Pack, Size) nor, in a reference assembly, its private fields (placeholders such as
    /// <c>_dummyPrimitive</c> stand in for them), so its real layout cannot be seen.
    /// </summary>
    private string? WhyNotStruct(INamedTypeSymbol type)
    {
        if (!IsHome(type))
        {
            return WhyNotForeign(type);
        }
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
        if (StructLayout(type) is { } layout
            && layout.ConstructorArguments.FirstOrDefault().Value is int kind && kind != 0)
        {
            return "only LayoutKind.Sequential (the default) has a C layout the header can state; remove the explicit layout";
        }
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.InlineArrayAttribute"))
        {
            return "an [InlineArray] struct repeats its field, which is not supported yet; use separate fields";
        }
        if (!InstanceFields(type).Any())
        {
            return "a struct without fields has no C form (C forbids an empty struct, .NET makes it 1 byte); give it a field, or leave the parameter out";
        }
        foreach (IFieldSymbol field in InstanceFields(type))
        {
            if (field.IsFixedSizeBuffer)
            {
                return $"field '{FieldName(field)}' is a fixed-size buffer, which is not supported yet; use separate fields";
            }
            if (FieldType(field.Type) is null)
            {
                return field.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None or SpecialType.System_DateTime or SpecialType.System_Decimal } fieldStruct && WhyNot(fieldStruct) is { } inner
                    ? $"field '{FieldName(field)}' has type '{field.Type.ToDisplayString()}', which has no C form: {inner}"
                    : $"field '{FieldName(field)}' has type '{field.Type.ToDisplayString()}'; struct fields must be fixed-width integers, float, double, enums, pointers or such structs (use byte for bool); Int128, UInt128, Half, NFloat and Guid have a C form too";
            }
        }
        int size = LayoutArgument(type, "Size");
        if (size > 0)
        {
            AbiStruct described = Describe(type);
            if (size > described.Layout64.Size || size > described.Layout32.Size)
            {
                return $"StructLayout.Size makes it {size} bytes, more than its fields take, and a C struct cannot state that padding; remove Size, or add the padding as fields";
            }
        }
        return null;
    }

    // The reason a struct field's type is refused, for the structs the field loop meets.
    private string? WhyNot(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            ? "C has no nullable values; use the value and a byte field saying whether it is there"
            : type.SpecialType == SpecialType.System_Decimal ? Suggestion(type) : WhyNotStruct(type);

    /// <summary>Why a struct declared in another assembly (the .NET libraries, a package, another project) cannot cross.</summary>
    private static string WhyNotForeign(INamedTypeSymbol type)
    {
        IAssemblySymbol assembly = type.ContainingAssembly;
        string name = MetadataName(type);
        if (IsDotNet(assembly))
        {
            string instead = ForeignAlternatives.TryGetValue(name, out string? alternative)
                ? alternative
                : "pass its parts as numbers, or declare a struct of your own with the fields you need and convert";
            return $"'{type.ToDisplayString()}' is a .NET type, and .NET does not promise its layout (a reference assembly shows placeholders for its private fields, and the runtime lays some of its types out specially), so it has no C form; {instead}";
        }
        string where = assembly.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.ReferenceAssemblyAttribute")
            ? $"the reference assembly '{assembly.Name}', whose private fields are placeholders,"
            : $"the referenced assembly '{assembly.Name}'";
        return $"'{type.ToDisplayString()}' is declared in {where} and the compiler does not show its StructLayout, so its real layout cannot be seen; declare a struct with the same fields in this project and convert";
    }

    // The .NET libraries: the assemblies of the framework and of .NET's own packages.
    private static bool IsDotNet(IAssemblySymbol assembly)
    {
        string name = assembly.Identity.Name;
        return name is "System" or "mscorlib" or "netstandard" or "System.Private.CoreLib"
            || name.StartsWith("System.", System.StringComparison.Ordinal)
            || name.StartsWith("Microsoft.", System.StringComparison.Ordinal);
    }

    // What to pass instead of a .NET struct without a C form.
    private static readonly Dictionary<string, string> ForeignAlternatives = new()
    {
        ["System.DateTime"] = "pass a long instead: DateTime.Ticks (100 ns units since 0001-01-01, new DateTime(ticks) turns it back) or a Unix time (DateTimeOffset.ToUnixTimeMilliseconds())",
        ["System.DateTimeOffset"] = "pass a long instead: ToUnixTimeMilliseconds() (DateTimeOffset.FromUnixTimeMilliseconds turns it back), and the offset in minutes as a short if it matters",
        ["System.TimeSpan"] = "pass a long instead: TimeSpan.Ticks (100 ns units; TimeSpan.FromTicks turns it back)",
        ["System.DateOnly"] = "pass an int instead: DateOnly.DayNumber (DateOnly.FromDayNumber turns it back)",
        ["System.TimeOnly"] = "pass a long instead: TimeOnly.Ticks (new TimeOnly(ticks) turns it back)",
        ["System.Index"] = "pass an int instead (Index.Value), and a bool for IsFromEnd if it matters",
        ["System.Range"] = "pass its start and end as two ints instead (Range.Start.Value, Range.End.Value)",
        ["System.Numerics.Complex"] = "pass the real and imaginary parts as two doubles, or declare a struct of your own with two double fields",
        ["System.Numerics.BigInteger"] = "pass its bytes as a span instead (BigInteger.ToByteArray(); new BigInteger(ReadOnlySpan<byte>) turns it back)",
        ["System.Numerics.Vector2"] = "declare a struct of your own with its float fields (X, Y) and convert",
        ["System.Numerics.Vector3"] = "declare a struct of your own with its float fields (X, Y, Z) and convert",
        ["System.Numerics.Vector4"] = "declare a struct of your own with its float fields (X, Y, Z, W) and convert",
        ["System.Numerics.Quaternion"] = "declare a struct of your own with its float fields (X, Y, Z, W) and convert",
        ["System.Runtime.InteropServices.GCHandle"] = "pass GCHandle.ToIntPtr(handle) as nint (GCHandle.FromIntPtr turns it back), or mark a class [CExport] and pass its objects as handles",
        ["System.Runtime.InteropServices.CLong"] = "C's long is 32 bits on Windows and 64 bits elsewhere; use int or long (int32_t or int64_t in C)",
        ["System.Runtime.InteropServices.CULong"] = "C's unsigned long is 32 bits on Windows and 64 bits elsewhere; use uint or ulong (uint32_t or uint64_t in C)",
        ["System.Nullable`1"] = "C has no nullable values; pass a pointer that may be NULL, or the value and a bool saying whether it is there",
    };

    private AbiType? FieldType(ITypeSymbol type) =>
        type is IPointerTypeSymbol pointer && PointeeC(pointer.PointedAtType) is { } pointee
            ? new AbiType(AbiTypeKind.Pointer, pointee + "*", type.ToDisplayString(), -1)
            : Blittable(type);

    private static IEnumerable<IFieldSymbol> InstanceFields(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(field => !field.IsStatic && !field.IsConst);

    // An auto-property's backing field is named after the property.
    private static string FieldName(IFieldSymbol field) => field.AssociatedSymbol?.Name ?? field.Name;

    private static AttributeData? StructLayout(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute");

    // StructLayout's Pack or Size, 0 when not set.
    private static int LayoutArgument(INamedTypeSymbol type, string name) =>
        StructLayout(type)?.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value is int value ? value : 0;

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
            if (Int128Inside(abi) is { } where)
            {
                why = $"'{type.ToDisplayString()}' in a callback: {where}, which .NET does not yet pass by value the way C passes a 128-bit integer (dotnet/runtime#74209); pass a pointer to it";
            }
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
