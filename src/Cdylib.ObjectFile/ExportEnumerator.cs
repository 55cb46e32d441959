using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>
/// One export seen by <see cref="ExportEnumerator"/>: the fields of <see cref="Export"/> that every format
/// has. An ELF name is found in the file only when <see cref="Name"/> or <see cref="Utf8Name"/> is read,
/// and <see cref="Name"/> is decoded into the enumerator's buffer: both are valid until the next
/// <see cref="ExportEnumerator.MoveNext"/> (call <c>ToString()</c> on the name to keep it).
/// </summary>
public readonly ref struct ExportEntry
{
    /// <summary>The walk this is the current export of, when the exports are not ELF symbols read in place.</summary>
    private readonly ExportWalk? _walk;

    /// <summary>The ELF symbol table and the entry whose name this is, when walking one.</summary>
    private readonly ElfSymbolTable? _table;
    private readonly int _index;
    private readonly uint _nameOffset;
    private readonly NameBuffer _buffer;

    /// <summary>Plain assignments, inlined where the entry is used (a constructor that computed would be called and its result copied).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ExportEntry(ExportWalk? walk, ElfSymbolTable? table, int index, uint nameOffset, NameBuffer buffer, ulong address, ulong size, SymbolKind kind, SymbolBinding binding, SymbolVisibility visibility, SymbolVersion? version, bool isAbsolute)
    {
        _walk = walk;
        _table = table;
        _index = index;
        _nameOffset = nameOffset;
        _buffer = buffer;
        Address = address;
        Size = size;
        Kind = kind;
        Binding = binding;
        Visibility = visibility;
        Version = version;
        IsAbsolute = isAbsolute;
    }

    /// <summary>The name as <see cref="Export.Name"/> holds it, decoded into the enumerator's buffer: valid until the next <see cref="ExportEnumerator.MoveNext"/>.</summary>
    public ReadOnlySpan<char> Name => _walk is not null ? _walk.Name(_buffer) : _buffer.Decode(ElfName(out _));

    /// <summary>
    /// The name as valid UTF-8, the encoding of <see cref="Name"/>: an ELF name straight from the file
    /// when it is (bytes that are not UTF-8 become U+FFFD, as in <see cref="Name"/>), for other formats
    /// the stored name when it is UTF-8, else as <see cref="Name"/> encodes it. Valid until the next <see cref="ExportEnumerator.MoveNext"/>.
    /// </summary>
    public ReadOnlySpan<byte> Utf8Name
    {
        get
        {
            if (_walk is not null)
            {
                return _walk.Utf8Name(_buffer);
            }

            var utf8 = ElfName(out bool isAscii);
            return isAscii || System.Text.Unicode.Utf8.IsValid(utf8) ? utf8 : _buffer.Encode(_buffer.Decode(utf8));
        }
    }

    /// <summary>As <see cref="Export.Address"/>.</summary>
    public ulong Address { get; }

    /// <summary>As <see cref="Export.Size"/>.</summary>
    public ulong Size { get; }

    /// <summary>As <see cref="Export.Kind"/>.</summary>
    public SymbolKind Kind { get; }

    /// <summary>As <see cref="Export.Binding"/>.</summary>
    public SymbolBinding Binding { get; }

    /// <summary>As <see cref="Export.Visibility"/>.</summary>
    public SymbolVisibility Visibility { get; }

    /// <summary>Shared with every other symbol of the same version: resolving it allocates nothing.</summary>
    public SymbolVersion? Version { get; }

    /// <summary>The value is a constant, not an address in the image (<see cref="Export.IsAbsolute"/>).</summary>
    public bool IsAbsolute { get; }

    /// <summary>As <see cref="Export.Ordinal"/> (PE).</summary>
    public uint? Ordinal => _walk?.Ordinal;

    /// <summary>As <see cref="Export.Hint"/> (PE: the name's index in the name table; null for an export by ordinal only).</summary>
    public uint? Hint => _walk?.Hint;

    /// <summary>Whether the export is forwarded to another DLL (<see cref="Export.ForwardedTo"/> is set).</summary>
    public bool IsForwarded => _walk is not null && _walk.IsForwarded;

    /// <summary>The forwarder string (<see cref="Export.ForwardedTo"/>) as valid UTF-8, empty when not forwarded: valid until the next <see cref="ExportEnumerator.MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Utf8ForwardedTo => _walk is not null ? _walk.Utf8ForwardedTo() : default;

    /// <summary>The name's bytes in the file (the enumerator yields only symbols whose name it can read).</summary>
    private ReadOnlySpan<byte> ElfName(out bool isAscii) =>
        _table!.TryName(_index, _nameOffset, out var utf8, out isAscii) ? utf8 : default;
}

