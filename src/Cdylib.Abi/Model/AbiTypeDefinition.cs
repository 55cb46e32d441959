namespace Cdylib.Abi.Model;

/// <summary>A C# enum as C sees it: <c>typedef int32_t Color;</c> plus one constant per member.</summary>
/// <param name="Name">The C typedef name (the C# type name).</param>
/// <param name="Managed">The C# type, fully qualified.</param>
/// <param name="Underlying">The underlying integer type.</param>
public sealed record AbiEnum(string Name, string Managed, AbiType Underlying, EquatableArray<AbiEnumMember> Members, string? Doc);

/// <summary>One named constant of an enum; <see cref="CName"/> is its macro (<c>COLOR_RED</c>).</summary>
/// <param name="Value">The value as a C integer literal (<c>-1</c>, <c>4294967295u</c>).</param>
public sealed record AbiEnumMember(string Name, string CName, string Value, string? Doc);
