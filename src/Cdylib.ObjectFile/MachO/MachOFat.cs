using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// The fat (universal) header: FAT_MAGIC with 20-byte fat_arch entries or FAT_MAGIC_64 with 32-byte
/// fat_arch_64 entries, all big-endian, each naming one architecture's thin image by offset and size.
/// </summary>
internal static class MachOFat
{
    public const string HeaderStructure = "Mach-O fat header";
    public const string ArchStructure = "Mach-O fat arch entry";

    public static bool IsFat(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && Magic(data) is MachOConstants.FatMagic or MachOConstants.FatMagic64;

    private static uint Magic(ReadOnlySpan<byte> data) => (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]);

    /// <summary>
    /// The slices, or an error when the header cannot describe any. Slices that overlap each other or
    /// the header are still listed (reading them gives their own error or result); the overlaps come
    /// back as warnings.
    /// </summary>
    public static (bool Is64, List<MachOFatSlice> Slices, List<ObjectFileProblem> Warnings) Read(ReadOnlySpan<byte> data)
    {
        var file = new EndianReader(data, isBigEndian: true, "file");
        if (file.Length < MachOConstants.FatHeaderSize)
        {
            throw ObjectFileException.Invalid(HeaderStructure, 0, Describe($"the file is {file.Length} bytes, a fat header needs 8"));
        }

        bool is64 = file.U32(0) == MachOConstants.FatMagic64;
        uint count = file.U32(4);
        int entrySize = is64 ? MachOConstants.FatArch64Size : MachOConstants.FatArchSize;
        long fitting = (file.Length - MachOConstants.FatHeaderSize) / entrySize;
        if (count == 0)
        {
            throw ObjectFileException.Invalid(HeaderStructure, 4, "nfat_arch is 0: the fat file holds no images");
        }

        if (count > fitting)
        {
            // Java class files share FAT_MAGIC; their next word (the class file version) reads as a large nfat_arch.
            throw ObjectFileException.Invalid(HeaderStructure, 4, Describe(
                $"nfat_arch {count} needs 0x{(long)count * entrySize:X} bytes of arch entries, the file holds 0x{file.Length - MachOConstants.FatHeaderSize:X}{(is64 ? "" : " (or it is a Java class file)")}"));
        }

        long headerEnd = MachOConstants.FatHeaderSize + ((long)count * entrySize);
        var slices = new List<MachOFatSlice>((int)count);
        var warnings = new List<ObjectFileProblem>();
        for (int i = 0; i < count; i++)
        {
            var entry = file.Slice(MachOConstants.FatHeaderSize + ((long)i * entrySize), entrySize, ArchStructure);
            int cpuType = (int)entry.U32(0);
            int cpuSubtype = (int)entry.U32(4);
            ulong offset = is64 ? entry.U64(8) : entry.U32(8);
            ulong size = is64 ? entry.U64(16) : entry.U32(12);
            uint align = entry.U32(is64 ? 24 : 16);
            slices.Add(new MachOFatSlice(i, cpuType, cpuSubtype, MachONames.Architecture(cpuType, cpuSubtype), offset, size, align));
        }

        // Pairwise overlap checks on a sorted copy: n log n, whatever nfat_arch says.
        var sorted = new List<MachOFatSlice>(slices);
        sorted.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        for (int i = 0; i < sorted.Count; i++)
        {
            var slice = sorted[i];
            if (slice.Offset < (ulong)headerEnd && slice.Size > 0)
            {
                warnings.Add(ObjectFileProblem.Invalid(ArchStructure, EntryOffset(slice.Index, entrySize), Describe(
                    $"slice {slice.Index} at offset 0x{slice.Offset:X} overlaps the fat header (which ends at 0x{headerEnd:X})")));
            }

            if (i > 0 && sorted[i - 1].Offset + sorted[i - 1].Size > slice.Offset && slice.Size > 0 && sorted[i - 1].Size > 0)
            {
                warnings.Add(ObjectFileProblem.Invalid(ArchStructure, EntryOffset(slice.Index, entrySize), Describe(
                    $"slice {slice.Index} at offset 0x{slice.Offset:X} overlaps slice {sorted[i - 1].Index}")));
            }
        }

        return (is64, slices, warnings);
    }

    /// <summary>The bytes of a slice, or an error naming its fat arch entry when they are not all in the file.</summary>
    public static ReadOnlyMemory<byte> Data(ReadOnlyMemory<byte> file, MachOFatSlice slice, bool is64)
    {
        int entrySize = is64 ? MachOConstants.FatArch64Size : MachOConstants.FatArchSize;
        if (slice.Offset > (ulong)file.Length || slice.Size > (ulong)file.Length - slice.Offset)
        {
            throw ObjectFileException.Invalid(ArchStructure, EntryOffset(slice.Index, entrySize), Describe(
                $"slice {slice.Index} ({slice.Architecture}) at offset 0x{slice.Offset:X}, size 0x{slice.Size:X}, runs past the end of the file (size 0x{file.Length:X})"));
        }

        if (slice.Offset < MachOConstants.FatHeaderSize)
        {
            throw ObjectFileException.Invalid(ArchStructure, EntryOffset(slice.Index, entrySize), Describe(
                $"slice {slice.Index} ({slice.Architecture}) starts at offset 0x{slice.Offset:X}, inside the fat header"));
        }

        return file.Slice((int)slice.Offset, (int)slice.Size);
    }

    private static long EntryOffset(int index, int entrySize) => MachOConstants.FatHeaderSize + ((long)index * entrySize);

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
