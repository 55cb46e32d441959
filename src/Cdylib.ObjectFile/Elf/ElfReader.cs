using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Reads an ELF32/ELF64, little- or big-endian file into the neutral model.
/// </summary>
/// <remarks>
/// Every table is looked up through the section headers first (what readelf shows by default) and,
/// when they are absent, stripped or broken, through the dynamic segment the loader itself uses
/// (PT_DYNAMIC with DT_SYMTAB, DT_STRTAB, DT_VERSYM, …). Each table is read on its own: a broken one
/// becomes a warning and the rest is still reported.
/// </remarks>
internal sealed class ElfReader
{
    private const string DynamicStringsStructure = "ELF dynamic string table";
    private const string DynamicSymbolsStructure = "ELF dynamic symbol table";
    private const string StaticSymbolsStructure = "ELF symbol table";
    private const string SectionStringsStructure = "ELF string table";
    private const string SectionNamesStructure = "ELF section name table";

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ElfHeader _header;
    private readonly List<ObjectFileProblem> _warnings = [];

    /// <summary>Where the table being read records the problem that stops it (see <see cref="Attempt"/>).</summary>
    private readonly ReadLog _log = new();
    private readonly Dictionary<uint, StringTable> _stringSections = [];
    private IReadOnlyList<ElfSection> _sections = [];
    private ElfAddressMap _addresses = new([]);
    private ElfDynamicTable _dynamic = ElfDynamicTable.Empty;
    private StringTable? _dynamicStrings;

    /// <summary>The version requirements <see cref="ReadVersions"/> found, for <see cref="ElfDetails.VersionNeeds"/>.</summary>
    private IReadOnlyList<ElfVersionNeed> _versionNeeds = [];

    private ElfReader(ReadOnlyMemory<byte> memory, ElfHeader header)
    {
        _memory = memory;
        _header = header;
    }

    private ElfLayout Layout => _header.Layout;

    /// <summary>The whole file as a window that records what it cannot read in the log; a fresh span each time, since a ref struct cannot be a field.</summary>
    private EndianReader File => new(_memory.Span, _header.IsBigEndian, "ELF file", log: _log);

    public static BinaryFile Read(ReadOnlyMemory<byte> memory, string? name)
    {
        var header = ElfHeader.Read(memory.Span);
        return new ElfReader(memory, header).ReadAll(name);
    }

    private BinaryFile ReadAll(string? name)
    {
        _sections = Attempt(() => ElfSection.ReadTable(File, _header), []);
        uint? extendedSegmentCount = _sections.Count > 0 ? _sections[0].Info : null;
        var segments = Attempt(() => ElfSegment.ReadTable(File, _header, extendedSegmentCount), []);
        _addresses = new ElfAddressMap(segments);

        _dynamic = SectionOrDynamic(DynamicTableFromSection, () => DynamicTableFromSegment(segments)) ?? ElfDynamicTable.Empty;
        _dynamicStrings = SectionOrDynamic(DynamicStringsFromSection, DynamicStringsFromDynamic);

        var dependencies = new List<Dependency>();
        foreach (var value in _dynamic.FindAll(ElfConstants.DtNeeded))
        {
            if (DynamicString(value, "DT_NEEDED") is string needed)
            {
                dependencies.Add(new Dependency(needed, DependencyKind.Needed));
            }
        }

        var searchPaths = new List<SearchPath>();
        foreach (var (tag, value) in _dynamic.Entries)
        {
            if ((tag == ElfConstants.DtRpath || tag == ElfConstants.DtRunpath) && DynamicString(value, tag == ElfConstants.DtRpath ? "DT_RPATH" : "DT_RUNPATH") is string path)
            {
                searchPaths.Add(new SearchPath(path, tag == ElfConstants.DtRpath ? SearchPathKind.RPath : SearchPathKind.RunPath));
            }
        }

        string? soname = _dynamic.Find(ElfConstants.DtSoname) is ulong sonameValue ? DynamicString(sonameValue, "DT_SONAME") : null;

        // Located now, walked when the exports or imports are first asked for (ElfSymbolTable).
        var symbols = SectionOrDynamic(DynamicSymbolsFromSection, DynamicSymbolsFromDynamic) ?? Attempt(StaticSymbolsOfObject, null);
        if (symbols is { IsDynamic: true })
        {
            symbols.Versions = ReadVersions(symbols.Count);
        }

        var summary = new BinarySummary(
            BinaryFormat.Elf,
            Kind(),
            ElfMachineNames.Get(_header.Machine, Layout.Is64),
            Layout.Is64,
            _header.IsBigEndian ? Endianness.Big : Endianness.Little,
            soname,
            searchPaths)
        {
            Elf = new ElfDetails(_header.Type, _header.OsAbi, _header.AbiVersion, _header.Entry, _header.Flags, ProgramHeaders(segments), SectionHeaders())
            {
                VersionNeeds = _versionNeeds,
                Interpreter = Interpreter(segments),
                Flags1 = _dynamic.Find(ElfConstants.DtFlags1) ?? 0,
            },
        };
        return new BinaryFile(name, new ElfImage(summary, dependencies, symbols, _warnings));
    }

