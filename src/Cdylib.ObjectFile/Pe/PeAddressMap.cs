using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Maps relative virtual addresses (RVAs) to file offsets through the section table, as the loader lays
/// the image out: a section covers [VirtualAddress, VirtualAddress + VirtualSize) in memory, of which
/// the first SizeOfRawData bytes come from the file at PointerToRawData (the rest is zero-filled and
/// has nothing to read). RVAs below SizeOfHeaders that no section claims map to the same offset (tables
/// in the headers, such as the bound import directory).
/// </summary>
/// <remarks>
/// Sections are searched by binary search on a copy sorted by address, so a hostile file with tens of
/// thousands of sections costs a logarithm per lookup, not a scan.
/// </remarks>
internal sealed class PeAddressMap
{
    private readonly PeSection[] _byAddress;
    private readonly long _fileLength;
    private readonly long _headerSize;

    public PeAddressMap(IReadOnlyList<PeSection> sections, uint sizeOfHeaders, long fileLength)
    {
        _byAddress = [.. sections];
        Array.Sort(_byAddress, (a, b) => a.VirtualAddress.CompareTo(b.VirtualAddress));
        _fileLength = fileLength;
        _headerSize = Math.Min(sizeOfHeaders, fileLength);
    }

    /// <summary>The section whose memory range holds <paramref name="rva"/>, or null.</summary>
    public PeSection? SectionOf(uint rva)
    {
        int low = 0, high = _byAddress.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (_byAddress[middle].VirtualAddress <= rva)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (found < 0)
        {
            return null;
        }

        var section = _byAddress[found];
        return (long)rva - section.VirtualAddress < MemorySize(section) ? section : null;
    }

    /// <summary>
    /// The file offset of <paramref name="rva"/> and how many bytes from there the file holds for it (to
    /// the end of the section's raw data, or of the headers); false when no file data backs the address.
    /// </summary>
    public bool TryMap(uint rva, out long fileOffset, out long available)
    {
        if (SectionOf(rva) is PeSection section)
        {
            // PointerToRawData 0 means the file holds nothing of the section (uninitialized data).
            if (section.PointerToRawData == 0)
            {
                fileOffset = 0;
                available = 0;
                return false;
            }

            long delta = (long)rva - section.VirtualAddress;
            long rawSize = Math.Min(MemorySize(section), section.SizeOfRawData);
            fileOffset = (long)section.PointerToRawData + delta;
            available = Math.Min(rawSize - delta, _fileLength - fileOffset);
            return available > 0;
        }

        fileOffset = rva;
        available = _headerSize - rva;
        return available > 0;
    }

    /// <summary>
    /// A window on exactly <paramref name="length"/> bytes at <paramref name="rva"/>, or an error naming
    /// <paramref name="structure"/> and <paramref name="referencedAt"/>, the file offset of the field that
    /// holds the RVA (the structure itself has no file offset when the RVA maps nowhere).
    /// </summary>
    public EndianReader Map(EndianReader file, uint rva, long length, string structure, long referencedAt)
    {
        var window = MapAvailable(file, rva, length, structure, referencedAt);
        if (window.Length < length)
        {
            throw ObjectFileException.Invalid(structure, window.FileOffset, Describe(
                $"0x{length:X} bytes at RVA 0x{rva:X} run past the end of the file data behind it (0x{window.Length:X} bytes)"));
        }

        return window;
    }

    /// <summary>
    /// A window of up to <paramref name="maxLength"/> bytes at <paramref name="rva"/>: as many as the
    /// file holds there, for tables whose end is found by reading them (or that may be cut short).
    /// </summary>
    public EndianReader MapAvailable(EndianReader file, uint rva, long maxLength, string structure, long referencedAt)
    {
        if (!TryMap(rva, out long fileOffset, out long available))
        {
            throw ObjectFileException.Invalid(structure, referencedAt, Describe(
                $"RVA 0x{rva:X} is not backed by file data in any section{(SectionOf(rva) is PeSection s ? $" (it is in the zero-filled part of {s.Name})" : "")}"));
        }

        return file.Slice(fileOffset, Math.Min(available, Math.Max(maxLength, 0)), structure);
    }

    private static long MemorySize(PeSection section) => section.VirtualSize != 0 ? section.VirtualSize : section.SizeOfRawData;

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
