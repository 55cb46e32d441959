using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Hostile and damaged PE images: the reader may return partial results with warnings or throw
/// <see cref="ObjectFileException"/>, and nothing else: no other exception, no hang, no runaway memory.
/// Each parse is timed; every loop in the reader is bounded by the input size, so none comes near the limit.
/// </summary>
public sealed class PeMalformedInputTests
{
    private static readonly uint[] Extremes = [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];

    private static BinaryFile? ParseOrReject(byte[] data) => Hostile.ParseOrReject(data);

    /// <summary>Where the headers end: past this, a truncated file is always read (damaged tables become warnings).</summary>
    private static int HeadersEnd(byte[] image)
    {
        int nt = PePatch.NtHeaders(image);
        int optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(nt + 20));
        int sections = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(nt + 6));
        return nt + 24 + optionalSize + (40 * sections);
    }

    public static TheoryData<string> Fixtures() => new(PeFixtures.All.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Truncation_at_every_offset_returns_what_is_left_or_rejects_the_headers(string name)
    {
        byte[] image = File.ReadAllBytes(PeFixtures.Named(name));
        int headersEnd = HeadersEnd(image);
        for (int length = 0; length < image.Length; length++)
        {
            var result = ParseOrReject(image[..length]);
            if (length >= headersEnd)
            {
                Assert.NotNull(result);
            }
        }
    }

    [Fact]
    public void Truncated_third_party_dll_is_read_partially()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.Sqlite[1]);
        var complete = BinaryFile.Parse(image);
        var random = new Random(4);
        for (int i = 0; i < 40; i++)
        {
            int length = random.Next(HeadersEnd(image), image.Length);
            var result = ParseOrReject(image[..length]);
            Assert.NotNull(result);
            Assert.True(result.Exports.Count <= complete.Exports.Count);
            Assert.True(result.Exports.Count == complete.Exports.Count || result.Warnings.Count > 0);
        }
    }

    [Fact]
    public void Random_byte_flips_never_escape_as_other_exceptions()
    {
        var random = new Random(20251122);
        foreach (var original in PeFixtures.All.Append(PeFixtures.Sqlite[0]).Select(File.ReadAllBytes))
        {
            for (int iteration = 0; iteration < 400; iteration++)
            {
                byte[] copy = Hostile.Flipped(original, random, headerBytes: 1024);
                ParseOrReject(copy);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Extreme_values_in_every_directory_and_descriptor_field_are_handled(string name)
    {
        byte[] original = File.ReadAllBytes(PeFixtures.Named(name));

        // Every 32-bit field of the headers, the export directory, the import descriptors and the delay-load descriptors.
        var fields = Enumerable.Range(0, HeadersEnd(original) / 4).Select(i => i * 4).ToList();
        foreach (var (index, size) in new[] { (0, 40), (1, 20 * 4), (13, 32 * 2) })
        {
            uint rva = PePatch.DirectoryRva(original, index);
            if (rva != 0)
            {
                int at = PePatch.Offset(original, rva);
                fields.AddRange(Enumerable.Range(0, size / 4).Select(i => at + (i * 4)));
            }
        }

        foreach (int at in fields)
        {
            foreach (uint value in Extremes)
            {
                byte[] copy = (byte[])original.Clone();
                PePatch.WriteU32(copy, at, value);
                ParseOrReject(copy);
            }
        }
    }

    [Fact]
    public void Huge_export_counts_are_capped_by_what_the_file_holds()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        int directory = PePatch.Offset(image, PePatch.DirectoryRva(image, 0));
        PePatch.WriteU32(image, directory + 20, 0xffffffff); // NumberOfFunctions
        PePatch.WriteU32(image, directory + 24, 0xffffffff); // NumberOfNames

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid PE export address table at offset 0x", StringComparison.Ordinal) && w.Message.Contains("of its 4294967295 entries", StringComparison.Ordinal));
        Assert.True(file.Exports.Count < image.Length / 4);
        Assert.Contains(file.Exports, e => e.Name == "fixture_add");
    }

    [Fact]
    public void Forwarder_string_running_off_its_section_is_a_warning_and_the_export_stays()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        var original = BinaryFile.Parse(image);
        var forwarded = original.Exports.Single(e => e.Name == "Forwarded");
        var edata = original.Summary.Pe!.Sections.Single(s => s.Name == ".edata");

        // From the forwarder string to the end of the section's file data: no NUL anywhere.
        int start = PePatch.Offset(image, (uint)forwarded.Address);
        image.AsSpan(start, (int)(edata.PointerToRawData + edata.SizeOfRawData) - start).Fill((byte)'A');
        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid PE export forwarder string at offset 0x", StringComparison.Ordinal) && w.Message.Contains("not NUL-terminated", StringComparison.Ordinal));
        var stillThere = Assert.Single(file.Exports, e => e.Ordinal == forwarded.Ordinal);
        Assert.Null(stillThere.ForwardedTo);
    }

    [Fact]
    public void Forwarder_range_reaching_past_the_file_data_is_a_warning()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        uint directoryRva = PePatch.DirectoryRva(image, 0);
        int directory = PePatch.Offset(image, directoryRva);
        PePatch.WriteU32(image, PePatch.DirectoryEntry(image, 0) + 4, 0x00100000); // the directory now "covers" 1 MiB
        int addressTable = PePatch.Offset(image, PePatch.ReadU32(image, directory + 28));
        PePatch.WriteU32(image, addressTable, directoryRva + 0x80000); // ordinal 1 forwards to a string nowhere in the file

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid PE export forwarder string", StringComparison.Ordinal) && w.Message.Contains("not backed by file data", StringComparison.Ordinal));
        Assert.Contains(file.Exports, e => e.Ordinal == 1 && e.ForwardedTo is null);
    }

    [Fact]
    public void Export_name_table_pointing_at_itself_terminates()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        int directory = PePatch.Offset(image, PePatch.DirectoryRva(image, 0));
        uint names = PePatch.ReadU32(image, directory + 32);
        int count = (int)PePatch.ReadU32(image, directory + 24);
        int table = PePatch.Offset(image, names);
        for (int i = 0; i < count; i++)
        {
            PePatch.WriteU32(image, table + (4 * i), names + (uint)i); // each name starts inside the name pointer table
        }

        PePatch.WriteU32(image, directory + 36, names); // and the ordinal table is the name table too

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.True(file.Exports.Count <= 20);
    }

    [Fact]
    public void Circular_looking_import_descriptors_terminate()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.AppX64);
        uint directoryRva = PePatch.DirectoryRva(image, 1);
        int directory = PePatch.Offset(image, directoryRva);

        // Descriptor 0's lookup table is the import directory itself; descriptor 1 is a copy of descriptor 0.
        PePatch.WriteU32(image, directory, directoryRva);
        image.AsSpan(directory, 20).CopyTo(image.AsSpan(directory + 20));

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Equal(["KERNEL32.dll Needed", "delayed.dll DelayLoad"], file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));
        Assert.True(file.Imports.Count < image.Length / 8);
    }

    [Fact]
    public void Many_descriptors_sharing_one_unterminated_table_cost_no_more_than_the_file()
    {
        // A 1 MiB image whose import directory holds thousands of descriptors that all point at one
        // 512 KiB lookup table without a terminating zero: naively 26,000 × 65,536 thunks.
        byte[] template = File.ReadAllBytes(PeFixtures.AppX64);
        byte[] image = new byte[1 << 20];
        template.CopyTo(image, 0);
        int nt = PePatch.NtHeaders(image);
        int sectionTable = PePatch.OptionalHeader(image) + BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(nt + 20));
        PePatch.WriteU16(image, nt + 6, 1);
        image.AsSpan(sectionTable, 40).Clear();
        "huge"u8.CopyTo(image.AsSpan(sectionTable));
        PePatch.WriteU32(image, sectionTable + 8, 0x100000 - 0x1000); // VirtualSize
        PePatch.WriteU32(image, sectionTable + 12, 0x1000);            // VirtualAddress
        PePatch.WriteU32(image, sectionTable + 16, 0x100000 - 0x1000); // SizeOfRawData
        PePatch.WriteU32(image, sectionTable + 20, 0x1000);            // PointerToRawData
        PePatch.WriteU32(image, sectionTable + 36, 0x40000040);
        PePatch.WriteU32(image, PePatch.DirectoryEntry(image, 13), 0);  // no delay-load directory
        PePatch.WriteU32(image, PePatch.DirectoryEntry(image, 1), 0x1000);
        "x.dll\0"u8.CopyTo(image.AsSpan(0x7fff0));
        for (int at = 0x1000; at < 0x7f000; at += 20)
        {
            PePatch.WriteU32(image, at, 0x80000);       // OriginalFirstThunk
            PePatch.WriteU32(image, at + 12, 0x7fff0);  // Name (RVA = file offset in this section)
            PePatch.WriteU32(image, at + 16, 0x80000);  // FirstThunk
        }

        for (int at = 0x80000; at < image.Length; at += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at), 0x8000000000000001); // import by ordinal 1, forever
        }

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.True(file.Imports.Count <= (image.Length / 8) + 1, $"{file.Imports.Count} imports");
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid PE import lookup table at offset 0x", StringComparison.Ordinal) && w.Message.Contains("more like it", StringComparison.Ordinal));
    }

    [Fact]
    public void Huge_section_count_keeps_the_sections_the_file_holds()
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX86);
        PePatch.WriteU16(image, PePatch.NtHeaders(image) + 6, 0xffff);

        var file = ParseOrReject(image);

        Assert.NotNull(file);
        Assert.Contains(file.Warnings, w => w.Message.StartsWith("Invalid PE section table at offset 0x", StringComparison.Ordinal) && w.Message.Contains("of its 65535 section headers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lfanew", "Invalid PE DOS header at offset 0x3C: e_lfanew 0xFFFFFF00 points past the end of the file")]
    [InlineData("NE", "Invalid PE signature at offset 0x")]
    [InlineData("rom", "Invalid PE optional header at offset 0x")]
    [InlineData("object", "Invalid PE optional header at offset 0x")]
    public void Unusable_headers_are_errors_that_name_the_structure_and_offset(string damage, string message)
    {
        byte[] image = File.ReadAllBytes(PeFixtures.DllX64);
        int nt = PePatch.NtHeaders(image);
        switch (damage)
        {
            case "lfanew":
                PePatch.WriteU32(image, 0x3c, 0xffffff00);
                break;
            case "NE":
                PePatch.WriteU32(image, nt, 0x454e);
                break;
            case "rom":
                PePatch.WriteU16(image, nt + 24, 0x107);
                break;
            default:
                PePatch.WriteU16(image, nt + 20, 0); // SizeOfOptionalHeader
                break;
        }

        var error = Assert.Throws<ObjectFileException>(() => BinaryFile.Parse(image));

        Assert.StartsWith(message, error.Message);
        Assert.NotNull(error.FileOffset);
    }
}
