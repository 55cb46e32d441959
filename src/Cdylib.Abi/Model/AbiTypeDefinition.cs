namespace Cdylib.Abi.Model;

/// <summary>A C# enum as C sees it: <c>typedef int32_t Color;</c> plus one constant per member.</summary>
/// <param name="Name">The C typedef name (the C# type name).</param>
/// <param name="Managed">The C# type, fully qualified.</param>
/// <param name="Underlying">The underlying integer type.</param>
public sealed record AbiEnum(string Name, string Managed, PrimitiveType Underlying, EquatableArray<AbiEnumMember> Members, string? Doc)
{
    /// <summary>A reference to this enum, as parameters and fields name it.</summary>
    public EnumRef Type => new(Name, Underlying);
}

/// <summary>One named constant of an enum; <see cref="CName"/> is its macro (<c>COLOR_RED</c>).</summary>
/// <param name="Value">The value; for an unsigned underlying type its bits (<c>ulong.MaxValue</c> is -1 here), see <see cref="Text"/>.</param>
public sealed record AbiEnumMember(string Name, string CName, long Value, string? Doc)
{
    /// <summary>The value in decimal as the underlying type reads it (<c>18446744073709551615</c>, <c>-1</c>).</summary>
    public string Text(PrimitiveType underlying) => underlying.IsSigned
        ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : ((ulong)Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
