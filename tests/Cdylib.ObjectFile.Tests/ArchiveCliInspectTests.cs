using System.IO;
using System.Linq;
using System.Text.Json;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// <c>cdylib exports</c> / <c>cdylib imports</c> on archives and COFF objects: import-library entries
/// by DLL (dumpbin /exports on a .lib), static libraries member by member (nm), JSON against the reader.
/// </summary>
public sealed class ArchiveCliInspectTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    [Theory]
    [InlineData("fixture-arm64.lib")]
    [InlineData("libfixture-x64.dll.a")]
    public void Import_library_exports_list_each_dll_export_with_its_symbols(string name)
    {
        string path = PeFixtures.Named(name);
        var (exitCode, output, error) = Run("exports", path);
        var file = BinaryFile.Open(path);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith($"Dump of file {path}\n\nFile Type: IMPORT LIBRARY\n", output);
        Assert.Contains($"  Machine:       {file.Summary.Machine}\n", output);
        Assert.Contains("  Import library: the DLL exports its members stand for\n\n    fixture.dll\n", output);
        var lines = output.Split('\n');
        foreach (var member in file.Summary.Archive!.Members.Where(m => m.ImportEntry is not null))
        {
            var entry = member.ImportEntry!;
            string symbols = string.Join(" ", member.Exports.Select(e => e.Name));
            Assert.Contains(lines, l => l.EndsWith(symbols, System.StringComparison.Ordinal)
                && l.Contains($" {entry.Type.ToString().ToLowerInvariant()}  {entry.ImportName ?? "[NONAME]"} ", System.StringComparison.Ordinal));
        }

        Assert.Contains($"DLL exports from 1 DLL", output);
    }

    [Fact]
    public void Static_library_lists_members_like_nm()
    {
        string path = ArchiveFixtures.Shared.ElfGnu;
        var (exitCode, exports, _) = Run("exports", path);
        var (_, imports, _) = Run("imports", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("File Type: LIBRARY\n", exports);
        foreach (var reference in LlvmArchive.Members(path))
        {
            var member = BinaryFile.Open(path).Summary.Archive!.Members.Single(m => m.Name == reference.Member);
            Assert.Contains($"\n    {reference.Member} (ELF object at 0x{member.HeaderOffset:X}):\n", exports);
            Assert.All(reference.Defined, name => Assert.Matches($@"\n      [0-9a-f]{{16}} +\d+ +\w+ +\w+ +{System.Text.RegularExpressions.Regex.Escape(name)}\n", exports));
            Assert.All(reference.Undefined, name => Assert.Contains($" {name}\n", imports));
        }

        Assert.Contains("defined by another member", imports);
    }

    [Fact]
    public void Json_has_the_archive_members_and_the_member_of_each_symbol()
    {
        string path = ArchiveFixtures.LldImportLibrary;
        var (exitCode, output, _) = Run("exports", "--format", "json", path);
        var reader = BinaryFile.Open(path);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("archive", file.GetProperty("format").GetString());
        Assert.Equal("import-library", file.GetProperty("kind").GetString());
        var members = file.GetProperty("archive").GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(reader.Summary.Archive!.Members.Select(m => $"{m.Name} {m.HeaderOffset} {Kind(m.Kind)}"),
            members.Select(m => $"{m.GetProperty("name").GetString()} {m.GetProperty("headerOffset").GetInt64()} {m.GetProperty("kind").GetString()}"));
        Assert.Equal(reader.Summary.Archive.SymbolIndex.Count, file.GetProperty("archive").GetProperty("symbolIndex").GetArrayLength());
        Assert.Equal(
            reader.Exports.Select(e => $"{e.Name} {e.Library} {e.Ordinal} {e.Hint}"),
            file.GetProperty("exports").EnumerateArray().Select(e => $"{e.GetProperty("name").GetString()} {e.GetProperty("library").GetString()} "
                + $"{(e.GetProperty("ordinal").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("ordinal").GetUInt32())} "
                + $"{(e.GetProperty("hint").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("hint").GetUInt32())}"));
        Assert.All(file.GetProperty("exports").EnumerateArray(), e => Assert.Equal("fixture.dll", e.GetProperty("member").GetString()));
        var secret = members.Single(m => m.GetProperty("importEntry").ValueKind != JsonValueKind.Null
            && m.GetProperty("importEntry").GetProperty("nameType").GetString() == "ordinal").GetProperty("importEntry");
        Assert.Equal("fixture_secret", secret.GetProperty("symbol").GetString());
    }

    private static string Kind(ArchiveMemberKind kind) => kind switch
    {
        ArchiveMemberKind.SymbolIndex => "symbol-index",
        ArchiveMemberKind.ImportRecord => "import-record",
        ArchiveMemberKind.CoffObject => "coff-object",
        _ => kind.ToString(),
    };

    [Fact]
    public void Coff_object_is_reported_like_an_elf_object()
    {
        var (exitCode, output, _) = Run("exports", ArchiveFixtures.Shared.CoffObject);

        Assert.Equal(0, exitCode);
        Assert.Contains("File Type: COFF OBJECT\n", output);
        Assert.Contains("  Format:   COFF64, little-endian\n", output);
        Assert.Contains(" shapes_area\n", output);
    }

    [Fact]
    public void Damaged_member_prints_the_rest_warns_and_exits_2()
    {
        byte[] data = File.ReadAllBytes(ArchiveFixtures.Shared.ElfGnu);
        var first = BinaryFile.Parse(data).Summary.Archive!.Members.First(m => m.Kind == ArchiveMemberKind.ElfObject);
        data[(int)first.DataOffset + 4] = 9;
        string path = NativeFixtures.Shared.PathFor("damaged-member.a");
        File.WriteAllBytes(path, data);

        var (exitCode, output, error) = Run("exports", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("long_named_twice", output);
        Assert.StartsWith($"cdylib: warning: {path}: ar member \"{first.Name}\" at offset 0x{first.HeaderOffset:X}: Invalid ELF header", error);
    }
}
