using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
    /// <param name="layout">Word size and byte order.</param>
    /// <param name="names">The symbol table's string table.</param>
    /// <param name="isDynamic">True for .dynsym (exports and imports of a shared object), false for an object's .symtab.</param>
    public ElfSymbolTable(ReadOnlyMemory<byte> file, EndianReader window, ElfLayout layout, StringTable names, bool isDynamic)
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
        _nativeElf64 = layout.Is64 && !window.IsBigEndian && BitConverter.IsLittleEndian && layout.Symbol.Size == 24;
    }

    /// <summary>Entries are Elf64_Sym in this machine's byte order.</summary>
    private readonly bool _nativeElf64;

    public int Count { get; }

    public StringTable Names { get; }

    /// <summary>True for .dynsym (versioned through .gnu.version), false for an object's .symtab.</summary>
    public bool IsDynamic { get; }

    public ElfSymbolVersions Versions { get; set; } = ElfSymbolVersions.None;

    /// <summary>
    /// At least the number of bytes looking up every export and import name would charge (for
    /// <see cref="StringTable.MightExceedBudget"/>, which <see cref="StringTable.TryGet"/> enforces per
    /// distinct offset: a name and its NUL), reading as few names as it can: a name a walk has measured
    /// counts its length and NUL; in a NUL-terminated table, the other names that start a string are
    /// separate strings, together with their NULs at most the table; only a name that starts inside another
    /// (a linker's shared suffix, or a hostile overlap) is measured now.
    /// </summary>
    public long NameBytesBound()
    {
        long measured = 0;
        bool anyStartingAString = false;
        var entries = Entries;
        for (int i = 0; i < Count; i++)
        {
            int known = Volatile.Read(ref _nameLengths[i]);
            if (known != 0)
            {
                measured += Math.Max(known, 0);
                continue;
            }

            // The bytes looked at are scattered over the table: ask for them a few symbols ahead.
            int ahead = i + BoundPrefetchDistance;
            if (ahead < Count && Volatile.Read(ref _nameLengths[ahead]) == 0)
            {
                Names.Prefetch(Read(entries, ahead).NameOffset - 1);
            }

            var symbol = Read(entries, i);
            if (Role(i, symbol) is not (ElfEntryRole.Export or ElfEntryRole.Import))
            {
                continue;
            }

            if (Names.IsTerminated && Names.StartsString(symbol.NameOffset))
            {
                anyStartingAString = true;
            }
            else if (TryName(i, symbol.NameOffset, out var name, out _))
            {
                measured += name.Length + 1;
            }
        }

        return measured + (anyStartingAString ? Names.Length : 0);
    }

    /// <summary>
    /// True when a walk that only checks names may miss a warning that decoding them would give: their
    /// total may be more than the string table's decoding budget (a hostile file, or one with absurdly
    /// overlapping names). Only then do the warnings need the names decoded.
    /// </summary>
    public bool NamesMightExceedBudget
    {
        get
        {
            // Once within the budget, always: names measured later only tighten the bound.
            if (_withinBudget)
            {
                return false;
            }

            _withinBudget = !Names.MightExceedBudget(NameBytesBound());
            return !_withinBudget;
        }
    }

    private bool _withinBudget;

    /// <summary>The entries' bytes, taken once per walk: the span of a memory-mapped file is a virtual call away.</summary>
    public ReadOnlySpan<byte> Entries => _entries.Span;

    /// <summary>Entry <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>, which the window holds whole).</summary>
    public ElfSymbol this[int index] => Read(Entries, index);

    /// <summary>Entry <paramref name="index"/> of <paramref name="entries"/> (<see cref="Entries"/>).</summary>
    /// <remarks>
    /// Read directly rather than through an <see cref="EndianReader"/> window per entry: this is the
    /// innermost loop of listing a large library, and <see cref="Count"/> already bounds every entry.
    /// An ELF64 little-endian entry, the common case, is read as one struct on a little-endian machine.
    /// </remarks>
    public ElfSymbol Read(ReadOnlySpan<byte> entries, int index)
    {
        if (_nativeElf64)
        {
            var raw = MemoryMarshal.Read<Elf64Symbol>(entries.Slice(index * Elf64Symbol.Size, Elf64Symbol.Size));
            return new ElfSymbol(index, raw.Name, raw.Value, raw.SymbolSize, raw.Info, raw.Other, raw.SectionIndex);
        }

        var fields = _layout.Symbol;
        var entry = entries.Slice(index * fields.Size, fields.Size);
        return new ElfSymbol(
            index,
            NameOffset: U32(entry[fields.Name..]),
            Value: _layout.Is64 ? U64(entry[fields.Value..]) : U32(entry[fields.Value..]),
            Size: _layout.Is64 ? U64(entry[fields.SymbolSize..]) : U32(entry[fields.SymbolSize..]),
            Info: entry[fields.Info],
            Other: entry[fields.Other],
            SectionIndex: _isBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(entry[fields.SectionIndex..]) : BinaryPrimitives.ReadUInt16LittleEndian(entry[fields.SectionIndex..]));
    }

    /// <summary>Elf64_Sym as it lies in the file.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Elf64Symbol
    {
        public const int Size = 24;
        public readonly uint Name;
        public readonly byte Info;
        public readonly byte Other;
        public readonly ushort SectionIndex;
        public readonly ulong Value;
        public readonly ulong SymbolSize;
    }

    /// <summary>
    /// The warnings of a walk over every entry (unreadable names, unknown version indices), kept by the
    /// first walk that finished, so that a later question costs nothing.
    /// </summary>
    public System.Collections.Generic.List<ObjectFileProblem>? WalkWarnings { get; set; }

    /// <summary>
    /// Entry <paramref name="index"/> of <paramref name="entries"/> (<see cref="Entries"/>) and whether it
    /// is an export, an import or neither, with its version. The name is not read: inside a string table
    /// that ends with a NUL, knowing the offset is inside it is enough (<see cref="StringTable.IsReadable"/>);
    /// <see cref="TryName"/> reads it when it is wanted.
    /// </summary>
    public ElfEntryRole Classify(ReadOnlySpan<byte> entries, int index, out ElfSymbol symbol, out SymbolVersion? version, out bool versionUnresolved)
    {
        symbol = Read(entries, index);
        version = null;
        versionUnresolved = false;
        var role = Role(index, symbol);
        if (role is ElfEntryRole.Export or ElfEntryRole.Import)
        {
            version = Versions.Resolve(index, out versionUnresolved);
        }

        return role;
    }

    private ElfEntryRole Role(int index, in ElfSymbol symbol) =>
        index == 0 || symbol.Binding == ElfConstants.StbLocal ? ElfEntryRole.None
        : !Names.IsReadable(symbol.NameOffset) ? ElfEntryRole.UnreadableName
        : symbol.IsDefined ? ElfEntryRole.Export
        : ElfEntryRole.Import;

    /// <summary>
    /// The bytes of entry <paramref name="index"/>'s name (at <paramref name="offset"/>) and whether they
    /// are all ASCII, remembered after the first look (finding each NUL again was a tenth of a listing's
    /// time): the length as length + 1, 0 = not looked at yet, -1 = unreadable. Walks on different threads
    /// may meet here: each entry is written by whichever walk reaches it first, always with the same values.
    /// </summary>
    public bool TryName(int index, uint offset, out ReadOnlySpan<byte> name, out bool isAscii)
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

        // Names are mostly read in symbol order: start loading the one after next.
        if (index + PrefetchDistance < Count)
        {
            Names.Prefetch(NameOffset(index + PrefetchDistance));
        }

        return readable;
    }

    private const int PrefetchDistance = 2;
    private const int BoundPrefetchDistance = 16;

    private uint NameOffset(int index) => U32(_entries.Span[(index * _layout.Symbol.Size + _layout.Symbol.Name)..]);

    private uint U32(ReadOnlySpan<byte> at) => _isBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at);

    private ulong U64(ReadOnlySpan<byte> at) => _isBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(at) : BinaryPrimitives.ReadUInt64LittleEndian(at);
}

