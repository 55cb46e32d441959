using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters.Windows;
using Cdylib.Abi.Model;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>
/// The import library we write is the one <c>llvm-dlltool</c> makes from the <c>.def</c> we write (with
/// <c>-k</c> on x86, as <c>lib /def</c> reads decorated names): equal member by member for our reader,
/// <c>llvm-readobj --coff-imports</c> and <c>llvm-nm</c>, with every installed llvm-dlltool, and byte
/// for byte with one that writes Microsoft's second linker member (LLVM 15 and later), for x64, x86
/// and arm64, on the test library and on the generator's golden models.
/// </summary>
public sealed class ImportLibraryTests
{
    public static TheoryData<string> Machines => new() { "x64", "x86", "arm64" };

    [Theory]
    [MemberData(nameof(Machines))]
    public void Equivalent_to_llvm_dlltool_from_our_def(string machineName)
    {
        WindowsMachine machine = Machine(machineName);
        string directory = WindowsTools.WorkDirectory("equivalence-" + machineName);
        string readobj = WindowsTools.Newest("llvm-readobj");
        string nm = WindowsTools.Newest("llvm-nm");
        foreach (AbiLibrary library in Models())
        {
            string ours = ImportLibraryViews.Write(directory, library.Name + ".ours.lib", ImportLibrary.Write(library, machine));
            string def = Path.Combine(directory, library.Name + ".def");
            File.WriteAllText(def, ModuleDefinition.Emit(library, machine));

            var ourView = ImportLibraryViews.OurReader(ours);
            string ourImports = ImportLibraryViews.Readobj(readobj, ours);
            string ourSymbols = ImportLibraryViews.Nm(nm, ours);
            foreach (string dlltool in WindowsTools.AllVersions("llvm-dlltool"))
            {
                string theirs = Path.Combine(directory, $"{library.Name}.{Path.GetFileName(dlltool)}.lib");
                WindowsTools.Run(dlltool, DlltoolArguments(machine, def, theirs));
                string what = $"{library.Name} on {machineName}, {dlltool}";
                Assert.True(ourView.SequenceEqual(ImportLibraryViews.OurReader(theirs)),
                    $"{what}: our reader differs\n--- ours\n{string.Join("\n", ourView)}\n--- theirs\n{string.Join("\n", ImportLibraryViews.OurReader(theirs))}");
                Assert.Equal(ImportLibraryViews.Readobj(readobj, theirs), ourImports);
                Assert.Equal(ImportLibraryViews.Nm(nm, theirs), ourSymbols);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Machines))]
    public void Byte_for_byte_what_llvm_dlltool_15_and_later_write(string machineName)
    {
        WindowsMachine machine = Machine(machineName);
        string dlltool = WindowsTools.Newest("llvm-dlltool");
        Assert.True(WindowsTools.LlvmVersion(dlltool) >= 15,
            $"{dlltool} is older than LLVM 15, which first wrote the second linker member; .ci/run installs llvm-19");
        string directory = WindowsTools.WorkDirectory("bytes-" + machineName);
        foreach (AbiLibrary library in Models())
        {
            string def = Path.Combine(directory, library.Name + ".def");
            File.WriteAllText(def, ModuleDefinition.Emit(library, machine));
            string theirs = Path.Combine(directory, library.Name + ".llvm.lib");
            WindowsTools.Run(dlltool, DlltoolArguments(machine, def, theirs));
            byte[] ours = ImportLibrary.Write(library, machine);
            byte[] expected = File.ReadAllBytes(theirs);
            int firstDifference = Enumerable.Range(0, Math.Min(ours.Length, expected.Length)).FirstOrDefault(i => ours[i] != expected[i], -1);
            Assert.True(ours.AsSpan().SequenceEqual(expected),
                $"{library.Name} on {machineName}: {ours.Length} bytes against {expected.Length}, first difference at {firstDifference}");
        }
    }

    [Theory]
    [MemberData(nameof(Machines))]
    public void Every_function_is_imported_as_the_model_says(string machineName)
    {
        WindowsMachine machine = Machine(machineName);
        string directory = WindowsTools.WorkDirectory("records-" + machineName);
        foreach (AbiLibrary library in Models())
        {
            string ours = ImportLibraryViews.Write(directory, library.Name + ".lib", ImportLibrary.Write(library, machine));
            Assert.Equal(ArchiveVariant.Coff, BinaryFile.Open(ours).Summary.Archive!.Variant); // both linker members
            var records = ImportLibraryViews.ImportRecords(ImportLibraryViews.Readobj(WindowsTools.Newest("llvm-readobj"), ours));
            Assert.Equal(library.Functions.Count, records.Count);
            for (int i = 0; i < records.Count; i++)
            {
                AbiFunction function = library.Functions[i];
                LlvmImportRecord record = records[i];
                // llvm-readobj resolves the look-up name from the symbol and name type itself.
                Assert.Equal(function.Name, record.ExportName);
                Assert.Equal(library.Name + ".dll", record.Dll);
                Assert.Equal("code", record.Type);
                string symbol = record.Symbols[1];
                Assert.Equal(new[] { "__imp_" + symbol, symbol }, record.Symbols);
                if (machine == WindowsMachine.X86)
                {
                    bool stdcall = function.CallingConvention != AbiCallingConvention.C;
                    Assert.Equal(stdcall ? "undecorate" : "noprefix", record.NameType);
                    Assert.StartsWith("_" + function.Name + (stdcall ? "@" : ""), symbol, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal("name", record.NameType);
                    Assert.Equal(function.Name, symbol);
                }
            }

            // Linking any import pulls in the DLL's descriptor, which pulls in both terminators.
            string symbols = ImportLibraryViews.Nm(WindowsTools.Newest("llvm-nm"), ours);
            string stem = library.Name;
            Assert.Contains("I __IMPORT_DESCRIPTOR_" + stem, symbols, StringComparison.Ordinal);
            Assert.Contains("U __NULL_IMPORT_DESCRIPTOR", symbols, StringComparison.Ordinal);
            Assert.Contains("I __NULL_IMPORT_DESCRIPTOR", symbols, StringComparison.Ordinal);
            Assert.Contains("I \x7f" + stem + "_NULL_THUNK_DATA", symbols, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_output_depends_on_the_model_alone()
    {
        foreach (WindowsMachine machine in new[] { WindowsMachine.X64, WindowsMachine.X86, WindowsMachine.Arm64 })
        {
            Assert.Equal(ImportLibrary.Write(WindowsModels.Library, machine), ImportLibrary.Write(WindowsModels.Library with { }, machine));
        }
    }

    internal static WindowsMachine Machine(string name) => name switch
    {
        "x64" => WindowsMachine.X64,
        "x86" => WindowsMachine.X86,
        _ => WindowsMachine.Arm64,
    };

    private static IEnumerable<AbiLibrary> Models() => new[] { WindowsModels.Library }.Concat(WindowsModels.Golden());

    private static string[] DlltoolArguments(WindowsMachine machine, string def, string output) => machine switch
    {
        // -k: a decorated name@N in the .def is the import symbol, the DLL export is undecorated.
        WindowsMachine.X86 => new[] { "-m", "i386", "-k", "-d", def, "-l", output },
        WindowsMachine.X64 => new[] { "-m", "i386:x86-64", "-d", def, "-l", output },
        _ => new[] { "-m", "arm64", "-d", def, "-l", output },
    };
}
