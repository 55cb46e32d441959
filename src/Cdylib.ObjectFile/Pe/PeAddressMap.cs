using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System;
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

    /// <summary>The index of the section <see cref="SectionOf"/> found last (-1: none yet); one int, so threads that share the map cannot tear it.</summary>
    private int _lastFound = -1;

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
        // Walks look up runs of RVAs in one section (names in .edata, code in .text): the last section
        // found is tried first, with the search's own rule (the last section starting at or below the RVA).
        int found = _lastFound;
        if (found >= 0 && _byAddress[found].VirtualAddress <= rva && (found == _byAddress.Length - 1 || _byAddress[found + 1].VirtualAddress > rva))
        {
            return Within(rva, _byAddress[found]);
        }

        int low = 0, high = _byAddress.Length - 1;
        found = -1;
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

        _lastFound = found;
        return Within(rva, _byAddress[found]);
    }

    private static PeSection? Within(uint rva, PeSection section) =>
        (long)rva - section.VirtualAddress < MemorySize(section) ? section : null;

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
    /// A window on exactly <paramref name="length"/> bytes at <paramref name="rva"/>; false with the
    /// problem naming <paramref name="structure"/> and <paramref name="referencedAt"/>, the file offset of
    /// the field that holds the RVA (the structure itself has no file offset when the RVA maps nowhere).
    /// </summary>
    public bool TryMap(EndianReader file, uint rva, long length, string structure, long referencedAt, out EndianReader window, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        if (!TryMap(rva, length, structure, referencedAt, out long fileOffset, out problem))
        {
            window = default;
            return false;
        }

        return file.TrySlice(fileOffset, length, structure, out window, out problem);
    }

    /// <summary>Where the <paramref name="length"/> bytes at <paramref name="rva"/> lie in the file; false with the problem.</summary>
    public bool TryMap(uint rva, long length, string structure, long referencedAt, out long fileOffset, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        problem = null;
        if (!TryMap(rva, out fileOffset, out long available))
        {
            problem = Unmapped(rva, structure, referencedAt);
            return false;
        }

        if (available < length)
        {
            problem = ObjectFileProblem.Invalid(structure, fileOffset, Describe(
                $"0x{length:X} bytes at RVA 0x{rva:X} run past the end of the file data behind it (0x{Math.Max(available, 0):X} bytes)"));
            return false;
        }

        return true;
    }

    /// <summary>
    /// A window of up to <paramref name="maxLength"/> bytes at <paramref name="rva"/>: as many as the
    /// file holds there, for tables whose end is found by reading them (or that may be cut short); false
    /// with the problem when the RVA maps nowhere.
    /// </summary>
    public bool TryMapAvailable(EndianReader file, uint rva, long maxLength, string structure, long referencedAt, out EndianReader window, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        if (!TryMap(rva, out long fileOffset, out long available))
        {
            window = default;
            problem = Unmapped(rva, structure, referencedAt);
            return false;
        }

        return file.TrySlice(fileOffset, Math.Min(available, Math.Max(maxLength, 0)), structure, out window, out problem);
    }

    /// <summary>
    /// The NUL-terminated name at <paramref name="rva"/> (a DLL, export, import or forwarder name): where it
    /// lies in the file and its length, looked up in <paramref name="names"/> (the file's string table)
    /// within what the section holds there; false with the problem, naming <paramref name="structure"/>.
    /// <paramref name="remember"/> is whether <paramref name="names"/> records the name (<see cref="StringTable.TryFind"/>).
    /// </summary>
    public bool TryFindName(StringTable names, uint rva, string structure, long referencedAt, out long fileOffset, out int length, out ObjectFileProblem? problem, bool remember = true)
    {
        length = -1;
        if (!TryMap(rva, out fileOffset, out long available))
        {
            problem = Unmapped(rva, structure, referencedAt);
            return false;
        }

        return names.TryFind(fileOffset, out length, out problem, available, structure, remember: remember);
    }

    /// <summary>The name at <paramref name="rva"/>, decoded; false with the problem as <see cref="TryFindName"/>.</summary>
    public bool TryName(StringTable names, uint rva, string structure, long referencedAt, out string name, out ObjectFileProblem? problem)
    {
        name = "";
        if (!TryMap(rva, out long fileOffset, out long available))
        {
            problem = Unmapped(rva, structure, referencedAt);
            return false;
        }

        return names.TryGet(fileOffset, out name, out problem, available, structure);
    }

    /// <summary>A PE file's names: the file as one string table, names at most <see cref="MaxNameLength"/> bytes, every byte scanned charged to a multiple of the file's size.</summary>
    public static StringTable Names(ReadOnlyMemory<byte> file) =>
        new(file, 0, "PE name", new NameBudget(file.Length, "file"), NameEnd.Nul, MaxNameLength);

    /// <summary>Longer than any real symbol name (MSVC truncates decorated names at 4 KiB).</summary>
    public const int MaxNameLength = 64 * 1024;

    private ObjectFileProblem Unmapped(uint rva, string structure, long referencedAt) =>
        ObjectFileProblem.Invalid(structure, referencedAt, Describe(
            $"RVA 0x{rva:X} is not backed by file data in any section{(SectionOf(rva) is PeSection s ? $" (it is in the zero-filled part of {s.Name})" : "")}"));

    private static long MemorySize(PeSection section) => section.VirtualSize != 0 ? section.VirtualSize : section.SizeOfRawData;

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
