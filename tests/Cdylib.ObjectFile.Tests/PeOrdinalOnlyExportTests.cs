using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// A DLL that exports by ordinal only, with no name tables at all: wine's msnet32.dll (x86_64 and i386;
/// 96 exports, NumberOfNames 0, AddressOfNames and AddressOfNameOrdinals 0). GNU objdump -p is the
/// reference: llvm-readobj stops on this file ("RVA 0x0 for export ordinal table not found" from LLVM
/// 19, "Invalid data was encountered" from LLVM 14) because it resolves the ordinal table's RVA even
/// when there are no names to look up, and RVA 0 lies in no section. The PE format lets both name
/// tables be absent when NumberOfNames is 0, and the loader never reads them then.
/// </summary>
public sealed class PeOrdinalOnlyExportTests
{
    private const string Install = "scripts/prerequisites.sh installs wine (wine64 brings libwine:amd64, wine32:i386 brings libwine:i386)";

    public static TheoryData<string> Dlls() => new(
        "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/msnet32.dll",
        "/usr/lib/i386-linux-gnu/wine/i386-windows/msnet32.dll");

    [Theory]
    [MemberData(nameof(Dlls))]
    public void Exports_by_ordinal_only_without_name_tables_match_objdump(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing: {Install}");
        var file = BinaryFile.Open(path);
        var reference = BinutilsPe.Exports(path);
        var directory = file.Summary.Pe!.ExportDirectory!;

        Assert.Empty(file.Warnings);
        Assert.Equal(0u, reference.NameCount);
        Assert.Equal(0u, directory.NumberOfNames);
        Assert.Equal(reference.AddressCount, directory.NumberOfFunctions);
        Assert.Equal(
            reference.Slots.Select(s => $"{s.Ordinal} 0x{s.Rva:x}"),
            file.Exports.Select(e => $"{e.Ordinal} 0x{e.Address:x}"));
        Assert.All(file.Exports, e => Assert.Equal("", e.Name));
        Assert.Equal(96, file.Exports.Count);

        // The command prints each as dumpbin does: "ordinal (no hint) RVA [NONAME]".
        var (exitCode, output, error) = InspectCli.Run(["exports", path]);
        Assert.True(exitCode == 0, error);
        Assert.Equal(
            reference.Slots.Select(s => $"{s.Ordinal} {s.Rva:X8} [NONAME]"),
            output.Split('\n').Where(line => line.EndsWith(" [NONAME]", System.StringComparison.Ordinal))
                .Select(line => string.Join(' ', line.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))));
    }
}
