using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>An external nlist entry: where its name lies in the string table (found, not decoded) and the raw n_type, n_sect, n_desc and n_value.</summary>
internal readonly record struct MachOSymbol(int NameAt, int NameLength, byte Type, byte Section, ushort Description, ulong Value)
{
    public byte TypeBits => (byte)(Type & MachOConstants.NTypeMask);

    public bool IsUndefined => (TypeBits == MachOConstants.NUndefined && Value == 0) || TypeBits == MachOConstants.NPreboundUndefined;

    public bool IsDefined => TypeBits is MachOConstants.NSection or MachOConstants.NAbsolute or MachOConstants.NIndirect;

    /// <summary>A common symbol of an object file: undefined with a non-zero value, its size (the linker allocates it).</summary>
    public bool IsCommon => TypeBits == MachOConstants.NUndefined && Value != 0;
}

/// <summary>
/// The symbol table of LC_SYMTAB (nlist / nlist_64 entries and their string table): the fallback for
/// exports and imports of files without dyld info or chained fixups (object files, old images). Only
/// external, non-debugging entries are kept.
/// </summary>
internal static class MachOSymbolTable
{
    public const string Structure = "Mach-O symbol table";
    public const string StringsStructure = "Mach-O string table";

    /// <summary>
    /// The external entries, each with its name found in the string table (a name that cannot be found
    /// drops its entry, with a warning) but not decoded: exports decode theirs only when asked for.
    /// </summary>
    public static MachOExternalSymbols ReadExternal(ReadOnlyMemory<byte> image, EndianReader file, MachOBlob symbols, MachOBlob strings, bool is64, ProblemGroups problems)
    {
        var result = new List<MachOSymbol>();
        int entrySize = is64 ? 16 : 12;
        if (symbols.Size == 0)
        {
            return MachOExternalSymbols.Empty;
        }

        if (!file.Contains(strings.Offset, strings.Size))
        {
            problems.Add(ObjectFileProblem.Invalid(StringsStructure, file.FileOffset + strings.CommandOffset, string.Create(CultureInfo.InvariantCulture,
                $"stroff 0x{strings.Offset:X} + strsize 0x{strings.Size:X} run past the end of the image (size 0x{file.Length:X})")));
            return MachOExternalSymbols.Empty;
        }

        var stringTable = image.Slice((int)strings.Offset, (int)strings.Size);
        var pool = new StringTable(stringTable, file.FileOffset + strings.Offset, StringsStructure, new NameBudget(stringTable.Length, "pool"));
        long wanted = (long)symbols.Size * entrySize;
        long available = file.Contains(symbols.Offset, 0) ? file.Length - symbols.Offset : 0;
        if (available < wanted)
        {
            problems.Add(ObjectFileProblem.Invalid(Structure, file.FileOffset + Math.Min(symbols.Offset, file.Length), string.Create(CultureInfo.InvariantCulture,
                $"the image holds {available / entrySize} of its {symbols.Size} entries")));
        }

        long count = Math.Min(wanted, available) / entrySize;
        if (count == 0)
        {
            return MachOExternalSymbols.Empty;
        }

        // Inside the image: the count was cut to what it holds after symoff, so no read below can fail.
        var table = file.Slice(symbols.Offset, count * entrySize, Structure);
        for (long i = 0; i < count; i++)
        {
            var entry = table.Slice(i * entrySize, entrySize, Structure);
            byte type = entry.U8(4);
            if ((type & MachOConstants.NStab) != 0 || (type & MachOConstants.NExternal) == 0)
            {
                continue;
            }

            uint nameAt = entry.U32(0);
            if (!pool.TryFind(nameAt, out int nameLength, out var problem, referencedAt: entry.FileOffset))
            {
                problems.Add(problem!);
                continue;
            }

            result.Add(new MachOSymbol((int)nameAt, nameLength, type, entry.U8(5), entry.U16(6), entry.Word(8, is64)));
        }

        return new MachOExternalSymbols(result, stringTable);
    }
}

/// <summary>The external entries of a symbol table and the string table their names are in.</summary>
internal sealed class MachOExternalSymbols(List<MachOSymbol> symbols, ReadOnlyMemory<byte> strings)
{
    public static MachOExternalSymbols Empty { get; } = new([], default);

    public List<MachOSymbol> Symbols => symbols;

    public ReadOnlySpan<byte> NameBytes(MachOSymbol symbol) => strings.Span.Slice(symbol.NameAt, symbol.NameLength);

    public string Name(MachOSymbol symbol) => Encoding.UTF8.GetString(NameBytes(symbol));

    private HashSet<string>? _defined;

    /// <summary>Whether an entry defines <paramref name="name"/> (not only refers to it); the names are decoded once, on the first question.</summary>
    public bool Defines(string name)
    {
        if (_defined is null)
        {
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var symbol in symbols)
            {
                if (symbol.IsDefined)
                {
                    defined.Add(Name(symbol));
                }
            }

            _defined = defined;
        }

        return _defined.Contains(name);
    }
}
