using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// The import directory (IMAGE_IMPORT_DESCRIPTOR, one per DLL, ended by an all-zero descriptor), the
/// delay-load directory (ImgDelayDescr, ended by a descriptor without a DLL name) and their import
/// lookup tables: thunks that are either an ordinal (high bit set) or the RVA of a hint/name entry.
/// </summary>
/// <remarks>
/// Descriptors are read in one forward pass, never followed, so descriptors that share or point back at
/// each other's tables cannot loop. The thunks read across all descriptors are capped at what the file
/// could hold, so many descriptors pointing at one huge table cost no more than the file's size.
/// </remarks>
internal sealed class PeImports
{
    public const string DirectoryStructure = "PE import directory";
    public const string DelayDirectoryStructure = "PE delay-load import directory";
    public const string BoundDirectoryStructure = "PE bound import directory";
    public const string DllNameStructure = "PE import DLL name";
    public const string LookupTableStructure = "PE import lookup table";
    public const string DelayLookupTableStructure = "PE delay-load import name table";
    public const string HintNameStructure = "PE import hint/name entry";

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly PeHeaders _headers;
    private readonly PeAddressMap _addresses;
    private readonly StringTable _strings;
    private readonly ProblemGroups _problems;
    private long _thunkBudget;

    private PeImports(ReadOnlyMemory<byte> memory, PeHeaders headers, PeAddressMap addresses, StringTable strings, ProblemGroups problems)
    {
        _memory = memory;
        _headers = headers;
        _addresses = addresses;
        _strings = strings;
        _problems = problems;
        _thunkBudget = (memory.Length / ThunkSize) + 1;
    }

    public List<Import> Imports { get; } = [];

    public List<PeImportDescriptor> Descriptors { get; } = [];

    private int ThunkSize => _headers.Is64 ? 8 : 4;

    /// <summary>The whole file as a window; a fresh span each time, since a ref struct cannot be a field.</summary>
    private EndianReader File => new(_memory.Span, isBigEndian: false, "file");

    /// <summary>Reads the import and delay-load directories (each on its own: a broken one becomes a warning and the other is still read).</summary>
    public static (List<Import> Imports, List<PeImportDescriptor> Descriptors) Read(
        ReadOnlyMemory<byte> memory, PeHeaders headers, PeAddressMap addresses, StringTable strings, ProblemGroups problems)
    {
        var reader = new PeImports(memory, headers, addresses, strings, problems);
        try
        {
            reader.ReadImportDirectory();
        }
        catch (ObjectFileException e)
        {
            problems.Add(e.Problem);
        }

        try
        {
            reader.ReadDelayImportDirectory();
        }
        catch (ObjectFileException e)
        {
            problems.Add(e.Problem);
        }

        return (reader.Imports, reader.Descriptors);
    }

    private PeDataDirectory? Directory(int index)
    {
        var directories = _headers.Details.DataDirectories;
        return directories.Count > index && directories[index].Rva != 0 ? directories[index] : null;
    }

    private void ReadImportDirectory()
    {
        if (Directory(PeConstants.DirectoryImport) is not PeDataDirectory entry)
        {
            return;
        }

        // The loader reads descriptors up to the all-zero one, whatever the directory size says.
        var table = _addresses.MapAvailable(File, entry.Rva, long.MaxValue, DirectoryStructure, _headers.DirectoryEntryOffset(PeConstants.DirectoryImport));
        long count = table.Length / PeConstants.ImportDescriptorSize;
        for (long k = 0; ; k++)
        {
            if (k == count)
            {
                _problems.Add(table.Problem(k * PeConstants.ImportDescriptorSize, "the table runs to the end of the file data without its all-zero terminating descriptor"));
                return;
            }

            var descriptor = table.Slice(k * PeConstants.ImportDescriptorSize, PeConstants.ImportDescriptorSize, DirectoryStructure);
            uint lookupRva = descriptor.U32(0);
            uint timeDateStamp = descriptor.U32(4);
            uint forwarderChain = descriptor.U32(8);
            uint nameRva = descriptor.U32(12);
            uint addressTableRva = descriptor.U32(16);
            if ((lookupRva | timeDateStamp | forwarderChain | nameRva | addressTableRva) == 0)
            {
                return;
            }

            if (DllName(nameRva, descriptor.FileOffset + 12) is not string dllName)
            {
                continue;
            }

            int first = Imports.Count;

            // Old linkers (Borland) leave OriginalFirstThunk 0: the address table then holds the lookup entries.
            uint thunksRva = lookupRva != 0 ? lookupRva : addressTableRva;
            ReadThunks(dllName, thunksRva, descriptor.FileOffset + (lookupRva != 0 ? 0 : 16), LookupTableStructure, isDelayLoad: false, vaBase: 0);
            Descriptors.Add(new PeImportDescriptor(dllName, false, lookupRva, addressTableRva, timeDateStamp, forwarderChain, first, Imports.Count - first));
        }
    }

