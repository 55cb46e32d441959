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

    /// <summary>
    /// For the table of a <c>[CExport]</c> interface the caller implements: what each of its functions
    /// is in C#, so a binding can fill the table from its own objects; null for every other struct.
    /// </summary>
    public AbiCallerInterface? Interface { get; init; }
}

/// <summary>
/// A C# interface the caller implements, passed as a table: <c>user_data</c>, one function per
/// member (<see cref="Members"/>, in table order), then <c>release</c>.
/// </summary>
/// <param name="Members">The table's functions between <c>user_data</c> and <c>release</c>.</param>
public sealed record AbiCallerInterface(EquatableArray<AbiInterfaceMember> Members);

/// <summary>
/// One function of a caller-implemented table: <c>int32_t (*Field)(void* user_data, params…[, RESULT* out_result])</c>,
/// returning 0 or the caller's error code. Its C parameters are the field's function-pointer type.
/// </summary>
/// <param name="Field">The table's field (<c>log</c>, <c>get_level</c>).</param>
/// <param name="Member">The C# method or property it implements (<c>Log</c>, <c>Level</c>).</param>
/// <param name="Kind">A method, or a property's getter or setter.</param>
/// <param name="Parameters">The C# names of its parameters after <c>user_data</c> (<c>out_result</c> not included; a setter's is <c>value</c>).</param>
/// <param name="Result">The type written through the last parameter, <c>out_result</c>; null when there is none (void methods, setters).</param>
public sealed record AbiInterfaceMember(string Field, string Member, AbiInterfaceMemberKind Kind, EquatableArray<string> Parameters, AbiType? Result);

/// <summary>What a function of a caller-implemented table is in C#.</summary>
public enum AbiInterfaceMemberKind
{
    /// <summary>An ordinary method.</summary>
    Method,

    /// <summary>A property's getter: no parameters besides <c>user_data</c>, the value through <c>out_result</c>.</summary>
    Getter,

    /// <summary>A property's setter: the value as the one parameter.</summary>
    Setter,
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
