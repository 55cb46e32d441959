using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Archive;

/// <summary>A member header as read: the name as stored and resolved, and where the data is.</summary>
internal sealed record ArchiveEntry(string RawName, string Name, long HeaderOffset, long DataOffset, long Size);

/// <summary>
/// Walks the 60-byte member headers of an ar archive (name[16] date[12] uid[6] gid[6] mode[8]
/// size[10] "`\n", data 2-byte aligned) and resolves the names: GNU "name/", "/123" references into
/// the "//" long-name table, BSD "#1/NN" names stored before the data.
/// </summary>
/// <remarks>
/// Each step moves at least one header forward, so the walk ends. A header that cannot be read ends
/// it with a warning (what came before is kept); a member whose size runs past the file is cut to
/// what the file holds, with a warning.
/// </remarks>
internal static class ArchiveHeaders
{
    public const string Structure = "ar member header";
    public const int GlobalHeaderSize = 8;
    public const int HeaderSize = 60;
    private const string LongNamesStructure = "ar long-name table";

    /// <summary>Longer than any real member or symbol name.</summary>
    public const int MaxNameLength = 64 * 1024;

    public static List<ArchiveEntry> Read(ReadOnlyMemory<byte> memory, List<ObjectFileProblem> warnings)
    {
        var file = new EndianReader(memory.Span, isBigEndian: false, "file");
        var entries = new List<ArchiveEntry>();
        var longNames = StringTable.Empty(LongNamesStructure);
        long offset = GlobalHeaderSize;
        int badNames = 0;
        ObjectFileProblem? firstBadName = null;
        while (offset < file.Length)
        {
            if (file.Length - offset < HeaderSize)
            {
                // Some archivers pad the end with newlines.
                if (file.Span[(int)offset..].IndexOfAnyExcept((byte)'\n') >= 0)
                {
                    warnings.Add(ObjectFileProblem.Invalid(Structure, offset, Describe($"the file ends inside the header ({file.Length - offset} of {HeaderSize} bytes)")));
                }

                break;
            }

            var header = file.Slice(offset, HeaderSize, Structure);
            if (header.Span[58] != '`' || header.Span[59] != '\n')
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, offset, "the header does not end with \"`\\n\"; the rest of the archive is not read"));
                break;
            }

            if (!TryDecimal(header.Span.Slice(48, 10), out long size))
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, offset + 48, "the size field is not a decimal number; the rest of the archive is not read"));
                break;
            }

            long dataOffset = offset + HeaderSize;
            long next = Saturating.Add(dataOffset, size);
            if (size > file.Length - dataOffset)
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, offset, Describe($"the member's size {size} runs past the end of the file; {file.Length - dataOffset} bytes are read")));
                size = file.Length - dataOffset;
            }

            string rawName = Encoding.UTF8.GetString(header.Span[..16]).TrimEnd(' ');
            string name = rawName;
            if (rawName.Length > 1 && rawName[0] == '/' && char.IsAsciiDigit(rawName[1])
                && uint.TryParse(rawName.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out uint reference))
            {
                // The common hostile case, without an exception per member: many members naming one bad entry.
                if (TryLongName(longNames, reference, offset, out string longName, out var problem))
                {
                    name = longName;
                }
                else
                {
                    badNames++;
                    firstBadName ??= problem;
                }
            }
            else if (TryResolve(rawName, memory, offset, ref dataOffset, ref size, longNames, out string resolved, out var problem))
            {
                name = resolved;
            }
            else
            {
                warnings.Add(problem!);
            }

            entries.Add(new ArchiveEntry(rawName, name, offset, dataOffset, size));
            if (rawName == "//")
            {
                longNames = Names(memory, dataOffset, size, LongNamesStructure, NameEnd.NewlineOrNul);
            }

            offset = next + (next & 1);
        }

        if (badNames > 0)
        {
            warnings.Add(firstBadName!.WithRepeats(badNames - 1, "member names like it"));
        }

        return entries;
    }

    /// <summary>
    /// The names of a "//" long-name table (entries end with "/\n", "\n" or NUL) or of a symbol index's
    /// string area (NUL): at most <see cref="MaxNameLength"/> bytes each, every byte scanned charged to a
    /// budget of a multiple of the archive's size.
    /// </summary>
    private static StringTable Names(ReadOnlyMemory<byte> archive, long offset, long size, string structure, NameEnd end) =>
        new(archive.Slice((int)offset, (int)size), offset, structure, new NameBudget(archive.Length, "file"), end, MaxNameLength);

    /// <summary>A "//" entry without its trailing '/'; false with the problem when it cannot be read (each failure is remembered: thousands of members may name one bad entry).</summary>
    private static bool TryLongName(StringTable longNames, long offset, long referencedAt, out string name, out ObjectFileProblem? problem)
    {
        if (!longNames.TryGet(offset, out name, out problem, referencedAt: referencedAt))
        {
            return false;
        }

        name = name.EndsWith('/') ? name[..^1] : name;
        return true;
    }

    /// <summary>The member's name; for "#1/NN" also moves the data start past the name. False with the problem when the name cannot be read.</summary>
    private static bool TryResolve(string rawName, ReadOnlyMemory<byte> memory, long headerOffset, ref long dataOffset, ref long size, StringTable longNames, out string name, out ObjectFileProblem? problem)
    {
        problem = null;
        name = rawName;
        if (rawName.StartsWith("#1/", StringComparison.Ordinal))
        {
            if (!long.TryParse(rawName.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out long length) || length > size)
            {
                problem = ObjectFileProblem.Invalid(Structure, headerOffset, Describe($"the BSD name length in \"{rawName}\" is not a number or runs past the member (size {size})"));
                return false;
            }

            var bytes = memory.Span.Slice((int)dataOffset, (int)length);
            int end = bytes.IndexOf((byte)0);
            dataOffset += length;
            size -= length;
            name = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
            return true;
        }

        if (rawName.Length > 1 && rawName[0] == '/' && char.IsAsciiDigit(rawName[1]))
        {
            if (!uint.TryParse(rawName.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out uint at))
            {
                problem = ObjectFileProblem.Invalid(Structure, headerOffset, Describe($"the long-name reference \"{rawName}\" is not a number"));
                return false;
            }

            return TryLongName(longNames, at, headerOffset, out name, out problem);
        }

        // GNU and Microsoft end short names with '/'; the special members keep theirs ("/", "//", "/SYM64/").
        name = rawName.Length > 1 && rawName.EndsWith('/') && rawName[0] != '/' ? rawName[..^1] : rawName;
        return true;
    }

    private static bool TryDecimal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var digits = field.TrimEnd((byte)' ');
        if (digits.IsEmpty || digits.Length > 10)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