    private void ReadDelayImportDirectory()
    {
        if (Directory(PeConstants.DirectoryDelayImport) is not PeDataDirectory entry)
        {
            return;
        }

        var table = _addresses.MapAvailable(File, entry.Rva, long.MaxValue, DelayDirectoryStructure, _headers.DirectoryEntryOffset(PeConstants.DirectoryDelayImport));
        long count = table.Length / PeConstants.DelayImportDescriptorSize;
        for (long k = 0; ; k++)
        {
            if (k == count)
            {
                _problems.Add(table.Problem(k * PeConstants.DelayImportDescriptorSize, "the table runs to the end of the file data without a terminating descriptor"));
                return;
            }

            var descriptor = table.Slice(k * PeConstants.DelayImportDescriptorSize, PeConstants.DelayImportDescriptorSize, DelayDirectoryStructure);
            uint attributes = descriptor.U32(0);
            if (descriptor.U32(4) == 0)
            {
                return;
            }

            // VC6-era descriptors (attribute bit 0 clear) hold virtual addresses; the loader subtracts the image base.
            ulong vaBase = (attributes & PeConstants.DelayRvaBased) != 0 ? 0 : _headers.Details.ImageBase;
            uint nameRva = ToRva(descriptor.U32(4), vaBase);

            if (DllName(nameRva, descriptor.FileOffset + 4) is not string dllName)
            {
                continue;
            }

            uint nameTableRva = ToRva(descriptor.U32(16), vaBase);
            int first = Imports.Count;
            ReadThunks(dllName, nameTableRva, descriptor.FileOffset + 16, DelayLookupTableStructure, isDelayLoad: true, vaBase);
            Descriptors.Add(new PeImportDescriptor(dllName, true, nameTableRva, ToRva(descriptor.U32(12), vaBase), descriptor.U32(28), 0, first, Imports.Count - first)
            {
                Attributes = attributes,
                ModuleHandleRva = ToRva(descriptor.U32(8), vaBase),
                BoundImportAddressTableRva = ToRva(descriptor.U32(20), vaBase),
                UnloadInformationTableRva = ToRva(descriptor.U32(24), vaBase),
            });
        }
    }

    /// <summary>A VA-based field as an RVA (0 stays 0; a value below the image base cannot be one and is kept for the error it will cause).</summary>
    private static uint ToRva(ulong value, ulong vaBase) =>
        value == 0 || vaBase == 0 || value < vaBase ? (uint)value : (uint)Math.Min(value - vaBase, uint.MaxValue);

    private string? DllName(uint nameRva, long referencedAt)
    {
        if (nameRva == 0)
        {
            _problems.Add(ObjectFileProblem.Invalid(DllNameStructure, referencedAt, "the descriptor has no DLL name (RVA 0)"));
            return null;
        }

        if (!_addresses.TryName(_strings, nameRva, DllNameStructure, referencedAt, out string name, out var problem))
        {
            _problems.Add(problem!);
            return null;
        }

        return name;
    }

