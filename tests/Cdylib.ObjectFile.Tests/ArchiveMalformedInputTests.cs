using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Damaged and hostile archives and COFF objects: the reader returns what it could read (with
/// warnings) or throws <see cref="ObjectFileException"/>, and nothing else: no other exception, no hang,
/// no runaway memory. Fixed seeds, so a failure reproduces.
/// </summary>
public sealed class ArchiveMalformedInputTests
{
    private static BinaryFile? ParseOrReject(byte[] data) => Hostile.ParseOrReject(data);

    private static string[] SmallFiles =>
        [ArchiveFixtures.LldImportLibrary, ArchiveFixtures.GnuImportLibrary, ArchiveFixtures.Shared.ElfGnu, ArchiveFixtures.Shared.ElfBsd, ArchiveFixtures.Shared.CoffObject, ArchiveFixtures.Shared.BigObj];

    public static TheoryData<string> Small() => new(SmallFiles);

    [Theory]
    [MemberData(nameof(Small))]
    public void Truncation_at_every_offset_returns_what_is_left_or_rejects_clearly(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        var complete = BinaryFile.Parse(data);
        bool isArchive = complete.Summary.Format == BinaryFormat.Archive;
        for (int length = 0; length < data.Length; length++)
        {
            var result = ParseOrReject(data[..length]);
            if (isArchive && length >= 8)
            {
                // An archive cut anywhere after its magic is still an archive: the members before the cut are read.
                Assert.NotNull(result);
                Assert.True(result.Exports.Count <= complete.Exports.Count);
            }
        }
    }

    [Fact]
    public void Random_byte_flips_never_escape_as_other_exceptions()
    {
        var random = new Random(20251123);
        var originals = SmallFiles.Append(ArchiveFixtures.NuGetLib("nethost.lib")).Append(ArchiveFixtures.Shared.MachODarwin).Select(File.ReadAllBytes).ToList();
        foreach (var original in originals)
        {
            for (int iteration = 0; iteration < 300; iteration++)
            {
                byte[] copy = Hostile.Flipped(original, random, headerBytes: 512);
                ParseOrReject(copy);
            }
        }
    }

    [Fact]
    public void Extreme_sizes_and_counts_in_every_header_field_are_handled()
    {
        byte[] original = File.ReadAllBytes(ArchiveFixtures.LldImportLibrary);
        var members = BinaryFile.Parse(original).Summary.Archive!.Members;
        string[] sizes = ["0", "1", "9999999999", "-1", "abc", "4294967296"];
        foreach (var member in members)
        {
            foreach (var size in sizes)
            {
                byte[] copy = (byte[])original.Clone();
                Encoding.ASCII.GetBytes(size.PadRight(10)).CopyTo(copy, (int)member.HeaderOffset + 48);
                var file = ParseOrReject(copy);
                Assert.NotNull(file);
            }

            // Counts and sizes inside the member data: the symbol index's count, an import record's SizeOfData, a COFF header's counts.
            foreach (int field in new[] { 0, 4, 8, 12, 16 })
            {
                foreach (uint value in new uint[] { 0, 1, 0x7fffffff, 0xffffffff })
                {
                    byte[] copy = (byte[])original.Clone();
                    if (member.DataOffset + field + 4 <= copy.Length)
                    {
                        BitConverter.GetBytes(value).CopyTo(copy, (int)member.DataOffset + field);
                        ParseOrReject(copy);
                    }
                }
            }
        }
    }

    [Fact]
    public void Long_name_references_into_an_unterminated_table_stay_cheap()
    {
        // A "//" table of 64 KiB without a terminator, and 20,000 members that all point into it.
        var archive = new MemoryStream();
        archive.Write("!<arch>\n"u8);
        byte[] table = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        WriteMember(archive, "//", table);
        for (int i = 0; i < 20_000; i++)
        {
            WriteMember(archive, "/" + (i % 1000), []);
        }

        var file = ParseOrReject(archive.ToArray());

        Assert.NotNull(file);
        Assert.NotEmpty(file.Warnings);
        Assert.True(file.Warnings.Count <= 102);
    }

    [Fact]
    public void Many_broken_members_cost_little_and_give_a_bounded_number_of_warnings()
    {
        // 20,000 short import records whose SizeOfData runs past the member.
        byte[] record = new byte[20];
        record[2] = 0xff;
        record[3] = 0xff;
        BitConverter.GetBytes(0xffffffffu).CopyTo(record, 12);
        var archive = new MemoryStream();
        archive.Write("!<arch>\n"u8);
        for (int i = 0; i < 20_000; i++)
        {
            WriteMember(archive, "bad.dll/", record);
        }

        var file = ParseOrReject(archive.ToArray());

        Assert.NotNull(file);
        Assert.Equal(101, file.Warnings.Count);
        Assert.Equal("ar member \"bad.dll\" at offset 0x8: Invalid COFF short import record at offset 0x50: SizeOfData 0xFFFFFFFF runs past the end of the record (0x0 bytes follow the header)", file.Warnings[0].Message);
        Assert.Equal("19900 more archive members had problems (not listed)", file.Warnings[^1].Message);
    }

    [Fact]
    public void Archives_inside_archives_are_listed_not_opened()
    {
        // 5,000 archives nested in one another: reading must not recurse.
        byte[] inner = File.ReadAllBytes(ArchiveFixtures.LldImportLibrary);
        for (int i = 0; i < 5000; i++)
        {
            var outer = new MemoryStream();
            outer.Write("!<arch>\n"u8);
            WriteMember(outer, "nested.a/", inner);
            inner = outer.ToArray();
        }

        var file = ParseOrReject(inner);

        var member = Assert.Single(file!.Summary.Archive!.Members);
        Assert.Equal(ArchiveMemberKind.Other, member.Kind);
    }

    [Fact]
    public void Broken_member_is_a_warning_naming_it_and_the_rest_is_read()
    {
        byte[] data = File.ReadAllBytes(ArchiveFixtures.Shared.ElfGnu);
        var complete = BinaryFile.Parse(data);
        var first = complete.Summary.Archive!.Members.First(m => m.Kind == ArchiveMemberKind.ElfObject);
        data[(int)first.DataOffset + 4] = 9; // EI_CLASS

        var file = BinaryFile.Parse(data);

        var warning = Assert.Single(file.Warnings);
        Assert.StartsWith($"ar member \"{first.Name}\" at offset 0x{first.HeaderOffset:X}: Invalid ELF header at offset 0x4: unknown class 9", warning.Message);
        Assert.Equal(complete.Exports.Except(first.Exports), file.Exports);
    }

    private static void WriteMember(Stream archive, string name, byte[] data)
    {
        archive.Write(Encoding.ASCII.GetBytes($"{name,-16}{0,-12}{0,-6}{0,-6}{644,-8}{data.Length,-10}`\n"));
        archive.Write(data);
        if (data.Length % 2 == 1)
        {
            archive.WriteByte((byte)'\n');
        }
    }
}
