using System;
using System.IO;
using System.Linq;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib diff</c> on two versions of the same NuGet native package (tests/Directory.Build.targets
/// downloads both): every change it reports is one the LLVM and binutils tools show between the two files
/// (<see cref="ToolDiff"/>), classified by the documented rules, and nothing else; the exit code is the worst.
/// </summary>
public sealed class BinaryDiffRealPairTests
{
    public static TheoryData<string, string, string, string, string> Pairs() => new()
    {
        // SQLite 3.35 → 3.41 as SQLitePCLRaw ships it: exports added and removed in every format; ELF raises the GLIBC floor,
        // the Mach-O x86_64 build lowers macOS and gains Security.framework, the PE build renumbers its ordinals.
        { "sqlitepclraw.lib.e_sqlite3", "2.0.6", "2.1.11", "linux-x64", "libe_sqlite3.so" },
        { "sqlitepclraw.lib.e_sqlite3", "2.0.6", "2.1.11", "win-x64", "e_sqlite3.dll" },
        { "sqlitepclraw.lib.e_sqlite3", "2.0.6", "2.1.11", "osx-x64", "libe_sqlite3.dylib" },
        { "sqlitepclraw.lib.e_sqlite3", "2.0.6", "2.1.11", "osx-arm64", "libe_sqlite3.dylib" },
        // The .NET hosts: a PE import DLL dropped, one the same, and macOS 11 → 12.
        { "microsoft.netcore.app.host.win-x64", "9.0.20", "10.0.12", "win-x64", "comhost.dll" },
        { "microsoft.netcore.app.host.win-x64", "9.0.20", "10.0.12", "win-x64", "nethost.dll" },
        { "microsoft.netcore.app.host.osx-arm64", "8.0.34", "10.0.12", "osx-arm64", "libnethost.dylib" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Diff_reports_what_the_tools_show_changed_between_two_package_versions(string package, string old, string now, string rid, string file)
    {
        string before = Path.Combine(PeFixtures.PackagesFolder, package, old, "runtimes", rid, "native", file);
        string after = Path.Combine(PeFixtures.PackagesFolder, package, now, "runtimes", rid, "native", file);
        var expected = rid switch
        {
            "linux-x64" => ToolDiff.Elf(before, after),
            "win-x64" => ToolDiff.Pe(before, after),
            _ => ToolDiff.MachO(before, after, rid == "osx-x64" ? "x86_64" : "arm64"),
        };

        var (exitCode, changes) = BinaryDiffRuleTests.Diff(before, after);
        Assert.Equal(expected.ToList(), changes.Select(change => (change.Kind, change.Subject)).Distinct().Order().ToList());
        int worst = expected.Any(change => change.Kind == "breaking") ? 6 : expected.Any(change => change.Kind == "compatible") ? 5 : 0;
        Assert.Equal(worst, exitCode);

        // The text says the same, ending with the verdict a CI log shows.
        var (textExit, text, _) = InspectCli.Run(["diff", before, after]);
        Assert.Equal(exitCode, textExit);
        Assert.EndsWith(changes.Length == 0 ? "no changes: the interfaces are the same\n" : $"exit code {exitCode}\n", text, StringComparison.Ordinal);
        Assert.Equal(changes.Length, text.Split('\n').Count(line => line.StartsWith("  ", StringComparison.Ordinal)));
    }

    /// <summary>The pairs are not alike by accident: each rule the issue names shows up in one of them.</summary>
    [Fact]
    public void The_pairs_show_a_raised_and_a_lowered_floor_a_new_and_a_dropped_dependency_and_renumbered_ordinals()
    {
        string Sqlite(string version, string rid, string file) => Path.Combine(PeFixtures.PackagesFolder, "sqlitepclraw.lib.e_sqlite3", version, "runtimes", rid, "native", file);
        string Host(string rid, string version, string file) => Path.Combine(PeFixtures.PackagesFolder, "microsoft.netcore.app.host." + rid, version, "runtimes", rid, "native", file);

        var elf = BinaryDiffRuleTests.Diff(Sqlite("2.0.6", "linux-x64", "libe_sqlite3.so"), Sqlite("2.1.11", "linux-x64", "libe_sqlite3.so")).Changes;
        string oldGlibc = BinaryDiffRuleTests.HighestGlibc(Sqlite("2.0.6", "linux-x64", "libe_sqlite3.so"));
        string newGlibc = BinaryDiffRuleTests.HighestGlibc(Sqlite("2.1.11", "linux-x64", "libe_sqlite3.so"));
        Assert.Contains(("breaking", "requires GLIBC", $"{oldGlibc} → {newGlibc}: raised, no longer loads on GLIBC before {newGlibc}"), elf);

        var macho = BinaryDiffRuleTests.Diff(Sqlite("2.0.6", "osx-x64", "libe_sqlite3.dylib"), Sqlite("2.1.11", "osx-x64", "libe_sqlite3.dylib")).Changes;
        Assert.Contains(macho, change => change is ("compatible", "minimum macos", _) && change.Description.Contains("lowered", StringComparison.Ordinal));
        Assert.Contains(("compatible", "needed library /System/Library/Frameworks/Security.framework/Versions/A/Security", "new: the library now loads only where it is found"), macho);

        var pe = BinaryDiffRuleTests.Diff(Sqlite("2.0.6", "win-x64", "e_sqlite3.dll"), Sqlite("2.1.11", "win-x64", "e_sqlite3.dll")).Changes;
        Assert.Contains(pe, change => change is ("cosmetic", "ordinals", _));

        var comhost = BinaryDiffRuleTests.Diff(Host("win-x64", "9.0.20", "comhost.dll"), Host("win-x64", "10.0.12", "comhost.dll"));
        Assert.Equal(5, comhost.ExitCode);
        Assert.Contains(comhost.Changes, change => change is ("compatible", _, "no longer needed"));

        var nethost = BinaryDiffRuleTests.Diff(Host("osx-arm64", "8.0.34", "libnethost.dylib"), Host("osx-arm64", "10.0.12", "libnethost.dylib"));
        Assert.Equal(6, nethost.ExitCode);
        Assert.Contains(nethost.Changes, change => change is ("breaking", "minimum macos", _) && change.Description.Contains("raised", StringComparison.Ordinal));
    }
}
