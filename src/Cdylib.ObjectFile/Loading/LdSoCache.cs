using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// /etc/ld.so.cache as glibc's ld.so reads it (elf/dl-cache.c, sysdeps/generic/dl-cache.h): the library
/// names ldconfig found, each with its path and flags saying which ABI it is for. Both layouts are read:
/// the old "ld.so-1.7.0" table (12-byte entries, strings after the table) and the new
/// "glibc-ld.so.cache1.1" one (24-byte entries with hwcaps, string offsets from its own header), which
/// older ldconfig versions append to the old one and current ones write alone.
/// </summary>
internal sealed class LdSoCache
{
    private const string OldMagic = "ld.so-1.7.0";
    private const string NewMagic = "glibc-ld.so.cache1.1";

    /// <summary>Bits 62 and 63 of an entry's hwcap: the entry is for a glibc-hwcaps subdirectory, taken only on CPUs with that level.</summary>
    private const ulong HwcapExtension = 1UL << 62;

    private readonly List<(string Key, int Flags, string Path, ulong Hwcap)> _entries = [];

    private LdSoCache(string format) => Format = format;

    /// <summary>Which layout the entries came from: "glibc-ld.so.cache1.1" or "ld.so-1.7.0".</summary>
    public string Format { get; }

    /// <summary>The entries read.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The path the cache gives for <paramref name="name"/> for a file of <paramref name="abiFlags"/>
    /// (<see cref="ElfAbi.CacheFlags"/>), as ld.so picks it: the first entry with that name whose flags are
    /// the machine's or plain ELF (1); entries for glibc-hwcaps subdirectories are left out (which
    /// one ld.so takes depends on the CPU it runs on).
    /// </summary>
    public string? Find(string name, int abiFlags)
    {
        foreach (var (key, flags, path, hwcap) in _entries)
        {
            if ((flags == abiFlags || flags == 1) && (hwcap & HwcapExtension) == 0 && key == name)
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Reads the cache file; null and why when it is missing or not a cache.</summary>
    public static LdSoCache? Read(string path, out string? problem)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: {e.Message}";
            return null;
        }

        problem = null;
        if (StartsWith(data, 0, NewMagic))
        {
            return ReadNew(data, 0, out problem);
        }

        if (!StartsWith(data, 0, OldMagic) || data.Length < 16)
        {
            problem = $"{path}: not an ld.so cache (neither \"{NewMagic}\" nor \"{OldMagic}\")";
            return null;
        }

        // The old header: magic (12 bytes with padding), nlibs; entries of flags, key, value; then the strings,
        // which the offsets count from. A new table may follow the old entries, 8-byte aligned.
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(12));
        long entriesEnd = 16 + (long)count * 12;
        if (entriesEnd > data.Length)
        {
            problem = $"{path}: the old table's {count} entries pass the end of the file";
            return null;
        }

        long aligned = (entriesEnd + 7) & ~7L;
        if (aligned < data.Length && StartsWith(data, (int)aligned, NewMagic))
        {
            return ReadNew(data, (int)aligned, out problem);
        }

        var cache = new LdSoCache(OldMagic);
        for (long i = 0; i < count; i++)
        {
            var entry = data.AsSpan((int)(16 + i * 12), 12);
            int flags = BinaryPrimitives.ReadInt32LittleEndian(entry);
            string? key = String(data, entriesEnd, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
            string? value = String(data, entriesEnd, BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]));
            if (key is not null && value is not null)
            {
                cache._entries.Add((key, flags, value, 0));
            }
        }

        return cache;
    }

    /// <summary>The new header at <paramref name="start"/>: magic and version (20 bytes), nlibs, len_strings, flags, 3 padding bytes, extension offset, 3 unused words (48 bytes); then 24-byte entries.</summary>
    private static LdSoCache? ReadNew(byte[] data, int start, out string? problem)
    {
        problem = null;
        if (data.Length - start < 48)
        {
            problem = "the ld.so cache header is truncated";
            return null;
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(start + 20));
        long entries = start + 48;
        if (entries + (long)count * 24 > data.Length)
        {
            problem = $"the ld.so cache's {count} entries pass the end of the file";
            return null;
        }

        var cache = new LdSoCache(NewMagic);
        for (long i = 0; i < count; i++)
        {
            var entry = data.AsSpan((int)(entries + i * 24), 24);
            int flags = BinaryPrimitives.ReadInt32LittleEndian(entry);
            string? key = String(data, start, BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
            string? value = String(data, start, BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]));
            ulong hwcap = BinaryPrimitives.ReadUInt64LittleEndian(entry[16..]);
            if (key is not null && value is not null)
            {
                cache._entries.Add((key, flags, value, hwcap));
            }
        }

        return cache;
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> from <paramref name="origin"/>; null when it lies outside the file or has no end.</summary>
    private static string? String(byte[] data, long origin, uint offset)
    {
        long at = origin + offset;
        if (at < 0 || at >= data.Length)
        {
            return null;
        }

        int length = data.AsSpan((int)at).IndexOf((byte)0);
        return length < 0 ? null : Encoding.UTF8.GetString(data, (int)at, length);
    }

    private static bool StartsWith(byte[] data, int at, string magic) =>
        data.Length - at >= magic.Length && data.AsSpan(at, magic.Length).SequenceEqual(Encoding.ASCII.GetBytes(magic));
}
