namespace Cdylib.Abi.Model;

/// <summary>What kind of value an <see cref="AbiType"/> carries; bindings choose their own spelling from it.</summary>
public enum AbiTypeKind
{
    Void,
    Bool,
    SignedInteger,
    UnsignedInteger,
    Float,

    /// <summary>A raw pointer passed through untouched (<see cref="AbiType.Element"/> is what it points at, when known).</summary>
    Pointer,

    /// <summary>A C function pointer (<c>delegate* unmanaged</c>); <see cref="AbiType.C"/> is its typedef-free spelling.</summary>
    FunctionPointer,

    /// <summary>Text in: <c>const char*</c>, NUL-terminated UTF-8, borrowed for the call.</summary>
    Utf8String,

    /// <summary>Text out: <c>char*</c>, NUL-terminated UTF-8, owned by the library until <c>PREFIX_free_string</c>.</summary>
    OwnedUtf8String,

    /// <summary>A read-only span in: <c>const T* name, size_t name_len</c>, borrowed for the call.</summary>
    Span,

    /// <summary>A writable span in: <c>T* name, size_t name_len</c>, borrowed for the call.</summary>
    MutableSpan,

    /// <summary>An array out: <c>T*</c> plus a trailing <c>size_t* out_len</c>, owned by the library until <c>PREFIX_free_buffer</c>.</summary>
    OwnedArray,

    /// <summary>An <c>out</c>/<c>ref</c>/<c>in</c> parameter: a non-NULL pointer to <see cref="AbiType.Element"/>.</summary>
    Reference,

    /// <summary>A nullable value in: a pointer to <see cref="AbiType.Element"/> that may be NULL for "none".</summary>
    Optional,

    /// <summary>A C# enum: a typedef of its underlying integer (<see cref="AbiType.Name"/>) with named constants.</summary>
    Enum,

    /// <summary>A blittable C# struct passed by value: the C struct <see cref="AbiType.Name"/>.</summary>
    Struct,

    /// <summary>A managed object as an opaque handle: <c>Name*</c>, looked up in the library's handle table.</summary>
    Handle,
}

/// <summary>
/// A C type at the boundary and the C# type it came from.
/// </summary>
/// <param name="C">The C spelling of the value itself (<c>int32_t</c>, <c>const char*</c>, <c>const uint8_t*</c> for a span's pointer).</param>
/// <param name="Managed">The C# spelling (<c>int</c>, <c>string</c>, <c>ReadOnlySpan&lt;byte&gt;</c>).</param>
/// <param name="Size">The size in bytes of the C value, 0 for <c>void</c>, -1 where it depends on the target (pointers, <c>intptr_t</c>).</param>
public sealed record AbiType(AbiTypeKind Kind, string C, string Managed, int Size)
{
    /// <summary>The element of a pointer, span, array, reference or optional; the underlying integer of an enum.</summary>
    public AbiType? Element { get; init; }

    /// <summary>The C name of a named type (an enum's typedef, a struct).</summary>
    public string? Name { get; init; }

    public static AbiType Void { get; } = new(AbiTypeKind.Void, "void", "void", 0);

    public static AbiType Int32 { get; } = new(AbiTypeKind.SignedInteger, "int32_t", "int", 4);

    public static AbiType UInt32 { get; } = new(AbiTypeKind.UnsignedInteger, "uint32_t", "uint", 4);

    public static AbiType UInt64 { get; } = new(AbiTypeKind.UnsignedInteger, "uint64_t", "ulong", 8);

    public static AbiType SizeT { get; } = new(AbiTypeKind.UnsignedInteger, "size_t", "nuint", -1);

    public static AbiType ConstCharPointer { get; } = new(AbiTypeKind.Pointer, "const char*", "byte*", -1);

    public static AbiType CharPointer { get; } = new(AbiTypeKind.Pointer, "char*", "byte*", -1);

    public static AbiType VoidPointer { get; } = new(AbiTypeKind.Pointer, "void*", "void*", -1);
}
