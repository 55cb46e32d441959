using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Mach-O images read and cross-checked against llvm-objdump --macho and llvm-nm -m: every slice of the
/// committed fat fixtures (ld64.lld output with dyld-info opcodes for x86_64 and chained fixups for
/// arm64) and the real Xcode-built SQLite dylibs for osx-x64 and osx-arm64 from NuGet.
/// </summary>
public sealed class MachOBinaryTests
{
    public static TheoryData<string, string> Slices()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, arch) in MachOFixtures.Slices)
        {
            data.Add(name, arch);
        }

        return data;
    }

    public static TheoryData<string> ThirdParty() => new(MachOFixtures.Sqlite);

    [Theory]
    [MemberData(nameof(Slices))]
    public void Fixture_slice_matches_llvm_in_exports_imports_dylibs_rpaths_and_segments(string name, string arch) =>
        MachOCrossCheck.AssertMatchesLlvm(MachOFixtures.Named(name), arch);

    [Fact]
    public void The_restore_downloaded_the_third_party_dylibs() =>
        Assert.All(MachOFixtures.Sqlite, path => Assert.True(File.Exists(path), $"{path} is missing: the test project's PackageDownload of SQLitePCLRaw.lib.e_sqlite3 did not restore"));

    [Theory]
    [MemberData(nameof(ThirdParty))]
    public void Third_party_dylib_matches_llvm_in_exports_imports_dylibs_rpaths_and_segments(string path)
    {
        var file = MachOCrossCheck.AssertMatchesLlvm(path, arch: null);

        Assert.Equal(MachOTable.DyldInfo, file.Summary.MachO!.ExportsFrom);
        Assert.True(file.Exports.Count > 200, $"{file.Exports.Count} exports");
        Assert.Contains(file.Exports, e => e.Name == "_sqlite3_open_v2" && e.Kind == SymbolKind.Function);
        Assert.Contains(file.Imports, i => i.Library == "/usr/lib/libSystem.B.dylib");
    }
}
