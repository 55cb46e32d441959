using System;
using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// What a binding calls the library's enums, structs and handle types: their C# names, never their C
/// names. The C names may carry the library's prefix (<c>BndPoint</c>, <c>BND_COLOR_RED</c>) so that
/// they do not collide in C's one global namespace; a Python, Rust or C# user has a module, crate or
/// namespace for that and keeps <c>Point</c>. So each type is named by the simple name of its C# type
/// (<see cref="AbiStruct.Managed"/>, <see cref="AbiEnum.Managed"/>, <see cref="AbiHandle.Managed"/>).
/// </summary>
/// <remarks>
/// Two types of different namespaces may share a simple name (<c>Geo.Point</c> and <c>Ui.Point</c>,
/// whose C names the generator keeps apart), and a simple name may be one the binding itself uses
/// (<c>Error</c>, a keyword, a type of the language's standard library the generated code names). Such a
/// type is named by its whole C# name in Pascal case instead (<c>GeoPoint</c>, <c>UiPoint</c>,
/// <c>LibError</c>), every one of the colliding types alike, so no type's name depends on which other
/// type came first; a name still taken gets a trailing <c>_</c>. <c>System.Guid</c> is always
/// <c>Guid</c>: a type of the library that is also called <c>Guid</c> yields.
/// </remarks>
public sealed class BindingNames
{
    private readonly Dictionary<string, string> _types;

    private BindingNames(Dictionary<string, string> types) => _types = types;

    /// <summary>The binding's name of the enum, struct or handle type whose C name is <paramref name="cName"/>; any other C name as it is.</summary>
    public string Type(string cName) => _types.TryGetValue(cName, out string? name) ? name : cName;

    /// <summary>The binding's name of a named type (an enum, struct or handle).</summary>
    public string Of(AbiType type) => type switch
    {
        EnumRef enumeration => Type(enumeration.Name),
        StructRef structure => Type(structure.Name),
        HandleRef handle => Type(handle.Name),
        _ => throw new ArgumentException($"{CSpelling.Of(type)} is not a named type", nameof(type)),
    };

    public string Of(AbiStruct structure) => Type(structure.Name);

    public string Of(AbiEnum enumeration) => Type(enumeration.Name);

    public string Of(AbiHandle handle) => Type(handle.Name);

    /// <summary>
    /// The names for <paramref name="library"/> in a language that already uses <paramref name="reserved"/>
    /// (its keywords, the binding's own names, the standard types the generated code names unqualified).
    /// </summary>
    public static BindingNames For(AbiLibrary library, IEnumerable<string> reserved)
    {
        var types = library.Enums.Select(enumeration => (C: enumeration.Name, enumeration.Managed))
            .Concat(library.Structs.Select(structure => (C: structure.Name, structure.Managed)))
            .Concat(library.Handles.Select(handle => (C: handle.Name, handle.Managed)))
            .GroupBy(type => type.C)
            .Select(group => group.First())
            .ToList();
        var taken = new HashSet<string>(reserved, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var guid in types.Where(type => type.Managed == BindingTypes.GuidManaged))
        {
            names[guid.C] = BindingTypes.GuidName;
            taken.Add(BindingTypes.GuidName);
        }
        var rest = types.Where(type => !names.ContainsKey(type.C)).ToList();
        var counts = rest.GroupBy(type => BindingShapes.SimpleName(type.Managed)).ToDictionary(group => group.Key, group => group.Count());
        foreach ((string c, string managed) in rest)
        {
            string simple = BindingShapes.SimpleName(managed);
            string name = counts[simple] > 1 || taken.Contains(simple) ? Qualified(managed) : simple;
            while (taken.Contains(name))
            {
                name += "_";
            }
            taken.Add(name);
            names[c] = name;
        }
        return new BindingNames(names);
    }

    // Geo.Shapes.Point → GeoShapesPoint; a type in the global namespace keeps its name.
    private static string Qualified(string managed)
    {
        int generic = managed.IndexOf('<');
        string name = generic >= 0 ? managed.Substring(0, generic) : managed;
        return string.Concat(name.Split(new[] { '.', '+' }, StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));
    }
}

