using Cdylib.Abi.Model;

namespace Cdylib.Generator.Model;

/// <summary>
/// A <c>[CExport]</c> interface that C implements: C passes a table (<c>user_data</c>, one function
/// per member, <c>release</c>), and C# gets a generated proxy object implementing the interface.
/// </summary>
/// <param name="CName">The C struct of the table (<c>plug_ILogger</c>).</param>
/// <param name="Managed">The interface, fully qualified for generated C#.</param>
/// <param name="Display">The interface as the user writes it, for messages.</param>
internal sealed record CallbackInterface(string CName, string Managed, string Display, EquatableArray<CallbackMember> Members)
{
    /// <summary>The generated proxy class inside <c>CExports</c>.</summary>
    public string Proxy => "Proxy_" + CName;

    /// <summary>The generated C# struct mirroring the C table.</summary>
    public string Table => "Table_" + CName;
}

/// <summary>
/// One function of the table: <c>int32_t (*field)(void* user_data, params…[, RESULT* out_result])</c>,
/// returning 0 or the caller's error code.
/// </summary>
/// <param name="Name">The C# method or property name.</param>
/// <param name="Field">The table's field (<c>log</c>, <c>get_level</c>, <c>set_level</c>).</param>
/// <param name="Parameters">The member's parameters in C (a setter's is <c>value</c>).</param>
/// <param name="Result">The result, through <c>out_result</c>; null for void and setters.</param>
internal sealed record CallbackMember(AbiInterfaceMemberKind Kind, string Name, string Field, EquatableArray<ShimParameter> Parameters, ValueMarshalling? Result);