/// <summary>
/// Walks a file's exports (<see cref="BinaryFile.EnumerateExports()"/>) without a record or a string per
/// symbol: an ELF symbol is classified without reading its name, which is found in the file only if it
/// is asked for and then decoded into one reused buffer. This is the path <c>cdylib exports</c> lists a
/// 44,000-symbol library through, inlined here. Every other source (PE export tables, Mach-O export
/// tries, records already made) is an <see cref="ExportWalk"/> this drives.
/// </summary>
public ref struct ExportEnumerator
{
    private readonly ElfSymbolTable? _table;
    private readonly ExportWalk? _walk;
    private readonly NameBuffer _buffer;

    /// <summary>The ELF table's entries, taken once for the walk.</summary>
    private readonly ReadOnlySpan<byte> _entries;
    private ElfWalkTally _tally;
    private int _index;

    // The current ELF export as MoveNext found it: Current is built from it when asked.
    private ElfSymbol _symbol;
    private SymbolVersion? _version;
    private SymbolKind _kind;
    private SymbolBinding _binding;
    private SymbolVisibility _visibility;

    internal ExportEnumerator(ElfSymbolTable table)
    {
        _table = table;
        _walk = null;
        _entries = table.Entries;
        _buffer = new NameBuffer();
        _index = -1;
    }

    internal ExportEnumerator(ExportWalk walk)
    {
        _table = null;
        _walk = walk;
        _buffer = new NameBuffer();
        _index = -1;
    }

    /// <summary>The export the enumerator stands on (after a <see cref="MoveNext"/> that returned true).</summary>
    public readonly ExportEntry Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_walk is not null)
            {
                var walk = _walk;
                return new ExportEntry(walk, null, 0, 0, _buffer, walk.Address, walk.Size, walk.Kind, walk.Binding, walk.Visibility, walk.Version, walk.IsAbsolute);
            }

            return new ExportEntry(null, _table, _symbol.Index, _symbol.NameOffset, _buffer, _symbol.Value, _symbol.Size, _kind, _binding, _visibility, _version, _symbol.IsAbsolute);
        }
    }

    /// <summary>The enumerator itself, so that <c>foreach</c> walks it.</summary>
    public readonly ExportEnumerator GetEnumerator() => this;

    /// <summary>Steps to the next export; false after the last.</summary>
    public bool MoveNext()
    {
        if (_walk is not null)
        {
            return _walk.MoveNext();
        }

        var table = _table!;
        while (++_index < table.Count)
        {
            var role = table.Classify(_entries, _index, out _symbol, out _version, out bool versionUnresolved);
            _tally.Count(role, _index, versionUnresolved);
            if (role == ElfEntryRole.Export)
            {
                _kind = ElfSymbolClassifier.ExportKind(table, _symbol, _version);
                _binding = ElfSymbolClassifier.Binding(_symbol.Binding);
                _visibility = ElfSymbolClassifier.Visibility(_symbol.Visibility);
                return true;
            }
        }

        // A walk over every entry has counted what the warnings need: BinaryFile.Warnings need not walk again.
        if (_index == table.Count)
        {
            _tally.Finish(table);
        }

        return false;
    }
}

/// <summary>The one buffer an enumerator decodes names into, grown when a name needs more.</summary>
internal sealed class NameBuffer
{
    private char[] _chars = new char[256];
    private byte[] _bytes = [];

    /// <summary>The name as UTF-16, decoded as <see cref="Encoding.UTF8"/> decodes it for <see cref="Export.Name"/>.</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8)
    {
        int most = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (most > _chars.Length)
        {
            _chars = new char[Math.Max(most, _chars.Length * 2)];
        }

        int length = Encoding.UTF8.GetChars(utf8, _chars);
        return _chars.AsSpan(0, length);
    }

    /// <summary>A name read into a string, as UTF-8.</summary>
    public ReadOnlySpan<byte> Encode(ReadOnlySpan<char> name)
    {
        int most = Encoding.UTF8.GetMaxByteCount(name.Length);
        if (most > _bytes.Length)
        {
            _bytes = new byte[Math.Max(most, 256)];
        }

        return _bytes.AsSpan(0, Encoding.UTF8.GetBytes(name, _bytes));
    }
}
