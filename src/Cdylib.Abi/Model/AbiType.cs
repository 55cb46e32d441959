using System.Collections.Generic;
using System.Linq;

namespace Cdylib.Abi.Model;

/// <summary>
/// A type at the boundary, as structure: what it is, never how a language spells it. C spells it in
/// one place (<see cref="CSpelling"/>), every binding maps it to its own names, and the lowering
/// (<see cref="Lowering.CallPlan"/>) says how each function's values cross. A closed hierarchy: the
/// sealed records below are all there is, and all are equatable, so the generator's model caches.
/// </summary>
public abstract record AbiType
{
    private protected AbiType()
    {
    }

    /// <summary>The size in bytes of the C value, 0 for <c>void</c>, -1 where it depends on the target (pointers, <c>intptr_t</c>, structs).</summary>
    public abstract int Size { get; }

    public static PrimitiveType Void { get; } = new(Primitive.Void);

    public static PrimitiveType Bool { get; } = new(Primitive.Bool);

    public static PrimitiveType Int32 { get; } = new(Primitive.Int32);

    public static PrimitiveType Int64 { get; } = new(Primitive.Int64);

    public static PrimitiveType UInt32 { get; } = new(Primitive.UInt32);

    public static PrimitiveType UInt64 { get; } = new(Primitive.UInt64);

    public static PrimitiveType SizeT { get; } = new(Primitive.SizeT);

    /// <summary><c>const char*</c> as a raw pointer (text the library lends, such as the last error's message).</summary>
    public static PointerType ConstCharPointer { get; } = new(new PrimitiveType(Primitive.Char), IsConst: true);

    /// <summary><c>char*</c> as a raw pointer.</summary>
    public static PointerType CharPointer { get; } = new(new PrimitiveType(Primitive.Char));

    public static PointerType VoidPointer { get; } = new(Void);

    /// <summary>Whether this is <c>void</c>.</summary>
    public bool IsVoid => this is PrimitiveType { Primitive: Primitive.Void };
}

/// <summary>The C scalars, and the .NET structs whose C form is one (<c>Int128</c>, <c>Half</c>, <c>NFloat</c>).</summary>
public enum Primitive
{
    Void,
    Bool,

    /// <summary>C's <c>char</c>: only behind a raw pointer (<c>const char*</c>).</summary>
    Char,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,

    /// <summary><c>intptr_t</c> (C# <c>nint</c>).</summary>
    IntPtr,

    /// <summary><c>uintptr_t</c> (C# <c>nuint</c>).</summary>
    UIntPtr,

    /// <summary><c>size_t</c>: lengths the expansion adds.</summary>
    SizeT,
    Float,
    Double,

    /// <summary><c>System.Int128</c>: <c>cdylib_int128_t</c>.</summary>
    Int128,

    /// <summary><c>System.UInt128</c>: <c>cdylib_uint128_t</c>.</summary>
    UInt128,

    /// <summary><c>System.Half</c>: its IEEE 754 binary16 bits, a <c>uint16_t</c> in C.</summary>
    Half,

    /// <summary><c>System.Runtime.InteropServices.NFloat</c>: <c>cdylib_nfloat_t</c>, pointer-sized.</summary>
    NFloat,
}

/// <summary>A C scalar passed as it is (a <c>bool</c> is one byte, 0 or 1).</summary>
public sealed record PrimitiveType(Primitive Primitive) : AbiType
{
    public override int Size => Primitive switch
    {
        Primitive.Void => 0,
        Primitive.Bool or Primitive.Char or Primitive.Int8 or Primitive.UInt8 => 1,
        Primitive.Int16 or Primitive.UInt16 or Primitive.Half => 2,
        Primitive.Int32 or Primitive.UInt32 or Primitive.Float => 4,
        Primitive.Int64 or Primitive.UInt64 or Primitive.Double => 8,
        Primitive.Int128 or Primitive.UInt128 => 16,
        _ => -1,
    };

    /// <summary>A signed or unsigned integer (the 128-bit ones included, <c>Half</c>'s bits not).</summary>
    public bool IsInteger => Primitive is Primitive.Int8 or Primitive.UInt8 or Primitive.Int16 or Primitive.UInt16 or Primitive.Int32 or Primitive.UInt32
        or Primitive.Int64 or Primitive.UInt64 or Primitive.IntPtr or Primitive.UIntPtr or Primitive.SizeT or Primitive.Int128 or Primitive.UInt128;

    public bool IsSigned => Primitive is Primitive.Int8 or Primitive.Int16 or Primitive.Int32 or Primitive.Int64 or Primitive.IntPtr or Primitive.Int128;
}

/// <summary>A raw pointer passed through untouched: what it points at (<c>void</c>, a scalar, an enum, a struct, a pointer).</summary>
public sealed record PointerType(AbiType Pointee, bool IsConst = false) : AbiType
{
    public override int Size => -1;
}

/// <summary>A C function pointer (<c>delegate* unmanaged</c>): its result, parameters and calling convention.</summary>
public sealed record FunctionPointerType(AbiType Returns, EquatableArray<AbiType> Parameters, AbiCallingConvention Convention = AbiCallingConvention.C) : AbiType
{
    public override int Size => -1;
}

/// <summary>Who owns a string's memory.</summary>
public enum Ownership
{
    /// <summary>Lent for the call: <c>const char*</c> in.</summary>
    Borrowed,

    /// <summary>Owned by the library until its free function: <c>char*</c> out.</summary>
    Owned,
}

