using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Cdylib.ObjectFile.Archive;

/// <summary>
/// Names inside an archive's special members: the "//" long-name table (names end with "/\n", or NUL
/// in Microsoft libraries) and the string areas of the symbol indexes. Each offset is decoded once, a
/// name is at most <see cref="MaxLength"/> bytes, and every byte scanned is charged to a budget of a
/// multiple of the file size, so a hostile table cannot cost more than the file.
/// </summary>
internal sealed class ArchiveNames
{
    public const int MaxLength = 64 * 1024;
    private const int BudgetFactor = 8;
    private const long BudgetFloor = 1 << 20;

    private readonly ReadOnlyMemory<byte> _table;
    private readonly string _structure;
    private readonly long _fileOffset;
    private readonly Dictionary<long, string> _decoded = [];
    private long _budget;

    public ArchiveNames(ReadOnlyMemory<byte> table, string structure, long fileOffset = 0, long fileSize = 0)
    {
        _table = table;
        _structure = structure;
        _fileOffset = fileOffset;
        _budget = Math.Max(BudgetFloor, Math.Max(fileSize, table.Length) * BudgetFactor);
    }

    /// <summary>A "//" entry: up to "/\n", "\n" or NUL, without the trailing '/'.</summary>
    public string LongName(long offset, long referencedAt)
    {
        string name = Get(offset, referencedAt, longName: true);
        return name.EndsWith('/') ? name[..^1] : name;
    }

    /// <summary>A NUL-terminated string at <paramref name="offset"/> of a symbol index's string area.</summary>
    public string String(long offset, long referencedAt) => Get(offset, referencedAt, longName: false);

    private string Get(long offset, long referencedAt, bool longName)
    {
        if (_decoded.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        if (offset < 0 || offset >= _table.Length)
        {
            throw ObjectFileException.Invalid(_structure, referencedAt, string.Create(CultureInfo.InvariantCulture,
                $"name offset {offset} is outside the table (size {_table.Length})"));
        }

        var rest = _table.Span[(int)offset..];
        if (rest.Length > MaxLength)
        {
            rest = rest[..MaxLength];
        }

        int length = longName ? rest.IndexOfAny((byte)'\n', (byte)0) : rest.IndexOf((byte)0);
        _budget -= length < 0 ? rest.Length : length + 1;
        if (_budget < 0)
        {
            throw ObjectFileException.Invalid(_structure, _fileOffset + offset, "names overlap so much that decoding them would take far more memory than the file holds");
        }

        if (length < 0)
        {
            throw ObjectFileException.Invalid(_structure, _fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"the name is not terminated within {rest.Length} bytes"));
        }

        string name = Encoding.UTF8.GetString(rest[..length]);
        _decoded[offset] = name;
        return name;
    }
}
