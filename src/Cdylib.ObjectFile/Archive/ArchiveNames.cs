using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

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

    private readonly ReadOnlyMemory<byte> _table;
    private readonly string _structure;
    private readonly long _fileOffset;
    private readonly Dictionary<long, string> _decoded = [];
    private readonly Dictionary<long, ObjectFileProblem> _failed = [];
    private readonly NameBudget _budget;

    public ArchiveNames(ReadOnlyMemory<byte> table, string structure, long fileOffset = 0, long fileSize = 0)
    {
        _table = table;
        _structure = structure;
        _fileOffset = fileOffset;
        _budget = new NameBudget(Math.Max(fileSize, table.Length), "file");
    }

    /// <summary>A "//" entry: up to "/\n", "\n" or NUL, without the trailing '/'; null with <paramref name="error"/> when it cannot be read.</summary>
    /// <remarks>Does not throw: a hostile archive may have thousands of members that refer to one bad entry, and each failure is cached.</remarks>
    public string? LongName(long offset, long referencedAt, out ObjectFileProblem? error)
    {
        string? name = Get(offset, referencedAt, longName: true, out error);
        return name is not null && name.EndsWith('/') ? name[..^1] : name;
    }

    /// <summary>A NUL-terminated string at <paramref name="offset"/> of a symbol index's string area; null with <paramref name="error"/> when it cannot be read.</summary>
    public string? String(long offset, long referencedAt, out ObjectFileProblem? error) => Get(offset, referencedAt, longName: false, out error);

    private string? Get(long offset, long referencedAt, bool longName, out ObjectFileProblem? error)
    {
        error = null;
        if (_decoded.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        if (_failed.TryGetValue(offset, out error))
        {
            return null;
        }

        if (offset < 0 || offset >= _table.Length)
        {
            return Fail(offset, ObjectFileProblem.Invalid(_structure, referencedAt, string.Create(CultureInfo.InvariantCulture,
                $"name offset {offset} is outside the table (size {_table.Length})")), out error);
        }

        if (_budget.IsSpent)
        {
            return Fail(offset, ObjectFileProblem.Invalid(_structure, _fileOffset + offset, _budget.Problem), out error);
        }

        var rest = _table.Span[(int)offset..];
        if (rest.Length > MaxLength)
        {
            rest = rest[..MaxLength];
        }

        int length = longName ? rest.IndexOfAny((byte)'\n', (byte)0) : rest.IndexOf((byte)0);
        if (!_budget.TryCharge(length < 0 ? rest.Length : length + 1))
        {
            return Fail(offset, ObjectFileProblem.Invalid(_structure, _fileOffset + offset, _budget.Problem), out error);
        }

        if (length < 0)
        {
            return Fail(offset, ObjectFileProblem.Invalid(_structure, _fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"the name is not terminated within {rest.Length} bytes")), out error);
        }

        string name = Encoding.UTF8.GetString(rest[..length]);
        _decoded[offset] = name;
        return name;
    }

    private string? Fail(long offset, ObjectFileProblem message, out ObjectFileProblem error)
    {
        _failed[offset] = message;
        error = message;
        return null;
    }
}
