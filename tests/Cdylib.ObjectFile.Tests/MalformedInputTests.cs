using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;
using static Cdylib.ObjectFile.Tests.Infrastructure.ElfImageBuilder;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Hostile and damaged input: the reader may return partial results with warnings or throw
/// <see cref="ObjectFileException"/>, and nothing else: no other exception, no hang, no runaway memory.
/// Every loop in the reader is bounded by the input size, so these tests need no timeouts.
/// </summary>
public sealed class MalformedInputTests
{
    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    private static BinaryFile? ParseOrReject(byte[] data) => Hostile.ParseOrReject(data);

    [Fact]
    public void Truncation_at_any_offset_returns_what_is_left_or_rejects_the_header()
    {
        byte[] library = File.ReadAllBytes(Fixtures.Library);
        for (int length = 0; length < library.Length; length += length < 128 ? 1 : 29)
        {
            var result = ParseOrReject(library[..length]);

            // Once the 64-byte header is there, the file is always read, damaged tables becoming warnings.
            if (length >= 64)
            {
                Assert.NotNull(result);
            }
        }
    }

    [Fact]
    public void Truncated_system_library_is_read_partially()
    {
        byte[] libc = File.ReadAllBytes("/lib/x86_64-linux-gnu/libc.so.6");
        var random = new Random(7);
        for (int i = 0; i < 40; i++)
        {
            int length = random.Next(64, libc.Length);
            var result = ParseOrReject(libc[..length]);
            Assert.NotNull(result);
        }
    }

    [Fact]
    public void Random_byte_flips_never_escape_as_other_exceptions()
    {
        var random = new Random(20251122);
        byte[][] originals =
        [
            File.ReadAllBytes(Fixtures.Library),
            File.ReadAllBytes(Fixtures.Executable),
            File.ReadAllBytes(Fixtures.Library32),
            ElfPatch.WithoutSectionHeaders(File.ReadAllBytes(Fixtures.Library)),
            SyntheticElfTests.Library(is64: true, bigEndian: true, machine: 22, withSections: true).Build(),
            SyntheticElfTests.Library(is64: false, bigEndian: true, machine: 20, withSections: false).Build(),
        ];

        foreach (var original in originals)
        {
            for (int iteration = 0; iteration < 300; iteration++)
            {
                byte[] copy = Hostile.Flipped(original, random, headerBytes: 2048);
                ParseOrReject(copy);
            }
        }
    }

    [Fact]
    public void Extreme_field_values_at_random_places_never_escape_as_other_exceptions()
    {
        var random = new Random(42);
        uint[] extremes = [0, 1, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];
        byte[] original = File.ReadAllBytes(Fixtures.Library);
        for (int iteration = 0; iteration < 1500; iteration++)
        {
            byte[] copy = (byte[])original.Clone();
            int at = random.Next(Math.Min(2048, copy.Length - 8) / 4) * 4;
            ElfPatch.WriteU32(copy, at, extremes[random.Next(extremes.Length)]);
            ParseOrReject(copy);
        }
    }

    [Fact]
    public void Section_header_table_past_the_end_falls_back_to_the_dynamic_segment()
    {
        byte[] copy = File.ReadAllBytes(Fixtures.Library);
        ElfPatch.WriteU64(copy, 0x28, 0xfffffffffffffff0); // e_shoff

        var file = BinaryFile.Parse(copy);

        Assert.Contains(file.Warnings, w => w.Message.Contains("ELF section header table", StringComparison.Ordinal));
        Assert.Equal(Expectations.ExportsFromReader(BinaryFile.Open(Fixtures.Library)), Expectations.ExportsFromReader(file));
    }

    [Fact]
    public void Huge_section_count_is_rejected_without_allocating_it()
    {
        byte[] copy = File.ReadAllBytes(Fixtures.Library);
        ElfPatch.WriteU16(copy, 0x3c, 0xffff); // e_shnum

        var file = BinaryFile.Parse(copy);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid ELF section header table at offset 0x", StringComparison.Ordinal));
        Assert.NotEmpty(file.Exports);
    }

