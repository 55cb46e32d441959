using System.Collections.Generic;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// The import library of <c>NAME.dll</c> (<c>NAME.dll.lib</c>, as cargo names it, or <c>NAME.lib</c>):
/// what a Windows C or C++ program links against to call the DLL. Written from the ABI model, so a
/// user never runs <c>dumpbin</c> and <c>lib /def</c> by hand, and equivalent to what
/// <c>lib /def:NAME.def</c> or <c>llvm-dlltool -d NAME.def</c> (<c>-k</c> on x86) make from
/// <see cref="ModuleDefinition"/>'s file: the import descriptor, the null import descriptor, the null
/// thunk, then one short import record per function, in model order, every member named after the DLL.
/// </summary>
public static class ImportLibrary
{
    /// <summary>The seed's (cargo's) name for it: <c>NAME.dll.lib</c>.</summary>
    public static string FileName(AbiLibrary library) => WindowsExports.DllName(library) + ".lib";

    /// <summary>The name MSVC's linker gives it, and the one CMake configs and <c>#pragma comment(lib)</c> expect: <c>NAME.lib</c>.</summary>
    public static string MsvcFileName(AbiLibrary library) => library.Name + ".lib";

    /// <summary>The import library of the model's DLL for <paramref name="machine"/>.</summary>
    public static byte[] Write(AbiLibrary library, WindowsMachine machine) =>
        Write(WindowsExports.DllName(library), machine, WindowsExports.For(library, machine));

    /// <summary>The import library of <paramref name="dllName"/> with <paramref name="exports"/> (imported by name, hint 0, as llvm-dlltool writes them without ordinals).</summary>
    public static byte[] Write(string dllName, WindowsMachine machine, IReadOnlyList<WindowsExport> exports)
    {
        var members = new List<CoffArchiveMember>
        {
            new(dllName, ImportObjects.ImportDescriptor(dllName, machine), new[] { ImportObjects.ImportDescriptorSymbol(dllName) }),
            new(dllName, ImportObjects.NullImportDescriptor(machine), new[] { ImportObjects.NullImportDescriptorSymbol }),
            new(dllName, ImportObjects.NullThunk(dllName, machine), new[] { ImportObjects.NullThunkSymbol(dllName) }),
        };
        foreach (WindowsExport export in exports)
        {
            members.Add(new CoffArchiveMember(
                dllName,
                ImportObjects.ShortImport(export.Symbol, dllName, machine, export.NameType, 0),
                new[] { "__imp_" + export.Symbol, export.Symbol }));
        }
        return CoffArchiveWriter.Write(members);
    }
}
