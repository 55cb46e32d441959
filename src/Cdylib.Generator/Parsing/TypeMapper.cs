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
    private readonly TypeNaming _naming;

    /// <param name="home">The assembly being compiled: only its own structs have fields the generator can see whole.</param>
    /// <param name="naming">How structs, enums and handle types are named in C (<c>bnd_Point</c>).</param>
    public TypeMapper(IAssemblySymbol home, TypeNaming naming)
    {
        _home = home;
        _naming = naming;
    }

    /// <summary>The enums the mapped types used, each once.</summary>
    public IReadOnlyList<AbiEnum> Enums => _enums;

    /// <summary>The structs the mapped types used, each once and after the structs it contains.</summary>
    public IReadOnlyList<AbiStruct> Structs => _structs;

    /// <summary>A parameter's marshalling, or null with <paramref name="why"/> saying what to use instead.</summary>
    /// <summary>The managed type of a <see cref="Cdylib.Generator.Model.MarshalKind.StringIn"/> parameter that is borrowed UTF-8, not a string.</summary>
    public const string Utf8TextType = "global::Cdylib.Utf8Text";

    private static bool IsUtf8Text(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Utf8Text", IsRefLikeType: true, ContainingNamespace: { Name: "Cdylib", ContainingNamespace.IsGlobalNamespace: true } };

    public ValueMarshalling? Parameter(IParameterSymbol parameter, out Refusal why)
    {
        ITypeSymbol type = parameter.Type;
        if (parameter.RefKind != RefKind.None)
        {
            return Reference(type, RefKeyword(parameter.RefKind), out why);
        }
        why = default;
        if (Handle(type) is { } handle)
        {
            return new ValueMarshalling(handle with { Nullable = parameter.NullableAnnotation == NullableAnnotation.Annotated }, "void*", Qualified(type), MarshalDirection.In);
        }
        if (type.SpecialType == SpecialType.System_String)
        {
            var abi = new StringType(Ownership.Borrowed, parameter.NullableAnnotation == NullableAnnotation.Annotated);
            return new ValueMarshalling(abi, "byte*", "string", MarshalDirection.In);
        }
        // The caller's text, checked but not converted: C sees the same const char* as for a string.
        if (IsUtf8Text(type))
        {
            return new ValueMarshalling(new StringType(Ownership.Borrowed), "byte*", Utf8TextType, MarshalDirection.In);
        }
        if (type is INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span && IsSpan(span, out bool writable))
        {
            ITypeSymbol element = span.TypeArguments[0];
            if (Blittable(element) is not { } elementAbi)
            {
                why = ElementRefusal(element, incoming: true) is { Replacement: { } instead } replaced
                    ? Refusal.Use($"a span's elements must be fixed-width numbers, enums or blittable structs, and {replaced.Reason}", SpanOf(instead, writable))
                    : ElementRefusal(element, incoming: true).After($"a span's elements must be fixed-width numbers, enums or blittable structs, and '{element.ToDisplayString()}' is not");
                return null;
            }
            return new ValueMarshalling(new SpanType(elementAbi, writable), Qualified(element) + "*", Qualified(type), MarshalDirection.In);
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
        {
            return Interface(contract, parameter.NullableAnnotation == NullableAnnotation.Annotated, out why);
        }
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            if (Blittable(nullable.TypeArguments[0]) is { } valueAbi)
            {
                return new ValueMarshalling(new OptionalType(valueAbi), Qualified(nullable.TypeArguments[0]) + "*", Qualified(type), MarshalDirection.In);
            }
            // T? crosses as a pointer that may be NULL when T itself is a C value.
            Refusal inner = ElementRefusal(nullable.TypeArguments[0], incoming: false);
            why = inner.Replacement is { } value
                ? Refusal.Use($"'T?' crosses as a pointer that may be NULL when T is a fixed-width number, an enum or a blittable struct, and {inner.Reason}", value + "?")
                : inner.After($"'T?' crosses as a pointer that may be NULL when T is a fixed-width number, an enum or a blittable struct, and '{nullable.TypeArguments[0].ToDisplayString()}' is not");
            return null;
        }
        return ByValue(type, "in", out why);
    }

    /// <summary>
    /// A <c>[CExport]</c> interface parameter: C passes a table of its functions (<c>const NAME*</c>), C#
    /// gets a proxy implementing the interface. The table's struct is collected like any struct.
    /// </summary>
    private ValueMarshalling? Interface(INamedTypeSymbol contract, bool allowsNull, out Refusal why)
    {
        why = default;
        if (!CallbackInterfaceParser.IsExported(contract))
        {
            why = $"C can implement an interface only when it is marked [CExport] (C then passes a table of its functions); mark '{contract.ToDisplayString()}' [CExport], or pass a [CExport] class's handle";
            return null;
        }
        (CallbackInterface? model, AbiStruct? table, _) = CallbackInterfaceParser.Read(contract, this, _naming, default);
        if (model is null || table is null)
        {
            why = $"'{contract.ToDisplayString()}' cannot be implemented by a C caller (CDY0024 says which member and why)";
            return null;
        }
        if (!_structs.Any(known => known.Name == table.Name))
        {
            _structs.Add(table);
        }
        return new ValueMarshalling(new PointerType(new StructRef(table.Name), IsConst: true), "void*", Qualified(contract), MarshalDirection.In)
        {
            Callback = new CallbackProxy(model.Proxy, allowsNull),
        };
    }

    /// <summary>A return type's marshalling, or null with <paramref name="why"/> saying what to use instead.</summary>
    public ValueMarshalling? Return(ITypeSymbol type, out Refusal why)
    {
        why = default;
        if (Handle(type) is { } handle)
        {
            return new ValueMarshalling(handle with { Nullable = type.NullableAnnotation == NullableAnnotation.Annotated }, "void*", Qualified(type), MarshalDirection.Out);
        }
        if (type.SpecialType == SpecialType.System_String)
        {
            return StringOut(type);
        }
        if (IsUtf8Text(type))
        {
            why = Refusal.Use("a Utf8Text borrows the caller's text for the length of a call, so it cannot be a result", "string", "library-owned UTF-8 the caller frees");
            return null;
        }
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (Blittable(array.ElementType) is not { } elementAbi)
            {
                why = ArrayResultRefusal(array.ElementType);
                return null;
            }
            var abi = new OwnedArrayType(elementAbi, type.NullableAnnotation == NullableAnnotation.Annotated);
            return new ValueMarshalling(abi, Qualified(array.ElementType) + "*", Qualified(type), MarshalDirection.Out);
        }
        if (type is IFunctionPointerTypeSymbol)
        {
            why = Refusal.Use("returning a function pointer is not supported", "nint", "intptr_t in C: return (nint)pointer, and cast it back to the function pointer type in C");
            return null;
        }
        return ByValue(type, "out", out why);
    }

    /// <summary>Why an array of <paramref name="element"/> cannot be a result, and what to return instead.</summary>
    private Refusal ArrayResultRefusal(ITypeSymbol element)
    {
        const string rule = "an array result's elements must be fixed-width numbers, enums or blittable structs";
        if (element.SpecialType == SpecialType.System_String)
        {
            return $"{rule}, and an array of strings has no C form (C would have to free every string and the array); "
                + "return one string that C splits (string.Join with a separator), or mark a class [CExport] that holds the strings and export its Count and Get(int index) methods";
        }
        Refusal inner = ElementRefusal(element, incoming: false);
        return inner.Replacement is { } instead
            ? Refusal.Use($"{rule}, and {inner.Reason}", instead + "[]", "a library-owned buffer, with its length in out_len")
            : inner.After($"{rule}, and '{element.ToDisplayString()}' is not");
    }

    private ValueMarshalling? Reference(ITypeSymbol type, string keyword, out Refusal why)
    {
        why = default;
        Refusal inner = default;
        ValueMarshalling? element = type.SpecialType == SpecialType.System_String && keyword == "out"
            ? StringOut(type)
            : Value(type, out inner);
        if (element is null || element.Abi is FunctionPointerType || Handle(type) is not null)
        {
            why = ReferenceRefusal(type, keyword, inner);
            return null;
        }
        var abi = new ReferenceType(keyword switch { "out" => ReferenceKind.Out, "in" => ReferenceKind.In, _ => ReferenceKind.Ref }, element.Abi);
        string shimType = element.Kind == MarshalKind.StringOut ? "byte**" : element.ShimType + "*";
        return new ValueMarshalling(abi, shimType, Qualified(type), MarshalDirection.In) { Element = element };
    }

    /// <summary>
    /// Why <c>out</c>/<c>ref</c>/<c>in</c> of <paramref name="type"/> has no C form, and what to pass
    /// instead: each suggestion is a parameter the generator accepts (or a result to return).
    /// </summary>
    private Refusal ReferenceRefusal(ITypeSymbol type, string keyword, Refusal inner)
    {
        string display = type.ToDisplayString();
        if (type.SpecialType == SpecialType.System_String)
        {
            return keyword == "in"
                ? Refusal.Use("'in string' adds nothing: a string parameter is already passed by pointer", "string", "const char* in C")
                : Refusal.Use("'ref string' has no C form: C would have to give up the string it passed and free the one it gets back", "string",
                    "const char* in C; return the new string as the result, or use 'out string' when only the new value matters");
        }
        if (Handle(type) is { } handle)
        {
            return keyword == "out"
                ? $"a handle cannot come back through a parameter; return it instead: make '{display}' the method's result ({CSpelling.Of(handle)} in C)"
                : Refusal.Use($"'{keyword}' adds nothing to a handle, which is already passed by pointer", display, $"{CSpelling.Of(handle)} in C");
        }
        if (type is IArrayTypeSymbol array)
        {
            Refusal element = Blittable(array.ElementType) is not null
                ? Refusal.Use("", array.ElementType.ToDisplayString())
                : ElementRefusal(array.ElementType, incoming: keyword != "out");
            if (element.Replacement is not { } elementType)
            {
                return element.After($"an array has no C form by reference, and '{array.ElementType.ToDisplayString()}' cannot be the element of one");
            }
            string order = array.Rank > 1 ? ", its elements in row-major order and its dimensions as separate parameters" : "";
            return keyword switch
            {
                "out" => $"an array cannot come back through a parameter; return it instead: make '{elementType}[]' the method's result (a library-owned buffer, with its length in out_len)",
                "ref" => Refusal.Use("C passes an array as a pointer and a length, which a span views without copying", SpanOf(elementType, writable: true), $"its elements can be changed in place{order}; return a new array as the result to change its length"),
                _ => Refusal.Use("C passes an array as a pointer and a length, which a span views without copying", SpanOf(elementType, writable: false), order.Length > 0 ? order.Substring(2) : null),
            };
        }
        if (type is IFunctionPointerTypeSymbol)
        {
            return keyword == "in"
                ? Refusal.Use("'in' adds nothing to a function pointer, which is already passed as an address", display)
                : Refusal.Use("a reference to a function pointer has no C form", $"{keyword} void*", "void** in C: cast between void* and the function pointer type");
        }
        if (type is INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span && IsSpan(span, out bool writable))
        {
            return keyword == "out"
                ? $"a span cannot come back through a parameter; return an array instead: make '{span.TypeArguments[0].ToDisplayString()}[]' the method's result"
                : Refusal.Use("a span is already passed as a pointer and a length", SpanOf(span.TypeArguments[0].ToDisplayString(), writable));
        }
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            Refusal value = Blittable(nullable.TypeArguments[0]) is not null
                ? Refusal.Use("", nullable.TypeArguments[0].ToDisplayString())
                : ElementRefusal(nullable.TypeArguments[0], incoming: false);
            return value.Replacement is { } valueType
                ? Refusal.Use("C has no nullable values", $"{keyword} {valueType}", "with a bool parameter or result that says whether there is a value")
                : value.After($"C has no nullable values, and '{nullable.TypeArguments[0].ToDisplayString()}' has no C form");
        }
        // A by-value replacement applies by reference too, except the types that are already pointers.
        return inner.Replacement is { } instead
            ? Refusal.Use($"'{keyword} {display}' has no C form: {StripUse(inner.Reason)}", instead.StartsWith("delegate*", System.StringComparison.Ordinal) ? instead : $"{keyword} {instead}")
            : inner.After($"'{keyword}' works for fixed-width numbers, bool, enums, blittable structs, pointers and (out only) string, and '{display}' has no C form");
    }

    // "C has no decimal type; use 'double' instead (…)" → "C has no decimal type": the caller says what to use.
    private static string StripUse(string reason)
    {
        int at = reason.IndexOf("; use '", System.StringComparison.Ordinal);
        return at < 0 ? reason : reason.Substring(0, at);
    }

    private static string SpanOf(string element, bool writable) => $"System.{(writable ? "Span" : "ReadOnlySpan")}<{element}>";

    /// <summary>
    /// Why <paramref name="element"/> cannot be the element of a span, array or nullable value, or
    /// a pointer's target, and the element type to use instead where one does. Strings become
    /// <c>nint</c> only <paramref name="incoming"/> (each a <c>const char*</c> the caller owns).
    /// </summary>
    private Refusal ElementRefusal(ITypeSymbol element, bool incoming)
    {
        string display = element.ToDisplayString();
        switch (element.SpecialType)
        {
            case SpecialType.System_Boolean:
                return new($"'bool' is not one (C may store any byte in a bool it hands over, where .NET's bool must be 0 or 1)", "byte");
            case SpecialType.System_Char:
                return new("'char' is not one (a C# char is a UTF-16 code unit, which C has no type for)", "ushort");
            case SpecialType.System_Decimal:
                return new("'decimal' is not one (C has no decimal type)", "double");
            case SpecialType.System_String when incoming:
                return new("'string' is not one (each element would be a const char* that C owns: read one with Marshal.PtrToStringUTF8)", "nint");
        }
        if (element is INamedTypeSymbol { TypeKind: TypeKind.Struct } named && WhyNotStruct(named) is { } why)
        {
            // A .NET struct whose replacement is a number (DateTime → long) is replaced in spans and arrays too.
            return !IsHome(named) && ForeignReplacement(MetadataName(named), result: false) is { } number && !number.Contains("<")
                ? new Refusal($"'{display}' is not one ({why})", number)
                : why;
        }
        return StripUse(Suggestion(element, result: false).Reason);
    }

    private static ValueMarshalling StringOut(ITypeSymbol type) =>
        new(new StringType(Ownership.Owned, type.NullableAnnotation == NullableAnnotation.Annotated), "byte*", "string", MarshalDirection.Out);

    /// <summary>
    /// A parameter or result passed by value in the C call itself. .NET does not yet pass a 128-bit
    /// integer (or a struct holding one) by value the way C passes <c>__int128</c> (dotnet/runtime#74209:
    /// register pairs and stack alignment differ on x64 Unix and Arm64), so those cross by reference only.
    /// </summary>
    /// <param name="keyword">The ref keyword that would carry it instead: "in" for a parameter, "out" for a result.</param>
    private ValueMarshalling? ByValue(ITypeSymbol type, string keyword, out Refusal why)
    {
        ValueMarshalling? value = Value(type, out why, result: keyword == "out");
        if (value is not null && Int128Inside(value.Abi) is { } where)
        {
            string problem = $"{where}, which .NET does not yet pass by value the way C passes a 128-bit integer (dotnet/runtime#74209)";
            why = keyword == "in"
                ? new Refusal($"{problem}; pass it by reference instead: 'in {type.ToDisplayString()}' (const {CSpelling.Of(value.Abi)}* in C)", $"in {type.ToDisplayString()}")
                : $"{problem}; return it through a parameter instead: 'out {type.ToDisplayString()}' ({CSpelling.Of(value.Abi)}* in C)";
            return null;
        }
        return value;
    }

    /// <summary>Where a 128-bit integer sits in a value passed by value ("it is Int128", "field 'X' of 'S' is Int128"), or null.</summary>
    private string? Int128Inside(AbiType type)
    {
        if (WellKnownTypes.Is128BitInteger(type))
        {
            return $"it is {((PrimitiveType)type).Primitive}";
        }
        if (type is StructRef reference && _structs.FirstOrDefault(known => known.Name == reference.Name) is { } structure)
        {
            foreach (AbiField field in structure.Fields)
            {
                if (WellKnownTypes.Is128BitInteger(field.Type))
                {
                    return $"field '{field.Name}' of '{structure.Managed}' is {((PrimitiveType)field.Type).Primitive}";
                }
                if (field.Type is StructRef && Int128Inside(field.Type) is { } inner)
                {
                    return inner;
                }
            }
        }
        return null;
    }

    /// <summary>A value passed as it is: primitives, bool, enums, pointers, function pointers.</summary>
    /// <param name="result">The value is a function's result: a few suggestions differ (return an array, not a span).</param>
    private ValueMarshalling? Value(ITypeSymbol type, out Refusal why, bool result = false)
    {
        why = default;
        string managed = Qualified(type);
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return new ValueMarshalling(Primitive(type)!, "byte", managed, MarshalDirection.In);
        }
        if (Blittable(type) is { } abi)
        {
            return new ValueMarshalling(abi, managed, managed, MarshalDirection.In);
        }
        if (type is IPointerTypeSymbol pointer)
        {
            AbiType? pointee = Pointee(pointer.PointedAtType);
            if (pointee is null)
            {
                string target = pointer.PointedAtType.ToDisplayString();
                Refusal inner = ElementRefusal(pointer.PointedAtType, incoming: false);
                why = inner.Replacement is { } instead
                    ? Refusal.Use($"a pointer's target must be a fixed-width number, bool, an enum, a blittable struct, another pointer or void, and {inner.Reason}", instead + "*")
                    : inner.After($"a pointer to '{target}' has no C form");
                return null;
            }
            return new ValueMarshalling(new PointerType(pointee), managed, managed, MarshalDirection.In);
        }
        if (type is IFunctionPointerTypeSymbol functionPointer)
        {
            FunctionPointerType? c = FunctionPointer(functionPointer, out why);
            return c is null ? null : new ValueMarshalling(c, managed, managed, MarshalDirection.In);
        }
        why = Suggestion(type, result);
        return null;
    }

    /// <summary>The receiver of an instance method of an exported class: its handle, never NULL.</summary>
    public ValueMarshalling Self(INamedTypeSymbol type) => new(Handle(type)!, "void*", Qualified(type), MarshalDirection.In);

    /// <summary>A class marked [CExport]: an opaque handle type, named as its <see cref="HandleTypeParser"/> names it.</summary>
    private HandleRef? Handle(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || !IsHandleType(named))
        {
            return null;
        }
        string name = _naming.CName(named).Name;
        return new HandleRef(name);
    }

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
                // A struct of the library like any other: two libraries' headers each declare their own.
                string guid = _naming.TypePrefix + WellKnownTypes.GuidName;
                if (!_structs.Any(known => known.Managed == WellKnownTypes.GuidStruct.Managed))
                {
                    _structs.Add(WellKnownTypes.GuidStruct with { Name = guid });
                }
                return new StructRef(guid);
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
        string name = _naming.CName(structType).Name;
        // Keyed by the C# type: two structs of one name both stay, and the library refuses them (CDY0015).
        if (!_structs.Any(known => known.Managed == structType.ToDisplayString()))
        {
            _structs.Add(Describe(structType));
        }
        return new StructRef(name);
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
            _naming.CName(structType).Name,
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
            return "a ref struct cannot cross the boundary; pass its fields as parameters of their own, or declare a plain struct with them";
        }
        if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            return "the struct is not internal or public, so the generated code cannot name it; make it internal or public";
        }
        if (NameProblem(type) is { } invalid)
        {
            return invalid;
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
                    : $"field '{FieldName(field)}' has type '{field.Type.ToDisplayString()}'; struct fields must be fixed-width integers, float, double, enums, pointers or such structs; Int128, UInt128, Half, NFloat and Guid have a C form too"
                        + field.Type.SpecialType switch
                        {
                            SpecialType.System_Boolean => "; declare it as 'byte' (use byte for bool: C may leave any byte in a bool, where .NET's must be 0 or 1)",
                            SpecialType.System_Char => "; declare it as 'ushort' (a C# char is a UTF-16 code unit)",
                            SpecialType.System_String => "; declare it as 'byte*' (a pointer to UTF-8 text whose memory your code manages), or pass the string as a parameter of its own",
                            _ => "",
                        };
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
            : type.SpecialType == SpecialType.System_Decimal ? Suggestion(type, result: false).Reason : WhyNotStruct(type);

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
        ["System.DateTime"] = "use 'long' instead: DateTime.Ticks (100 ns units since 0001-01-01, new DateTime(ticks) turns it back) or a Unix time (DateTimeOffset.ToUnixTimeMilliseconds())",
        ["System.DateTimeOffset"] = "use 'long' instead: ToUnixTimeMilliseconds() (DateTimeOffset.FromUnixTimeMilliseconds turns it back), and the offset in minutes as a short if it matters",
        ["System.TimeSpan"] = "use 'long' instead: TimeSpan.Ticks (100 ns units; TimeSpan.FromTicks turns it back)",
        ["System.DateOnly"] = "use 'int' instead: DateOnly.DayNumber (DateOnly.FromDayNumber turns it back)",
        ["System.TimeOnly"] = "use 'long' instead: TimeOnly.Ticks (new TimeOnly(ticks) turns it back)",
        ["System.Index"] = "use 'int' instead (Index.Value), and a bool for IsFromEnd if it matters",
        ["System.Range"] = "pass its start and end as two ints instead (Range.Start.Value, Range.End.Value)",
        ["System.Numerics.Complex"] = "pass the real and imaginary parts as two doubles, or declare a struct of your own with two double fields",
        ["System.Numerics.BigInteger"] = "pass its bytes instead: 'System.ReadOnlySpan<byte>' as a parameter, 'byte[]' as a result (BigInteger.ToByteArray(); new BigInteger(ReadOnlySpan<byte>) turns it back)",
        ["System.Numerics.Vector2"] = "declare a struct of your own with its float fields (X, Y) and convert",
        ["System.Numerics.Vector3"] = "declare a struct of your own with its float fields (X, Y, Z) and convert",
        ["System.Numerics.Vector4"] = "declare a struct of your own with its float fields (X, Y, Z, W) and convert",
        ["System.Numerics.Quaternion"] = "declare a struct of your own with its float fields (X, Y, Z, W) and convert",
        ["System.Runtime.InteropServices.GCHandle"] = "use 'nint' instead: GCHandle.ToIntPtr(handle) (GCHandle.FromIntPtr turns it back), or mark a class [CExport] and pass its objects as handles",
        ["System.Runtime.InteropServices.CLong"] = "C's long is 32 bits on Windows and 64 bits elsewhere; use 'int' or 'long' (int32_t or int64_t in C)",
        ["System.Runtime.InteropServices.CULong"] = "C's unsigned long is 32 bits on Windows and 64 bits elsewhere; use 'uint' or 'ulong' (uint32_t or uint64_t in C)",
        ["System.Nullable`1"] = "C has no nullable values; pass a pointer that may be NULL, or the value and a bool saying whether it is there",
    };

    /// <summary>The one type that replaces a .NET struct without a C form, as its <see cref="ForeignAlternatives"/> text quotes it, or null.</summary>
    private static string? ForeignReplacement(string metadataName, bool result) => metadataName switch
    {
        "System.DateTime" or "System.DateTimeOffset" or "System.TimeSpan" or "System.TimeOnly" => "long",
        "System.DateOnly" or "System.Index" => "int",
        "System.Runtime.InteropServices.GCHandle" => "nint",
        "System.Numerics.BigInteger" => result ? "byte[]" : "System.ReadOnlySpan<byte>",
        _ => null,
    };

    private AbiType? FieldType(ITypeSymbol type) =>
        type is IPointerTypeSymbol pointer && Pointee(pointer.PointedAtType) is { } pointee
            ? new PointerType(pointee)
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

    /// <summary>
    /// Why the C name of a struct or enum cannot be declared ("its C name would be 'bnd_Größe', …"),
    /// or null. An explicit name was checked at its attribute (CDY0018), so it is refused quietly here.
    /// </summary>
    private string? NameProblem(INamedTypeSymbol type)
    {
        (string name, bool isExplicit) = _naming.CName(type);
        return CNames.WhyInvalidTypeName(name) is not { } invalid
            ? null
            : isExplicit
                ? $"'{name}', the C name its [CExport(\"name\")] gives, is not valid: {invalid}"
                : $"its C name would be '{name}', which is not valid: {invalid}; give it another with [CExport(\"name\")] on the {(type.TypeKind == TypeKind.Enum ? "enum" : "struct")}";
    }

    private AbiType? Enum(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlyingType } enumType
            || Primitive(underlyingType) is not { } underlying
            || NameProblem(enumType) is not null
            || enumType.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            return null;
        }
        string name = _naming.CName(enumType).Name;
        // Keyed by the C# type, as structs are: two enums of one C name both stay, and the library refuses them (CDY0015).
        if (!_enums.Any(known => known.Managed == enumType.ToDisplayString()))
        {
            string prefix = _naming.ConstantsOf(enumType);
            _enums.Add(new AbiEnum(
                name,
                enumType.ToDisplayString(),
                underlying,
                enumType.GetMembers().OfType<IFieldSymbol>()
                    .Where(field => field.HasConstantValue)
                    .Select(field => new AbiEnumMember(field.Name, $"{prefix}_{CNames.UpperSnake(field.Name)}", Literal(field.ConstantValue!), DocComments.For(field, default).Function.Summary))
                    .ToEquatableArray(),
                DocComments.For(enumType, default).Function.Summary));
        }
        return new EnumRef(name, underlying);
    }

    // The value as a number; an unsigned one above long.MaxValue as its bits.
    private static long Literal(object value) => value switch
    {
        ulong big => unchecked((long)big),
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private FunctionPointerType? FunctionPointer(IFunctionPointerTypeSymbol type, out Refusal why)
    {
        why = default;
        IMethodSymbol signature = type.Signature;
        string display = type.ToDisplayString();
        string convention = Convention(display);
        // The header spells a callback without a calling convention: the C one.
        string? problem = signature.CallingConvention switch
        {
            System.Reflection.Metadata.SignatureCallingConvention.Unmanaged or System.Reflection.Metadata.SignatureCallingConvention.CDecl => null,
            System.Reflection.Metadata.SignatureCallingConvention.Default => "a managed function pointer cannot be called from C",
            _ => $"the header declares callbacks with the C calling convention, and this one is '{convention}'",
        };
        string? wrong = null;
        AbiType returns = signature.ReturnsVoid ? AbiType.Void : CallbackValue(signature.ReturnType, signature.RefKind, ref wrong);
        var parameters = new List<AbiType>();
        foreach (IParameterSymbol parameter in signature.Parameters)
        {
            parameters.Add(CallbackValue(parameter.Type, parameter.RefKind, ref wrong));
        }
        if (problem is null && wrong is null)
        {
            return new FunctionPointerType(returns, parameters.ToEquatableArray());
        }
        string reason = problem ?? wrong!;
        why = Callback(
                signature.Parameters.Select(parameter => CallbackInstead(parameter.Type, parameter.RefKind)),
                signature.ReturnsVoid ? "void" : CallbackInstead(signature.ReturnType, signature.RefKind),
                problem is null ? convention : "unmanaged[Cdecl]") is { } instead
            ? Refusal.Use(reason, instead)
            : reason;
        return null;
    }

    // "delegate* unmanaged[Cdecl]<int, int>" → "unmanaged[Cdecl]"; a managed one ("delegate*<int>") → "".
    private static string Convention(string display)
    {
        const string head = "delegate*";
        int open = display.IndexOf('<');
        return open > head.Length ? display.Substring(head.Length, open - head.Length).Trim() : "";
    }

    // Inside a callback signature the C# types must already be the C ones: the shim does not convert them.
    private AbiType CallbackValue(ITypeSymbol type, RefKind refKind, ref string? wrong)
    {
        if (refKind != RefKind.None)
        {
            wrong ??= $"'{RefKeyword(refKind)} {type.ToDisplayString()}' in a callback is a pointer in C, and the header must say so";
            return AbiType.Void;
        }
        if (Blittable(type) is { } abi)
        {
            if (Int128Inside(abi) is { } where)
            {
                wrong ??= $"'{type.ToDisplayString()}' in a callback: {where}, which .NET does not yet pass by value the way C passes a 128-bit integer (dotnet/runtime#74209); pass a pointer to it";
            }
            return abi;
        }
        if (type is IPointerTypeSymbol pointer && Pointee(pointer.PointedAtType) is { } pointee)
        {
            return new PointerType(pointee);
        }
        wrong ??= $"a callback's parameters and result must be fixed-width numbers, enums, blittable structs or pointers, and '{type.ToDisplayString()}' is not (C's bool and text cross as byte and byte*)";
        return AbiType.Void;
    }

    /// <summary>
    /// The C# function pointer type <c>delegate* CONVENTION&lt;…&gt;</c> of these parameter and result
    /// types (see <see cref="CallbackInstead"/>), or null when one of them has no C value.
    /// </summary>
    private static string? Callback(IEnumerable<string?> parameters, string? result, string convention)
    {
        var types = parameters.Append(result).ToList();
        return types.Any(type => type is null) ? null : $"delegate* {convention}<{string.Join(", ", types)}>";
    }

    /// <summary>
    /// A type a callback signature accepts in place of <paramref name="type"/>, the type itself when it
    /// is one: bool → byte, string → byte*, char → ushort, ref T → T*, a 128-bit integer (or a struct
    /// holding one) → a pointer to it. Null when there is none.
    /// </summary>
    private string? CallbackInstead(ITypeSymbol type, RefKind refKind)
    {
        if (refKind != RefKind.None)
        {
            return CallbackInstead(type, RefKind.None) is { } target && !target.StartsWith("delegate*", System.StringComparison.Ordinal) ? target + "*" : null;
        }
        if (Blittable(type) is { } abi)
        {
            return type.ToDisplayString() + (Int128Inside(abi) is null ? "" : "*");
        }
        if (type is IPointerTypeSymbol pointer && Pointee(pointer.PointedAtType) is not null)
        {
            return type.ToDisplayString();
        }
        return type.SpecialType switch
        {
            SpecialType.System_Boolean => "byte",
            SpecialType.System_String => "byte*",
            SpecialType.System_Char => "ushort",
            SpecialType.System_Decimal => "double",
            _ => null,
        };
    }

    /// <summary>What a pointer points at: primitives, enums, structs, <c>void</c> and pointers, recursively.</summary>
    private AbiType? Pointee(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return AbiType.Void;
        }
        if (type is IPointerTypeSymbol pointer)
        {
            AbiType? inner = Pointee(pointer.PointedAtType);
            return inner is null ? null : new PointerType(inner);
        }
        return type.SpecialType == SpecialType.System_Boolean ? Primitive(type) : Blittable(type);
    }

    private static PrimitiveType? Primitive(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean => AbiType.Bool,
        SpecialType.System_SByte => new PrimitiveType(Abi.Model.Primitive.Int8),
        SpecialType.System_Byte => new PrimitiveType(Abi.Model.Primitive.UInt8),
        SpecialType.System_Int16 => new PrimitiveType(Abi.Model.Primitive.Int16),
        SpecialType.System_UInt16 => new PrimitiveType(Abi.Model.Primitive.UInt16),
        SpecialType.System_Int32 => AbiType.Int32,
        SpecialType.System_UInt32 => AbiType.UInt32,
        SpecialType.System_Int64 => AbiType.Int64,
        SpecialType.System_UInt64 => AbiType.UInt64,
        SpecialType.System_IntPtr => new PrimitiveType(Abi.Model.Primitive.IntPtr),
        SpecialType.System_UIntPtr => new PrimitiveType(Abi.Model.Primitive.UIntPtr),
        SpecialType.System_Single => new PrimitiveType(Abi.Model.Primitive.Float),
        SpecialType.System_Double => new PrimitiveType(Abi.Model.Primitive.Double),
        _ => null,
    };

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

    /// <summary>Why a type has no C form by value, and what to pass (or return, when <paramref name="result"/>) instead.</summary>
    private Refusal Suggestion(ITypeSymbol type, bool result)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Char:
                return Refusal.Use("a C# char is a UTF-16 code unit, which C has no type for", "ushort", "or 'string' for text, UTF-8 in C");
            case SpecialType.System_Decimal:
                return Refusal.Use("C has no decimal type", "double", "or a scaled 'long' where every digit counts");
            case SpecialType.System_Object:
                return WrapInHandle;
        }
        switch (type)
        {
            case INamedTypeSymbol { IsRefLikeType: true, TypeArguments.Length: 1 } span when IsSpan(span, out _):
            {
                // Only a result gets here: a span parameter of non-C elements is refused where spans are mapped.
                ITypeSymbol element = span.TypeArguments[0];
                const string why = "a span cannot be returned: the memory it views would have to outlive the call";
                return Blittable(element) is not null
                    ? Refusal.Use(why, element.ToDisplayString() + "[]", "a library-owned copy, with its length in out_len")
                    : ArrayResultRefusal(element).After(why + "; an array can be, but");
            }
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
            {
                ITypeSymbol value = nullable.TypeArguments[0];
                string valueType = Blittable(value) is not null ? value.ToDisplayString() : ElementRefusal(value, incoming: false).Replacement ?? value.ToDisplayString();
                return result
                    ? $"a nullable result has no C form; return whether there is a value as 'bool' and the value through an 'out {valueType}' parameter (bool TryGet(out {valueType} value))"
                    : Refusal.Use("C has no nullable values", $"{valueType}?", "a pointer that may be NULL in C");
            }
            case IArrayTypeSymbol array:
                return ArrayRefusal(array, result);
            case INamedTypeSymbol { TypeKind: TypeKind.Enum } named:
            {
                string underlying = named.EnumUnderlyingType?.ToDisplayString() ?? "int";
                return named.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                    ? Refusal.Use("the enum is not internal or public, so the generated code cannot name it", underlying, "its underlying type; or make the enum internal or public")
                    : Refusal.Use(NameProblem(named) ?? "this enum cannot cross the boundary", underlying, "its underlying type");
            }
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate } named when result:
                return Refusal.Use("a delegate cannot be returned to C", "nint", "return the address of an [UnmanagedCallersOnly] method: (nint)(delegate* unmanaged[Cdecl]<…>)&Method");
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }:
            {
                // C passes the state a callback needs as a void* beside it, and the callback gets it back last.
                const string why = "a delegate cannot be called from C, which passes a function pointer and the state it needs as a void* beside it";
                string? callback = Callback(
                    invoke.Parameters.Select(parameter => CallbackInstead(parameter.Type, parameter.RefKind)).Append("void*"),
                    invoke.ReturnsVoid ? "void" : CallbackInstead(invoke.ReturnType, invoke.RefKind),
                    "unmanaged[Cdecl]");
                return callback is null
                    ? $"{why}; pass a 'delegate* unmanaged[Cdecl]<…>' of fixed-width numbers, enums, blittable structs and pointers, and a 'void*' for its state"
                    : Refusal.Use(why, callback, "and add a 'void*' parameter for the state, which C hands back to the callback last");
            }
            case INamedTypeSymbol { TypeKind: TypeKind.Struct } named:
                return WhyNotStruct(named) is { } whyNot
                    ? new Refusal(whyNot, IsHome(named) ? null : ForeignReplacement(MetadataName(named), result))
                    : "this struct cannot cross the boundary";
            case INamedTypeSymbol { TypeKind: TypeKind.Class } named when named.Locations.Any(location => location.IsInSource):
                return $"mark the class [CExport] to pass its objects as opaque handles ({_naming.CName(named).Name}* in C)";
            case INamedTypeSymbol { IsReferenceType: true }:
                return WrapInHandle;
            default:
                return "use a fixed-width integer, float, double, bool, an enum, string, a span or a pointer instead";
        }
    }

    /// <summary>Why an array has no C form here, and the span (for a parameter) or one-dimensional array (for a result) to use.</summary>
    private Refusal ArrayRefusal(IArrayTypeSymbol array, bool result)
    {
        ITypeSymbol element = array.ElementType;
        if (result)
        {
            // A one-dimensional array result is mapped where results are; this one has more dimensions.
            return Blittable(element) is not null
                ? Refusal.Use("a multi-dimensional array has no C form", element.ToDisplayString() + "[]", "its elements in row-major order")
                : ArrayResultRefusal(element).After("a multi-dimensional array has no C form");
        }
        const string why = "C passes an array as a pointer and a length, which a span views without copying";
        string note = array.Rank > 1 ? "its elements in row-major order, and its dimensions as separate parameters" : $"'{SpanOf(element.ToDisplayString(), writable: true)}' to write into the caller's memory";
        if (Blittable(element) is not null)
        {
            return Refusal.Use(why, SpanOf(element.ToDisplayString(), writable: false), note);
        }
        Refusal inner = ElementRefusal(element, incoming: true);
        return inner.Replacement is { } instead
            ? Refusal.Use($"{why}, but a span's elements must be fixed-width numbers, enums or blittable structs, and {inner.Reason}", SpanOf(instead, writable: false))
            : inner.After($"{why}, but a span's elements must be fixed-width numbers, enums or blittable structs, and '{element.ToDisplayString()}' is not");
    }
}