/// <summary>
/// The .NET structs with a C form of their own (<see cref="WellKnownTypes"/>) as the bindings recognise
/// them in the model: the primitives <c>Int128</c>, <c>UInt128</c>, <c>Half</c> and <c>NFloat</c>, and the
/// struct whose C# type is <c>System.Guid</c> (its C name may be prefixed).
/// </summary>
public static class BindingTypes
{
    public const string GuidManaged = WellKnownTypes.GuidManaged;

    public const string GuidName = "Guid";

    public static bool IsInt128(AbiType type) => type is PrimitiveType { Primitive: Primitive.Int128 };

    public static bool IsUInt128(AbiType type) => type is PrimitiveType { Primitive: Primitive.UInt128 };

    /// <summary>Either 128-bit integer (by reference only: the generator refuses them by value).</summary>
    public static bool Is128(AbiType type) => WellKnownTypes.Is128BitInteger(type);

    /// <summary>A <c>Half</c>: its bits as a <c>uint16_t</c> in C.</summary>
    public static bool IsHalf(AbiType type) => type is PrimitiveType { Primitive: Primitive.Half };

    public static bool IsNFloat(AbiType type) => type is PrimitiveType { Primitive: Primitive.NFloat };

    /// <summary>A reference to the struct of <c>System.Guid</c>.</summary>
    public static bool IsGuid(AbiType type, AbiLibrary library) =>
        type is StructRef structure && library.Structs.Any(candidate => candidate.Name == structure.Name && IsGuid(candidate));

    public static bool IsGuid(AbiStruct structure) => structure.Managed == GuidManaged;

    /// <summary>
    /// Whether <paramref name="structure"/> has the fields a binding's Guid conversions read: a, b, c and
    /// d … k as <see cref="WellKnownTypes.GuidStruct"/> has them (else it is declared as a plain struct).
    /// </summary>
    public static bool HasGuidFields(AbiStruct structure) =>
        IsGuid(structure)
        && structure.Fields.Select(field => field.Name).SequenceEqual(WellKnownTypes.GuidStruct.Fields.Select(field => field.Name))
        && structure.Fields.Select(field => field.Type).SequenceEqual(WellKnownTypes.GuidStruct.Fields.Select(field => field.Type));

    /// <summary>Whether any type of the library is one <paramref name="predicate"/> picks.</summary>
    public static bool Uses(AbiLibrary library, Func<AbiType, bool> predicate) => AbiTypes.All(library).Any(predicate);

    /// <summary>Whether <paramref name="structure"/> holds a 128-bit integer, directly or in a struct it holds.</summary>
    public static bool Holds128(AbiStruct structure, AbiLibrary library) =>
        structure.Fields.Any(field => Is128(field.Type)
            || (field.Type is StructRef nested && library.StructNamed(nested.Name) is { } inner && inner != structure && Holds128(inner, library)));

    /// <summary>
    /// Whether packing (<see cref="AbiStruct.Pack"/>) puts a field of <paramref name="structure"/> off its
    /// natural alignment on a 64-bit target, where a language that lays out its own structs cannot follow.
    /// </summary>
    public static bool HasMisalignedField(AbiStruct structure, AbiLibrary library) =>
        structure.Pack > 0 && structure.Fields.Any(field =>
            CLayout.Of(field.Type, 8, name => library.StructNamed(name)) is { Alignment: var alignment }
            && alignment > 0 && field.Offset64 % alignment != 0);

    /// <summary>
    /// An enum member's value as a binding writes it without a C suffix: the number, or for the smallest
    /// value of a signed type <c>(-N - 1)</c>, which every language reads without overflow.
    /// </summary>
    public static string Literal(AbiEnumMember member, PrimitiveType underlying, string longSuffix = "") =>
        (underlying.IsSigned, underlying.Size) switch
        {
            (true, 8) when member.Value == long.MinValue => $"(-9223372036854775807{longSuffix} - 1)",
            (true, 4) when member.Value == int.MinValue => "(-2147483647 - 1)",
            _ => member.Text(underlying),
        };
}
