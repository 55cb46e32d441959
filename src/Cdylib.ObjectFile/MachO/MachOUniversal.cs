using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// Writes a universal (fat) Mach-O file from thin images of different architectures, as
/// <c>lipo -create</c> does: the 32-bit fat header (FAT_MAGIC, big-endian), one fat_arch per image,
/// each image at an offset aligned to its architecture's page size (2^14 for ARM, 2^12 for Intel),
/// the images ordered by that alignment so the small pages come first.
/// </summary>
/// <remarks>
/// <c>cdylib build -r osx-x64 -r osx-arm64</c> uses it to lay out one library for both Macs without
/// needing Xcode's lipo; the tests check its output against <c>llvm-lipo -create</c>.
/// </remarks>
public static class MachOUniversal
{
    private const uint Magic64 = 0xfeedfacf;
    private const uint Magic32 = 0xfeedface;

    /// <summary>The universal file holding <paramref name="images"/>.</summary>
    /// <exception cref="ObjectFileException">An image is not a thin Mach-O file, two have the same architecture, or the result would pass 4 GiB (the 32-bit fat header's limit).</exception>
    public static byte[] Create(IReadOnlyList<ReadOnlyMemory<byte>> images)
    {
        if (images.Count == 0)
        {
            throw new ObjectFileException("A universal file needs at least one image");
        }

        var slices = images.Select(Describe).ToList();
        var duplicate = slices.GroupBy(s => (s.CpuType, s.CpuSubtype & 0x00ffffff)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ObjectFileException($"Two images are both {MachONames.Architecture(duplicate.Key.CpuType, duplicate.Key.Item2)}: a universal file holds one per architecture");
        }

        // lipo's order: by alignment, then CPU type and subtype.
        slices.Sort((a, b) => (a.Align, a.CpuType, a.CpuSubtype).CompareTo((b.Align, b.CpuType, b.CpuSubtype)));

        long offset = MachOConstants.FatHeaderSize + ((long)slices.Count * MachOConstants.FatArchSize);
        var placed = new List<(Slice Slice, long Offset)>();
        foreach (var slice in slices)
        {
            long alignment = 1L << (int)slice.Align;
            offset = (offset + alignment - 1) & ~(alignment - 1);
            placed.Add((slice, offset));
            offset += slice.Image.Length;
        }

        if (offset > uint.MaxValue)
        {
            throw new ObjectFileException($"The universal file would be {offset} bytes; the 32-bit fat header cannot describe more than 4 GiB");
        }

        var file = new byte[offset];
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(0), MachOConstants.FatMagic);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), (uint)placed.Count);
        for (int i = 0; i < placed.Count; i++)
        {
            var (slice, at) = placed[i];
            var entry = file.AsSpan(MachOConstants.FatHeaderSize + (i * MachOConstants.FatArchSize), MachOConstants.FatArchSize);
            BinaryPrimitives.WriteInt32BigEndian(entry, slice.CpuType);
            BinaryPrimitives.WriteInt32BigEndian(entry[4..], slice.CpuSubtype);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)slice.Image.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[16..], slice.Align);
            slice.Image.Span.CopyTo(file.AsSpan((int)at));
        }

        return file;
    }

    private sealed record Slice(ReadOnlyMemory<byte> Image, int CpuType, int CpuSubtype, uint Align);

    private static Slice Describe(ReadOnlyMemory<byte> image, int index)
    {
        var span = image.Span;
        uint magic = span.Length >= 12 ? BinaryPrimitives.ReadUInt32LittleEndian(span) : 0;
        if (magic is not (Magic64 or Magic32))
        {
            throw new ObjectFileException(MachOFat.IsFat(span)
                ? $"Image {index + 1} is already a universal file: give its thin slices"
                : $"Image {index + 1} is not a thin little-endian Mach-O file");
        }

        int cpuType = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        int cpuSubtype = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);

        // The page size of the architecture: what the loader maps the slice with.
        uint align = cpuType is MachOConstants.CpuTypeArm64 or MachOConstants.CpuTypeArm or MachOConstants.CpuTypeArm6432 ? 14u : 12u;
        return new Slice(image, cpuType, cpuSubtype, align);
    }
}
