using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// The type-name mapping of the Node binding: how koffi spells each <see cref="AbiType"/>, how a JavaScript
/// value becomes its C value (checked) and back, and how TypeScript names it.
/// </summary>
internal sealed class NodeTypes(AbiLibrary library, BindingNames names)
{
    /// <summary>The koffi struct type of a struct, by its binding name.</summary>
    public static string StructType(string name) => "_T_" + name;

    /// <summary>The caller-implemented interface a parameter of this type lends (a <c>const TABLE*</c>), or null.</summary>
    public AbiStruct? InterfaceOf(AbiType type) => library.InterfaceOf(type);

    /// <summary>The module's description of an interface's table (<c>_I_NAME</c>), by the interface's binding name.</summary>
    public static string InterfaceKind(string name) => "_I_" + name;

    /// <summary>The koffi type of a C value: a type name in quotes, or one of the module's type objects.</summary>
    public string Koffi(AbiType type) => type switch
    {
        PrimitiveType primitive => Primitive(primitive),
        EnumRef enumeration => Primitive(enumeration.Underlying),
        StructRef => StructType(names.Of(type)),
        StringType { Ownership: Ownership.Borrowed } => "'const char *'",
        _ => "'void *'",
    };

    private static string Primitive(PrimitiveType primitive) => primitive.Primitive switch
    {
        Model.Primitive.Void => "'void'",
        Model.Primitive.Bool => "'bool'",
        Model.Primitive.Char => "'char'",
        Model.Primitive.Int128 => "_Int128",
        Model.Primitive.UInt128 => "_UInt128",
        Model.Primitive.NFloat => "_NFLOAT",
        Model.Primitive.Half => "'uint16_t'",
        _ => $"'{CName(primitive)}'",
    };

    /// <summary>The C name of an integer or floating-point type, as <c>_int</c>'s limits table keys it.</summary>
    private static string CName(PrimitiveType primitive) => primitive.Primitive switch
    {
        Model.Primitive.IntPtr => "intptr_t",
        Model.Primitive.UIntPtr => "uintptr_t",
        Model.Primitive.SizeT => "size_t",
        Model.Primitive.Float => "float",
        Model.Primitive.Double => "double",
        Model.Primitive.Int128 => "int128",
        Model.Primitive.UInt128 => "uint128",
        var other => other.ToString().ToLowerInvariant() + "_t",
    };

    /// <summary>The koffi type of a C function's result: a pointer the module frees or wraps as an address.</summary>
    public string KoffiResult(AbiType type) => type.IsVoid ? "'void'" : Koffi(type);

    /// <summary>The koffi type of one parameter of the C declaration (pointers written through marked out or in/out).</summary>
    public string KoffiParameter(CParameter parameter, string function) => (parameter.Role, parameter.Type) switch
    {
        (CParameterRole.SpanLength, _) => "'size_t'",
        (CParameterRole.OutLength, _) => "koffi.out(koffi.pointer('size_t'))",
        (CParameterRole.SpanPointer, SpanType span) when TypedArray(span.Element) is null =>
            span.Writable ? $"koffi.inout(koffi.pointer({Koffi(span.Element)}))" : $"koffi.pointer({Koffi(span.Element)})",
        (CParameterRole.SpanPointer, _) => "'void *'",
        (_, ReferenceType { Kind: ReferenceKind.Out, Target: var target }) => $"koffi.out(koffi.pointer({Koffi(target)}))",
        (_, ReferenceType { Kind: ReferenceKind.Ref, Target: var target }) => $"koffi.inout(koffi.pointer({Koffi(target)}))",
        (_, ReferenceType { Target: var target }) => $"koffi.pointer({Koffi(target)})",
        (_, OptionalType { Value: var value }) => $"koffi.pointer({Koffi(value)})",
        (_, FunctionPointerType) => $"koffi.pointer(_p_{function}_{parameter.Name})",
        (_, PointerType pointer) when InterfaceOf(pointer) is { } table => $"koffi.pointer({StructType(names.Of(new StructRef(table.Name)))})",
        _ => Koffi(parameter.Type),
    };

