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
/// is capped at a multiple of the table size (<see cref="NameBudget"/>). Real tables share suffixes
/// ("foo" inside "barfoo") but never come near the cap; a hostile table whose thousands of symbols all
/// point into one long run would otherwise decode to gigabytes. Time stays proportional too: whether a
/// name can be read is known from the last NUL, and finding names' ends switches from scanning to an
/// index of the NULs once scanning has read more than separate names could need.
/// </remarks>
internal sealed class ElfStringTable
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _fileOffset;
    private readonly string _structure;
    private readonly Dictionary<uint, string> _decoded = [];
    private readonly NameBudget _budget;

    private ElfStringTable(ReadOnlyMemory<byte> bytes, long fileOffset, string structure)
    {
        _bytes = bytes;
        _fileOffset = fileOffset;
        _structure = structure;
        _budget = new NameBudget(bytes.Length, "table");
        _lastNul = bytes.Span.LastIndexOf((byte)0);
    }

    /// <summary>
    /// Where the table's last NUL is (-1 without one): a name can be read exactly when it starts at or
    /// before it. Linkers end the table with one, so every offset inside it is readable.
    /// </summary>
    private readonly int _lastNul;

    /// <summary>The table ends with a NUL (as every linker writes it), so every name inside it ends before its end.</summary>
    public bool IsTerminated => _lastNul >= 0 && _lastNul == _bytes.Length - 1;

    /// <summary>Bytes scanned for NULs so far; past <see cref="ScanLimit"/>, names are found through <see cref="_nulIndex"/>.</summary>
    private long _scanned;

    /// <summary>
    /// Every NUL's position, in order, made once the scans have read more than a table with separate
    /// names would need: names that all start inside one long run (a hostile table) would otherwise each
    /// be scanned to its end, the square of the table's size.
    /// </summary>
    private int[]? _nulIndex;

    private long ScanLimit => (2L * _bytes.Length) + (64 << 10);

    public int Length => _bytes.Length;

    /// <summary>Whether <paramref name="offset"/> is the start of a string of the table (its first byte, or just after a NUL).</summary>
    public bool StartsString(uint offset) => offset == 0 || (offset < _bytes.Length && _bytes.Span[(int)offset - 1] == 0);

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

        var bytes = Bytes(offset);
        int length = bytes.Length;
        if (!_budget.TryCharge(length))
        {
            throw new ObjectFileException(Problem(offset, _budget.Problem));
        }

        var name = Encoding.UTF8.GetString(bytes);
        _decoded[offset] = name;
        return name;
    }

    /// <summary>The UTF-8 bytes of the name at <paramref name="offset"/> (without the NUL), or an error naming the table and the offset.</summary>
    public ReadOnlySpan<byte> Bytes(uint offset) =>
        TryBytes(offset, out var name, out _) ? name : throw new ObjectFileException(Unreadable(offset));

    /// <summary>Why there is no name at <paramref name="offset"/> (which <see cref="IsReadable"/> says of it).</summary>
    public ObjectFileProblem Unreadable(uint offset) =>
        offset >= _bytes.Length ? Problem(offset, $"name offset 0x{offset:X} is past the end of the table (size 0x{_bytes.Length:X})")
        : IsReadable(offset) ? ObjectFileProblem.General("unreadable symbol name")
        : Problem(offset, "the name is not NUL-terminated before the end of the table");

    /// <summary>
    /// Whether <see cref="TryBytes"/> would find a name at <paramref name="offset"/>, without reading it:
    /// a name is terminated exactly when it starts at or before the table's last NUL.
    /// </summary>
    public bool IsReadable(uint offset) => _lastNul >= 0 && offset <= (uint)_lastNul;

    /// <summary>
    /// The enumerate-names path: the bytes of the name at <paramref name="offset"/>, without decoding,
    /// allocating or throwing, and whether they are all ASCII; false when the offset is outside the table
    /// or the name runs off its end.
    /// </summary>
    public bool TryBytes(uint offset, out ReadOnlySpan<byte> name, out bool isAscii)
    {
        name = default;
        isAscii = false;
        if (offset >= _bytes.Length)
        {
            return false;
        }

        // Two vectorised passes, the NUL first (memchr's search) and then the ASCII check over bytes just
        // read: faster than one search for the first byte outside 1..0x7f.
        var rest = _bytes.Span[(int)offset..];
        int length = _nulIndex is null ? rest.IndexOf((byte)0) : NextNul(offset);
        if (length < 0)
        {
            return false;
        }

        if (_nulIndex is null && (_scanned += length + 1) > ScanLimit)
        {
            _nulIndex = NulPositions(_bytes.Span);
        }

        name = rest[..length];
        isAscii = System.Text.Ascii.IsValid(name);
        return true;
    }

    /// <summary>The length of the name at <paramref name="offset"/> from <see cref="_nulIndex"/>, or -1 when no NUL follows it.</summary>
    private int NextNul(uint offset)
    {
        int at = Array.BinarySearch(_nulIndex!, (int)offset);
        at = at >= 0 ? at : ~at;
        return at < _nulIndex!.Length ? _nulIndex[at] - (int)offset : -1;
    }

    private static int[] NulPositions(ReadOnlySpan<byte> table)
    {
        var positions = new List<int>();
        for (int at = table.IndexOf((byte)0); at >= 0;)
        {
            positions.Add(at);
            int next = table[(at + 1)..].IndexOf((byte)0);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return [.. positions];
    }

    /// <summary>
    /// Asks the processor to start loading the name at <paramref name="offset"/> (nothing if it is outside
    /// the table): a listing reads names in symbol order, which is scattered across the table, and a name
    /// requested a couple of symbols ahead is in cache by the time it is read. A hint only: it never faults.
    /// </summary>
    public unsafe void Prefetch(uint offset)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && offset < _bytes.Length)
        {
            fixed (byte* table = _bytes.Span)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(table + offset);
            }
        }
    }

    /// <summary>
    /// False when decoding names of this many bytes in all is certain to stay within the budget
    /// <see cref="Get"/> enforces; true when it might not (only then must the names be decoded to know).
    /// </summary>
    public bool MightExceedBudget(long totalNameBytes) => totalNameBytes > _budget.Total;

    /// <summary>The bytes at [offset, offset + length), which <see cref="TryBytes"/> has already found to be a name.</summary>
    public ReadOnlySpan<byte> Slice(uint offset, int length) => _bytes.Span.Slice((int)offset, length);

    private ObjectFileProblem Problem(uint offset, string problem) =>
        ObjectFileProblem.Invalid(_structure, _fileOffset + offset, problem);
}