/// <summary>NUL-terminated UTF-8 text: borrowed in (<c>const char*</c>) or library-owned out (<c>char*</c>, freed with <c>PREFIX_free_string</c>).</summary>
/// <param name="Nullable">NULL stands for a C# null (<c>string?</c>); otherwise a NULL parameter is refused and a NULL result means failure.</param>
public sealed record StringType(Ownership Ownership, bool Nullable = false) : AbiType
{
    public override int Size => -1;
}

/// <summary>A span in: a pointer to <see cref="Element"/> and a <c>size_t</c> length, borrowed for the call; writable for <c>Span&lt;T&gt;</c>.</summary>
public sealed record SpanType(AbiType Element, bool Writable) : AbiType
{
    public override int Size => -1;
}

/// <summary>An array out: a library-owned buffer of <see cref="Element"/> with its length in <c>out_len</c>, freed with <c>PREFIX_free_buffer</c>.</summary>
public sealed record OwnedArrayType(AbiType Element, bool Nullable = false) : AbiType
{
    public override int Size => -1;
}

/// <summary>How a C# parameter is passed by reference.</summary>
public enum ReferenceKind
{
    /// <summary>Written, never read: an output.</summary>
    Out,

    /// <summary>Read and written.</summary>
    Ref,

    /// <summary>Read only: <c>const T*</c>.</summary>
    In,
}

/// <summary>An <c>out</c>/<c>ref</c>/<c>in</c> parameter: a non-NULL pointer to <see cref="Target"/>.</summary>
public sealed record ReferenceType(ReferenceKind Kind, AbiType Target) : AbiType
{
    public override int Size => -1;
}

/// <summary>A nullable value in (<c>T?</c>): a <c>const T*</c> that is NULL for "no value".</summary>
public sealed record OptionalType(AbiType Value) : AbiType
{
    public override int Size => -1;
}

/// <summary>A C# enum: the typedef <see cref="Name"/> of its <see cref="Underlying"/> integer.</summary>
public sealed record EnumRef(string Name, PrimitiveType Underlying) : AbiType
{
    public override int Size => Underlying.Size;
}

/// <summary>A blittable struct by value: the C struct <see cref="Name"/> (described in <see cref="AbiLibrary.Structs"/>).</summary>
public sealed record StructRef(string Name) : AbiType
{
    public override int Size => -1;
}

/// <summary>A managed object as an opaque handle: <c>Name*</c>, looked up in the library's handle table.</summary>
/// <param name="Nullable">NULL stands for a C# null (<c>Counter?</c>).</param>
public sealed record HandleRef(string Name, bool Nullable = false) : AbiType
{
    public override int Size => -1;
}

/// <summary>Walks over types.</summary>
public static class AbiTypes
{
    /// <summary><paramref name="type"/> and every type it is built from: elements, targets, pointees, a callback's result and parameters.</summary>
    public static IEnumerable<AbiType> SelfAndParts(AbiType type)
    {
        yield return type;
        IEnumerable<AbiType> parts = type switch
        {
            PointerType pointer => new[] { pointer.Pointee },
            FunctionPointerType function => function.Parameters.Prepend(function.Returns),
            SpanType span => new[] { span.Element },
            OwnedArrayType array => new[] { array.Element },
            ReferenceType reference => new[] { reference.Target },
            OptionalType optional => new[] { optional.Value },
            EnumRef enumeration => new AbiType[] { enumeration.Underlying },
            _ => Enumerable.Empty<AbiType>(),
        };
        foreach (AbiType part in parts.SelectMany(SelfAndParts))
        {
            yield return part;
        }
    }

    /// <summary>Every type the library's functions and structs mention, parts included.</summary>
    public static IEnumerable<AbiType> All(AbiLibrary library) =>
        library.Functions.SelectMany(function => function.Parameters.Select(parameter => parameter.Type).Append(function.ReturnType))
            .Concat(library.Structs.SelectMany(structure => structure.Fields.Select(field => field.Type)))
            .SelectMany(SelfAndParts);

    /// <summary><paramref name="type"/> with every enum, struct and handle it names renamed by <paramref name="rename"/> (a C name to another).</summary>
    public static AbiType Rename(AbiType type, System.Func<string, string> rename) => type switch
    {
        PointerType pointer => pointer with { Pointee = Rename(pointer.Pointee, rename) },
        FunctionPointerType function => function with
        {
            Returns = Rename(function.Returns, rename),
            Parameters = function.Parameters.Select(parameter => Rename(parameter, rename)).ToEquatableArray(),
        },
        SpanType span => span with { Element = Rename(span.Element, rename) },
        OwnedArrayType array => array with { Element = Rename(array.Element, rename) },
        ReferenceType reference => reference with { Target = Rename(reference.Target, rename) },
        OptionalType optional => optional with { Value = Rename(optional.Value, rename) },
        EnumRef enumeration => enumeration with { Name = rename(enumeration.Name) },
        StructRef structure => structure with { Name = rename(structure.Name) },
        HandleRef handle => handle with { Name = rename(handle.Name) },
        _ => type,
    };

    /// <summary>What the value is when it is not a reference, optional or span: the target, value or element; else the type itself.</summary>
    public static AbiType Element(AbiType type) => type switch
    {
        SpanType span => span.Element,
        OwnedArrayType array => array.Element,
        ReferenceType reference => reference.Target,
        OptionalType optional => optional.Value,
        _ => type,
    };
}