    /// <summary>A typed array that holds a span of these elements (numbers, bools as bytes, Half bits), or null for structs and the rest.</summary>
    public static string? TypedArray(AbiType element) => element switch
    {
        EnumRef enumeration => TypedArray(enumeration.Underlying),
        PrimitiveType { Primitive: var primitive } => primitive switch
        {
            Model.Primitive.Bool or Model.Primitive.UInt8 => "Uint8Array",
            Model.Primitive.Int8 => "Int8Array",
            Model.Primitive.Int16 => "Int16Array",
            Model.Primitive.UInt16 or Model.Primitive.Half => "Uint16Array",
            Model.Primitive.Int32 => "Int32Array",
            Model.Primitive.UInt32 => "Uint32Array",
            Model.Primitive.Int64 => "BigInt64Array",
            Model.Primitive.UInt64 => "BigUint64Array",
            Model.Primitive.IntPtr => "(_POINTER_SIZE === 8 ? BigInt64Array : Int32Array)",
            Model.Primitive.UIntPtr or Model.Primitive.SizeT => "(_POINTER_SIZE === 8 ? BigUint64Array : Uint32Array)",
            Model.Primitive.Float => "Float32Array",
            Model.Primitive.Double => "Float64Array",
            Model.Primitive.NFloat => "(_POINTER_SIZE === 8 ? Float64Array : Float32Array)",
            _ => null,
        },
        _ => null,
    };

    /// <summary>Whether a value of this integer type is a bigint in JavaScript (64-bit and pointer-sized integers).</summary>
    public static bool IsWide(PrimitiveType type) => type.Size is 8 or -1 or 16 && type.IsInteger;

    /// <summary>An enum member's value as JavaScript writes it (a bigint for a 64-bit enum).</summary>
    public static string EnumValue(AbiEnumMember member, PrimitiveType underlying) => member.Text(underlying) + (IsWide(underlying) ? "n" : "");

    /// <summary>A JavaScript value as the C value koffi takes, checked: the expression that converts <paramref name="value"/>.</summary>
    public string ToC(string value, AbiType type, string label) => type switch
    {
        PrimitiveType { Primitive: Model.Primitive.Int128 } => $"_int128({value}, {label}, true)",
        PrimitiveType { Primitive: Model.Primitive.UInt128 } => $"_int128({value}, {label}, false)",
        PrimitiveType { Primitive: Model.Primitive.Bool } => $"_bool({value}, {label})",
        PrimitiveType { Primitive: Model.Primitive.Half } => $"_half({value}, {label})",
        PrimitiveType { Primitive: Model.Primitive.Float or Model.Primitive.Double or Model.Primitive.NFloat } => $"_float({value}, {label})",
        PrimitiveType { IsInteger: true } primitive => $"_int({value}, {label}, '{CName(primitive)}')",
        EnumRef enumeration => $"_int({value}, {label}, '{CName(enumeration.Underlying)}')",
        StructRef when BindingTypes.IsGuid(type, library) && IsGuidWithFields(type) => $"_guid({value}, {label})",
        StructRef => $"_to_{names.Of(type)}({value}, {label})",
        StringType => $"_str({value}, {label})",
        HandleRef => $"_lend({names.Of(type)}, {value}, {label})",
        PointerType when InterfaceOf(type) is { } table => $"_interface({InterfaceKind(names.Of(new StructRef(table.Name)))}, {value}, {label})",
        PointerType => $"_pointer({value}, {label})",
        _ => value,
    };

    /// <summary>The JavaScript value of a C value koffi gives (a result, a field, an element, what a holder holds).</summary>
    public string FromC(string value, AbiType type) => type switch
    {
        PrimitiveType { Primitive: Model.Primitive.Int128 or Model.Primitive.UInt128 } => $"_fromInt128({value})",
        PrimitiveType { Primitive: Model.Primitive.Half } => $"_fromHalf({value})",
        PrimitiveType primitive when IsWide(primitive) => $"_big({value})",
        EnumRef enumeration when IsWide(enumeration.Underlying) => $"_big({value})",
        StructRef when BindingTypes.IsGuid(type, library) && IsGuidWithFields(type) => $"_fromGuid({value})",
        StructRef => $"_from_{names.Of(type)}({value})",
        StringType { Ownership: Ownership.Owned } => $"_takeString({value})",
        HandleRef => $"_wrap({names.Of(type)}, {value})",
        _ => value,
    };

    private bool IsGuidWithFields(AbiType type) =>
        type is StructRef structure && library.Structs.Any(candidate => candidate.Name == structure.Name && BindingTypes.HasGuidFields(candidate));

