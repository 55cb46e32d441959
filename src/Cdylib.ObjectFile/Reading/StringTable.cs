using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Cdylib.ObjectFile.Reading;

/// <summary>What ends a name in a <see cref="StringTable"/>.</summary>
internal enum NameEnd
{
    /// <summary>A NUL byte: ELF, Mach-O and COFF string tables, PE names, ar symbol index names.</summary>
    Nul,

    /// <summary>A newline or a NUL: the entries of an ar "//" long-name table (GNU ends them "/\n", Microsoft with NUL).</summary>
    NewlineOrNul,
}

/// <summary>
/// The names of one table, found at offsets and decoded as UTF-8 on demand: every format's string
/// table (ELF .dynstr and .strtab, the Mach-O symbol table's strings and the chained fixups' symbol
/// pool, the COFF string table, the ar long-name table and symbol-index strings) and a PE file's names
/// (the table is then the file, each lookup bounded by what the section holds at the RVA).
/// </summary>
/// <remarks>
/// Work and memory stay proportional to the table, whatever its offsets say. A lookup (<see cref="TryFind"/>,
/// <see cref="TryGet"/>) finds each offset's end once, remembers a failure as well as a success, and
/// charges every byte it scans to a <see cref="NameBudget"/>, which the caller sizes (a multiple of
/// the table, or of the file): a hostile table whose thousands of entries point at different places of
/// one long run would otherwise cost the square of its size. Names are at most <c>maxLength</c> bytes
/// where the format has no bound of its own.
///
/// Walks that decode nothing (an ELF listing of 44,000 exports) look names up in place instead
/// (<see cref="TryBytes"/>): free of charge and of allocation, bounded in time by an index of the NULs
/// made once the scans have read more than separate names could need. Within a table that ends with a
/// NUL (as every linker writes it), any offset before that NUL has a name (<see cref="IsReadable"/>).
/// </remarks>
internal sealed class StringTable
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly string _structure;
    private readonly NameEnd _end;
    private readonly int _maxLength;
    private readonly int _firstName;
    private readonly NameBudget _budget;
    private readonly FoundNames _found = new();
    private readonly Dictionary<long, string> _decoded = [];
    private readonly Dictionary<long, (Failure Failure, long Limit)> _failed = [];

    /// <summary>
    /// Where the table's last NUL is (-1 without one): an in-place name can be read exactly when it starts
    /// at or before it.
    /// </summary>
    private readonly int _lastNul;

    /// <summary>Bytes the in-place lookups scanned for NULs so far; past <see cref="ScanLimit"/>, they use <see cref="_nulIndex"/>.</summary>
    private long _scanned;

    /// <summary>Every NUL's position, in order, made once in-place lookups have scanned more than a table of separate names would need.</summary>
    private int[]? _nulIndex;

    /// <param name="bytes">The table (for PE, the whole file).</param>
    /// <param name="fileOffset">Where the table starts in the file, for problems.</param>
    /// <param name="structure">What the table is, for problems ("ELF dynamic string table").</param>
    /// <param name="budget">The bytes all lookups may scan, in all.</param>
    /// <param name="end">What ends a name.</param>
    /// <param name="maxLength">The longest name looked for, for formats whose names have no bound of their own.</param>
    /// <param name="firstName">The first offset that can hold a name (COFF: 4, after the table's size field).</param>
    public StringTable(ReadOnlyMemory<byte> bytes, long fileOffset, string structure, NameBudget budget, NameEnd end = NameEnd.Nul, int maxLength = int.MaxValue, int firstName = 0)
    {
        _firstName = firstName;
        _bytes = bytes;
        FileOffset = fileOffset;
        _structure = structure;
        _budget = budget;
        _end = end;
        _maxLength = maxLength;
        _lastNul = bytes.Span.LastIndexOf((byte)0);
    }

    /// <summary>An empty table (a format that has none yet, e.g. an archive before its "//" member).</summary>
    public static StringTable Empty(string structure) => new(ReadOnlyMemory<byte>.Empty, 0, structure, new NameBudget(0, "table"));

    /// <summary>A table that is the window <paramref name="table"/> of <paramref name="file"/>, its budget a multiple of its size.</summary>
    public static StringTable Of(ReadOnlyMemory<byte> file, EndianReader table) =>
        new(file.Slice((int)table.FileOffset, (int)table.Length), table.FileOffset, table.Structure, new NameBudget(table.Length, "table"));

    /// <summary>Why a lookup failed; made into a problem for the structure that asked.</summary>
    private enum Failure
    {
        Outside,
        Unterminated,
        OverBudget,
    }

    public int Length => _bytes.Length;

    public long FileOffset { get; }

    /// <summary>The table ends with a NUL (as every linker writes it), so every name inside it ends before its end.</summary>
    public bool IsTerminated => _lastNul >= 0 && _lastNul == _bytes.Length - 1;

    private long ScanLimit => (2L * _bytes.Length) + (64 << 10);

    // ---- lookups: charged to the budget, each offset once (unless its caller keeps it: remember) ----

    /// <summary>
    /// The length of the name at <paramref name="offset"/>, found without decoding it; false with the
    /// <paramref name="problem"/> when the offset is outside the table, no terminator follows within
    /// <paramref name="limit"/> bytes (and the maximum length), or the budget is spent.
    /// </summary>
    /// <param name="limit">How many bytes from <paramref name="offset"/> belong to the name's structure (PE: what the section holds).</param>
    /// <param name="structure">The structure to name in a problem, when not the table's own (PE names of many structures share one table).</param>
    /// <param name="referencedAt">Where the offset was read from, for the problem of an offset outside the table; else the table's start.</param>
    /// <param name="offset">Where the name starts, from the table's start.</param>
    /// <param name="length">The name's length in bytes, without its terminator.</param>
    /// <param name="problem">What stops the name from being found; null on success.</param>
    /// <param name="remember">
    /// False for a caller that will not ask for this offset again (a walk over offsets that grow, which
    /// keeps what it found itself): the name is charged as ever but not recorded, so a record sized by a
    /// PE file's thousands of export names is not made twice. Asked again, it is found and charged again.
    /// </param>
    public bool TryFind(long offset, out int length, out ObjectFileProblem? problem, long limit = long.MaxValue, string? structure = null, long? referencedAt = null, bool remember = true)
    {
        problem = null;
        if (_found.TryGet(offset, out length))
        {
            if (length < limit)
            {
                return true;
            }
        }
        else if (_failed.TryGetValue(offset, out var failed) && (failed.Failure != Failure.Unterminated || limit <= failed.Limit))
        {
            problem = Problem(failed.Failure, offset, limit, structure, referencedAt);
            return false;
        }

        length = -1;
        if (Find(offset, limit, out length) is Failure failure)
        {
            _failed[offset] = (failure, limit);
            problem = Problem(failure, offset, limit, structure, referencedAt);
            return false;
        }

        if (remember)
        {
            _found.Add(offset, length);
        }

        return true;
    }

    /// <summary>The name at <paramref name="offset"/>, decoded once; false with the problem as <see cref="TryFind"/>.</summary>
    public bool TryGet(long offset, out string name, out ObjectFileProblem? problem, long limit = long.MaxValue, string? structure = null, long? referencedAt = null)
    {
        if (_decoded.TryGetValue(offset, out name!))
        {
            problem = null;
            return true;
        }

        if (!TryFind(offset, out int length, out problem, limit, structure, referencedAt))
        {
            name = "";
            return false;
        }

        name = Encoding.UTF8.GetString(_bytes.Span.Slice((int)offset, length));
        _decoded[offset] = name;
        return true;
    }

    /// <summary><see cref="TryGet"/> for a name that must be there: one that cannot be read throws its problem (the readers use <see cref="TryGet"/>).</summary>
    public string Get(long offset) =>
        TryGet(offset, out var name, out var problem) ? name : throw new ObjectFileException(problem!);

    private Failure? Find(long offset, long limit, out int length)
    {
        length = -1;
        if (offset < _firstName || offset >= _bytes.Length)
        {
            return Failure.Outside;
        }

        if (_budget.IsSpent)
        {
            return Failure.OverBudget;
        }

        var rest = _bytes.Span[(int)offset..];
        int scan = (int)Math.Min(Math.Min(rest.Length, limit), _maxLength);
        rest = rest[..scan];
        length = _nulIndex is not null && _end == NameEnd.Nul ? Math.Min(NextNul(offset), scan) : End(rest);
        length = length >= scan ? -1 : length;
        if (!_budget.TryCharge(length < 0 ? rest.Length : length + 1))
        {
            return Failure.OverBudget;
        }

        return length < 0 ? Failure.Unterminated : null;
    }

    private int End(ReadOnlySpan<byte> rest) => _end == NameEnd.Nul ? rest.IndexOf((byte)0) : rest.IndexOfAny((byte)'\n', (byte)0);

    private ObjectFileProblem Problem(Failure failure, long offset, long limit, string? structure, long? referencedAt)
    {
        structure ??= _structure;
        long scan = Math.Min(Math.Min(_bytes.Length - offset, limit), _maxLength);
        string terminated = _end == NameEnd.Nul ? "NUL-terminated" : "terminated";
        return failure switch
        {
            Failure.Outside => ObjectFileProblem.Invalid(structure, referencedAt ?? FileOffset, Describe(
                $"name offset 0x{offset:X} is outside the table (size 0x{_bytes.Length:X})")),
            Failure.OverBudget => ObjectFileProblem.Invalid(structure, FileOffset + offset, _budget.Problem),
            _ when scan < _bytes.Length - offset => ObjectFileProblem.Invalid(structure, FileOffset + offset, Describe(
                $"the name is not {terminated} within {scan} bytes")),
            _ => ObjectFileProblem.Invalid(structure, FileOffset + offset, $"the name is not {terminated} before the end of the table"),
        };
    }

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // ---- in place: free, for walks that decode nothing ----

    /// <summary>Whether <paramref name="offset"/> is the start of a string of the table (its first byte, or just after a NUL).</summary>
    public bool StartsString(uint offset) => offset == 0 || (offset < _bytes.Length && _bytes.Span[(int)offset - 1] == 0);

    /// <summary>
    /// Whether <see cref="TryBytes"/> would find a name at <paramref name="offset"/>, without reading it:
    /// a name is terminated exactly when it starts at or before the table's last NUL.
    /// </summary>
    public bool IsReadable(uint offset) => _lastNul >= 0 && offset <= (uint)_lastNul;

    /// <summary>Why there is no name in place at <paramref name="offset"/> (which <see cref="IsReadable"/> says of it).</summary>
    public ObjectFileProblem Unreadable(uint offset) =>
        offset >= _bytes.Length ? Problem(Failure.Outside, offset, long.MaxValue, null, null)
        : IsReadable(offset) ? ObjectFileProblem.General("unreadable symbol name")
        : Problem(Failure.Unterminated, offset, long.MaxValue, null, null);

    /// <summary>
    /// The bytes of the name at <paramref name="offset"/>, without decoding, allocating, charging or
    /// throwing, and whether they are all ASCII; false when the offset is outside the table or the name
    /// runs off its end.
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
        isAscii = Ascii.IsValid(name);
        return true;
    }

    /// <summary>The length of the name at <paramref name="offset"/> from <see cref="_nulIndex"/>, or -1 when no NUL follows it.</summary>
    private int NextNul(long offset)
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
    /// False when lookups that scan this many bytes in all are certain to stay within the budget
    /// <see cref="TryFind"/> enforces; true when they might not (only then must the names be looked up to know).
    /// </summary>
    public bool MightExceedBudget(long totalScanned) => totalScanned > _budget.Total;

    /// <summary>The bytes at [offset, offset + length), which a lookup has already found to be a name.</summary>
    public ReadOnlySpan<byte> Slice(long offset, int length) => _bytes.Span.Slice((int)offset, length);
}
