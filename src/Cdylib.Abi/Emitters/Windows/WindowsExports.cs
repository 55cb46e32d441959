using System.Collections.Generic;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// IMPORT_OBJECT_NAME_TYPE: how the loader's look-up name follows from an import record's symbol
/// ("Import Name Type" of the PE/COFF specification).
/// </summary>
public enum ImportNameType : byte
{
    /// <summary>Imported by ordinal; the record's Ordinal/Hint field is the ordinal.</summary>
    Ordinal = 0,

    /// <summary>The symbol as is (x64, arm64).</summary>
    Name = 1,

    /// <summary>The symbol without its leading '_', '@' or '?' (x86 cdecl: <c>_add</c> → <c>add</c>).</summary>
    NoPrefix = 2,

    /// <summary>Without the prefix and from the first '@' on (x86 stdcall: <c>_HelloWorld@0</c> → <c>HelloWorld</c>).</summary>
    Undecorate = 3,
}

/// <summary>
/// One function of <c>NAME.dll</c> as the Windows artifacts spell it on one machine.
/// </summary>
/// <param name="ExportName">The name in the DLL's export table: the model's name, verbatim (Native AOT uses the EntryPoint as is).</param>
/// <param name="Symbol">The symbol a C caller references, without <c>__imp_</c>: the name on x64 and arm64, <c>_name</c> or <c>_name@N</c> on x86.</param>
/// <param name="DefinitionName">How the <c>.def</c> file's EXPORTS line names it (<c>HelloWorld@0</c> on x86 stdcall, which <c>lib /def</c> and <c>llvm-dlltool -k</c> turn into this record).</param>
/// <param name="NameType">How the loader's look-up name follows from <paramref name="Symbol"/>.</param>
public sealed record WindowsExport(string ExportName, string Symbol, string DefinitionName, ImportNameType NameType);

/// <summary>
/// The one place that decides, from the ABI model, which functions <c>NAME.dll</c> exports and how each
/// machine's callers name them, so the <c>.def</c> file and the import library cannot disagree.
/// </summary>
public static class WindowsExports
{
    /// <summary>The DLL's file name, <c>NAME.dll</c>: what the import library tells the loader to load.</summary>
    public static string DllName(AbiLibrary library) => library.Name + ".dll";

    /// <summary>
    /// Every function of the model (the author's and the generated helpers, in model order), as called
    /// on <paramref name="machine"/>. Native AOT's own <c>DotNetRuntimeDebugHeader</c> is data for
    /// debuggers, not part of the C interface, so it is not listed (as the header leaves it out).
    /// </summary>
    public static IReadOnlyList<WindowsExport> For(AbiLibrary library, WindowsMachine machine)
    {
        var exports = new List<WindowsExport>(library.Functions.Count);
        foreach (AbiFunction function in library.Functions)
        {
            exports.Add(For(function, library, machine));
        }
        return exports;
    }

    public static WindowsExport For(AbiFunction function, AbiLibrary library, WindowsMachine machine)
    {
        string name = function.Name;
        if (machine != WindowsMachine.X86)
        {
            return new WindowsExport(name, name, name, ImportNameType.Name);
        }
        // x86: the caller references the decorated symbol, the DLL exports the plain name.
        return X86Decoration.IsStdcall(function)
            ? new WindowsExport(name, X86Decoration.Symbol(function, library), $"{name}@{X86Decoration.StackBytes(function, library)}", ImportNameType.Undecorate)
            : new WindowsExport(name, "_" + name, name, ImportNameType.NoPrefix);
    }
}
