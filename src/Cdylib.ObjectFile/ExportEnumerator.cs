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
    private readonly NameBuffer? _buffer;
    private readonly ReadOnlySpan<char> _name;

    internal ExportEntry(ReadOnlySpan<char> name, ReadOnlySpan<byte> utf8, NameBuffer? buffer, ulong address, ulong size, SymbolKind kind, SymbolBinding binding, SymbolVisibility visibility, SymbolVersion? version)
    {
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

    public ReadOnlySpan<char> Name => _buffer is null ? _name : _buffer.Decode(_utf8);

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
    private readonly NameBuffer? _buffer;
    private ElfWalkTally _tally;
    private int _index;

    internal ExportEnumerator(ElfSymbolTable table)
    {
        _table = table;
        _list = null;
        _buffer = new NameBuffer();
        _index = -1;
        Current = default;
    }

    internal ExportEnumerator(IReadOnlyList<Export> list)
    {
        _table = null;
        _list = list;
        _buffer = null;
        _index = -1;
        Current = default;
    }

    public ExportEntry Current { get; private set; }

    public readonly ExportEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_list is not null)
        {
            if (++_index >= _list.Count)
            {
                return false;
            }

            var export = _list[_index];
            Current = new ExportEntry(export.Name, default, null, export.Address, export.Size, export.Kind, export.Binding, export.Visibility, export.Version);
            return true;
        }

        while (++_index < _table!.Count)
        {
            var role = _table.Classify(_index, out var entry);
            _tally.Count(role, _index, entry);
            if (role != ElfEntryRole.Export)
            {
                continue;
            }

            var symbol = entry.Symbol;
            Current = new ExportEntry(
                default,
                entry.Name,
                _buffer,
                symbol.Value,
                symbol.Size,
                ElfSymbolClassifier.ExportKind(symbol, entry.Name, entry.Version),
                ElfSymbolClassifier.Binding(symbol.Binding),
                ElfSymbolClassifier.Visibility(symbol.Visibility),
                entry.Version);
            return true;
        }

        // A walk over every entry has counted what the warnings need: BinaryFile.Warnings need not walk again.
        if (_index == _table.Count)
        {
            _tally.Finish(_table);
        }

        return false;
    }
}

/// <summary>The one buffer an enumerator decodes names into, grown when a name needs more.</summary>
internal sealed class NameBuffer
{
    private char[] _chars = new char[256];

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
}
