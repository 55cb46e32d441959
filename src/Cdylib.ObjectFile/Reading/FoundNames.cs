using System;
using System.Collections.Generic;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// The names a <see cref="StringTable"/> has found, by offset: each name's length, so that no offset is
/// scanned (or charged) twice.
/// </summary>
/// <remarks>
/// Linkers write a PE name table's strings in the order of its pointers, so lookups nearly always come
/// with growing offsets: those are appended to two arrays and found again by binary search, without the
/// hashing and the entries of a dictionary (which was a tenth of listing libstdc++-6.dll's 5,839 exports).
/// An offset asked for out of that order goes to a dictionary, so any order still works.
/// </remarks>
internal sealed class FoundNames
{
    private long[] _offsets = [];
    private int[] _lengths = [];
    private int _count;
    private Dictionary<long, int>? _unordered;

    /// <summary>Makes room for <paramref name="more"/> names, for a caller that knows how many it will look up.</summary>
    public void Expect(int more)
    {
        if (_count + more > _offsets.Length)
        {
            Resize(_count + more);
        }
    }

    public bool TryGet(long offset, out int length)
    {
        if (_count > 0 && offset <= _offsets[_count - 1])
        {
            int at = Array.BinarySearch(_offsets, 0, _count, offset);
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

        _offsets[_count] = offset;
        _lengths[_count] = length;
        _count++;
    }

    private void Resize(int capacity)
    {
        Array.Resize(ref _offsets, capacity);
        Array.Resize(ref _lengths, capacity);
    }
}
