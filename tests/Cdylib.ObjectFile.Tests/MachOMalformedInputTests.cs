using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Tests.Infrastructure;
using static Cdylib.ObjectFile.Tests.Infrastructure.MachOImageBuilder;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Hostile and damaged Mach-O files: the reader may return partial results with warnings or throw
/// <see cref="ObjectFileException"/>, and nothing else: no other exception, no hang, no runaway memory.
/// Each parse is timed; every loop in the reader is bounded by the input size.
/// </summary>
public sealed class MachOMalformedInputTests
{
    private static readonly uint[] Extremes = [0, 1, 2, 7, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];

    private static IReadOnlyList<BinaryFile>? ParseOrReject(byte[] data) => Hostile.ParseAllOrReject(data);

    private static BinaryFile Single(byte[] data) => Assert.Single(ParseOrReject(data) ?? throw new Xunit.Sdk.XunitException("the file was rejected"));

    /// <summary>Where the load commands end: past this, a truncated image is always read (damaged tables become warnings).</summary>
    private static int CommandsEnd(byte[] image) => 32 + (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(20));

    public static TheoryData<string, string> Slices()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, arch) in MachOFixtures.Slices.Where(s => s.Name != "libdep.dylib"))
        {
            data.Add(name, arch);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Slices))]
    public void Truncation_at_every_offset_returns_what_is_left_or_rejects_the_header(string name, string arch)
    {
        byte[] image = MachOFixtures.Thin(MachOFixtures.Named(name), arch);
        int commandsEnd = CommandsEnd(image);
        for (int length = 0; length < image.Length; length++)
        {
            var result = ParseOrReject(image[..length]);
            if (length >= commandsEnd)
            {
                Assert.NotNull(result);
            }
        }
    }

    [Fact]
    public void Truncated_fat_files_reject_only_the_slices_cut_off()
    {
        foreach (var path in MachOFixtures.All)
        {
            byte[] data = File.ReadAllBytes(path);
            for (int length = 0; length < data.Length; length += 61)
            {
                ParseOrReject(data[..length]);
            }
        }
    }

    [Fact]
    public void Truncated_third_party_dylib_is_read_partially()
    {
        byte[] image = File.ReadAllBytes(MachOFixtures.Sqlite[1]);
        var complete = Single(image);
        var random = new Random(4);
        for (int i = 0; i < 40; i++)
        {
            int length = random.Next(CommandsEnd(image), image.Length);
            var result = Single(image[..length]);
            Assert.True(result.Exports.Count <= complete.Exports.Count);
            Assert.True(result.Imports.Count <= complete.Imports.Count);
            Assert.True(result.Exports.Count + result.Imports.Count == complete.Exports.Count + complete.Imports.Count || result.Warnings.Count > 0);
        }
    }

    [Fact]
    public void Random_byte_flips_never_escape_as_other_exceptions()
    {
        var random = new Random(20251122);
        var originals = MachOFixtures.All.Select(File.ReadAllBytes)
            .Concat(MachOFixtures.Slices.Select(s => MachOFixtures.Thin(MachOFixtures.Named(s.Name), s.Arch)))
            .Append(File.ReadAllBytes(MachOFixtures.Sqlite[0]))
            .ToList();
        foreach (var original in originals)
        {
            for (int iteration = 0; iteration < 300; iteration++)
            {
                byte[] copy = Hostile.Flipped(original, random, headerBytes: 2048);
                ParseOrReject(copy);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Slices))]
    public void Extreme_values_in_every_header_and_load_command_field_are_handled(string name, string arch)
    {
        byte[] original = MachOFixtures.Thin(MachOFixtures.Named(name), arch);
        for (int at = 4; at < CommandsEnd(original); at += 4)
        {
            foreach (uint value in Extremes)
            {
                byte[] copy = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
                ParseOrReject(copy);
            }
        }
    }

    [Fact]
    public void Extreme_values_in_the_fat_header_and_arch_entries_are_handled()
    {
        foreach (var path in new[] { MachOFixtures.Library, MachOFixtures.Dependency })
        {
            byte[] original = File.ReadAllBytes(path);
            for (int at = 4; at < 8 + (2 * 32); at += 4)
            {
                foreach (uint value in Extremes)
                {
                    byte[] copy = (byte[])original.Clone();
                    BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), value);
                    ParseOrReject(copy);
                }
            }
        }
    }

    [Fact]
    public void A_trie_child_pointing_back_at_its_ancestor_is_a_loop_warning()
    {
        // root (0): "_a" -> A (6); A: terminal of "_a", then "b" -> root (0), an ancestor.
        byte[] a = [.. Uleb(3), .. Terminal(0, 0x800), 1, (byte)'b', 0, 0];
        byte[] trie = [0, 1, (byte)'_', (byte)'a', 0, 6, .. a];
        var file = Single(new MachOImageBuilder { Trie = trie }.Build());

        Assert.Equal(["_a"], file.Exports.Select(e => e.Name));
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid Mach-O export trie at offset 0x", StringComparison.Ordinal) && w.Message.Contains("a loop", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trie_sharing_subtrees_between_many_parents_stops_within_its_budget()
    {
        // Ten nodes, each with 255 edges to the next: 255^9 paths to the last node's terminal.
        const int levels = 10, edges = 255, nodeSize = 2 + (edges * 5);
        var trie = new List<byte>();
        for (int level = 0; level < levels - 1; level++)
        {
            trie.Add(0);
            trie.Add(edges);
            for (int e = 0; e < edges; e++)
            {
                trie.Add((byte)('a' + (e % 26)));
                trie.Add(0);
                trie.AddRange(PaddedUleb((ulong)((level + 1) * nodeSize), 3));
            }
        }

        trie.AddRange([.. Uleb(3), .. Terminal(0, 0x800), 0]);
        var file = Single(new MachOImageBuilder { Trie = [.. trie] }.Build());

        Assert.True(file.Exports.Count <= trie.Count, $"{file.Exports.Count} exports");
        Assert.Contains(file.Warnings, w => w.Message.Contains("more nodes than the trie", StringComparison.Ordinal) || w.Message.Contains("far larger than the trie", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("uleb-overflow")]
    [InlineData("unknown-opcode")]
    [InlineData("unterminated-name")]
    [InlineData("bind-before-symbol")]
    [InlineData("bad-ordinal")]
    public void Damaged_trie_terminals_and_bind_streams_are_warnings(string damage)
    {
        byte[] trie = FlatTrie(("_good", Terminal(0, 0x800)), ("_also", Terminal(0, 0x810)));
        byte[] bind = damage switch
        {
            "uleb-overflow" => [0x11, 0x40, (byte)'_', (byte)'x', 0, 0x70, .. Enumerable.Repeat((byte)0xff, 11), 0x01, 0x90],
            "unknown-opcode" => [0x11, 0x40, (byte)'_', (byte)'x', 0, 0x90, 0xe0, 0x90],
            "unterminated-name" => [0x11, 0x40, (byte)'_', (byte)'x'],
            "bind-before-symbol" => [0x11, 0x90],
            _ => [0x1f, 0x40, (byte)'_', (byte)'x', 0, 0x90, 0x00],
        };
        var file = Single(new MachOImageBuilder { Trie = trie, Bind = bind }.Build());

        Assert.Equal(["_good", "_also"], file.Exports.Select(e => e.Name));
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid Mach-O bind opcodes at offset 0x", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_streams_of_endless_repeats_cost_no_more_than_their_length()
    {
        // 1 MiB of "bind 2^63 times, skipping 2^63 bytes": naively a loop that never ends.
        var bind = new List<byte> { 0x11, 0x40, (byte)'_', (byte)'x', 0 };
        byte[] repeat = [0xc0, .. Uleb(1UL << 63), .. Uleb(1UL << 63)];
        while (bind.Count < (1 << 20))
        {
            bind.AddRange(repeat);
        }

        var lazy = Enumerable.Repeat<byte>(0x00, 1 << 16).ToArray(); // a lazy stream of empty entries
        var file = Single(new MachOImageBuilder { Trie = [], Bind = [.. bind], LazyBind = lazy }.Build());

        var import = Assert.Single(file.Imports);
        Assert.Equal("_x", import.Name);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_huge_symbol_table_count_is_capped_by_the_file()
    {
        var builder = new MachOImageBuilder { Symbols = [("_a", 0x0f, 1, 0, 0x800), ("_b", 0x01, 0, 0x0100, 0)] };
        byte[] image = builder.Build();
        int symtab = FindCommand(image, 0x2);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(symtab + 12), 0xffffffff); // nsyms

        var file = Single(image);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid Mach-O symbol table at offset 0x", StringComparison.Ordinal) && w.Message.Contains("of its 4294967295 entries", StringComparison.Ordinal));
        Assert.Contains(file.Exports, e => e.Name == "_a");
    }

    [Fact]
    public void Many_string_table_offsets_into_one_unterminated_run_stay_within_budget()
    {
        // 60,000 external symbols whose names start at successive bytes of one 60,000-byte run with a NUL at its end.
        var symbols = Enumerable.Range(0, 60_000).Select(i => ($"s{i}", (byte)0x0f, (byte)1, (ushort)0, 0x800UL)).ToList();
        var builder = new MachOImageBuilder { Symbols = symbols };
        byte[] image = builder.Build();
        int symtab = FindCommand(image, 0x2);
        uint symoff = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(symtab + 8));
        uint stroff = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(symtab + 16));
        uint strsize = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(symtab + 20));
        image.AsSpan((int)stroff, (int)strsize - 1).Fill((byte)'A');
        for (int i = 0; i < symbols.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)symoff + (i * 16)), (uint)i);
        }

        var file = Single(image);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid Mach-O string table at offset 0x", StringComparison.Ordinal) && w.Message.Contains("far more memory", StringComparison.Ordinal));
        Assert.True(file.Exports.Sum(e => (long)e.Name.Length) <= 16L * image.Length);
    }

    [Fact]
    public void Fat_slices_that_overlap_are_warnings_and_those_outside_the_file_are_errors()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Library);

        // Slice 1 made to start inside slice 0.
        byte[] overlapping = (byte[])data.Clone();
        uint first = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(8 + 8));
        BinaryPrimitives.WriteUInt32BigEndian(overlapping.AsSpan(8 + 20 + 8), first);
        BinaryPrimitives.WriteUInt32BigEndian(overlapping.AsSpan(8 + 20 + 12), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(8 + 12)));
        var files = ParseOrReject(overlapping);
        Assert.NotNull(files);
        Assert.All(files, f => Assert.Contains(f.Warnings, w => w.Message.StartsWith("Invalid Mach-O fat arch entry at offset 0x1C: slice 1 at offset 0x", StringComparison.Ordinal) && w.Message.Contains("overlaps slice 0", StringComparison.Ordinal)));

        // Slice 1 reaching past the end of the file.
        byte[] outside = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(outside.AsSpan(8 + 20 + 12), 0x7fffffff);
        var error = Assert.Throws<ObjectFileException>(() => BinaryContainer.Parse(outside).Images[1].Read());
        Assert.StartsWith("Invalid Mach-O fat arch entry at offset 0x1C: slice 1 (arm64) at offset 0x", error.Message);
        Assert.Equal("x86_64", BinaryFile.Parse(outside).Summary.MachO!.Architecture); // the first slice is intact

        // Too many arch entries for the file: also what a Java class file looks like.
        byte[] java = [0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34, 0, 0, 0, 0];
        Assert.Contains("Java class file", Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(java)).Message);
        Assert.StartsWith("Invalid Mach-O fat header at offset 0x4: nfat_arch is 0", Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(new byte[] { 0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0 })).Message);
    }

    [Theory]
    [InlineData("cmdsize-zero", "Invalid Mach-O load command at offset 0x20: load command 0 (0x19) has cmdsize 0x0")]
    [InlineData("sizeofcmds", "Invalid Mach-O load commands at offset 0x20: sizeofcmds 0xFFFFFF00 runs past the end of the image")]
    [InlineData("nsects", "Invalid Mach-O segment command at offset 0x20: nsects is 4294967295")]
    public void Damaged_load_commands_are_warnings_that_name_the_structure_and_offset(string damage, string warning)
    {
        byte[] image = MachOFixtures.Thin(MachOFixtures.Library, "x86_64");
        switch (damage)
        {
            case "cmdsize-zero":
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(32 + 4), 0);
                break;
            case "sizeofcmds":
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(20), 0xffffff00);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(32 + 64), 0xffffffff);
                break;
        }

        var file = Single(image);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_header_is_an_error_that_names_the_structure_and_offset()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Library);
        var slice = BinaryContainer.Parse(data).Images[1].FatSlice!;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)slice.Offset), 0x12345678);

        var error = Assert.Throws<ObjectFileException>(() => BinaryContainer.Parse(data).Images[slice.Index].Read());

        Assert.Equal($"Invalid Mach-O header at offset 0x{slice.Offset:X}: the magic number 0x12345678 is not that of a thin Mach-O image", error.Message);
        Assert.Equal((long)slice.Offset, error.FileOffset);
    }

    private static int FindCommand(byte[] image, uint command)
    {
        int at = 32;
        for (uint i = 0; i < BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(16)); i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at)) == command)
            {
                return at;
            }

            at += (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at + 4));
        }

        throw new ArgumentException($"no load command 0x{command:X}");
    }
}
