namespace Cdylib.Abi.Model;

/// <summary>
/// Which values may be C's NULL, from the model alone, so the header's comments and
/// <c>cdylib diff</c> agree with what the shims do. A C# reference type crosses as NULL only when
/// it is annotated nullable (<c>string?</c>, <c>Counter?</c>, <c>int[]?</c>: the model's type says
/// <c>Nullable</c>); a parameter without the annotation refuses NULL with
/// <c>NULL_ARGUMENT</c>. A <c>T?</c> value is a pointer that is NULL for "no value".
/// </summary>
public static class AbiNullability
{
    /// <summary>
    /// True when NULL stands for a C# null here: a parameter that accepts NULL, a result (or a
    /// value written through an <c>out</c> pointer) that may be NULL for null, not only on failure.
    /// False for everything that is not a pointer the shim interprets (numbers, structs, raw pointers,
    /// spans, <c>out</c>/<c>ref</c> pointers themselves).
    /// </summary>
    public static bool IsNullable(AbiType type) => type switch
    {
        OptionalType => true,
        StringType text => text.Nullable,
        HandleRef handle => handle.Nullable,
        OwnedArrayType array => array.Nullable,
        _ => false,
    };

    /// <summary>
    /// Whether a parameter of this type can be NULL at all and what the shim makes of it: <c>null</c>
    /// for values that are not pointers the boundary reads (numbers, structs, function pointers) or
    /// raw pointers, which cross untouched and mean what the library's code makes of them.
    /// </summary>
    public static bool? ParameterAcceptsNull(AbiType type) => type switch
    {
        OptionalType => true,
        StringType or HandleRef => IsNullable(type),
        ReferenceType => false,
        _ => null,
    };
}
