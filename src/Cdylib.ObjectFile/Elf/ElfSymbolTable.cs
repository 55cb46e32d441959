using System;
using System.Buffers.Binary;
using System.Threading;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>What a symbol table entry is to the neutral model.</summary>
internal enum ElfEntryRole
{
    /// <summary>Neither export nor import: the null symbol, a local (section symbols GNU ld leaves in .dynsym).</summary>
    None,
    Export,
    Import,

    /// <summary>Would be an export or import, but its name cannot be read: it is skipped and counted.</summary>
    UnreadableName,
}

/// <summary>One classified entry, its name still the bytes in the file.</summary>
internal readonly ref struct ElfSymbolEntry
{
    public ElfSymbolEntry(ElfSymbol symbol, ReadOnlySpan<byte> name, bool nameIsAscii, SymbolVersion? version, bool versionUnresolved)
    {
        Symbol = symbol;
        Name = name;
        NameIsAscii = nameIsAscii;
        Version = version;
        VersionUnresolved = versionUnresolved;
    }

    public ElfSymbol Symbol { get; }

    /// <summary>UTF-8, as stored (empty when the name is unreadable).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>True when every byte of <see cref="Name"/> is ASCII (so it is valid UTF-8 without checking).</summary>
    public bool NameIsAscii { get; }

    public SymbolVersion? Version { get; }

    /// <summary>The .gnu.version entry named an index no version table declares; the symbol is reported unversioned.</summary>
    public bool VersionUnresolved { get; }
}

/// <summary>
/// A symbol table (.dynsym, or .symtab of an object) read on demand: an entry is decoded when asked for
/// and its name is found in place, so walking 44,000 symbols allocates nothing. Both the model's lists
/// (<see cref="ElfSymbolClassifier"/>) and <see cref="ExportEnumerator"/> walk it through <see cref="Classify"/>.
/// </summary>
internal sealed class ElfSymbolTable
{
    private readonly ReadOnlyMemory<byte> _entries;
    private readonly ElfLayout _layout;
    private readonly bool _isBigEndian;
    private readonly int[] _nameLengths;
    private readonly bool[] _nonAscii;

    /// <param name="file">The whole file (the table keeps a slice of it, not a copy).</param>
    /// <param name="window">The table's bounds-checked window in <paramref name="file"/>.</param>
    public ElfSymbolTable(ReadOnlyMemory<byte> file, EndianReader window, ElfLayout layout, ElfStringTable names, bool isDynamic)
    {
        _entries = file.Slice((int)window.FileOffset, (int)window.Length);
        _layout = layout;
        _isBigEndian = window.IsBigEndian;
        Names = names;
        IsDynamic = isDynamic;

        // The count is what the window holds, so a lying header cannot make a walk run longer than the file is.
        Count = (int)(window.Length / layout.Symbol.Size);
        _nameLengths = new int[Count];
        _nonAscii = new bool[Count];
    }

    public int Count { get; }

    public ElfStringTable Names { get; }

    /// <summary>True for .dynsym (versioned through .gnu.version), false for an object's .symtab.</summary>
    public bool IsDynamic { get; }

    public ElfSymbolVersions Versions { get; set; } = ElfSymbolVersions.None;

    /// <summary>The total length of the names looked at so far, each symbol counted once (for <see cref="ElfStringTable.MightExceedBudget"/>).</summary>
    public long NameBytesSeen
    {
        get
        {
            // Summed when asked (once per file, if ever) rather than counted on the enumerate-names path.
            long total = 0;
            foreach (int known in _nameLengths)
            {
                total += Math.Max(known - 1, 0);
            }

            return total;
        }
    }

    /// <summary>
    /// True when a walk that only checks names may miss a warning that decoding them would give: their
    /// total is more than the string table's decoding budget (a hostile file, or one with absurdly
    /// overlapping names). Only then do the warnings need the names decoded.
    /// </summary>
    public bool NamesMightExceedBudget => Names.MightExceedBudget(NameBytesSeen);

    /// <summary>Entry <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>, which the window holds whole).</summary>
    /// <remarks>
    /// Read directly rather than through an <see cref="EndianReader"/> window per entry: this is the
    /// innermost loop of listing a large library, and <see cref="Count"/> already bounds every entry.
    /// </remarks>
    public ElfSymbol this[int index]
    {
        get
        {
            var fields = _layout.Symbol;
            var entry = _entries.Span.Slice(index * fields.Size, fields.Size);
            return new ElfSymbol(
                index,
                NameOffset: U32(entry[fields.Name..]),
                Value: _layout.Is64 ? U64(entry[fields.Value..]) : U32(entry[fields.Value..]),
                Size: _layout.Is64 ? U64(entry[fields.SymbolSize..]) : U32(entry[fields.SymbolSize..]),
                Info: entry[fields.Info],
                Other: entry[fields.Other],
                SectionIndex: _isBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(entry[fields.SectionIndex..]) : BinaryPrimitives.ReadUInt16LittleEndian(entry[fields.SectionIndex..]));
        }
    }

    /// <summary>
    /// The warnings of a walk over every entry (unreadable names, unknown version indices), kept by the
    /// first walk that finished, so that a later question costs nothing.
    /// </summary>
    public System.Collections.Generic.List<string>? WalkWarnings { get; set; }

    /// <summary>Entry <paramref name="index"/> and whether it is an export, an import or neither.</summary>
    public ElfEntryRole Classify(int index, out ElfSymbolEntry entry)
    {
        var symbol = this[index];
        entry = default;
        if (symbol.Index == 0 || symbol.Binding == ElfConstants.StbLocal)
        {
            return ElfEntryRole.None;
        }

        if (!NameBytes(index, symbol.NameOffset, out var name, out bool isAscii))
        {
            entry = new ElfSymbolEntry(symbol, default, false, null, versionUnresolved: false);
            return ElfEntryRole.UnreadableName;
        }

        var version = Versions.Resolve(index, out bool unresolved);
        entry = new ElfSymbolEntry(symbol, name, isAscii, version, unresolved);
        return symbol.IsDefined ? ElfEntryRole.Export : ElfEntryRole.Import;
    }

    /// <summary>
    /// The name's bytes and whether they are all ASCII, remembered after the first look (a listing walks
    /// the table twice, and finding each NUL again was a tenth of its time): the length as length + 1,
    /// 0 = not looked at yet, -1 = unreadable. Walks on different threads may meet here: each entry is
    /// written by whichever walk reaches it first, always with the same values.
    /// </summary>
    private bool NameBytes(int index, uint offset, out ReadOnlySpan<byte> name, out bool isAscii)
    {
        int known = Volatile.Read(ref _nameLengths[index]);
        if (known > 0)
        {
            name = Names.Slice(offset, known - 1);
            isAscii = !_nonAscii[index];
            return true;
        }

        if (known < 0)
        {
            name = default;
            isAscii = false;
            return false;
        }

        bool readable = Names.TryBytes(offset, out name, out isAscii);
        _nonAscii[index] = readable && !isAscii;
        Volatile.Write(ref _nameLengths[index], readable ? name.Length + 1 : -1);
        return readable;
    }

    private uint U32(ReadOnlySpan<byte> at) => _isBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at);

    private ulong U64(ReadOnlySpan<byte> at) => _isBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(at) : BinaryPrimitives.ReadUInt64LittleEndian(at);
}

