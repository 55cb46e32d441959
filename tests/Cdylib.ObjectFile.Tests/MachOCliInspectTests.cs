using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// <c>cdylib exports</c> / <c>cdylib imports</c> on Mach-O files: every slice of a fat file reported like
/// a separate file, <c>--arch</c> picking one, rows checked against llvm-nm and llvm-objdump, JSON against
/// the reader.
/// </summary>
public sealed class MachOCliInspectTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args) => InspectCli.Run(args);

    /// <summary>The part of a text report that belongs to one slice.</summary>
    private static string Block(string output, string path, string arch)
    {
        string heading = $"Dump of file {path} (architecture {arch})\n";
        int start = output.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no block for {arch} in:\n{output}");
        int next = output.IndexOf("Dump of file ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? output[start..] : output[start..next];
    }

    [Fact]
    public void Exports_text_reports_every_slice_of_a_fat_file_with_one_row_per_llvm_nm_definition()
    {
        string path = MachOFixtures.Library;
        var (exitCode, output, error) = Run("exports", path);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith($"Dump of file {path} (architecture x86_64)\n\nFile Type: SHARED LIBRARY\n", output);
        foreach (var arch in MachOFixtures.Architectures)
        {
            string block = Block(output, path, arch);
            Assert.Contains($"  Architecture:  {arch} (slice {(arch == "x86_64" ? 1 : 2)} of 2 of a fat file)\n", block);
            Assert.Contains("  Install name:  @rpath/libfixture.dylib\n", block);
            Assert.Contains("  Versions:      current 1.2.3, compatibility 1.0.0\n", block);
            Assert.Contains("  RPATH:         @loader_path/../lib\n", block);
            Assert.Contains("  Needed:        @rpath/libdep.dylib (compatibility version 2.0.0, current version 2.3.4)\n", block);
            Assert.Contains("/usr/local/lib/libmore.dylib (compatibility version 0.0.0, current version 0.0.0, re-export)\n", block);
            Assert.Contains("Section contains the following exports for @rpath/libfixture.dylib\n", block);

            var lines = block.Split('\n');
            var defined = LlvmMachO.Nm(path, arch).Where(s => s.IsExternal && !s.IsUndefined).ToList();
            foreach (var symbol in defined)
            {
                string binding = (symbol.Description & 0x80) != 0 ? "WEAK" : "GLOBAL";
                var row = new Regex(string.Create(CultureInfo.InvariantCulture,
                    $@"^    {symbol.Value:x16}  {binding} +\w+ +{Regex.Escape(symbol.Name)}( \(absolute\))?$"));
                Assert.True(lines.Any(row.IsMatch), $"no row for {symbol.Name} in:\n{block}");
            }

            Assert.Matches($@"\n {{4,}}{defined.Count} exports: 4 functions, 2 data, 1 tls, 1 other\n", block);
            Assert.Contains(arch == "arm64" ? "read from the export trie of LC_DYLD_EXPORTS_TRIE" : "read from the export trie of LC_DYLD_INFO", block);
        }
    }

    [Fact]
    public void Arch_picks_one_slice_of_a_fat_file()
    {
        string path = MachOFixtures.Library;
        var (exitCode, output, _) = Run("exports", "--arch", "arm64", path);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"Dump of file {path} (architecture arm64)\n", output);
        Assert.DoesNotContain("x86_64", output);
        Assert.Contains("  Machine:       aarch64\n", output);

        var (exitCode64, output64, _) = Run("exports", "--arch", "x86-64", MachOFixtures.Dependency);
        Assert.Equal(0, exitCode64);
        Assert.Contains("  Architecture:  x86_64 (slice 1 of 2 of a fat file, 64-bit fat header)\n", output64);
        Assert.Single(Regex.Matches(output64, "Dump of file "));
    }

    [Fact]
    public void A_missing_architecture_is_one_error_line_and_exit_2()
    {
        string path = MachOFixtures.Library;
        var (exitCode, output, error) = Run("exports", "--arch", "i386", path);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"cdylib: error: {path} (architecture i386): the fat file has no i386 slice (it has x86_64, arm64)\n", error);
    }

    [Fact]
    public void Arch_is_not_used_for_elf_files()
    {
        string library = NativeFixtures.Shared.Library;

        Assert.Equal(Run("exports", library), Run("exports", "--arch", "arm64", library));
    }

    [Fact]
    public void Imports_text_has_a_block_per_dylib_with_ordinal_command_and_versions()
    {
        string path = MachOFixtures.App;
        var (exitCode, output, _) = Run("imports", "--arch", "x86_64", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("File Type: EXECUTABLE\n", output);
        Assert.Contains("@rpath/libdep.dylib (compatibility version 2.0.0, current version 2.3.4, weak)\n", output);
        int fixture = output.IndexOf("\n    @rpath/libfixture.dylib (ordinal 1, LC_LOAD_DYLIB, compatibility version 1.0.0, current version 1.2.3)\n", StringComparison.Ordinal);
        int system = output.IndexOf("\n    /usr/lib/libSystem.B.dylib (ordinal 2, LC_LOAD_DYLIB, compatibility version 1.0.0, current version 1311.0.0)\n", StringComparison.Ordinal);
        int dep = output.IndexOf("\n    @rpath/libdep.dylib (ordinal 3, LC_LOAD_WEAK_DYLIB, compatibility version 2.0.0, current version 2.3.4)\n", StringComparison.Ordinal);
        Assert.True(fixture > 0 && system > fixture && dep > system, output);

        var binds = LlvmMachO.Binds(path, "x86_64", "--bind").Concat(LlvmMachO.Binds(path, "x86_64", "--lazy-bind")).ToList();
        foreach (var bind in binds)
        {
            int block = bind.Dylib switch { "libfixture" => fixture, "libSystem" => system, _ => dep };
            string text = output[block..output.IndexOf("\n\n", block + 1, StringComparison.Ordinal)];
            Assert.Matches(new Regex($@"\n      (GLOBAL|WEAK) +\w+ +{Regex.Escape(bind.Symbol)}(\n|$)"), text);
            if (bind.WeakImport)
            {
                Assert.Matches(new Regex($@"\n      WEAK +\w+ +{Regex.Escape(bind.Symbol)}(\n|$)"), text);
            }
        }

        Assert.Contains("\n           6 imports from 3 libraries, 2 weak\n    read from the bind opcodes of LC_DYLD_INFO\n", output);
    }

    [Fact]
    public void Chained_fixups_weak_lookups_get_their_own_block()
    {
        var (exitCode, output, _) = Run("imports", "--arch", "arm64", MachOFixtures.App);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"\n    \(weak definition: coalesced across all images\)\n      Binding +Type +Name\n      GLOBAL +other +_fixture_weak\n", output);
        Assert.Contains("read from the imports table of LC_DYLD_CHAINED_FIXUPS", output);
    }

    [Fact]
    public void Exports_json_has_one_entry_per_slice_with_a_macho_object_and_matches_the_reader()
    {
        string path = MachOFixtures.Library;
        var (exitCode, output, _) = Run("exports", "--format", "json", path);
        var readers = BinaryContainer.Parse(File.ReadAllBytes(path), path).Images.Select(image => image.Read()).ToList();

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var reader = readers[i];
            Assert.Equal(path, file.GetProperty("path").GetString());
            Assert.Equal("macho", file.GetProperty("format").GetString());
            Assert.Equal(reader.Summary.Machine, file.GetProperty("machine").GetString());
            Assert.Equal("@rpath/libfixture.dylib", file.GetProperty("ownName").GetString());
            var macho = file.GetProperty("macho");
            Assert.Equal(MachOFixtures.Architectures[i], macho.GetProperty("arch").GetString());
            Assert.Equal(i, macho.GetProperty("fat").GetProperty("slice").GetInt32());
            Assert.False(macho.GetProperty("fat").GetProperty("fat64").GetBoolean());
            Assert.Equal("1.2.3", macho.GetProperty("id").GetProperty("currentVersion").GetString());
            Assert.Equal(
                ["1 LC_LOAD_DYLIB @rpath/libdep.dylib 2.3.4 2.0.0", "2 LC_LOAD_DYLIB /usr/lib/libSystem.B.dylib 1311.0.0 1.0.0", "3 LC_LOAD_DYLIB /usr/local/lib/libmore.dylib 5.0.0 5.0.0", "4 LC_REEXPORT_DYLIB /usr/local/lib/libmore.dylib 0.0.0 0.0.0"],
                macho.GetProperty("dylibs").EnumerateArray().Select(d => $"{d.GetProperty("ordinal").GetInt32()} {d.GetProperty("command").GetString()} {d.GetProperty("name").GetString()} {d.GetProperty("currentVersion").GetString()} {d.GetProperty("compatibilityVersion").GetString()}"));
            Assert.Equal(
                ["needed", "needed", "needed", "reexport"],
                file.GetProperty("dependencies").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
            Assert.Equal(
                reader.Exports.Select(e => $"{e.Name} 0x{e.Address:x} {e.Kind} {e.Binding} {e.IsAbsolute} {e.ForwardedTo}"),
                file.GetProperty("exports").EnumerateArray().Select(e => $"{e.GetProperty("name").GetString()} {e.GetProperty("address").GetString()} "
                    + $"{Kind(e.GetProperty("kind").GetString())} {(e.GetProperty("binding").GetString() == "weak" ? "Weak" : "Global")} {e.GetProperty("absolute").GetBoolean()} {e.GetProperty("forwardedTo").GetString()}"));
        }
    }

    [Fact]
    public void Imports_json_carries_library_ordinals()
    {
        string path = MachOFixtures.App;
        var (exitCode, output, _) = Run("imports", "--format", "json", "--arch", "arm64", path);
        var reader = BinaryContainer.Parse(File.ReadAllBytes(path), path).Select("arm64").Read();

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("chained-fixups", file.GetProperty("macho").GetProperty("importsFrom").GetString());
        Assert.Equal(
            reader.Imports.Select(i => $"{i.Name} {i.Library} {i.LibraryOrdinal} {i.IsWeak}"),
            file.GetProperty("imports").EnumerateArray().Select(i => $"{i.GetProperty("name").GetString()} {i.GetProperty("library").GetString()} "
                + $"{i.GetProperty("libraryOrdinal").GetInt32()} {i.GetProperty("weak").GetBoolean()}"));
    }

    [Fact]
    public void A_damaged_slice_is_reported_with_its_architecture_and_the_other_slice_still_prints()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Library);
        var slices = MachOFixtures.FatSlices(data);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)slices[1].Offset), 0x12345678); // arm64 magic
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)slices[0].Offset + 20), 0xffffff00); // x86_64 sizeofcmds
        string path = ElfPatch.Save(data, "damaged-fat.dylib");

        var (exitCode, output, error) = Run("exports", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("_fixture_add", Block(output, path, "x86_64"));
        Assert.DoesNotContain("(architecture arm64)", output);
        Assert.Equal(
            [$"cdylib: warning: {path} (architecture x86_64): Invalid Mach-O load commands at offset 0x1020: sizeofcmds 0xFFFFFF00 runs past the end of the image",
             $"cdylib: error: {path} (architecture arm64): Invalid Mach-O header at offset 0x{slices[1].Offset:X}: the magic number 0x12345678 is not that of a thin Mach-O image"],
            error.TrimEnd('\n').Split('\n').Select(l => Regex.Replace(l, @" \(0x[0-9A-F]+ bytes after the header\)$", "")));
    }

    private static SymbolKind Kind(string? word) => word switch
    {
        "function" => SymbolKind.Function,
        "data" => SymbolKind.Data,
        "tls" => SymbolKind.ThreadLocal,
        "ifunc" => SymbolKind.IndirectFunction,
        _ => SymbolKind.Other,
    };
}