    [Fact]
    public void Huge_dynamic_symbol_table_size_falls_back_to_the_hash_table_count()
    {
        string path = Fixtures.Library;
        byte[] copy = File.ReadAllBytes(path);
        var dynsym = Readelf.Sections(path)[".dynsym"];
        long shoff = (long)BitConverter.ToUInt64(copy, 0x28);
        ElfPatch.WriteU64(copy, shoff + dynsym.Index * 64L + 32, 0x0000ffffffffffff); // sh_size

        var file = BinaryFile.Parse(copy);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid ELF dynamic symbol table", StringComparison.Ordinal));
        Assert.Equal(Expectations.ExportsFromReader(BinaryFile.Open(path)), Expectations.ExportsFromReader(file));
    }

    [Fact]
    public void Huge_version_requirement_count_stops_at_the_end_of_the_chain()
    {
        string path = Fixtures.Executable;
        byte[] copy = File.ReadAllBytes(path);
        var verneed = Readelf.Sections(path)[".gnu.version_r"];
        long shoff = (long)BitConverter.ToUInt64(copy, 0x28);
        ElfPatch.WriteU32(copy, shoff + verneed.Index * 64L + 44, 0xffffffff); // sh_info

        var file = BinaryFile.Parse(copy);

        Assert.Empty(file.Warnings);
        Assert.Equal(Expectations.ImportsFromReader(BinaryFile.Open(path)), Expectations.ImportsFromReader(file));
    }

    [Fact]
    public void Huge_gnu_hash_bucket_count_is_an_error_not_an_allocation()
    {
        string path = Fixtures.Library;
        byte[] copy = ElfPatch.WithoutSectionHeaders(File.ReadAllBytes(path));
        var gnuHash = Readelf.Sections(path)[".gnu.hash"];
        ElfPatch.WriteU32(copy, gnuHash.Offset, 0xffffffff); // nbuckets

        var file = BinaryFile.Parse(copy);

        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid ELF GNU hash table (DT_GNU_HASH)", StringComparison.Ordinal));
        Assert.Empty(file.Exports);
        Assert.Equal(["libm.so.6", "libc.so.6"], file.Dependencies.Select(d => d.Name)); // the dynamic section itself is fine
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cyclic_version_requirement_chain_terminates(bool withSections)
    {
        var builder = CyclicCandidate(withSections);
        byte[] image = builder.Build();
        long verneed = builder.Offsets[".gnu.version_r"];

        // Entry 1 (32 bytes) links forward to entry 2, whose vn_next wraps back to entry 1 in 32-bit arithmetic.
        ElfPatch.WriteU32(image, verneed + 32 + 12, unchecked((uint)-32));
        PatchDynamic(image, builder, tag: 0x6fffffff, value: 0xffffffff); // DT_VERNEEDNUM
        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.Contains(".gnu.version_r", StringComparison.Ordinal));
        Assert.Equal(3, file.Imports.Count);
    }

    [Fact]
    public void Cyclic_auxiliary_chains_terminate()
    {
        var builder = CyclicCandidate(withSections: true);
        byte[] image = builder.Build();
        long verneed = builder.Offsets[".gnu.version_r"];
        long verdef = builder.Offsets[".gnu.version_d"];

        // Second requirement: vn_cnt = 0xffff and its aux's vna_next pointing at itself via wrap-around.
        ElfPatch.WriteU16(image, verneed + 32 + 2, 0xffff);
        ElfPatch.WriteU32(image, verneed + 32 + 16 + 12, unchecked((uint)-16));

        // Second definition (V1, 28 bytes in): vd_cnt = 0xffff, vda_next wrapping back to the definition itself.
        ElfPatch.WriteU16(image, verdef + 28 + 6, 0xffff);
        ElfPatch.WriteU32(image, verdef + 28 + 20 + 4, unchecked((uint)-20));

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.Contains(".gnu.version_r", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Message.Contains(".gnu.version_d", StringComparison.Ordinal));
        Assert.NotEmpty(file.Exports);
    }

