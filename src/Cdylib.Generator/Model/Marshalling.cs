using Cdylib.Abi.Model;

namespace Cdylib.Generator.Model;

/// <summary>How a value is converted between its C form and its C# form inside a shim.</summary>
internal enum MarshalKind
{
    /// <summary>The C# type is the C type (integers, floats, pointers, enums, function pointers): passed through untouched.</summary>
    Identity,

    /// <summary>C99 <c>bool</c> travels as one byte; C# <c>bool</c> is not blittable at the boundary.</summary>
    Bool,

    /// <summary><c>const char*</c> UTF-8 in → <c>string</c>, checked for NULL and invalid UTF-8.</summary>
    StringIn,

    /// <summary><c>string</c> → library-owned <c>char*</c> UTF-8.</summary>
    StringOut,

    /// <summary>Pointer + length in → <c>Span&lt;T&gt;</c> / <c>ReadOnlySpan&lt;T&gt;</c> over the caller's memory.</summary>
    SpanIn,

    /// <summary><c>T[]</c> → library-owned buffer + <c>*out_len</c>.</summary>
    ArrayOut,

    /// <summary><c>out</c>/<c>ref</c>/<c>in</c> → a non-NULL pointer; <see cref="ValueMarshalling.Element"/> says how the target converts.</summary>
    Reference,

    /// <summary><c>T?</c> in → a pointer that may be NULL.</summary>
    Optional,

    /// <summary>A handle in → the object behind it in the handle table (stale, forged or wrong-type handles are errors).</summary>
    HandleIn,

    /// <summary>An object out → a new handle for it.</summary>
    HandleOut,

    /// <summary>A table of C functions in → a proxy object implementing a <c>[CExport]</c> interface.</summary>
    InterfaceIn,
}

/// <summary>Which way a value crosses: the same type converts differently in (a handle looked up) and out (a handle allocated).</summary>
internal enum MarshalDirection
{
    /// <summary>A parameter.</summary>
    In,

    /// <summary>A result.</summary>
    Out,

    /// <summary>Passed through as its C value whatever its type (the generated helpers' raw pointers and handles).</summary>
    Untouched,
}

/// <summary>
/// One value at the boundary: its C type for the ABI model and how the shim carries it.
/// </summary>
/// <param name="Abi">The C view, as the header and the ABI file show it.</param>
/// <param name="ShimType">The C# type in the shim's signature (<c>byte</c> for <c>bool</c>, <c>byte*</c> for a string, the element pointer for a span).</param>
/// <param name="ManagedType">The C# type of the exported method (fully qualified).</param>
internal sealed record ValueMarshalling(AbiType Abi, string ShimType, string ManagedType, MarshalDirection Direction)
{
    /// <summary>How the target of a <see cref="MarshalKind.Reference"/> converts (Identity, Bool or StringOut).</summary>
    public ValueMarshalling? Element { get; init; }

    /// <summary>How the shim converts the value: it follows from the type and the direction.</summary>
    /// <summary>For a caller-implemented interface parameter: its proxy class, and whether NULL means null.</summary>
    public CallbackProxy? Callback { get; init; }

    public MarshalKind Kind => Direction == MarshalDirection.Untouched ? MarshalKind.Identity : Callback is not null ? MarshalKind.InterfaceIn : Abi switch
    {
        PrimitiveType { Primitive: Primitive.Bool } => MarshalKind.Bool,
        StringType { Ownership: Ownership.Borrowed } => MarshalKind.StringIn,
        StringType => MarshalKind.StringOut,
        SpanType => MarshalKind.SpanIn,
        OwnedArrayType => MarshalKind.ArrayOut,
        ReferenceType => MarshalKind.Reference,
        OptionalType => MarshalKind.Optional,
        HandleRef => Direction == MarshalDirection.In ? MarshalKind.HandleIn : MarshalKind.HandleOut,
        _ => MarshalKind.Identity,
    };

    /// <summary>For <see cref="MarshalKind.Reference"/>: "out", "ref" or "in".</summary>
    public string? RefKeyword => (Abi as ReferenceType)?.Kind.ToString().ToLowerInvariant();

    /// <summary>For strings and handles in: the parameter is nullable (<c>string?</c>), so NULL means null.</summary>
    public bool AllowsNull => AbiNullability.IsNullable(Abi);
}

/// <summary>The proxy a caller-implemented interface parameter becomes (<c>CExports.Proxy_NAME</c>).</summary>
internal sealed record CallbackProxy(string Proxy, bool AllowsNull);
