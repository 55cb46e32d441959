using System;
using System.Collections.Generic;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// NUL-terminated names in an ELF string table (.dynstr, .strtab), read on demand and decoded as UTF-8.
/// </summary>
/// <remarks>
/// Memory stays proportional to the file: each offset is decoded once, and the total of decoded bytes
/// is capped at a multiple of the table size. Real tables share suffixes ("foo" inside "barfoo") but
/// never come near the cap; a hostile table whose thousands of symbols all point into one long
/// unterminated run would otherwise decode to gigabytes.
/// </remarks>
internal sealed class ElfStringTable
{
    private const int BudgetFactor = 8;
    private const long BudgetFloor = 1 << 20;

    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _fileOffset;
    private readonly string _structure;
    private readonly Dictionary<uint, string> _decoded = [];
    private long _budget;

    private ElfStringTable(ReadOnlyMemory<byte> bytes, long fileOffset, string structure)
    {
        _bytes = bytes;
        _fileOffset = fileOffset;
        _structure = structure;
        _budget = Math.Max(BudgetFloor, (long)bytes.Length * BudgetFactor);
    }

    /// <summary>
    /// Wraps the table's window. The table keeps the file's memory rather than the span-based window
    /// because it is consulted while other tables are walked; no bytes are copied.
    /// </summary>
    public static ElfStringTable From(ReadOnlyMemory<byte> file, EndianReader table) =>
        new(file.Slice((int)table.FileOffset, (int)table.Length), table.FileOffset, table.Structure);

    /// <summary>The name at <paramref name="offset"/> in the table, or an error naming the table and the offset.</summary>
    public string Get(uint offset)
    {
        if (_decoded.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        if (offset >= _bytes.Length)
        {
            throw Error(offset, $"name offset 0x{offset:X} is past the end of the table (size 0x{_bytes.Length:X})");
        }

        var rest = _bytes.Span[(int)offset..];
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw Error(offset, "the name is not NUL-terminated before the end of the table");
        }

        _budget -= length;
        if (_budget < 0)
        {
            throw Error(offset, "names overlap so much that decoding them would take far more memory than the table holds");
        }

        var name = Encoding.UTF8.GetString(rest[..length]);
        _decoded[offset] = name;
        return name;
    }

    private ObjectFileException Error(uint offset, string problem) =>
        ObjectFileException.Invalid(_structure, _fileOffset + offset, problem);
}
