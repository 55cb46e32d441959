using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// The export directory (IMAGE_EXPORT_DIRECTORY): the export address table indexed by ordinal − base,
/// the name pointer table (sorted names) with its parallel ordinal table, and forwarder strings (export
/// RVAs inside the directory's own range).
/// </summary>
/// <remarks>
/// Exports are reported in address-table order (ordinal order), one per name for a slot with several
/// names and one without a name for a slot exported by ordinal only; empty slots (RVA 0, no name) left
/// between fixed ordinals are skipped, as dumpbin does. Every table is read only as far as the file
/// holds it; what is cut short or points nowhere becomes one warning per table.
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

    public static (PeExportDirectory? Directory, List<Export> Exports) Read(
        EndianReader file, PeHeaders headers, PeAddressMap addresses, PeStrings strings, PeWarnings problems)
    {
        var exports = new List<Export>();
        var directories = headers.Details.DataDirectories;
        if (directories.Count <= PeConstants.DirectoryExport || directories[PeConstants.DirectoryExport].Rva == 0)
        {
            return (null, exports);
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
        long nameAt = table.FileOffset + 12;
        if (nameRva != 0)
        {
            dllName = Attempt(() => strings.Get(nameRva, DllNameStructure, nameAt), problems);
        }

        var directory = new PeExportDirectory(
            entry.Rva, entry.Size, table.U32(0), table.U32(4), table.U16(8), table.U16(10), dllName,
            ordinalBase, functionCount, nameCount, functionsRva, namesRva, ordinalsRva);

        var functions = Table(file, addresses, functionsRva, functionCount, 4, AddressTableStructure, table.FileOffset + 28, problems);
        long functionSlots = functions.Length / 4;
        var names = Table(file, addresses, namesRva, nameCount, 4, NameTableStructure, table.FileOffset + 32, problems);
        var ordinals = Table(file, addresses, ordinalsRva, nameCount, 2, OrdinalTableStructure, table.FileOffset + 36, problems);
        long nameSlots = Math.Min(names.Length / 4, ordinals.Length / 2);

        // The names of each address-table slot; arrays sized by what the file holds, never by a count field.
        var namesBySlot = new List<(string Name, uint Hint)>?[functionSlots];
        for (long i = 0; i < nameSlots; i++)
        {
            ushort slot = ordinals.U16(2 * i);
            if (slot >= functionSlots)
            {
                problems.Add(ObjectFileException.Invalid(OrdinalTableStructure, ordinals.FileOffset + (2 * i), string.Create(CultureInfo.InvariantCulture,
                    $"entry {i} names address table index {slot}, but the table has {functionSlots} entries")));
                continue;
            }

            uint rva = names.U32(4 * i);
            long at = names.FileOffset + (4 * i);
            if (Attempt(() => strings.Get(rva, NameStructure, at), problems) is string name)
            {
                (namesBySlot[slot] ??= []).Add((name, (uint)i));
            }
        }

        for (long slot = 0; slot < functionSlots; slot++)
        {
            uint rva = functions.U32(4 * slot);
            var slotNames = namesBySlot[slot];
            if (rva == 0 && slotNames is null)
            {
                continue;
            }

            ulong ordinal = (ulong)ordinalBase + (ulong)slot;
            if (ordinal > uint.MaxValue)
            {
                problems.Add(ObjectFileException.Invalid(DirectoryStructure, table.FileOffset + 16, string.Create(CultureInfo.InvariantCulture,
                    $"ordinal base {ordinalBase} plus {functionSlots} entries runs past the largest ordinal")));
                break;
            }

            string? forwardedTo = null;
            SymbolKind kind;
            if (rva >= entry.Rva && rva - entry.Rva < entry.Size)
            {
                long at = functions.FileOffset + (4 * slot);
                forwardedTo = Attempt(() => strings.Get(rva, ForwarderStructure, at), problems);
                kind = SymbolKind.Other;
            }
            else
            {
                kind = addresses.SectionOf(rva) switch
                {
                    PeSection { IsExecutable: true } => SymbolKind.Function,
                    PeSection => SymbolKind.Data,
                    null => SymbolKind.Other,
                };
            }

            if (slotNames is null)
            {
                exports.Add(Create("", rva, kind, (uint)ordinal, forwardedTo, hint: null));
                continue;
            }

            foreach (var (name, hint) in slotNames)
            {
                exports.Add(Create(name, rva, kind, (uint)ordinal, forwardedTo, hint));
            }
        }

        return (directory, exports);
    }

    private static Export Create(string name, uint rva, SymbolKind kind, uint ordinal, string? forwardedTo, uint? hint) =>
        new(name, rva, 0, kind, SymbolBinding.Global, SymbolVisibility.Default, null)
        {
            Ordinal = ordinal,
            ForwardedTo = forwardedTo,
            Hint = hint,
        };

    /// <summary>
    /// The <paramref name="count"/> entries of a table at <paramref name="rva"/>, or as many as the file
    /// holds there (with a warning); an empty window when the RVA maps nowhere (also a warning).
    /// </summary>
    private static EndianReader Table(EndianReader file, PeAddressMap addresses, uint rva, uint count, int entrySize, string structure, long referencedAt, PeWarnings problems)
    {
        if (count == 0)
        {
            return file.Slice(0, 0, structure);
        }

        long wanted = (long)count * entrySize;
        try
        {
            var window = addresses.MapAvailable(file, rva, wanted, structure, referencedAt);
            if (window.Length < wanted)
            {
                problems.Add(ObjectFileException.Invalid(structure, window.FileOffset, string.Create(CultureInfo.InvariantCulture,
                    $"the file holds {window.Length / entrySize} of its {count} entries")));
            }

            return window;
        }
        catch (ObjectFileException e)
        {
            problems.Add(e);
            return file.Slice(0, 0, structure);
        }
    }

    private static string? Attempt(Func<string> read, PeWarnings problems)
    {
        try
        {
            return read();
        }
        catch (ObjectFileException e)
        {
            problems.Add(e);
            return null;
        }
    }
}
