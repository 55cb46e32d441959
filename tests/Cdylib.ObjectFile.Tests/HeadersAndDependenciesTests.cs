using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// ELF header details (file header, program headers, section headers) against readelf, and the
/// <c>cdylib deps</c> and <c>cdylib headers</c> verbs against readelf, llvm-readobj and llvm-objdump.
/// </summary>
public sealed partial class HeadersAndDependenciesTests
{
    public static TheoryData<string> ElfFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in new[]
        {
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/usr/bin/ls",
            NativeFixtures.Shared.Library,
            NativeFixtures.Shared.Library32,
            NativeFixtures.Shared.Object,
            NativeFixtures.Shared.Executable,
        }.Where(File.Exists))
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ElfFiles))]
    public void Section_headers_match_readelf(string path)
    {
        var elf = BinaryFile.Open(path).Summary.Elf!;
        var expected = Tool.Run("readelf", "-S", "-W", path).Split('\n')
            .Select(line => SectionLine().Match(line)).Where(m => m.Success)
            .Select(m => (
                Index: int.Parse(m.Groups["nr"].Value, CultureInfo.InvariantCulture),
                Name: m.Groups["name"].Value.Trim(),
                Type: m.Groups["type"].Value,
                Address: Convert.ToUInt64(m.Groups["addr"].Value, 16),
                Offset: Convert.ToUInt64(m.Groups["off"].Value, 16),
                Size: Convert.ToUInt64(m.Groups["size"].Value, 16),
                Flags: m.Groups["flags"].Value.Trim()))
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, elf.Sections.Select(s => (s.Index, s.Name, s.TypeName, s.Address, s.Offset, s.Size, s.FlagLetters)));
    }

    [Theory]
    [MemberData(nameof(ElfFiles))]
    public void Program_headers_and_file_header_match_readelf(string path)
    {
        var elf = BinaryFile.Open(path).Summary.Elf!;
        string output = Tool.Run("readelf", "-l", "-h", "-W", path);
        var expected = output.Split('\n')
            .Select(line => SegmentLine().Match(line)).Where(m => m.Success)
            .Select(m => (
                Type: m.Groups["type"].Value,
                Offset: Convert.ToUInt64(m.Groups["off"].Value, 16),
                Address: Convert.ToUInt64(m.Groups["vaddr"].Value, 16),
                FileSize: Convert.ToUInt64(m.Groups["filesz"].Value, 16),
                MemorySize: Convert.ToUInt64(m.Groups["memsz"].Value, 16),
                Flags: m.Groups["flags"].Value.Trim()))
            .ToList();

        Assert.Equal(expected, elf.Segments.Select(s => (s.TypeName, s.Offset, s.VirtualAddress, s.FileSize, s.MemorySize, s.FlagLetters.Trim())));
        var header = Readelf.Header(path);
        Assert.Equal(Convert.ToUInt64(header["Entry point address"], 16), elf.Entry);
        Assert.StartsWith(header["OS/ABI"].Replace("UNIX - System V", "SYSV", StringComparison.Ordinal).Replace("UNIX - GNU", "GNU", StringComparison.Ordinal), elf.OsAbiName);
    }

    [Theory]
    [MemberData(nameof(ElfFiles))]
    public void Deps_lists_what_readelf_calls_needed(string path)
    {
        var (exitCode, output, _) = Run("deps", path);
        Assert.Equal(0, exitCode);
        var rows = Rows(output, "Image has the following dependencies:");
        var needed = Readelf.Dynamic(path).Where(e => e.Tag == "NEEDED").Select(e => e.Value).ToList();
        Assert.Equal(needed.Select(n => $"needed  {n}"), needed.Count == 0 ? [] : rows.Skip(1).Select(r => Regex.Replace(r, "^needed +", "needed  ")));
        Assert.DoesNotContain("Needed:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deps_of_a_pe_image_come_from_its_import_and_delay_load_directories()
    {
        var (exitCode, output, _) = Run("deps", PeFixtures.AppX64);
        Assert.Equal(0, exitCode);
        var blocks = LlvmCoff.Imports(PeFixtures.AppX64);
        var expected = blocks.Select(b => (b.IsDelayLoad ? "delay-load" : "needed", b.Dll)).Distinct().ToList();
        var rows = Rows(output, "Image has the following dependencies:").Skip(1)
            .Select(r => Regex.Match(r, @"^(?<kind>\S+) +(?<name>.+)$")).Select(m => (m.Groups["kind"].Value, m.Groups["name"].Value)).ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Deps_of_a_mach_o_file_have_the_versions_otool_prints()
    {
        var (exitCode, output, _) = Run("deps", "--arch", "arm64", MachOFixtures.App);
        Assert.Equal(0, exitCode);
        var rows = Rows(output, "Image has the following dependencies:").Skip(1).ToList();
        var dylibs = LlvmMachO.Dylibs(MachOFixtures.App, "arm64");
        Assert.Equal(dylibs.Count, rows.Count);
        foreach (var (row, dylib) in rows.Zip(dylibs))
        {
            Assert.Matches($@" {Regex.Escape(dylib.Compatibility)} +{Regex.Escape(dylib.Current)} +{Regex.Escape(dylib.Name)}$", row);
        }
    }

    [Fact]
    public void Headers_json_carries_the_elf_details_and_no_symbol_lists()
    {
        var (exitCode, output, _) = Run("headers", "--format", "json", NativeFixtures.Shared.Library);
        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("headers", document.RootElement.GetProperty("command").GetString());
        var file = document.RootElement.GetProperty("files")[0];
        Assert.False(file.TryGetProperty("exports", out _));
        Assert.False(file.TryGetProperty("imports", out _));
        var sections = file.GetProperty("elf").GetProperty("sections");
        var reader = BinaryFile.Open(NativeFixtures.Shared.Library).Summary.Elf!;
        Assert.Equal(reader.Sections.Select(s => s.Name), sections.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(reader.Segments.Count, file.GetProperty("elf").GetProperty("segments").GetArrayLength());
    }

    [Fact]
    public void Deps_json_lists_the_dependencies_and_no_symbol_lists()
    {
        var (exitCode, output, _) = Run("deps", "--format", "json", PeFixtures.AppX64);
        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("deps", document.RootElement.GetProperty("command").GetString());
        var file = document.RootElement.GetProperty("files")[0];
        Assert.False(file.TryGetProperty("exports", out _));
        Assert.Equal(
            BinaryFile.Open(PeFixtures.AppX64).Dependencies.Select(d => d.Name),
            file.GetProperty("dependencies").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public void Headers_text_has_a_table_per_structure_for_every_format()
    {
        var (exitCode, output, error) = Run("headers", NativeFixtures.Shared.Library, PeFixtures.DllX64, MachOFixtures.Library, PeFixtures.Named("fixture-arm64.lib"));
        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        foreach (string heading in new[] { "ELF header", "Program headers", "Section headers", "FILE HEADER VALUES", "OPTIONAL HEADER VALUES", "Data directories", "Mach header", "Segments and sections", "Dylib commands", "Members" })
        {
            Assert.Contains($"  {heading}\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        // Every PE section and every Mach-O segment has its row.
        foreach (var section in LlvmCoff.Sections(PeFixtures.DllX64))
        {
            Assert.Matches($@"(?m)^    {Regex.Escape(section.Name)} +", output);
        }
    }

    [Fact]
    public void Unreadable_files_give_exit_code_2_for_the_new_verbs_too()
    {
        foreach (string verb in new[] { "deps", "headers" })
        {
            var (exitCode, _, error) = Run(verb, "/nonexistent/file.so");
            Assert.Equal(2, exitCode);
            Assert.Contains("no such file", error, StringComparison.Ordinal);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    /// <summary>The table rows after <paramref name="heading"/> (the first is the column headings), up to the blank line.</summary>
    private static System.Collections.Generic.IEnumerable<string> Rows(string output, string heading) =>
        output.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => l.Trim() != heading).Skip(2).TakeWhile(l => l.Length > 0).Select(l => l.Trim());

    [GeneratedRegex(@"^\s*\[\s*(?<nr>\d+)\]\s(?<name>.{17,}?)\s+(?<type>[A-Z_]+|LOOS\+\w+|<unknown>:\s*\w+)\s+(?<addr>[0-9a-f]{8,16})\s(?<off>[0-9a-f]{6,})\s(?<size>[0-9a-f]{6,})\s[0-9a-f]{2}\s(?<flags>[A-Za-z ]{3})")]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^\s+(?<type>[A-Z_]+|LOOS\+\w+)\s+0x(?<off>[0-9a-f]+)\s0x(?<vaddr>[0-9a-f]+)\s0x[0-9a-f]+\s0x(?<filesz>[0-9a-f]+)\s0x(?<memsz>[0-9a-f]+)\s(?<flags>[RWE ]{3})")]
    private static partial Regex SegmentLine();
}
