using System;
using System.Collections.Generic;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Archive;

/// <summary>
/// The archive's symbol index, which linkers read instead of every member: the System V / GNU "/"
/// (big-endian count, member offsets, then the names; Microsoft's first linker member is the same),
/// GNU "/SYM64/" (the same with 64-bit numbers) and BSD "__.SYMDEF" / "__.SYMDEF SORTED" (ranlib
/// entries of name offset and member offset, little- or big-endian as the target).
/// </summary>
/// <remarks>Counts are capped by what the member can hold; a name area cut short ends the list with a warning.</remarks>
internal static class ArchiveSymbolIndex
{
    public const string Structure = "ar symbol index";

    public static bool IsIndex(string rawName) =>
        rawName is "/" or "/SYM64/" or "/<ECSYMBOLS>/" || rawName.StartsWith("__.SYMDEF", StringComparison.Ordinal);

    /// <summary>
    /// Microsoft's second linker member: member count and offsets, symbol count, a 1-based member index
    /// per symbol, then the names sorted (all little-endian). llvm and link.exe read it in preference to
    /// the first.
    /// </summary>
    public static List<ArchiveSymbol> Microsoft(ReadOnlyMemory<byte> memory, ArchiveEntry entry, List<ObjectFileProblem> warnings)
    {
        var data = memory.Slice((int)entry.DataOffset, (int)entry.Size);
        var index = new EndianReader(data.Span, isBigEndian: false, Structure, entry.DataOffset);
        long members = Math.Min(index.U32(0), (index.Length - 4) / 4);
        long countAt = 4 + (members * 4);
        long count = index.U32(countAt);
        long fits = (index.Length - countAt - 4) / 2;
        if (count > fits)
        {
            warnings.Add(index.Problem(countAt, string.Create(CultureInfo.InvariantCulture, $"{count} symbols cannot fit in {index.Length} bytes; {fits} are read")));
            count = fits;
        }

        long namesAt = countAt + 4 + (count * 2);
        var names = data.Span[(int)namesAt..];
        var symbols = new List<ArchiveSymbol>();
        int at = 0;
        for (long i = 0; i < count; i++)
        {
            int length = names[at..].IndexOf((byte)0);
            if (length < 0)
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, entry.DataOffset + namesAt + at, string.Create(CultureInfo.InvariantCulture,
                    $"the name area ends inside symbol {i} of {count}; {i} symbols are read")));
                break;
            }

            ushort member = index.U16(countAt + 4 + (i * 2));
            long offset = member >= 1 && member <= members ? index.U32(4 + ((member - 1) * 4L)) : -1;
            symbols.Add(new ArchiveSymbol(System.Text.Encoding.UTF8.GetString(names.Slice(at, length)), offset));
            at += length + 1;
        }

        return symbols;
    }

    /// <summary>The symbols of the index member <paramref name="entry"/>; throws for a header that cannot be read.</summary>
    public static List<ArchiveSymbol> Read(ReadOnlyMemory<byte> memory, ArchiveEntry entry, List<ObjectFileProblem> warnings)
    {
        var data = memory.Slice((int)entry.DataOffset, (int)entry.Size);
        return entry.Name switch
        {
            "/" => SystemV(data, entry.DataOffset, wordSize: 4, warnings),
            "/SYM64/" => SystemV(data, entry.DataOffset, wordSize: 8, warnings),
            "__.SYMDEF" or "__.SYMDEF SORTED" => Bsd(data, entry.DataOffset, warnings),
            _ => [],
        };
    }

    private static List<ArchiveSymbol> SystemV(ReadOnlyMemory<byte> data, long fileOffset, int wordSize, List<ObjectFileProblem> warnings)
    {
        var index = new EndianReader(data.Span, isBigEndian: true, Structure, fileOffset);
        ulong count = index.Word(0, wordSize == 8);
        ulong fits = (ulong)Math.Max(0, (index.Length - wordSize) / wordSize);
        if (count > fits)
        {
            warnings.Add(index.Problem(0, string.Create(CultureInfo.InvariantCulture, $"{count} symbols cannot fit in {index.Length} bytes; {fits} are read")));
            count = fits;
        }

        // The names follow in index order, each NUL-terminated: one forward scan.
        long namesAt = wordSize + ((long)count * wordSize);
        var names = data.Span[(int)namesAt..];
        var symbols = new List<ArchiveSymbol>();
        int at = 0;
        for (long i = 0; i < (long)count; i++)
        {
            long member = Saturating.ToLong(index.Word(wordSize + (i * wordSize), wordSize == 8));
            int length = names[at..].IndexOf((byte)0);
            if (length < 0)
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, fileOffset + namesAt + at, string.Create(CultureInfo.InvariantCulture,
                    $"the name area ends inside symbol {i} of {count}; {i} symbols are read")));
                break;
            }

            symbols.Add(new ArchiveSymbol(System.Text.Encoding.UTF8.GetString(names.Slice(at, length)), member));
            at += length + 1;
        }

        return symbols;
    }

    private static List<ArchiveSymbol> Bsd(ReadOnlyMemory<byte> data, long fileOffset, List<ObjectFileProblem> warnings)
    {
        // The ranlib array's byte size comes first; a plausible little-endian size decides the byte order.
        var little = new EndianReader(data.Span, isBigEndian: false, Structure, fileOffset);
        uint size = little.U32(0);
        var index = size % 8 == 0 && size <= little.Length - 4 ? little : new EndianReader(data.Span, isBigEndian: true, Structure, fileOffset);
        size = index.U32(0);
        long fits = index.Length - 4;
        if (size > fits || size % 8 != 0)
        {
            warnings.Add(index.Problem(0, string.Create(CultureInfo.InvariantCulture, $"the ranlib array's size {size} is not a multiple of 8 that fits in {index.Length} bytes")));
            size = (uint)Math.Max(0, fits - (fits % 8));
        }

        long stringsAt = 4 + size;
        long stringsSize = index.Contains(stringsAt, 4) ? index.U32(stringsAt) : 0;
        stringsAt += 4;
        if (!index.Contains(stringsAt, stringsSize))
        {
            warnings.Add(index.Problem(4 + size, string.Create(CultureInfo.InvariantCulture, $"the string area's size {stringsSize} runs past the member")));
            stringsSize = Math.Max(0, index.Length - stringsAt);
        }

        var names = stringsAt <= data.Length
            ? new StringTable(data.Slice((int)stringsAt, (int)stringsSize), fileOffset + stringsAt, Structure, new NameBudget(data.Length, "file"), NameEnd.Nul, ArchiveHeaders.MaxNameLength)
            : StringTable.Empty(Structure);
        var symbols = new List<ArchiveSymbol>();
        int bad = 0;
        ObjectFileProblem? first = null;
        for (long at = 4; at < 4 + size; at += 8)
        {
            if (names.TryGet(index.U32(at), out string name, out var problem, referencedAt: fileOffset + at))
            {
                symbols.Add(new ArchiveSymbol(name, index.U32(at + 4)));
            }
            else
            {
                bad++;
                first ??= problem;
            }
        }

        if (bad > 0)
        {
            warnings.Add(first!.WithRepeats(bad - 1, "like it"));
        }

        return symbols;
    }
}
