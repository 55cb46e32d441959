using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.ObjectFile;

/// <summary>
/// Mach-O specifics beside <see cref="BinaryFile"/>: the slices of a fat (universal) file and reading
/// one or all of them. <see cref="BinaryFile.Parse"/> reads a thin file, or the first slice of a fat one.
/// As with <see cref="BinaryFile.Parse"/>, the exports are walked from the data when they are asked for: keep it valid.
/// </summary>
public static class MachOFile
{
    /// <summary>True for a thin Mach-O image (32- or 64-bit, either byte order) or a fat file (FAT_MAGIC or FAT_MAGIC_64).</summary>
    public static bool IsMachO(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            return false;
        }

        uint little = (uint)(data[3] << 24 | data[2] << 16 | data[1] << 8 | data[0]);
        uint big = (uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]);
        return little is MachOConstants.Magic32 or MachOConstants.Magic64
            || big is MachOConstants.Magic32 or MachOConstants.Magic64
            || MachOFat.IsFat(data);
    }

    /// <summary>True for a fat (universal) file.</summary>
    public static bool IsFat(ReadOnlySpan<byte> data) => MachOFat.IsFat(data);

    /// <summary>The slices a fat file's header lists (in header order); empty for a thin file.</summary>
    /// <exception cref="ObjectFileException">The fat header cannot be read.</exception>
    public static IReadOnlyList<MachOFatSlice> Slices(ReadOnlySpan<byte> data) =>
        MachOFat.IsFat(data) ? MachOFat.Read(data).Slices : [];

    /// <summary>Reads every image: the one of a thin file, or each slice of a fat file in header order.</summary>
    /// <exception cref="ObjectFileException">The file, or one of its slices, cannot be read.</exception>
    public static IReadOnlyList<BinaryFile> ParseAll(ReadOnlyMemory<byte> data, string? name = null)
    {
        if (!MachOFat.IsFat(data.Span))
        {
            return [MachOReader.Read(data, name)];
        }

        var (is64, slices, warnings) = MachOFat.Read(data.Span);
        return slices.Select(slice => MachOReader.ReadSlice(data, slice, name, is64, slices, warnings)).ToList();
    }

    /// <summary>Reads one slice of a fat file (one of <see cref="Slices"/>).</summary>
    /// <exception cref="ObjectFileException">The slice lies outside the file or its image cannot be read.</exception>
    public static BinaryFile ParseSlice(ReadOnlyMemory<byte> data, MachOFatSlice slice, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var (is64, slices, warnings) = MachOFat.Read(data.Span);
        return MachOReader.ReadSlice(data, slice, name, is64, slices, warnings);
    }

    /// <summary>
    /// Reads the image for <paramref name="architecture"/>: the matching slice of a fat file, or a thin
    /// file if it is that architecture. Architectures are named as lipo does ("x86_64", "arm64", "i386")
    /// or as <see cref="BinarySummary.Machine"/> does ("x86-64", "aarch64", "x86").
    /// </summary>
    /// <exception cref="ObjectFileException">The file has no image for the architecture, or it cannot be read.</exception>
    public static BinaryFile Parse(ReadOnlyMemory<byte> data, string architecture, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (MachOFat.IsFat(data.Span))
        {
            var (is64, slices, warnings) = MachOFat.Read(data.Span);
            var slice = slices.FirstOrDefault(s => Matches(s.Architecture, s.Machine, architecture))
                ?? throw new ObjectFileException(string.Create(CultureInfo.InvariantCulture,
                    $"the fat file has no {architecture} slice (it has {string.Join(", ", slices.Select(s => s.Architecture))})"));
            return MachOReader.ReadSlice(data, slice, name, is64, slices, warnings);
        }

        var file = MachOReader.Read(data, name);
        var details = file.Summary.MachO!;
        return Matches(details.Architecture, file.Summary.Machine, architecture)
            ? file
            : throw new ObjectFileException($"the file is a thin {details.Architecture} image, not {architecture}");
    }

    /// <summary>True when <paramref name="requested"/> names the architecture by its lipo name ("x86_64", "arm64e") or its machine name ("x86-64", "aarch64"), ignoring case.</summary>
    public static bool Matches(string architecture, string machine, string requested) =>
        string.Equals(requested, architecture, StringComparison.OrdinalIgnoreCase)
        || string.Equals(requested, machine, StringComparison.OrdinalIgnoreCase);
}
