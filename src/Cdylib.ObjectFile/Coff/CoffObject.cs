using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Coff;

/// <summary>A section header of a COFF object: its name as stored ("/4" long names are not looked up), where its data is, and its flags.</summary>
internal sealed record CoffSection(string Name, uint PointerToRawData, uint SizeOfRawData, uint Characteristics)
{
    public bool IsExecutable => (Characteristics & (PeConstants.ScnMemExecute | PeConstants.ScnContainsCode)) != 0;
}

/// <summary>An external symbol of a COFF object with the facts the archive reader looks at again (GNU import objects).</summary>
internal sealed record CoffSymbol(string Name, uint Value, int SectionNumber, bool IsDefined);

/// <summary>
/// A COFF object (plain or bigobj) read into exports and imports: external symbols defined in a
/// section, absolute or common are exports; undefined ones and weak externals without a search alias
/// are imports (llvm-nm's "U" and "w"). Static symbols are neither.
/// </summary>
internal sealed class CoffObject
{
    private const string SymbolsStructure = "COFF symbol table";
    private const string SectionsStructure = "COFF section table";
    private const string StringsStructure = "COFF string table";
    private const byte ClassExternal = 2;
    private const byte ClassWeakExternal = 105;
    private const uint WeakExternSearchAlias = 3;

    private readonly ReadOnlyMemory<byte> _data;

    private CoffObject(ReadOnlyMemory<byte> data, CoffHeader header)
    {
        _data = data;
        Header = header;
    }

    public CoffHeader Header { get; }

    public List<CoffSection> Sections { get; } = [];

    public List<CoffSymbol> Symbols { get; } = [];

    public List<Export> Exports { get; } = [];

    public List<Import> Imports { get; } = [];

    /// <summary>Reads the object in <paramref name="data"/>; offsets in messages are <paramref name="fileOffset"/> + offsets in it.</summary>
    public static CoffObject Read(ReadOnlyMemory<byte> data, long fileOffset, List<ObjectFileProblem> warnings)
    {
        var header = CoffHeader.Read(data.Span, fileOffset);
        var file = new CoffObject(data, header);
        var problems = new ProblemGroups(warnings);
        file.ReadSections(fileOffset, warnings);
        file.ReadSymbols(fileOffset, warnings, problems);
        problems.Flush();
        return file;
    }

    /// <summary>The raw data of section <paramref name="number"/> (1-based) from <paramref name="offset"/> on, or empty when it has none in the file.</summary>
    public ReadOnlySpan<byte> SectionData(int number, uint offset)
    {
        if (number < 1 || number > Sections.Count)
        {
            return [];
        }

        var section = Sections[number - 1];
        long start = (long)section.PointerToRawData + offset;
        long end = (long)section.PointerToRawData + section.SizeOfRawData;
        return section.PointerToRawData == 0 || start > end || end > _data.Length ? [] : _data.Span[(int)start..(int)end];
    }

    private void ReadSections(long fileOffset, List<ObjectFileProblem> warnings)
    {
        var file = new EndianReader(_data.Span, isBigEndian: false, "file", fileOffset);
        long offset = Header.SectionTableOffset;
        long available = file.Contains(offset, 0) ? (file.Length - offset) / CoffHeader.SectionHeaderSize : 0;
        if (available < Header.SectionCount)
        {
            warnings.Add(ObjectFileProblem.Invalid(SectionsStructure, fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"the file holds {Math.Max(available, 0)} of its {Header.SectionCount} section headers")));
        }

