using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cdylib.Cli.Tests;

/// <summary>The <c>cdylib exports</c> and <c>cdylib imports</c> verbs: text rows, JSON against the reader, exit codes.</summary>
public sealed class CliInspectTests
{
    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    [Fact]
    public void Exports_text_has_the_dumpbin_header_and_one_row_per_readelf_symbol()
    {
        var (exitCode, output, error) = Run("exports", Fixtures.Library);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith($"Dump of file {Fixtures.Library}\n\nFile Type: SHARED LIBRARY\n", output.ReplaceLineEndings("\n"));
        Assert.Contains("  SONAME:   libdemo.so.1", output);
        Assert.Contains("  RUNPATH:  $ORIGIN/lib:/opt/demo/lib", output);
        Assert.Contains("Section contains the following exports for libdemo.so.1", output);

        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var versionDefinitions = Readelf.VersionDefinitionNames(Fixtures.Library);
        var symbols = Readelf.DynamicSymbols(Fixtures.Library).Where(s => s.Number != 0 && !s.IsUndefined && s.Bind != "LOCAL").ToList();
        foreach (var symbol in symbols.Where(s => !Expectations.IsVersionMarker(s, versionDefinitions)))
        {
            string version = symbol.Version is null ? "" : (symbol.IsDefaultVersion ? "@@" : "@") + symbol.Version;
            string type = KindWord(Expectations.KindOf(symbol.Type));
            var row = new Regex(string.Create(CultureInfo.InvariantCulture,
                $@"^    {symbol.Value:x16} +{symbol.Size} +{symbol.Bind} +({symbol.Visibility} +)?{type} +{Regex.Escape(version)} +{Regex.Escape(symbol.Name)}$"));
            Assert.True(lines.Any(row.IsMatch), $"no row for {symbol.Name}{version} in:\n{output}");
        }

        // The version markers are listed apart, not as exports.
        Assert.Contains("  Version definitions\n\n    V1\n    V2\n", output.ReplaceLineEndings("\n"));
        Assert.Contains($"{symbols.Count - versionDefinitions.Count,8} exports", output);
    }

    [Fact]
    public void Imports_text_groups_symbols_under_the_library_their_version_names()
    {
        var (exitCode, output, _) = Run("imports", Fixtures.Executable);

        Assert.Equal(0, exitCode);
        Assert.Contains("File Type: EXECUTABLE", output);
        var text = output.ReplaceLineEndings("\n");
        int libdemo = text.IndexOf("\n    libdemo.so.1\n", StringComparison.Ordinal);
        int libc = text.IndexOf("\n    libc.so.6\n", StringComparison.Ordinal);
        int unversioned = text.IndexOf("\n    (no version: any loaded library)\n", StringComparison.Ordinal);
        Assert.True(libdemo > 0 && libc > 0 && unversioned > Math.Max(libdemo, libc), output);

        string libdemoBlock = text[libdemo..text.IndexOf("\n\n", libdemo + 1, StringComparison.Ordinal)];
        Assert.Matches(@"GLOBAL +function +V1 +demo_add\n", libdemoBlock + "\n");
        Assert.Matches(@"GLOBAL +function +V2 +demo_versioned\n", libdemoBlock + "\n");
        Assert.Matches(@"WEAK +other +__gmon_start__", text[unversioned..]);
    }

