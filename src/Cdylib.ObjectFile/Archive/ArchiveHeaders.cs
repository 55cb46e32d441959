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

    public static List<ArchiveEntry> Read(ReadOnlyMemory<byte> memory, List<ObjectFileProblem> warnings)
    {
        var file = new EndianReader(memory.Span, isBigEndian: false, "file");
        var entries = new List<ArchiveEntry>();
        var longNames = new ArchiveNames(ReadOnlyMemory<byte>.Empty, LongNamesStructure);
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
                if (longNames.LongName(reference, offset, out var error) is string longName)
                {
                    name = longName;
                }
                else
                {
                    badNames++;
                    firstBadName ??= error;
                }
            }
            else
            {
                try
                {
                    name = Resolve(rawName, memory, offset, ref dataOffset, ref size, longNames);
                }
                catch (ObjectFileException e)
                {
                    warnings.Add(e.Problem);
                }
            }

            entries.Add(new ArchiveEntry(rawName, name, offset, dataOffset, size));
            if (rawName == "//")
            {
                longNames = new ArchiveNames(memory.Slice((int)dataOffset, (int)size), LongNamesStructure, dataOffset, memory.Length);
            }

            offset = next + (next & 1);
        }

        if (badNames > 0)
        {
            warnings.Add(firstBadName!.WithRepeats(badNames - 1, "member names like it"));
        }

        return entries;
    }

    /// <summary>The member's name; for "#1/NN" also moves the data start past the name.</summary>
    private static string Resolve(string rawName, ReadOnlyMemory<byte> memory, long headerOffset, ref long dataOffset, ref long size, ArchiveNames longNames)
    {
        if (rawName.StartsWith("#1/", StringComparison.Ordinal))
        {
            if (!long.TryParse(rawName.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out long length) || length > size)
            {
                throw ObjectFileException.Invalid(Structure, headerOffset, Describe($"the BSD name length in \"{rawName}\" is not a number or runs past the member (size {size})"));
            }

            var bytes = memory.Span.Slice((int)dataOffset, (int)length);
            int end = bytes.IndexOf((byte)0);
            dataOffset += length;
            size -= length;
            return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        }

        if (rawName.Length > 1 && rawName[0] == '/' && char.IsAsciiDigit(rawName[1]))
        {
            if (!uint.TryParse(rawName.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out uint at))
            {
                throw ObjectFileException.Invalid(Structure, headerOffset, Describe($"the long-name reference \"{rawName}\" is not a number"));
            }

            return longNames.LongName(at, headerOffset, out var error) ?? throw new ObjectFileException(error!);
        }

        // GNU and Microsoft end short names with '/'; the special members keep theirs ("/", "//", "/SYM64/").
        return rawName.Length > 1 && rawName.EndsWith('/') && rawName[0] != '/' ? rawName[..^1] : rawName;
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