        for (long i = 0; i < Math.Min(Header.SectionCount, available); i++)
        {
            var entry = file.Slice(offset + (i * CoffHeader.SectionHeaderSize), CoffHeader.SectionHeaderSize, SectionsStructure);
            var name = entry.Span[..8];
            int end = name.IndexOf((byte)0);
            Sections.Add(new CoffSection(Encoding.UTF8.GetString(end < 0 ? name : name[..end]), entry.U32(20), entry.U32(16), entry.U32(36)));
        }
    }

    private void ReadSymbols(long fileOffset, List<ObjectFileProblem> warnings, ProblemGroups problems)
    {
        if (Header.SymbolCount == 0)
        {
            return;
        }

        var file = new EndianReader(_data.Span, isBigEndian: false, "file", fileOffset);
        int size = Header.SymbolSize;
        long offset = Header.SymbolTableOffset;
        long available = file.Contains(offset, 0) ? (file.Length - offset) / size : 0;
        long count = Header.SymbolCount;
        if (available < count)
        {
            warnings.Add(ObjectFileProblem.Invalid(SymbolsStructure, fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"the file holds {Math.Max(available, 0)} of its {count} symbol records")));
            count = Math.Max(available, 0);
        }

        var strings = ReadStringTable(_data, offset + (count * size), warnings, fileOffset);
        for (long i = 0; i < count; i++)
        {
            var record = file.Slice(offset + (i * size), size, SymbolsStructure);
            int auxCount = record.U8(size - 1);
            byte storageClass = record.U8(size - 2);
            ushort type = record.U16(size - 4);
            int section = Header.IsBigObj ? (int)record.U32(12) : (short)record.U16(12);
            uint value = record.U32(8);
            long auxAt = i + 1;
            i += auxCount;
            if (storageClass is not (ClassExternal or ClassWeakExternal))
            {
                continue;
            }

            if (!TryName(record, strings, out string name, out var problem))
            {
                problems.Add(problem!);
                continue;
            }

            bool isFunction = ((type >> 4) & 3) == 2;
            if (storageClass == ClassWeakExternal)
            {
                // The aux record's Characteristics: only a search alias counts as a definition (llvm-nm "W").
                bool alias = auxCount > 0 && auxAt < count && file.Slice(offset + (auxAt * size), size, SymbolsStructure).U32(4) == WeakExternSearchAlias;
                Add(name, value, section, alias, alias
                    ? new Export(name, 0, 0, SymbolKind.Other, SymbolBinding.Weak, SymbolVisibility.Default, null)
                    : null, alias ? null : new Import(name, null, null, isFunction ? SymbolKind.Function : SymbolKind.Other, SymbolBinding.Weak));
            }
            else if (section > 0)
            {
                var kind = isFunction || (section <= Sections.Count && Sections[section - 1].IsExecutable) ? SymbolKind.Function : SymbolKind.Data;
                Add(name, value, section, true, new Export(name, value, 0, kind, SymbolBinding.Global, SymbolVisibility.Default, null), null);
            }
            else if (section == 0 && value != 0)
            {
                // A common symbol: the value is its size, the linker allocates it.
                Add(name, value, section, true, new Export(name, 0, value, SymbolKind.Data, SymbolBinding.Global, SymbolVisibility.Default, null), null);
            }
            else if (section == 0)
            {
                Add(name, value, section, false, null, new Import(name, null, null, isFunction ? SymbolKind.Function : SymbolKind.Other, SymbolBinding.Global));
            }
            else if (section == -1)
            {
                Add(name, value, section, true, new Export(name, value, 0, SymbolKind.Other, SymbolBinding.Global, SymbolVisibility.Default, null) { IsAbsolute = true }, null);
            }
        }
    }

    private void Add(string name, uint value, int section, bool defined, Export? export, Import? import)
    {
        Symbols.Add(new CoffSymbol(name, value, section, defined));
        if (export is not null)
        {
            Exports.Add(export);
        }

        if (import is not null)
        {
            Imports.Add(import);
        }
    }

    /// <summary>A symbol's name: in the record (8 bytes, NUL-padded), or "\0\0\0\0" and an offset into the string table.</summary>
    private static bool TryName(EndianReader record, StringTable strings, out string name, out ObjectFileProblem? problem)
    {
        var shortName = record.Span[..8];
        if (shortName[..4].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0]))
        {
            return strings.TryGet(record.U32(4), out name, out problem, referencedAt: record.FileOffset + 4);
        }

        int end = shortName.IndexOf((byte)0);
        name = Encoding.UTF8.GetString(end < 0 ? shortName : shortName[..end]);
        problem = null;
        return true;
    }

    /// <summary>
    /// The COFF string table after the symbol table (a 4-byte size that counts itself, then NUL-terminated
    /// names: long symbol names, and long section names "/123"), its budget a multiple of the file's size.
    /// A size field that runs past the file is cut to the file, with a warning.
    /// </summary>
    private static StringTable ReadStringTable(ReadOnlyMemory<byte> file, long offset, List<ObjectFileProblem> warnings, long fileOffset)
    {
        var reader = new EndianReader(file.Span, isBigEndian: false, "file", fileOffset);
        var budget = new NameBudget(file.Length, "file");
        if (!reader.Contains(offset, 4))
        {
            if (offset != file.Length)
            {
                warnings.Add(ObjectFileProblem.Invalid(StringsStructure, fileOffset + offset, "the string table lies outside the file; long names cannot be read"));
            }

            return new StringTable(ReadOnlyMemory<byte>.Empty, fileOffset + offset, StringsStructure, budget);
        }

        long size = reader.U32(offset);
        if (!reader.Contains(offset, size))
        {
            warnings.Add(ObjectFileProblem.Invalid(StringsStructure, fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"its size 0x{size:X} runs past the end of the file; only 0x{file.Length - offset:X} bytes are read")));
            size = file.Length - offset;
        }

        return new StringTable(file.Slice((int)offset, (int)size), fileOffset + offset, StringsStructure, budget, firstName: 4);
    }
}