    [Fact]
    public void Overlapping_string_references_cannot_blow_up_memory()
    {
        // Thousands of symbols whose names all start inside one 200 KB name: decoded naively that is gigabytes.
        byte[] image = OverlappingNames(5000, defined: false, stride: 37, out _);

        var file = BinaryFile.Parse(image);

        Assert.Contains(file.Warnings, w => w.Message.Contains("far more memory", StringComparison.Ordinal));
        Assert.True(file.Imports.Sum(i => (long)i.Name.Length) < 16L << 20);

        // The same warning when the exports were walked first, reading no names.
        var walkedFirst = BinaryFile.Parse(image);
        foreach (var export in walkedFirst.EnumerateExports())
        {
            _ = export.Kind;
        }

        Assert.Equal(file.Warnings, walkedFirst.Warnings);

        // And when the imports were asked for first: decoding can run out of budget, so the lists are made
        // as they would be anyway.
        var importsFirst = BinaryFile.Parse(image);
        Assert.Equal(file.Imports, importsFirst.Imports);
        Assert.Equal(file.Warnings, importsFirst.Warnings);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Exports_whose_names_overlap_in_one_long_run_are_read_in_bounded_time(bool terminated)
    {
        // 20,000 defined symbols whose names start at successive places of one 200 KB name: finding each
        // name's end by scanning to the NUL would read 2 GB. With the long name's NUL and every later one
        // overwritten, no name can be read at all, and finding that must not scan either.
        byte[] image = OverlappingNames(20_000, defined: true, stride: 7, out uint longNameOffset);

        if (!terminated)
        {
            var dynstr = BinaryFile.Parse(image).Summary.Elf!.Sections.Single(s => s.Name == ".dynstr");
            int end = Array.IndexOf(image, (byte)0, (int)dynstr.Offset + (int)longNameOffset);
            image.AsSpan(end, (int)(dynstr.Offset + dynstr.Size) - end).Fill((byte)'x');
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var file = BinaryFile.Parse(image);
        long nameBytes = 0;
        int count = 0;
        foreach (var export in file.EnumerateExports())
        {
            nameBytes += export.Utf8Name.Length;
            count++;
        }

        var warnings = file.Warnings;
        var exports = file.Exports;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(clock.Elapsed < Hostile.TimeLimit, $"reading took {clock.Elapsed}");
        Assert.True(allocated < Hostile.AllocationLimit(image.Length), $"reading allocated {allocated}");
        Assert.Contains(warnings, w => w.Message.Contains(terminated ? "far more memory" : "not NUL-terminated", StringComparison.Ordinal));
        Assert.True(exports.Sum(e => (long)e.Name.Length) < 16L << 20);
        if (terminated)
        {
            // The walk in place decodes nothing, so it names every export (the lists stop at the budget).
            Assert.Equal(20_001, count);
            Assert.True(nameBytes > 1L << 30);
        }
        else
        {
            // The table's only NUL left is its first byte: no name can be read, each symbol is skipped.
            Assert.Equal(0, count);
        }
    }

    /// <summary>
    /// An image whose first symbol is named by a 200 KB run of 'x' and whose <paramref name="count"/>
    /// others are named from inside it, <paramref name="stride"/> bytes apart.
    /// </summary>
    private static byte[] OverlappingNames(int count, bool defined, int stride, out uint longNameOffset)
    {
        ulong value = defined ? 0x1000UL : 0;
        ulong size = defined ? 8UL : 0;
        var builder = new ElfImageBuilder
        {
            Machine = 62,
            Symbols = [new(new string('x', 200_000), value, size, SttFunc, StbGlobal, Defined: defined, Versym: 1),
                .. Enumerable.Range(0, count).Select(i => new SyntheticSymbol("s" + i, value, size, SttFunc, StbGlobal, Defined: defined, Versym: 1))],
        };
        byte[] image = builder.Build();
        long dynsym = builder.Offsets[".dynsym"];
        longNameOffset = ElfPatch.ReadU32(image, dynsym + 24);
        for (int i = 2; i <= count + 1; i++)
        {
            ElfPatch.WriteU32(image, dynsym + 24L * i, longNameOffset + (uint)(i * stride));
        }

        return image;
    }

    [Fact]
    public void Bad_header_fields_are_errors_that_name_the_structure_and_offset()
    {
        byte[] copy = File.ReadAllBytes(Fixtures.Library);
        copy[4] = 9; // EI_CLASS

        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(copy));

        Assert.StartsWith("Invalid ELF header at offset 0x4: unknown class 9", error.Message);
        Assert.Equal(4, error.FileOffset);
    }

    [Theory]
    [InlineData(new byte[0], "not an ELF, PE or Mach-O file: the file is empty")]
    [InlineData(new byte[] { 0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e }, "not an ELF, PE or Mach-O file (unrecognised magic number)")]
    [InlineData(new byte[] { 0x21, 0x3c, 0x74, 0x68, 0x69, 0x6e, 0x3e, 0x0a }, "a GNU thin archive")]
    [InlineData(new byte[] { 0x4d, 0x5a, 0x90, 0x00 }, "Invalid PE DOS header at offset 0x0: the file is 4 bytes")]
    [InlineData(new byte[] { 0xcf, 0xfa, 0xed, 0xfe }, "Invalid Mach-O header at offset 0x0: the image is 4 bytes, a 64-bit header needs 32")]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 2, 1 }, "Invalid ELF header at offset 0x0")]
    public void Other_formats_and_stubs_are_rejected_clearly(byte[] data, string message)
    {
        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(data));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Unreadable_path_is_an_object_file_error()
    {
        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Open(Fixtures.PathFor("does-not-exist.so")));

        Assert.Equal("Cannot read the file: no such file", error.Message);
    }

    private static ElfImageBuilder CyclicCandidate(bool withSections) => new()
    {
        Machine = 62,
        WithSectionHeaders = withSections,
        Soname = "libcycle.so",
        Definitions = [("V1", []), ("V2", ["V1"])],
        Requirements = [("liba.so", [("A_1", 4)]), ("libb.so", [("B_1", 5)])],
        Symbols =
        [
            new("defined", 0x100, 4, SttFunc, StbGlobal, Defined: true, Versym: 2),
            new("a", 0, 0, SttFunc, StbGlobal, Defined: false, Versym: 4),
            new("b", 0, 0, SttFunc, StbGlobal, Defined: false, Versym: 5),
            new("c", 0, 0, SttFunc, StbGlobal, Defined: false, Versym: 1),
        ],
    };

    /// <summary>Sets the value of a dynamic entry, and for the section-header path the matching sh_info count.</summary>
    private static void PatchDynamic(byte[] image, ElfImageBuilder builder, long tag, ulong value)
    {
        long dynamic = builder.Offsets[".dynamic"];
        for (long at = dynamic; ; at += 16)
        {
            ulong entryTag = BitConverter.ToUInt64(image, (int)at);
            if (entryTag == 0)
            {
                break;
            }

            if ((long)entryTag == tag)
            {
                ElfPatch.WriteU64(image, at + 8, value);
            }
        }

        if (builder.Offsets.TryGetValue("section headers", out long headers))
        {
            int index = tag == 0x6fffffff ? 5 : 4; // .gnu.version_r / .gnu.version_d in the builder's order
            ElfPatch.WriteU32(image, headers + index * 64L + 44, (uint)value);
        }
    }
}
