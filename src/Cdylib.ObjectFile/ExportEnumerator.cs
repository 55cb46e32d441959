using System;
using System.Collections.Generic;
using System.Text;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile;

/// <summary>
/// One export seen by <see cref="ExportEnumerator"/>: the fields of <see cref="Export"/> that every format
/// has. An ELF name is decoded only when <see cref="Name"/> is read, into the enumerator's buffer: it is
/// valid until the next <see cref="ExportEnumerator.MoveNext"/> (call <c>ToString()</c> on it to keep it).
/// </summary>
public readonly ref struct ExportEntry
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly NameBuffer _buffer;
    private readonly ReadOnlySpan<char> _name;

    /// <summary>True when the name was read into a string (<see cref="_name"/>); false for bytes in the file (<see cref="_utf8"/>).</summary>
    private readonly bool _isText;

    /// <summary>The bytes in the file are all ASCII: valid UTF-8 as they are.</summary>
    private readonly bool _isAscii;

    internal ExportEntry(bool isText, ReadOnlySpan<char> name, ReadOnlySpan<byte> utf8, bool isAscii, NameBuffer buffer, ulong address, ulong size, SymbolKind kind, SymbolBinding binding, SymbolVisibility visibility, SymbolVersion? version)
    {
        _isText = isText;
        _isAscii = isAscii;
        _name = name;
        _utf8 = utf8;
        _buffer = buffer;
        Address = address;
        Size = size;
        Kind = kind;
        Binding = binding;
        Visibility = visibility;
        Version = version;
    }

    public ReadOnlySpan<char> Name => _isText ? _name : _buffer.Decode(_utf8);

    /// <summary>
    /// The name as valid UTF-8, the encoding of <see cref="Name"/>: an ELF name straight from the file
    /// when it is (bytes that are not UTF-8 become U+FFFD, as in <see cref="Name"/>), for other formats
    /// the encoded <see cref="Export.Name"/>. Valid until the next <see cref="ExportEnumerator.MoveNext"/>.
    /// </summary>
    public ReadOnlySpan<byte> Utf8Name =>
        _isText ? _buffer.Encode(_name)
        : _isAscii || System.Text.Unicode.Utf8.IsValid(_utf8) ? _utf8
        : _buffer.Encode(_buffer.Decode(_utf8));

    public ulong Address { get; }

    public ulong Size { get; }

    public SymbolKind Kind { get; }

    public SymbolBinding Binding { get; }

    public SymbolVisibility Visibility { get; }

    /// <summary>Shared with every other symbol of the same version: resolving it allocates nothing.</summary>
    public SymbolVersion? Version { get; }
}

/// <summary>
/// Walks a file's exports (<see cref="BinaryFile.EnumerateExports"/>) without a record or a string per
/// symbol: an ELF symbol's name stays bytes in the file until it is read, and is then decoded into one
/// reused buffer. This is the path <c>cdylib exports</c> lists a 44,000-symbol library through. PE and
/// Mach-O export tables are turned into records when the file is parsed (hundreds of names, not tens of
/// thousands) and walked from those.
/// </summary>
public ref struct ExportEnumerator
{
    private readonly ElfSymbolTable? _table;
    private readonly IReadOnlyList<Export>? _list;
    private readonly NameBuffer _buffer;
    private ElfWalkTally _tally;
    private int _index;

    // The current ELF export, kept as the parts MoveNext found: Current is built from them when asked,
    // so that a step copies no large struct.
    private ReadOnlySpan<byte> _name;
    private bool _nameIsAscii;
    private ElfSymbol _symbol;
    private SymbolVersion? _version;

    internal ExportEnumerator(ElfSymbolTable table)
    {
        _table = table;
        _list = null;
        _buffer = new NameBuffer();
        _index = -1;
    }

    internal ExportEnumerator(IReadOnlyList<Export> list)
    {
        _table = null;
        _list = list;
        _buffer = new NameBuffer();
        _index = -1;
    }

    public readonly ExportEntry Current
    {
        get
        {
            if (_list is not null)
            {
                var export = _list[_index];
                return new ExportEntry(true, export.Name, default, false, _buffer, export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version);
            }

            return new ExportEntry(
                false,
                default,
                _name,
                _nameIsAscii,
                _buffer,
                _symbol.Value,
                _symbol.Size,
                ElfSymbolClassifier.ExportKind(_symbol, _name, _version),
                ElfSymbolClassifier.Binding(_symbol.Binding),
                ElfSymbolClassifier.Visibility(_symbol.Visibility),
                _version);
        }
    }

    public readonly ExportEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_list is not null)
        {
            return ++_index < _list.Count;
        }

        var table = _table!;
        while (++_index < table.Count)
        {
            var role = table.Classify(_index, out var entry);
            _tally.Count(role, _index, entry);
            if (role != ElfEntryRole.Export)
            {
                continue;
            }

            _symbol = entry.Symbol;
            _name = entry.Name;
            _nameIsAscii = entry.NameIsAscii;
            _version = entry.Version;
            return true;
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