    /// <summary>Whether koffi reads and writes a pointer to this type through an object (a struct) rather than a one-element array.</summary>
    private static bool IsObject(AbiType type) => type is StructRef || BindingTypes.Is128(type);

    /// <summary>What an <c>out</c> pointer is written into: an object for a struct, a one-element array for anything else.</summary>
    public static string EmptyHolder(AbiType target) => IsObject(target) ? "{}" : "[null]";

    /// <summary>What a <c>ref</c>, <c>in</c> or optional pointer points at: the checked value, in a one-element array unless a struct.</summary>
    public string Holder(string value, AbiType target, string label) =>
        IsObject(target) ? ToC(value, target, label) : $"[{ToC(value, target, label)}]";

    /// <summary>The value a holder holds after the call.</summary>
    public string FromHolder(string holder, AbiType target) => FromC(IsObject(target) ? holder : holder + "[0]", target);

    /// <summary>What a callback returns once it has thrown (it is not called again).</summary>
    public static string Zero(AbiType type) => type switch
    {
        { IsVoid: true } => "undefined",
        PrimitiveType { Primitive: Model.Primitive.Bool } => "false",
        PrimitiveType primitive when IsWide(primitive) => "0n",
        EnumRef enumeration when IsWide(enumeration.Underlying) => "0n",
        PrimitiveType or EnumRef => "0",
        StructRef => "{}",
        _ => "null",
    };

    /// <summary>The convention argument of <c>_func</c>: null for C, the system's (stdcall on 32-bit x86 Windows) or stdcall.</summary>
    public static string FunctionConvention(AbiCallingConvention convention) => convention switch
    {
        AbiCallingConvention.System => "_SYSTEM",
        AbiCallingConvention.Stdcall => "'__stdcall'",
        _ => "null",
    };

    /// <summary>The convention argument that starts a <c>koffi.proto</c> call, empty for C.</summary>
    public static string Convention(AbiCallingConvention convention) => convention switch
    {
        AbiCallingConvention.System => "...(_SYSTEM ? [_SYSTEM] : []), ",
        AbiCallingConvention.Stdcall => "'__stdcall', ",
        _ => "",
    };

    /// <summary>The TypeScript type of a value the caller gives (<paramref name="input"/>) or gets.</summary>
    public string TypeScript(AbiType type, bool input, bool dropUserData = false) => type switch
    {
        PrimitiveType { Primitive: Model.Primitive.Bool } => "boolean",
        PrimitiveType primitive when IsWide(primitive) => input ? "number | bigint" : "bigint",
        PrimitiveType { Primitive: Model.Primitive.Void } => "void",
        PrimitiveType => "number",
        EnumRef enumeration => $"{names.Of(type)} | {(IsWide(enumeration.Underlying) ? "bigint" : "number")}",
        StructRef when IsGuidWithFields(type) => input ? "string | { a: number; b: number; c: number; d: number; e: number; f: number; g: number; h: number; i: number; j: number; k: number }" : "string",
        StructRef => names.Of(type),
        StringType { Nullable: var nullable } => input || nullable ? "string | null" : "string",
        HandleRef { Nullable: var nullable } => input || nullable ? $"{names.Of(type)} | null" : names.Of(type),
        PointerType when InterfaceOf(type) is { } table => $"{names.Of(new StructRef(table.Name))} | null",
        PointerType => input ? "bigint | ArrayBufferView | null" : "bigint | null",
        SpanType { Element: var element, Writable: var writable } => input
            ? $"Iterable<{TypeScript(element, true)}>{(TypedArray(element) is { } kind && !kind.StartsWith("(", System.StringComparison.Ordinal) ? " | " + kind : "")} | null"
            : $"{Array(TypeScript(element, false))} | null",
        OwnedArrayType { Element: var element, Nullable: var nullable } => $"{Array(TypeScript(element, false))}{(nullable ? " | null" : "")}",
        ReferenceType { Target: var target } => TypeScript(target, input),
        OptionalType { Value: var value } => $"{TypeScript(value, true)} | null | undefined",
        FunctionPointerType callback =>
            $"(({string.Join(", ", callback.Parameters.Take(callback.Parameters.Count - (dropUserData ? 1 : 0)).Select((parameter, i) => $"arg{i}: {TypeScript(parameter, false)}"))}) => {TypeScript(callback.Returns, true)}) | null",
        _ => "unknown",
    };

    private static string Array(string element) => element.Contains(' ') ? $"({element})[]" : element + "[]";
}
