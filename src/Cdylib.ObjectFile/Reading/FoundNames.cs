using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// The names a <see cref="StringTable"/> has found, by offset: each name's length, so that no offset is
/// scanned (or charged) twice.
/// </summary>
/// <remarks>
/// Lookups mostly come with growing offsets (linkers write strings in the order of what points at them):
/// those are appended to two arrays and found again by binary search, without the hashing and the
/// entries of a dictionary. An offset asked for out of that order goes to a dictionary, so any order
/// still works. A found name lies inside the table, which is one span, so its offset is kept as an
/// <see cref="int"/>. (A PE file's export names, thousands in a row, are kept by its export index
/// instead: <see cref="StringTable.TryFind"/>'s <c>remember</c>.)
/// </remarks>
internal sealed class FoundNames
{
    private int[] _offsets = [];
    private int[] _lengths = [];
    private int _count;
    private Dictionary<long, int>? _unordered;

    public bool TryGet(long offset, out int length)
    {
        if (_count > 0 && offset <= _offsets[_count - 1])
        {
            int at = Array.BinarySearch(_offsets, 0, _count, (int)offset);
            if (at >= 0)
            {
                length = _lengths[at];
                return true;
            }
        }

        length = -1;
        return _unordered is not null && _unordered.TryGetValue(offset, out length);
    }

    public void Add(long offset, int length)
    {
        if (_count > 0 && offset <= _offsets[_count - 1])
        {
            (_unordered ??= [])[offset] = length;
            return;
        }

        if (_count == _offsets.Length)
        {
            Resize(Math.Max(16, _count * 2));
        }

        _offsets[_count] = checked((int)offset);
        _lengths[_count] = length;
        _count++;
    }

    private void Resize(int capacity)
    {
        Array.Resize(ref _offsets, capacity);
        Array.Resize(ref _lengths, capacity);
    }
}
