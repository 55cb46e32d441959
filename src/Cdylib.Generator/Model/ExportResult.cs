using Cdylib.Abi.Model;
using Cdylib.Generator.Diagnostics;

namespace Cdylib.Generator.Model;

/// <summary>
/// What the generator read from one <c>[CExport]</c> method: the exported function (null when
/// the method cannot be exported) and the diagnostics that explain why not.
/// </summary>
/// <param name="SortKey">Source file and position: exports are listed in the order they are written.</param>
/// <param name="ManagedName">The method as the user knows it, for messages (<c>Api.HelloWorld</c>).</param>
/// <param name="NameLocation">Where a name clash with another export is reported.</param>
internal sealed record ExportResult(
    string SortKey,
    string ManagedName,
    LocationInfo? NameLocation,
    AbiFunction? Function,
    ShimMethod? Shim,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The enums the export's signature uses, for the header's typedefs.</summary>
    public EquatableArray<AbiEnum> Enums { get; init; }

    /// <summary>The structs the export's signature uses, nested ones first.</summary>
    public EquatableArray<AbiStruct> Structs { get; init; }

    /// <summary>For a <c>[CExport]</c> class: the handle type it declares (its free function is named by the library builder).</summary>
    public HandleType? Handle { get; init; }

    /// <summary>For a <c>[CExport]</c> interface: the table C fills and the proxy C# gets.</summary>
    public CallbackInterface? Interface { get; init; }
}

/// <summary>What an async or iterator export declares besides its own function: a handle type and the functions that take it.</summary>
/// <param name="Handle">The operation (<c>NAME_op</c>) or iterator (<c>NAME_iter</c>) handle type.</param>
/// <param name="Functions">Wait, cancel and free; or next and free; each with its shim.</param>
internal sealed record CompanionSet(AbiHandle Handle, EquatableArray<CompanionFunction> Functions);

/// <summary>A function generated for one export, and its shim.</summary>
internal sealed record CompanionFunction(AbiFunction Function, ShimMethod Shim);

/// <summary>A C# class exported as an opaque handle type.</summary>
/// <param name="Name">The class's C# name, which names its free function (<c>PREFIX_counter_free</c>).</param>
/// <param name="CName">The C type name (<c>bnd_Counter</c>, or what its <c>[CExport("name")]</c> says).</param>
/// <param name="Managed">The class, fully qualified for generated C#.</param>
/// <param name="Display">The class as the user writes it, for docs.</param>
internal sealed record HandleType(string Name, string CName, string Managed, string Display, string? Doc);

/// <summary>The library-wide facts the generator needs besides the exports.</summary>
/// <param name="Diagnostics">Problems of the project as a whole (runtime not referenced, unsafe code off).</param>
/// <param name="AbiVersion">MSBuild's <c>CdylibAbiVersion</c>, 1 when unset.</param>
internal sealed record LibraryInfo(
    string Name,
    string Prefix,
    string AssemblyName,
    EquatableArray<AbiErrorCode> ErrorCodes,
    EquatableArray<DiagnosticInfo> Diagnostics,
    uint AbiVersion = 1)
{
    /// <summary>MSBuild's <c>RuntimeIdentifier</c> (null for a build without one): decides whether C can call managed code directly.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>The assembly declares <c>System.Runtime.RuntimeExportAttribute</c> itself, so the generator must not.</summary>
    public bool DeclaresRuntimeExportAttribute { get; init; }
}

/// <summary>The whole library: its ABI model, the shims to emit and every diagnostic.</summary>
internal sealed record LibraryResult(
    AbiLibrary Abi,
    EquatableArray<ShimMethod> Shims,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Some export is transition-free and the assembly has no <c>System.Runtime.RuntimeExportAttribute</c> of its own.</summary>
    public bool DeclareRuntimeExportAttribute { get; init; }

    /// <summary>The interfaces C implements: each gets a table struct and a proxy class.</summary>
    public EquatableArray<CallbackInterface> Interfaces { get; init; }
}
