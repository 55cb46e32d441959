using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// NUL-terminated names at RVAs (DLL names, export and import names, forwarder strings), decoded as
/// UTF-8 on demand.
/// </summary>
/// <remarks>
/// Work and memory stay proportional to the file: each RVA is decoded once, a name is looked for in at
/// most <see cref="MaxLength"/> bytes, and every byte scanned (found or not) is charged to a budget of
/// a multiple of the file size. Hostile tables whose thousands of entries point into one long run
/// without a NUL would otherwise cost gigabytes or hours.
/// </remarks>
internal sealed class PeStrings
{
    /// <summary>Longer than any real symbol name (MSVC truncates decorated names at 4 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    private readonly ReadOnlyMemory<byte> _file;
    private readonly PeAddressMap _addresses;
    private readonly Dictionary<uint, string> _decoded = [];
    private readonly Dictionary<uint, (long FileOffset, int Length)> _found = [];
    private readonly NameBudget _budget;

    public PeStrings(ReadOnlyMemory<byte> file, PeAddressMap addresses)
    {
        _file = file;
        _addresses = addresses;
        _budget = new NameBudget(file.Length, "file");
    }

    /// <summary>The name at <paramref name="rva"/>, or an error naming <paramref name="structure"/> and the offset of the name (or of the field that points to it).</summary>
    public string Get(uint rva, string structure, long referencedAt)
    {
        if (_decoded.TryGetValue(rva, out var cached))
        {
            return cached;
        }

        var (offset, length) = Find(rva, structure, referencedAt);
        var name = Encoding.UTF8.GetString(_file.Span.Slice((int)offset, length));
        _decoded[rva] = name;
        return name;
    }

    /// <summary>
    /// Where the name at <paramref name="rva"/> lies in the file, without decoding it: what the export
    /// tables keep so that a name is decoded only when asked for. Errors as <see cref="Get"/>.
    /// </summary>
    public (long FileOffset, int Length) Find(uint rva, string structure, long referencedAt)
    {
        if (_found.TryGetValue(rva, out var cached))
        {
            return cached;
        }

        var file = new EndianReader(_file.Span, isBigEndian: false, "file");
        var window = _addresses.MapAvailable(file, rva, MaxLength, structure, referencedAt);
        if (_budget.IsSpent)
        {
            throw ObjectFileException.Invalid(structure, window.FileOffset, _budget.Problem);
        }

        int length = window.Span.IndexOf((byte)0);
        if (!_budget.TryCharge(length < 0 ? window.Length : length + 1))
        {
            throw ObjectFileException.Invalid(structure, window.FileOffset, _budget.Problem);
        }

        if (length < 0)
        {
            throw ObjectFileException.Invalid(structure, window.FileOffset, string.Create(CultureInfo.InvariantCulture,
                $"the name at RVA 0x{rva:X} is not NUL-terminated within {window.Length} bytes"));
        }

        var found = (window.FileOffset, length);
        _found[rva] = found;
        return found;
    }
}
