using System.Collections.Generic;
using System.Linq;

namespace Cdylib.Abi.Model;

/// <summary>
/// The C interface of one native library: what the generator reads from the C# source and what
/// every emitter (header, ABI file, export lists) and checker works from.
/// </summary>
/// <param name="Name">The library name: <c>libNAME.so</c>, <c>NAME.dll</c>, <c>NAME.h</c>.</param>
/// <param name="Prefix">The C identifier that prefixes every helper symbol and macro of this library.</param>
/// <param name="AssemblyName">The C# assembly the library was built from.</param>
/// <param name="ErrorCodes">The codes <c>PREFIX_last_error_code()</c> may return.</param>
/// <param name="Functions">Every exported function, the author's and the generated helpers, in export order.</param>
/// <param name="AbiVersion">The library's ABI version (MSBuild <c>CdylibAbiVersion</c>), bumped by its author on breaking changes.</param>
/// <param name="ApiHash">A hash of every declaration (not the docs): two builds with the same hash have the same C interface.</param>
/// <param name="Enums">The C# enums the functions use, in first-use order.</param>
/// <param name="Structs">The C# structs the functions use, each after the structs it contains.</param>
/// <param name="Handles">The C# classes exported as opaque handle types, in source order.</param>
public sealed record AbiLibrary(
    string Name,
    string Prefix,
    string AssemblyName,
    EquatableArray<AbiErrorCode> ErrorCodes,
    EquatableArray<AbiFunction> Functions,
    uint AbiVersion = 1,
    ulong ApiHash = 0,
    EquatableArray<AbiEnum> Enums = default,
    EquatableArray<AbiStruct> Structs = default,
    EquatableArray<AbiHandle> Handles = default)
{
    /// <summary>The version of the <c>NAME.abi.json</c> layout this model is written as.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The macro prefix: <see cref="Prefix"/> in upper case (<c>HELLO_WORLD</c>).</summary>
    public string MacroPrefix => Prefix.ToUpperInvariant();

    // Methods, not properties: a record prints and compares its properties, and these are views of Structs.

    /// <summary>The struct named <paramref name="name"/> (its C name), or null.</summary>
    public AbiStruct? StructNamed(string name) => Structs.FirstOrDefault(structure => structure.Name == name);

    /// <summary>The structs that are tables of caller-implemented interfaces, in declaration order.</summary>
    public IEnumerable<AbiStruct> CallerInterfaces() => Structs.Where(structure => structure.Interface is not null);

    /// <summary>The structs that carry data (every struct that is not an interface table), in declaration order.</summary>
    public IEnumerable<AbiStruct> DataStructs() => Structs.Where(structure => structure.Interface is null);

    /// <summary>
    /// The caller-implemented interface whose table <paramref name="type"/> names: the table itself, or the
    /// <c>const TABLE*</c> through which a parameter lends an implementation. Null for any other type.
    /// </summary>
    public AbiStruct? InterfaceOf(AbiType type) => type switch
    {
        PointerType { Pointee: StructRef table } => InterfaceOf(table),
        StructRef table => StructNamed(table.Name) is { Interface: not null } structure ? structure : null,
        _ => null,
    };
}

/// <summary>One error code, e.g. <c>NullArgument = 3</c>, emitted as <c>PREFIX_ERROR_NULL_ARGUMENT</c>.</summary>
/// <param name="Name">The code's name in upper snake case (<c>NULL_ARGUMENT</c>).</param>
public sealed record AbiErrorCode(string Name, int Value, string? Doc);
