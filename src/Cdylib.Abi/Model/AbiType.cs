namespace Cdylib.Abi.Model;

/// <summary>What kind of C type an <see cref="AbiType"/> is; bindings choose their own spelling from it.</summary>
public enum AbiTypeKind
{
    Void,
    Bool,
    SignedInteger,
    UnsignedInteger,
    Float,
    Pointer,
}

/// <summary>
/// A C type at the boundary and the C# type it came from.
/// </summary>
/// <param name="C">The C spelling (<c>int32_t</c>, <c>uint8_t*</c>, <c>void</c>).</param>
/// <param name="Managed">The C# spelling (<c>int</c>, <c>byte*</c>, <c>void</c>).</param>
/// <param name="Size">The size in bytes, 0 for <c>void</c>, -1 where it depends on the target (pointers, <c>intptr_t</c>).</param>
public sealed record AbiType(AbiTypeKind Kind, string C, string Managed, int Size)
{
    public static AbiType Void { get; } = new(AbiTypeKind.Void, "void", "void", 0);

    public static AbiType Int32 { get; } = new(AbiTypeKind.SignedInteger, "int32_t", "int", 4);

    public static AbiType ConstCharPointer { get; } = new(AbiTypeKind.Pointer, "const char*", "byte*", -1);
}
