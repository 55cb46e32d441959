using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// NUL-terminated names at offsets in a string pool (the symbol table's string table, the chained
/// fixups' symbol pool), decoded as UTF-8 on demand.
/// </summary>
/// <remarks>
/// Each offset is decoded once, and every byte scanned is charged to a budget of a multiple of the pool
/// size: a hostile table whose entries all point at different places of one long run would otherwise
/// cost the square of the file size.
/// </remarks>
internal sealed class MachOStringPool
{
    private readonly ReadOnlyMemory<byte> _pool;
    private readonly string _structure;
    private readonly long _fileOffset;
    private readonly Dictionary<uint, string> _decoded = [];
    private readonly Dictionary<uint, int> _found = [];
    private readonly NameBudget _budget;

    public MachOStringPool(ReadOnlyMemory<byte> pool, string structure, long fileOffset)
    {
        _pool = pool;
        _structure = structure;
        _fileOffset = fileOffset;
        _budget = new NameBudget(pool.Length, "pool");
    }

    public string Get(uint offset)
    {
        if (_decoded.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        var name = Encoding.UTF8.GetString(_pool.Span.Slice((int)offset, Find(offset)));
        _decoded[offset] = name;
        return name;
    }

    /// <summary>The length of the name at <paramref name="offset"/>, found without decoding it; errors as <see cref="Get"/>.</summary>
    public int Find(uint offset) => TryFind(offset, out int length, out var problem) ? length : throw new ObjectFileException(problem!);

    /// <summary>
    /// <see cref="Find"/> without throwing: a hostile table of tens of thousands of entries that all
    /// fail (the budget spent) made as many exceptions thrown and caught, seconds of unwinding.
    /// </summary>
    public bool TryFind(uint offset, out int length, out ObjectFileProblem? problem)
    {
        problem = null;
        if (_found.TryGetValue(offset, out length))
        {
            return true;
        }

        if (offset >= _pool.Length)
        {
            problem = ObjectFileProblem.Invalid(_structure, _fileOffset, string.Create(CultureInfo.InvariantCulture,
                $"a name offset 0x{offset:X} is past the end of the pool (size 0x{_pool.Length:X})"));
            return false;
        }

        if (_budget.IsSpent)
        {
            problem = ObjectFileProblem.Invalid(_structure, _fileOffset + offset, _budget.Problem);
            return false;
        }

        var rest = _pool.Span[(int)offset..];
        length = rest.IndexOf((byte)0);
        if (!_budget.TryCharge(length < 0 ? rest.Length : length + 1))
        {
            problem = ObjectFileProblem.Invalid(_structure, _fileOffset + offset, _budget.Problem);
            return false;
        }

        if (length < 0)
        {
            problem = ObjectFileProblem.Invalid(_structure, _fileOffset + offset, "a name is not NUL-terminated before the end of the pool");
            return false;
        }

        _found[offset] = length;
        return true;
    }
}
