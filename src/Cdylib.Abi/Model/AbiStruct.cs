namespace Cdylib.Abi.Model;

/// <summary>
/// A blittable C# struct as a C struct. The layout is the C one (natural alignment, capped by
/// <c>Pack</c>), which is also how .NET lays out a sequential blittable struct; it is given for
/// 64-bit and 32-bit targets because pointer-sized fields change it, and the header asserts it.
/// The 32-bit layout aligns 8-byte fields to 8, as Windows x86 and 32-bit ARM do (the 32-bit
/// targets Native AOT builds for).
/// </summary>
/// <param name="Name">The C struct and typedef name (the C# type name).</param>
/// <param name="Managed">The C# type, fully qualified.</param>
public sealed record AbiStruct(
    string Name,
    string Managed,
    EquatableArray<AbiField> Fields,
    AbiLayout Layout64,
    AbiLayout Layout32,
    string? Doc)
{
    /// <summary>StructLayout.Pack: the largest alignment a field gets, 0 for natural alignment.</summary>
    public int Pack { get; init; }
}

/// <summary>
/// A C# class exported as an opaque handle type: <c>typedef struct Name Name;</c>, passed as
/// <c>Name*</c>, ended by <see cref="FreeFunction"/> (which accepts NULL).
/// </summary>
public sealed record AbiHandle(string Name, string Managed, string FreeFunction, string? Doc);

/// <summary>One field: its C name and type and where it lies on 64-bit and 32-bit targets.</summary>
public sealed record AbiField(string Name, AbiType Type, int Offset64, int Offset32, string? Doc);

/// <summary>A size and an alignment in bytes.</summary>
public readonly record struct AbiLayout(int Size, int Alignment);
