using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// PE images read and cross-checked against llvm-readobj and llvm-objdump: the committed fixtures
/// (mingw-w64 GNU ld and lld-link output for x86, x64 and ARM64) and real MSVC-built third-party
/// binaries from NuGet packages (SQLite for x86/x64/ARM/ARM64, the .NET host DLLs and apphost).
/// </summary>
public sealed class PeBinaryTests
{
    public static TheoryData<string> Fixtures() => new(PeFixtures.All.Select(Path.GetFileName)!);

    public static TheoryData<string> ThirdParty() => new(PeFixtures.Sqlite.Concat(PeFixtures.DotNetHost));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_matches_llvm_in_exports_imports_descriptors_headers_and_sections(string name) =>
        PeCrossCheck.AssertMatchesLlvm(PeFixtures.Named(name));

    [Fact]
    public void The_restore_downloaded_the_third_party_binaries()
    {
        Assert.All(PeFixtures.Sqlite, path => Assert.True(File.Exists(path), $"{path} is missing: the test project's PackageDownload of SQLitePCLRaw.lib.e_sqlite3 did not restore"));
        Assert.True(PeFixtures.DotNetHost.Count >= 4, $"expected nethost, comhost, ijwhost and apphost under {PeFixtures.PackagesFolder}/microsoft.netcore.app.host.win-x64");
    }

    [Theory]
    [MemberData(nameof(ThirdParty))]
    public void Third_party_binary_matches_llvm_in_exports_imports_descriptors_headers_and_sections(string path) =>
        PeCrossCheck.AssertMatchesLlvm(path);
}
