using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// The lazy paths: files are memory-mapped, an ELF symbol table is walked only when asked for, and
/// <see cref="BinaryFile.EnumerateExports()"/> walks it without making records. Whatever the order of
/// the questions, the answers are those of the materialized lists.
/// </summary>
public sealed class LazyReadingTests
{
    /// <summary>Big and small ELF files of every kind, and a PE and a Mach-O file (read eagerly, walked from the lists).</summary>
    public static string[] Paths() => new[]
        {
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/bin/ls",
            "/usr/lib/x86_64-linux-gnu/libLLVM-14.so.1",
            NativeFixtures.Shared.Library,
            NativeFixtures.Shared.Library32,
            NativeFixtures.Shared.Object,
            PeFixtures.DllX64,
            MachOFixtures.Library,
        }.Where(File.Exists).ToArray();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Paths())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Enumerating_exports_gives_the_exports_list_in_order(string path)
    {
        using var mapped = MappedFile.Open(path);

        // One file walked lazily first, the other made into lists first.
        AssertWalksAgree(BinaryFile.Parse(mapped.Memory, path), BinaryFile.Parse(mapped.Memory, path));
        AssertNameFreeWalkAgrees(BinaryFile.Parse(mapped.Memory, path), BinaryFile.Parse(mapped.Memory, path));
        AssertImportsFirstAgree(BinaryFile.Parse(mapped.Memory, path), BinaryFile.Parse(mapped.Memory, path));
        Assert.Empty(BinaryFile.Parse(mapped.Memory, path).Warnings);
    }

    [Fact]
    public void Open_reads_everything_before_the_map_closes()
    {
        var opened = BinaryFile.Open("/lib/x86_64-linux-gnu/libc.so.6");
        var parsed = BinaryFile.Parse(File.ReadAllBytes("/lib/x86_64-linux-gnu/libc.so.6"));

        Assert.Equal(parsed.Exports, opened.Exports);
        Assert.Equal(parsed.Imports, opened.Imports);
        Assert.Equal(Names(parsed), Names(opened));
    }

    [Fact]
    public void Mapped_bytes_are_the_file()
    {
        using var mapped = MappedFile.Open(NativeFixtures.Shared.Library);
        Assert.Equal(File.ReadAllBytes(NativeFixtures.Shared.Library), mapped.Memory.ToArray());
    }

    [Fact]
    public void Files_that_cannot_be_mapped_give_the_documented_errors()
    {
        string directory = Directory.CreateTempSubdirectory("cdylib-map").FullName;
        try
        {
            string empty = Path.Combine(directory, "empty.so");
            File.WriteAllBytes(empty, []);
            using (var mapped = MappedFile.Open(empty))
            {
                Assert.True(mapped.Memory.IsEmpty);
            }

            Assert.Equal("not an ELF, PE or Mach-O file: the file is empty", Assert.Throws<ObjectFileException>(() => BinaryFile.Open(empty)).Message);
            Assert.Equal("Cannot read the file: no such file", Assert.Throws<ObjectFileException>(() => MappedFile.Open(Path.Combine(directory, "missing.so"))).Message);
            Assert.Equal("Cannot read the file: it is a directory", Assert.Throws<ObjectFileException>(() => MappedFile.Open(directory)).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Special_files_without_mmap_are_read_instead()
    {
        // /proc files report length 0 but have content, and a character device cannot be mapped: both
        // must come back as what read(2) gives.
        using var mapped = MappedFile.Open("/proc/self/status");
        Assert.True(mapped.Memory.Span.StartsWith("Name:"u8));
        using var devnull = MappedFile.Open("/dev/null");
        Assert.True(devnull.Memory.IsEmpty);
    }

    /// <summary>
    /// <paramref name="lazy"/> is asked for its warnings and enumerated before its lists exist;
    /// <paramref name="eager"/> is made into lists first. Both must say the same.
    /// </summary>
    internal static void AssertWalksAgree(BinaryFile lazy, BinaryFile eager)
    {
        var lazyWarnings = lazy.Warnings.ToList();
        var enumerated = new List<(string, ulong, ulong, SymbolKind, SymbolBinding, SymbolVisibility, SymbolVersion?, bool)>();
        foreach (var export in lazy.EnumerateExports())
        {
            enumerated.Add((export.Name.ToString(), export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version, export.IsAbsolute));
        }

        var exports = eager.Exports;
        _ = eager.Imports;
        Assert.Equal(eager.Warnings, lazyWarnings);
        Assert.Equal(exports.Select(e => (e.Name, e.Address, e.Size, e.Kind, e.Binding, e.Visibility, e.Version, e.IsAbsolute)), enumerated);
        Assert.Equal(exports, lazy.Exports);
        Assert.Equal(eager.Imports, lazy.Imports);
        Assert.Equal(eager.Warnings, lazy.Warnings);
    }

    /// <summary>
    /// <paramref name="fresh"/> is first walked without reading a single name (as the listing's measuring
    /// walk does: the enumerator then never looks for them), then asked for its warnings, which must be the
    /// lists' (names the walk skipped are measured for the decoding budget then), then walked with names.
    /// </summary>
    internal static void AssertNameFreeWalkAgrees(BinaryFile fresh, BinaryFile eager)
    {
        var shapes = new List<(ulong, ulong, SymbolKind, SymbolBinding, SymbolVisibility, SymbolVersion?, bool)>();
        foreach (var export in fresh.EnumerateExports())
        {
            shapes.Add((export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version, export.IsAbsolute));
        }

        var exports = eager.Exports;
        Assert.Equal(eager.Warnings, fresh.Warnings);
        Assert.Equal(exports.Select(e => (e.Address, e.Size, e.Kind, e.Binding, e.Visibility, e.Version, e.IsAbsolute)), shapes);
        Assert.Equal(exports.Select(e => e.Name), Names(fresh));
        Assert.Equal(eager.Imports, fresh.Imports);
    }

    /// <summary>
    /// <paramref name="fresh"/> is asked for its imports first (an ELF file then decodes only those names,
    /// when the budget allows), then its warnings and exports: all must be the lists'.
    /// </summary>
    internal static void AssertImportsFirstAgree(BinaryFile fresh, BinaryFile eager)
    {
        var imports = fresh.Imports;
        var exports = eager.Exports;
        Assert.Equal(eager.Imports, imports);
        Assert.Equal(eager.Warnings, fresh.Warnings);
        Assert.Equal(exports, fresh.Exports);
        Assert.Equal(eager.Imports, fresh.Imports);
    }

    private static IEnumerable<string> Names(BinaryFile file)
    {
        var names = new List<string>();
        foreach (var export in file.EnumerateExports())
        {
            names.Add(export.Name.ToString());
        }

        return names;
    }
}

/// <summary>
/// The text and JSON reports reach stdout as UTF-8 bytes written straight to the stream, and any other
/// writer as decoded text: both must be the same, including names that are not valid UTF-8.
/// </summary>
public sealed class Utf8OutputTests
{
    public static TheoryData<string, string> Reports()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in LazyReadingTests.Paths())
        {
            data.Add("exports", path);
            data.Add("imports", path);
            data.Add("exports --format json", path);
            data.Add("imports --format json", path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Stdout_bytes_and_decoded_lines_are_the_same_text(string verb, string path)
    {
        Assert.Equal(ThroughStringWriter(verb, path), ThroughStdoutLikeWriter(verb, path));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_written_as_the_replacement_character_either_way()
    {
        var builder = new ElfImageBuilder
        {
            Machine = 62,
            Symbols = [new("good", 0x1000, 8, ElfImageBuilder.SttFunc, ElfImageBuilder.StbGlobal, Defined: true, Versym: 1),
                new("bad\u00e9name", 0x1010, 8, ElfImageBuilder.SttFunc, ElfImageBuilder.StbGlobal, Defined: true, Versym: 1)],
        };
        byte[] image = builder.Build();

        // "é" is C3 A9 in UTF-8; C3 followed by 'n' (replacing A9) is not UTF-8.
        int at = image.AsSpan().IndexOf("bad\u00e9"u8) + 4;
        image[at] = (byte)'n';
        string path = Path.Combine(Directory.CreateTempSubdirectory("cdylib-utf8").FullName, "libbad.so");
        File.WriteAllBytes(path, image);

        string text = ThroughStringWriter("exports", path);
        Assert.Contains("bad\uFFFDnname", text);
        Assert.Equal(text, ThroughStdoutLikeWriter("exports", path));
        Assert.Equal("bad\uFFFDnname", BinaryFile.Open(path).Exports.Single(e => e.Name.StartsWith("bad", StringComparison.Ordinal)).Name);
    }

    private static string ThroughStringWriter(string verb, string path)
    {
        var output = new StringWriter();
        Run(verb, path, output);
        return output.ToString();
    }

    /// <summary>What the command's Program.cs gives the verbs: a UTF-8 StreamWriter over the stdout stream.</summary>
    private static string ThroughStdoutLikeWriter(string verb, string path)
    {
        var stream = new MemoryStream();
        using (var output = new StreamWriter(stream, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true))
        {
            Run(verb, path, output);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <param name="verb">The verb and its options ("exports --format json").</param>
    private static void Run(string verb, string path, TextWriter output) => InspectCli.Run([.. verb.Split(' '), path], output);
}