    /// <summary>Reads one DLL's lookup table: thunks up to the zero one, each an ordinal or a hint/name RVA.</summary>
    private void ReadThunks(string dllName, uint rva, long referencedAt, string structure, bool isDelayLoad, ulong vaBase)
    {
        if (rva == 0)
        {
            _problems.Add(ObjectFileProblem.Invalid(structure, referencedAt, "the descriptor has no lookup table (RVA 0)"));
            return;
        }

        if (!_addresses.TryMapAvailable(File, rva, Saturating.Multiply(_thunkBudget, ThunkSize), structure, referencedAt, out var thunks, out var unmapped))
        {
            _problems.Add(unmapped);
            return;
        }

        bool is64 = _headers.Is64;
        ulong ordinalFlag = is64 ? 1UL << 63 : 1UL << 31;
        long count = thunks.Length / ThunkSize;
        for (long i = 0; ; i++)
        {
            if (i == count)
            {
                _problems.Add(thunks.Problem(i * ThunkSize, _thunkBudget <= count
                    ? "the import lookup tables hold more entries than the file could (tables overlap or are unterminated); the rest are skipped"
                    : "the table runs to the end of the file data without its terminating zero entry"));
                _thunkBudget -= count;
                return;
            }

            ulong thunk = thunks.Word(i * ThunkSize, is64);
            if (thunk == 0)
            {
                _thunkBudget -= i + 1;
                return;
            }

            if ((thunk & ordinalFlag) != 0)
            {
                Imports.Add(new Import("", dllName, null, SymbolKind.Other, SymbolBinding.Global) { Ordinal = (uint)(thunk & 0xffff), IsDelayLoad = isDelayLoad });
                continue;
            }

            long at = thunks.FileOffset + (i * ThunkSize);
            ulong target = ToRva(thunk, vaBase);
            if (target > int.MaxValue)
            {
                _problems.Add(ObjectFileProblem.Invalid(structure, at, string.Create(CultureInfo.InvariantCulture,
                    $"entry 0x{thunk:X} is neither an ordinal nor a hint/name RVA (bits 30-62 must be zero)")));
                continue;
            }

            if (!_addresses.TryMap((uint)target, 2, HintNameStructure, at, out long hintAt, out var problem)
                || !_addresses.TryName(_strings, (uint)target + 2, HintNameStructure, at, out string name, out problem))
            {
                _problems.Add(problem!);
                continue;
            }

            ushort hint = BinaryPrimitives.ReadUInt16LittleEndian(_memory.Span[(int)hintAt..]);
            Imports.Add(new Import(name, dllName, null, SymbolKind.Other, SymbolBinding.Global) { Hint = hint, IsDelayLoad = isDelayLoad });
        }
    }

    /// <summary>
    /// The bound import directory: what each DLL's imports were bound against (its time stamp) and the
    /// DLLs it forwards to. Offsets in it are relative to the directory's start; its size bounds it.
    /// </summary>
    public static List<PeBoundImport> ReadBound(EndianReader file, PeHeaders headers, PeAddressMap addresses, ProblemGroups problems)
    {
        var bound = new List<PeBoundImport>();
        var directories = headers.Details.DataDirectories;
        if (directories.Count <= PeConstants.DirectoryBoundImport || directories[PeConstants.DirectoryBoundImport].Rva == 0)
        {
            return bound;
        }

        var entry = directories[PeConstants.DirectoryBoundImport];
        try
        {
            var table = addresses.Map(file, entry.Rva, entry.Size, BoundDirectoryStructure, headers.DirectoryEntryOffset(PeConstants.DirectoryBoundImport));
            var names = new Dictionary<ushort, string>();
            long at = 0;
            while (true)
            {
                if (!table.Contains(at, PeConstants.BoundImportDescriptorSize))
                {
                    problems.Add(table.Problem(at, "the directory ends without its all-zero terminating entry"));
                    break;
                }

                uint timeDateStamp = table.U32(at);
                ushort nameOffset = table.U16(at + 4);
                ushort forwarderCount = table.U16(at + 6);
                if (timeDateStamp == 0 && nameOffset == 0 && forwarderCount == 0)
                {
                    break;
                }

                var forwarders = new List<PeBoundForwarder>();
                for (int f = 1; f <= forwarderCount && table.Contains(at + (8L * f), 8); f++)
                {
                    forwarders.Add(new PeBoundForwarder(BoundName(table, table.U16(at + (8L * f) + 4), names), table.U32(at + (8L * f))));
                }

                bound.Add(new PeBoundImport(BoundName(table, nameOffset, names), timeDateStamp, forwarders));
                at += 8L * (1 + forwarderCount);
            }
        }
        catch (ObjectFileException e)
        {
            problems.Add(e.Problem);
        }

        return bound;
    }

    /// <summary>A name at an offset from the bound import directory's start (at most 65,535 distinct offsets, each decoded once, names up to 1 KiB).</summary>
    private static string BoundName(EndianReader table, ushort offset, Dictionary<ushort, string> names)
    {
        if (names.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        if (offset >= table.Length)
        {
            throw table.Error(offset, string.Create(CultureInfo.InvariantCulture, $"name offset 0x{offset:X} is past the end of the directory (size 0x{table.Length:X})"));
        }

        var rest = table.Span[offset..];
        int length = rest[..Math.Min(rest.Length, 1024)].IndexOf((byte)0);
        if (length < 0)
        {
            throw table.Error(offset, "the DLL name is not NUL-terminated within 1 KiB or the directory");
        }

        string name = System.Text.Encoding.UTF8.GetString(rest[..length]);
        names[offset] = name;
        return name;
    }
}
