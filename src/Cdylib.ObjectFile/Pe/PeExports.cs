using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// The export directory (IMAGE_EXPORT_DIRECTORY) as the file is parsed: its header is read and checked
/// and its three tables (export address table indexed by ordinal − base, name pointer table of sorted
/// names, parallel ordinal table) are located, but no export is read: that is <see cref="PeExportTable"/>'s
/// job, on first use.
/// </summary>
/// <remarks>
/// Every table is located only as far as the file holds it; what is cut short or points nowhere becomes
/// one warning per table, kept with the table so that it comes out in the same order whenever the
/// exports are first asked for.
/// </remarks>
internal static class PeExports
{
    public const string DirectoryStructure = "PE export directory";
    public const string AddressTableStructure = "PE export address table";
    public const string NameTableStructure = "PE export name pointer table";
    public const string OrdinalTableStructure = "PE export ordinal table";
    public const string NameStructure = "PE export name";
    public const string ForwarderStructure = "PE export forwarder string";
    public const string DllNameStructure = "PE export directory name";

    /// <summary>The directory's header (null when the file has none, or it cannot be read) and its tables, located but not read.</summary>
    public static (PeExportDirectory? Directory, PeExportTable Table) Locate(
        ReadOnlyMemory<byte> memory, PeHeaders headers, PeAddressMap addresses, StringTable strings)
    {
        var problems = new List<ObjectFileProblem>();
        try
        {
            return Locate(memory, headers, addresses, strings, problems);
        }
        catch (ObjectFileException e)
        {
            problems.Add(e.Problem);
            return (null, PeExportTable.Empty(memory, addresses, problems));
        }
    }

    private static (PeExportDirectory?, PeExportTable) Locate(
        ReadOnlyMemory<byte> memory, PeHeaders headers, PeAddressMap addresses, StringTable strings, List<ObjectFileProblem> problems)
    {
        var file = new EndianReader(memory.Span, isBigEndian: false, "file");
        var directories = headers.Details.DataDirectories;
        if (directories.Count <= PeConstants.DirectoryExport || directories[PeConstants.DirectoryExport].Rva == 0)
        {
            return (null, PeExportTable.Empty(memory, addresses, problems));
        }

        var entry = directories[PeConstants.DirectoryExport];
        var table = addresses.Map(file, entry.Rva, PeConstants.ExportDirectorySize, DirectoryStructure, headers.DirectoryEntryOffset(PeConstants.DirectoryExport));
        uint nameRva = table.U32(12);
        uint ordinalBase = table.U32(16);
        uint functionCount = table.U32(20);
        uint nameCount = table.U32(24);
        uint functionsRva = table.U32(28);
        uint namesRva = table.U32(32);
        uint ordinalsRva = table.U32(36);

        string? dllName = null;
        if (nameRva != 0 && !addresses.TryName(strings, nameRva, DllNameStructure, table.FileOffset + 12, out dllName, out var problem))
        {
            problems.Add(problem!);
            dllName = null;
        }

        var directory = new PeExportDirectory(
            entry.Rva, entry.Size, table.U32(0), table.U32(4), table.U16(8), table.U16(10), dllName,
            ordinalBase, functionCount, nameCount, functionsRva, namesRva, ordinalsRva);

        var functions = Table(file, addresses, functionsRva, functionCount, 4, AddressTableStructure, table.FileOffset + 28, problems);
        var names = Table(file, addresses, namesRva, nameCount, 4, NameTableStructure, table.FileOffset + 32, problems);
        var ordinals = Table(file, addresses, ordinalsRva, nameCount, 2, OrdinalTableStructure, table.FileOffset + 36, problems);
        var located = new PeExportTable(
            memory, addresses, entry.Rva, entry.Size, ordinalBase, table.FileOffset,
            (functions.FileOffset, functions.Length), (names.FileOffset, names.Length), (ordinals.FileOffset, ordinals.Length), problems);
        return (directory, located);
    }

    /// <summary>
    /// The <paramref name="count"/> entries of a table at <paramref name="rva"/>, or as many as the file
    /// holds there (with a warning); an empty window when the RVA maps nowhere (also a warning).
    /// </summary>
    private static EndianReader Table(EndianReader file, PeAddressMap addresses, uint rva, uint count, int entrySize, string structure, long referencedAt, List<ObjectFileProblem> problems)
    {
        if (count == 0)
        {
            return file.Slice(0, 0, structure);
        }

        long wanted = (long)count * entrySize;
        if (!addresses.TryMapAvailable(file, rva, wanted, structure, referencedAt, out var window, out var problem))
        {
            problems.Add(problem);
            return file.Slice(0, 0, structure);
        }

        if (window.Length < wanted)
        {
            problems.Add(ObjectFileProblem.Invalid(structure, window.FileOffset, string.Create(CultureInfo.InvariantCulture,
                $"the file holds {window.Length / entrySize} of its {count} entries")));
        }

        return window;
    }
}