    [Fact]
    public void Exports_json_is_schema_1_and_matches_the_reader()
    {
        var (exitCode, output, _) = Run("exports", "--format", "json", Fixtures.Library);
        var reader = BinaryFile.Open(Fixtures.Library);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("exports", root.GetProperty("command").GetString());
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal("elf", file.GetProperty("format").GetString());
        Assert.Equal("shared-library", file.GetProperty("kind").GetString());
        Assert.Equal("x86-64", file.GetProperty("machine").GetString());
        Assert.Equal(64, file.GetProperty("bits").GetInt32());
        Assert.Equal("little", file.GetProperty("endianness").GetString());
        Assert.Equal("libdemo.so.1", file.GetProperty("ownName").GetString());
        Assert.Equal("runpath", file.GetProperty("searchPaths")[0].GetProperty("kind").GetString());
        Assert.Equal(["libm.so.6", "libc.so.6"], file.GetProperty("dependencies").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(0, file.GetProperty("warnings").GetArrayLength());

        var exports = file.GetProperty("exports").EnumerateArray().ToList();
        Assert.Equal(reader.Exports.Count, exports.Count);
        for (int i = 0; i < exports.Count; i++)
        {
            var expected = reader.Exports[i];
            var actual = exports[i];
            Assert.Equal(expected.Name, actual.GetProperty("name").GetString());
            Assert.Equal(expected.Address, ulong.Parse(actual.GetProperty("address").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            Assert.Equal(expected.Size, actual.GetProperty("size").GetUInt64());
            Assert.Equal(KindWord(expected.Kind), actual.GetProperty("kind").GetString());
            Assert.Equal(expected.Binding.ToString().ToLowerInvariant(), actual.GetProperty("binding").GetString());
            Assert.Equal(expected.Visibility.ToString().ToLowerInvariant(), actual.GetProperty("visibility").GetString());
            Assert.Equal(expected.Version!.Name, actual.GetProperty("version").GetProperty("name").GetString());
            Assert.Equal(expected.Version.IsDefault, actual.GetProperty("version").GetProperty("default").GetBoolean());
        }
    }

    [Fact]
    public void Imports_json_matches_the_reader()
    {
        var (exitCode, output, _) = Run("imports", "--format", "json", Fixtures.Executable);
        var reader = BinaryFile.Open(Fixtures.Executable);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var imports = json.RootElement.GetProperty("files")[0].GetProperty("imports").EnumerateArray().ToList();
        Assert.Equal(
            reader.Imports.Select(i => $"{i.Name} {i.Library} {i.Version?.Name} {i.IsWeak}"),
            imports.Select(i => $"{i.GetProperty("name").GetString()} {i.GetProperty("library").GetString()} "
                + $"{(i.GetProperty("version").ValueKind == JsonValueKind.Null ? null : i.GetProperty("version").GetProperty("name").GetString())} "
                + $"{i.GetProperty("weak").GetBoolean()}"));
    }

    [Theory]
    [InlineData("exports")]
    [InlineData("imports")]
    public void Malformed_file_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(string verb)
    {
        string path = ElfPatch.Save(File.ReadAllBytes(Fixtures.Library)[..40], $"truncated-header-{verb}.so");

        var (exitCode, output, error) = Run(verb, path);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        string line = Assert.Single(error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"cdylib: error: {path}: Invalid ELF header at offset 0x0: ", line);
    }

    [Fact]
    public void Json_stays_one_valid_document_when_some_files_fail()
    {
        string notElf = ElfPatch.Save("#!/bin/sh\necho hi\n"u8.ToArray(), "script.sh");

        var (exitCode, output, error) = Run("exports", "--format", "json", Fixtures.Library32, notElf);

        Assert.Equal(2, exitCode);
        Assert.Equal($"cdylib: error: {notElf}: not an ELF, PE or Mach-O file (unrecognised magic number)", error.TrimEnd());
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal(32, files[0].GetProperty("bits").GetInt32());
        Assert.Equal(notElf, files[1].GetProperty("path").GetString());
        Assert.StartsWith("not an ELF", files[1].GetProperty("error").GetString());
    }

    [Fact]
    public void Damaged_tables_print_what_was_read_warn_and_exit_2()
    {
        byte[] copy = File.ReadAllBytes(Fixtures.Library);
        ElfPatch.WriteU64(copy, 0x28, 0xfffffffffffffff0); // e_shoff: the section headers are gone, PT_DYNAMIC still works
        string path = ElfPatch.Save(copy, "damaged-section-headers.so");

        var (exitCode, output, error) = Run("exports", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("demo_add", output);
        Assert.All(error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'), line => Assert.StartsWith($"cdylib: warning: {path}: Invalid ELF section header table", line));
    }

    /// <summary>The kind words of the output contract.</summary>
    private static string KindWord(SymbolKind kind) => kind switch
    {
        SymbolKind.Function => "function",
        SymbolKind.IndirectFunction => "ifunc",
        SymbolKind.Data => "data",
        SymbolKind.ThreadLocal => "tls",
        SymbolKind.Version => "version",
        _ => "other",
    };

    [Theory]
    [InlineData("exports", "--format", "xml", "file.so")]
    [InlineData("exports")]
    [InlineData("imports", "--bogus", "file.so")]
    public void Bad_usage_exits_1(params string[] args)
    {
        var (exitCode, _, _) = Run(args);

        Assert.Equal(1, exitCode);
    }
}
