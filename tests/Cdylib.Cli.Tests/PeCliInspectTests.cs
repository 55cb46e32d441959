using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib exports</c> / <c>cdylib imports</c> on PE files: dumpbin's layout (the seed walkthrough's
/// <c>dumpbin /exports</c> and <c>/imports</c>), rows checked against llvm-objdump and llvm-readobj,
/// JSON against the reader.
/// </summary>
public sealed class PeCliInspectTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    [Theory]
    [InlineData("fixture-x64.dll")]
    [InlineData("fixture-x86.dll")]
    [InlineData("fixture-arm64.dll")]
    public void Exports_text_is_laid_out_like_dumpbin_exports(string name)
    {
        string path = PeFixtures.Named(name);
        var (exitCode, output, error) = Run("exports", path);
        var (dllName, ordinalBase, rows) = LlvmCoff.ObjdumpExports(path);
        var directory = BinaryFile.Open(path).Summary.Pe!.ExportDirectory!;

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith($"Dump of file {path}\n\nFile Type: DLL\n", output);
        Assert.Contains($"  Section contains the following exports for {dllName}\n\n    00000000 characteristics\n", output);
        Assert.Contains("        0.00 version\n", output);
        Assert.Contains($"\n{ordinalBase,12} ordinal base\n{directory.NumberOfFunctions,12} number of functions\n{directory.NumberOfNames,12} number of names\n", output);
        Assert.Contains("\n    ordinal hint RVA      name\n\n", output);

        // One row per llvm-objdump row that is an export (not an empty slot), hints counting up through the sorted names.
        var lines = output.Split('\n');
        foreach (var row in rows.Where(r => r.Name.Length > 0 || r.Rva is > 0))
        {
            string pattern = row.Name.Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $@"^ +{row.Ordinal} +{row.Rva:X8} \[NONAME\]$")
                : row.ForwardedTo is string target
                    ? string.Create(CultureInfo.InvariantCulture, $@"^ +{row.Ordinal} +[0-9A-F]+ +{Regex.Escape(row.Name)} \(forwarded to {Regex.Escape(target)}\)$")
                    : string.Create(CultureInfo.InvariantCulture, $@"^ +{row.Ordinal} +[0-9A-F]+ {row.Rva:X8} {Regex.Escape(row.Name)}$");
            Assert.True(lines.Any(new Regex(pattern).IsMatch), $"no row like {pattern} in:\n{output}");
        }

        var hints = lines.Where(l => l.Length > 17 && Regex.IsMatch(l[..12], @"^ *\d+ $") && Regex.IsMatch(l[12..16], "^ *[0-9A-F]+$"))
            .Select(l => Convert.ToInt32(l[12..16].Trim(), 16));
        Assert.Equal(Enumerable.Range(0, (int)directory.NumberOfNames), hints);
    }

    [Fact]
    public void The_seed_walkthrough_column_layout_is_kept()
    {
        // dumpbin: "          1    0 00001000 HelloWorld": ordinal in 11 columns, hint in 4, RVA in 8; imports: hint in 28.
        var (_, exports, _) = Run("exports", PeFixtures.DllX64);
        var (_, imports, _) = Run("imports", PeFixtures.AppX64);
        var add = LlvmCoff.Exports(PeFixtures.DllX64).Single(e => e.Name == "fixture_add");
        var hint = LlvmCoff.Imports(PeFixtures.AppX64).Single(b => b.Dll == "fixture.dll").Symbols.Single(s => s.Name == "fixture_add").Number;

        Assert.Matches(new Regex(string.Create(CultureInfo.InvariantCulture, $@"^ {{10}}{add.Ordinal} {{4}}[0-9A-F] {add.Rva:X8} fixture_add$"), RegexOptions.Multiline), exports);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"\n{hint,28:X} fixture_add\n"), imports);
        Assert.Contains("\n                  Ordinal     5\n", imports);
    }

    [Theory]
    [InlineData("app-x64.exe")]
    [InlineData("app-x86.exe")]
    public void Imports_text_has_a_dumpbin_block_per_dll_and_the_delay_load_section(string name)
    {
        string path = PeFixtures.Named(name);
        var (exitCode, output, _) = Run("imports", path);
        var pe = BinaryFile.Open(path).Summary.Pe!;

        Assert.Equal(0, exitCode);
        Assert.Contains("File Type: EXECUTABLE IMAGE\n", output);
        Assert.Contains("  Needed:           KERNEL32.dll\n", output);
        Assert.Contains("delayed.dll (delay-load)\n", output);
        int delaySection = output.IndexOf("  Section contains the following delay load imports:\n", StringComparison.Ordinal);
        Assert.True(delaySection > output.IndexOf("  Section contains the following imports:\n", StringComparison.Ordinal));

        foreach (var block in LlvmCoff.Imports(path))
        {
            int start = output.IndexOf($"\n    {block.Dll}\n", block.IsDelayLoad ? delaySection : 0, StringComparison.Ordinal);
            Assert.True(start >= 0 && (start > delaySection) == block.IsDelayLoad, $"no block for {block.Dll} in:\n{output}");
            string text = output[start..output.IndexOf("\n\n", output.IndexOf("\n\n", start, StringComparison.Ordinal) + 2, StringComparison.Ordinal)];
            uint iat = block.IsDelayLoad ? block.Hex("ImportAddressTable") : block.Hex("ImportAddressTableRVA");
            Assert.Contains($"{pe.ImageBase + iat,22:X} Import Address Table\n", text);
            foreach (var (symbol, number) in block.Symbols)
            {
                Assert.Contains(symbol.Length == 0 ? $"Ordinal {number,5}" : $"{number,28:X} {symbol}", text);
            }
        }

        Assert.Matches(@"\n +7 imports from 3 DLLs: 5 by name, 2 by ordinal, 2 delay-loaded\n", output);
    }

    [Fact]
    public void Exports_json_carries_ordinals_hints_and_forwarders_and_matches_the_reader()
    {
        string path = PeFixtures.DllArm64;
        var (exitCode, output, _) = Run("exports", "--format", "json", path);
        var reader = BinaryFile.Open(path);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("pe", file.GetProperty("format").GetString());
        Assert.Equal("shared-library", file.GetProperty("kind").GetString());
        Assert.Equal("aarch64", file.GetProperty("machine").GetString());
        Assert.Equal(reader.Summary.OwnName, file.GetProperty("ownName").GetString());
        var pe = file.GetProperty("pe");
        Assert.Equal(0u, pe.GetProperty("exportDirectory").GetProperty("ordinalBase").GetUInt32());
        Assert.Equal(reader.Summary.Pe!.Sections.Select(s => s.Name), pe.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        var exports = file.GetProperty("exports").EnumerateArray().ToList();
        Assert.Equal(
            reader.Exports.Select(e => $"{e.Name} 0x{e.Address:x} #{e.Ordinal} hint={e.Hint?.ToString(CultureInfo.InvariantCulture) ?? "null"} -> {e.ForwardedTo ?? "null"}"),
            exports.Select(e => $"{e.GetProperty("name").GetString()} {e.GetProperty("address").GetString()} #{e.GetProperty("ordinal").GetUInt32()} "
                + $"hint={(e.GetProperty("hint").ValueKind == JsonValueKind.Null ? "null" : e.GetProperty("hint").GetUInt32().ToString(CultureInfo.InvariantCulture))} "
                + $"-> {e.GetProperty("forwardedTo").GetString() ?? "null"}"));
    }

    [Fact]
    public void Imports_json_marks_delay_loads_and_ordinals_and_matches_the_reader()
    {
        string path = PeFixtures.AppX64;
        var (exitCode, output, _) = Run("imports", "--format", "json", path);
        var reader = BinaryFile.Open(path);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal(
            reader.Dependencies.Select(d => $"{d.Name} {(d.Kind == DependencyKind.DelayLoad ? "delay-load" : "needed")}"),
            file.GetProperty("dependencies").EnumerateArray().Select(d => $"{d.GetProperty("name").GetString()} {d.GetProperty("kind").GetString()}"));
        Assert.Equal(
            reader.Imports.Select(i => $"{i.Library}!{i.Name} #{i.Ordinal} hint {i.Hint} delay={i.IsDelayLoad}"),
            file.GetProperty("imports").EnumerateArray().Select(i => $"{i.GetProperty("library").GetString()}!{i.GetProperty("name").GetString()} "
                + $"#{(i.GetProperty("ordinal").ValueKind == JsonValueKind.Null ? "" : i.GetProperty("ordinal").GetUInt32().ToString(CultureInfo.InvariantCulture))} "
                + $"hint {(i.GetProperty("hint").ValueKind == JsonValueKind.Null ? "" : i.GetProperty("hint").GetUInt32().ToString(CultureInfo.InvariantCulture))} "
                + $"delay={i.GetProperty("delayLoad").GetBoolean()}"));
        Assert.Equal(
            reader.Summary.Pe!.ImportDescriptors.Select(d => $"{d.DllName} {d.IsDelayLoad} {d.ImportCount}"),
            file.GetProperty("pe").GetProperty("importDescriptors").EnumerateArray()
                .Select(d => $"{d.GetProperty("dll").GetString()} {d.GetProperty("delayLoad").GetBoolean()} {d.GetProperty("importCount").GetInt32()}"));
    }

    [Fact]
    public void Damaged_pe_prints_what_was_read_warns_and_exits_2()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        int directory = PePatch.Offset(image, PePatch.DirectoryRva(image, 0));
        PePatch.WriteU32(image, directory + 24, 0xffffffff); // NumberOfNames
        string path = PePatch.Save(image, "damaged-names.dll");

        var (exitCode, output, error) = Run("exports", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("fixture_add", output);
        Assert.All(error.TrimEnd('\n').Split('\n'), line => Assert.StartsWith($"cdylib: warning: {path}: Invalid PE export ", line));
    }

    [Fact]
    public void Dos_program_is_one_error_line()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64)[..0x40];
        string path = PePatch.Save(image, "dos-stub.exe");

        var (exitCode, output, error) = Run("imports", path);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"cdylib: error: {path}: Invalid PE DOS header at offset 0x3C: e_lfanew 0x{PePatch.NtHeaders(File.ReadAllBytes(PeFixtures.DllX64)):X} points past the end of the file (size 0x40): a DOS program, not a PE image", error.TrimEnd());
    }
}