    /// <summary>The program interpreter PT_INTERP names ("/lib64/ld-linux-x86-64.so.2"); null when there is none or it cannot be read.</summary>
    private string? Interpreter(IReadOnlyList<ElfSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Type == ElfConstants.PtInterp)
            {
                // A damaged PT_INTERP only costs the tree its interpreter: no warning of its own.
                if (!File.TrySlice(Saturating.ToLong(segment.Offset), Math.Min(Saturating.ToLong(segment.FileSize), 4096), "ELF PT_INTERP", out var contents, out _))
                {
                    return null;
                }

                var bytes = contents.Span;
                int end = bytes.IndexOf((byte)0);
                return System.Text.Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
            }
        }

        return null;
    }

    private BinaryKind Kind() => _header.Type switch
    {
        ElfConstants.EtRel => BinaryKind.Relocatable,
        ElfConstants.EtExec => BinaryKind.Executable,

        // ET_DYN is both a shared library and a position-independent executable; linkers mark the latter with DF_1_PIE.
        ElfConstants.EtDyn => ((_dynamic.Find(ElfConstants.DtFlags1) ?? 0) & ElfConstants.Df1Pie) != 0 ? BinaryKind.Executable : BinaryKind.SharedLibrary,
        ElfConstants.EtCore => BinaryKind.Core,
        _ => BinaryKind.Unknown,
    };

    // ---- headers, for the details ----

    private static IReadOnlyList<ElfProgramHeader> ProgramHeaders(IReadOnlyList<ElfSegment> segments) =>
        segments.Select(s => new ElfProgramHeader(s.Type, s.Flags, s.Offset, s.VirtualAddress, s.FileSize, s.MemorySize)).ToList();

    /// <summary>The section headers with their names from e_shstrndx's table (SHN_XINDEX: section 0's sh_link); unreadable names are empty, with one warning.</summary>
    private IReadOnlyList<ElfSectionHeader> SectionHeaders()
    {
        if (_sections.Count == 0)
        {
            return [];
        }

        uint namesIndex = _header.SectionNamesIndex == ElfConstants.ShnXindex ? _sections[0].Link : _header.SectionNamesIndex;
        StringTable? names = namesIndex != 0 && namesIndex < _sections.Count && _sections[(int)namesIndex].HasFileData
            ? Attempt(() => StringTable.Of(_memory, _sections[(int)namesIndex].Contents(File, SectionNamesStructure)), null)
            : null;
        ObjectFileProblem? firstProblem = null;
        var headers = new List<ElfSectionHeader>(_sections.Count);
        foreach (var section in _sections)
        {
            string name = "";
            if (names is not null && section.Index != 0 && !names.TryGet(section.NameOffset, out name, out var problem))
            {
                firstProblem ??= problem;
            }

            headers.Add(new ElfSectionHeader(section.Index, name, section.Type, section.Flags, section.Address, section.Offset, section.Size, section.Link, section.Info, section.EntrySize));
        }

        if (firstProblem is not null)
        {
            Warn(firstProblem);
        }

        return headers;
    }

    // ---- dynamic section and its strings ----

    private ElfDynamicTable? DynamicTableFromSection() =>
        FindSection(ElfConstants.ShtDynamic) is ElfSection section
            ? ElfDynamicTable.Read(section.Contents(File, ElfDynamicTable.Structure), Layout)
            : null;

    private ElfDynamicTable? DynamicTableFromSegment(IReadOnlyList<ElfSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Type == ElfConstants.PtDynamic)
            {
                return ElfDynamicTable.Read(segment.Contents(File, ElfDynamicTable.Structure), Layout);
            }
        }

        return null;
    }

    private StringTable? DynamicStringsFromSection() =>
        FindSection(ElfConstants.ShtDynamic) is ElfSection section ? LinkedStrings(section, DynamicStringsStructure) : null;

    private StringTable? DynamicStringsFromDynamic()
    {
        if (_dynamic.Find(ElfConstants.DtStrtab) is not ulong address)
        {
            return null;
        }

        long? size = _dynamic.Find(ElfConstants.DtStrsz) is ulong strsz ? Saturating.ToLong(strsz) : null;
        var table = _addresses.Map(File, address, size, DynamicStringsStructure);
        return _log.Failed ? null : StringTable.Of(_memory, table);
    }

    /// <summary>A string named by a dynamic entry, or null (and a warning) if it cannot be read.</summary>
    private string? DynamicString(ulong value, string tagName)
    {
        if (_dynamicStrings is null)
        {
            Warn(ObjectFileProblem.Invalid(ElfDynamicTable.Structure, _dynamic.FileOffset, $"{tagName} is present but the file has no readable dynamic string table"));
            return null;
        }

        if (value > uint.MaxValue)
        {
            Warn(ObjectFileProblem.Invalid(ElfDynamicTable.Structure, _dynamic.FileOffset, $"{tagName} value 0x{value:X} is not a string table offset"));
            return null;
        }

        if (!_dynamicStrings.TryGet((uint)value, out var name, out var problem))
        {
            Warn(problem!);
            return null;
        }

        return name;
    }

    // ---- symbol tables ----

    private ElfSymbolTable? DynamicSymbolsFromSection()
    {
        if (FindSection(ElfConstants.ShtDynsym) is not ElfSection section)
        {
            return null;
        }

        var table = section.Contents(File, DynamicSymbolsStructure);
        var names = LinkedStrings(section, DynamicStringsStructure) ?? _dynamicStrings;
        if (names is null)
        {
            _log.Fail(ObjectFileProblem.Invalid(DynamicSymbolsStructure, Saturating.ToLong(section.Offset), "no string table holds its names"));
            return null;
        }

        return _log.Failed ? null : new ElfSymbolTable(_memory, table, Layout, names, isDynamic: true);
    }

    private ElfSymbolTable? DynamicSymbolsFromDynamic()
    {
        if (_dynamic.Find(ElfConstants.DtSymtab) is not ulong address)
        {
            return null;
        }

        if (_dynamicStrings is not StringTable names)
        {
            _log.Fail(ObjectFileProblem.Invalid(ElfDynamicTable.Structure, _dynamic.FileOffset, "DT_SYMTAB is present but the file has no readable dynamic string table"));
            return null;
        }

        long? count = DynamicSymbolCount();
        if (_log.Failed)
        {
            return null;
        }

        EndianReader table;
        if (count is long known)
        {
            table = _addresses.Map(File, address, Saturating.Multiply(known, Layout.Symbol.Size), DynamicSymbolsStructure);
        }
        else
        {
            // No hash table: assume the symbols run to DT_STRTAB when it follows them (GNU ld's order), else to the segment end.
            table = _addresses.Map(File, address, null, DynamicSymbolsStructure);
            if (_log.Failed)
            {
                return null;
            }

            if (_dynamic.Find(ElfConstants.DtStrtab) is ulong strtab && strtab > address)
            {
                table = table.Slice(0, Math.Min(table.Length, Saturating.ToLong(strtab - address)), DynamicSymbolsStructure);
            }

            _warnings.Add(ObjectFileProblem.General("The ELF dynamic section has neither DT_GNU_HASH nor DT_HASH, so the number of dynamic symbols was estimated"));
        }

        return _log.Failed ? null : new ElfSymbolTable(_memory, table, Layout, names, isDynamic: true);
    }

    /// <summary>The dynamic symbol count from DT_GNU_HASH or DT_HASH; null when the file has neither.</summary>
    private long? DynamicSymbolCount()
    {
        if (_dynamic.Find(ElfConstants.DtGnuHash) is ulong gnuHash)
        {
            return ElfHashTables.SymbolCountFromGnu(_addresses.Map(File, gnuHash, null, ElfHashTables.GnuStructure), Layout.Is64);
        }

        if (_dynamic.Find(ElfConstants.DtHash) is ulong sysvHash)
        {
            bool wideEntries = Layout.Is64 && _header.Machine is ElfConstants.EmS390 or ElfConstants.EmAlpha;
            return ElfHashTables.SymbolCountFromSysv(_addresses.Map(File, sysvHash, null, ElfHashTables.SysvStructure), wideEntries ? 8 : 4);
        }

        return null;
    }

    /// <summary>A relocatable object has no dynamic symbols; its .symtab globals are what it offers and needs.</summary>
    private ElfSymbolTable? StaticSymbolsOfObject()
    {
        if (_header.Type != ElfConstants.EtRel || FindSection(ElfConstants.ShtSymtab) is not ElfSection section)
        {
            return null;
        }

        var table = section.Contents(File, StaticSymbolsStructure);
        if (_log.Failed)
        {
            return null;
        }

        if (LinkedStrings(section, SectionStringsStructure) is not StringTable names)
        {
            _log.Fail(ObjectFileProblem.Invalid(StaticSymbolsStructure, Saturating.ToLong(section.Offset), "no string table holds its names"));
            return null;
        }

        return _log.Failed ? null : new ElfSymbolTable(_memory, table, Layout, names, isDynamic: false);
    }

    // ---- symbol versions ----

    private ElfSymbolVersions ReadVersions(int symbolCount)
    {
        var versym = SectionOrDynamic(
            () => FindSection(ElfConstants.ShtGnuVersym) is ElfSection s ? ElfVersionTables.ReadVersym(s.Contents(File, ElfVersionTables.VersymStructure)) : null,
            () => _dynamic.Find(ElfConstants.DtVersym) is ulong a ? ElfVersionTables.ReadVersym(_addresses.Map(File, a, 2L * symbolCount, ElfVersionTables.VersymStructure)) : null);
        if (versym is null)
        {
            return ElfSymbolVersions.None;
        }

        var definitions = SectionOrDynamic(
            () => FindSection(ElfConstants.ShtGnuVerdef) is ElfSection s
                ? VersionTable(s.Contents(File, ElfVersionTables.VerdefStructure), s, ElfVersionTables.ReadVerdef, CountFromInfo(s))
                : null,
            () => _dynamic.Find(ElfConstants.DtVerdef) is ulong a
                ? VersionTable(_addresses.Map(File, a, null, ElfVersionTables.VerdefStructure), null, ElfVersionTables.ReadVerdef, DynamicCount(ElfConstants.DtVerdefnum))
                : null);
        var requirements = SectionOrDynamic(
            () => FindSection(ElfConstants.ShtGnuVerneed) is ElfSection s
                ? VersionTable(s.Contents(File, ElfVersionTables.VerneedStructure), s, ElfVersionTables.ReadVerneed, CountFromInfo(s))
                : null,
            () => _dynamic.Find(ElfConstants.DtVerneed) is ulong a
                ? VersionTable(_addresses.Map(File, a, null, ElfVersionTables.VerneedStructure), null, ElfVersionTables.ReadVerneed, DynamicCount(ElfConstants.DtVerneednum))
                : null);

        if (versym.Length < symbolCount)
        {
            _warnings.Add(ObjectFileProblem.General($"The {ElfVersionTables.VersymStructure} has {versym.Length} entries for {symbolCount} dynamic symbols; the rest are reported unversioned"));
        }

        _versionNeeds = (requirements ?? []).Select(r => new ElfVersionNeed(r.Name, r.Library)).ToList();
        return new ElfSymbolVersions(versym, definitions ?? [], requirements ?? []);
    }

    private static long? CountFromInfo(ElfSection section) => section.Info != 0 ? section.Info : null;

    private long? DynamicCount(long tag) => _dynamic.Find(tag) is ulong count ? Saturating.ToLong(count) : null;

    private delegate List<T> VersionReader<T>(EndianReader table, long? count, StringTable strings);

    /// <summary>A version table read with its names from the section's linked string table (or the dynamic one); null when either cannot be read.</summary>
    private List<T>? VersionTable<T>(EndianReader table, ElfSection? section, VersionReader<T> read, long? count)
    {
        if (_log.Failed)
        {
            return null;
        }

        var strings = (section is ElfSection s ? LinkedStrings(s, DynamicStringsStructure) : null) ?? _dynamicStrings;
        if (strings is null)
        {
            _log.Fail(ObjectFileProblem.General("Invalid ELF symbol versioning: no dynamic string table holds the version names"));
            return null;
        }

        return _log.Failed ? null : read(table, count, strings);
    }

    // ---- sections ----

    private ElfSection? FindSection(uint type)
    {
        foreach (var section in _sections)
        {
            if (section.Type == type && section.HasFileData)
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>The string table a section's sh_link names, or null when sh_link is not a usable section.</summary>
    private StringTable? LinkedStrings(ElfSection section, string structure)
    {
        uint link = section.Link;
        if (link == 0 || link >= _sections.Count || !_sections[(int)link].HasFileData)
        {
            return null;
        }

        if (!_stringSections.TryGetValue(link, out var strings))
        {
            var contents = _sections[(int)link].Contents(File, structure);
            if (contents.Failed)
            {
                return null;
            }

            strings = StringTable.Of(_memory, contents);
            _stringSections[link] = strings;
        }

        return strings;
    }

    // ---- error policy ----

    /// <summary>
    /// Reads a table through the section headers, falling back to the dynamic segment when the file has
    /// no such section or the section is unreadable. Problems become warnings.
    /// </summary>
    private T? SectionOrDynamic<T>(Func<T?> fromSection, Func<T?> fromDynamic)
        where T : class
    {
        var result = Attempt(fromSection, null);
        return result ?? Attempt(fromDynamic, null);
    }

    /// <summary>
    /// Reads one table: what it reads through <see cref="File"/> records the first problem it meets in
    /// the log, and the table's reader stops there; the problem then becomes a warning and the table is
    /// <paramref name="fallback"/> (so a half-read table is never reported).
    /// </summary>
    private T Attempt<T>(Func<T> read, T fallback)
    {
        var value = read();
        if (_log.TryTake(out var problem))
        {
            Warn(problem);
            return fallback;
        }

        return value;
    }

    private void Warn(ObjectFileProblem problem)
    {
        // The same broken table can be reached twice (e.g. once for DT_NEEDED, once for DT_SONAME).
        if (!_warnings.Contains(problem))
        {
            _warnings.Add(problem);
        }
    }
}
