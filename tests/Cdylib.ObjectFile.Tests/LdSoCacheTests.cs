using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// The ld.so.cache reader: this machine's cache against <c>ldconfig -p</c> (which prints it entry by
/// entry), and caches written here in the old "ld.so-1.7.0" layout, alone and with the new table after it.
/// </summary>
public sealed class LdSoCacheTests : IDisposable
{
    private const int X8664 = 0x0303;
    private readonly string _folder = Directory.CreateTempSubdirectory("cdylib-ldsocache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void This_machines_cache_gives_for_each_name_the_path_ldconfig_lists_first_for_x86_64()
    {
        var cache = LdSoCache.Read("/etc/ld.so.cache", out var problem);
        Assert.True(cache is not null, problem);

        // "	libz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1"; ld.so takes the first entry of a name for its ABI.
        var listed = ProcessRunner.Run("ldconfig", ["-p"]).Output.Split('\n').Skip(1)
            .Select(line => Regex.Match(line, @"^\t(\S+) \(([^)]*)\) => (.+)$")).Where(m => m.Success)
            .Select(m => (Name: m.Groups[1].Value, Flags: m.Groups[2].Value, Path: m.Groups[3].Value)).ToList();
        Assert.Equal(listed.Count, cache.Count);
        var expected = listed.Where(e => e.Flags is "libc6,x86-64" or "ELF").GroupBy(e => e.Name).Select(g => (g.Key, g.First().Path)).ToList();
        Assert.True(expected.Count > 100, $"only {expected.Count} x86-64 names in the cache");
        Assert.All(expected, e => Assert.Equal(e.Path, cache.Find(e.Key, X8664)));
        Assert.Null(cache.Find("libnot-in-the-cache.so.1", X8664));
    }

    [Fact]
    public void The_old_layout_is_read_alone_and_the_new_table_after_it_is_preferred()
    {
        string old = Path.Combine(_folder, "old.cache");
        File.WriteAllBytes(old, OldLayout(("libold.so.1", X8664, "/opt/old/libold.so.1"), ("libold.so.1", 0x0003, "/opt/old32/libold.so.1")));
        var oldCache = LdSoCache.Read(old, out _)!;
        Assert.Equal("ld.so-1.7.0", oldCache.Format);
        Assert.Equal("/opt/old/libold.so.1", oldCache.Find("libold.so.1", X8664));
        Assert.Equal("/opt/old32/libold.so.1", oldCache.Find("libold.so.1", 0x0003));

        // Older ldconfig wrote both: the old table, then (8-byte aligned) the new one, which ld.so reads.
        byte[] both = [.. OldLayout(withStrings: false, ("libboth.so", X8664, "/old/libboth.so")), .. NewLayout(("libboth.so", X8664, "/new/libboth.so"))];
        string combined = Path.Combine(_folder, "both.cache");
        File.WriteAllBytes(combined, both);
        var bothCache = LdSoCache.Read(combined, out _)!;
        Assert.Equal("glibc-ld.so.cache1.1", bothCache.Format);
        Assert.Equal("/new/libboth.so", bothCache.Find("libboth.so", X8664));

        File.WriteAllText(Path.Combine(_folder, "bad.cache"), "not a cache");
        Assert.Null(LdSoCache.Read(Path.Combine(_folder, "bad.cache"), out var problem));
        Assert.Contains("not an ld.so cache", problem, StringComparison.Ordinal);
    }

    /// <summary>
    /// "ld.so-1.7.0" and a NUL (12 bytes), nlibs, 12-byte entries (flags, key, value), padded to 8 bytes, then
    /// the strings the offsets count from — left out when a new table follows (its strings are the ones read).
    /// </summary>
    private static byte[] OldLayout(params (string Key, int Flags, string Path)[] entries) => OldLayout(withStrings: true, entries);

    private static byte[] OldLayout(bool withStrings, params (string Key, int Flags, string Path)[] entries)
    {
        var strings = new List<byte>();
        var table = new List<byte>();
        foreach (var (key, flags, path) in entries)
        {
            table.AddRange(BitConverter.GetBytes(flags));
            table.AddRange(BitConverter.GetBytes(strings.Count));
            strings.AddRange(Encoding.ASCII.GetBytes(key + "\0"));
            table.AddRange(BitConverter.GetBytes(strings.Count));
            strings.AddRange(Encoding.ASCII.GetBytes(path + "\0"));
        }

        byte[] header = [.. Encoding.ASCII.GetBytes("ld.so-1.7.0\0"), .. BitConverter.GetBytes(entries.Length)];
        var data = new List<byte>([.. header, .. table]);
        while (data.Count % 8 != 0)
        {
            data.Add(0);
        }

        return withStrings ? [.. data, .. strings] : [.. data];
    }

    /// <summary>The new header (48 bytes), 24-byte entries (flags, key, value, osversion, hwcap), strings counted from the header.</summary>
    private static byte[] NewLayout(params (string Key, int Flags, string Path)[] entries)
    {
        int stringsAt = 48 + entries.Length * 24;
        var strings = new List<byte>();
        var table = new List<byte>();
        foreach (var (key, flags, path) in entries)
        {
            table.AddRange(BitConverter.GetBytes(flags));
            table.AddRange(BitConverter.GetBytes(stringsAt + strings.Count));
            strings.AddRange(Encoding.ASCII.GetBytes(key + "\0"));
            table.AddRange(BitConverter.GetBytes(stringsAt + strings.Count));
            strings.AddRange(Encoding.ASCII.GetBytes(path + "\0"));
            table.AddRange(new byte[12]);
        }

        byte[] header = [.. Encoding.ASCII.GetBytes("glibc-ld.so.cache1.1"), .. BitConverter.GetBytes(entries.Length), .. BitConverter.GetBytes(strings.Count), .. new byte[20]];
        return [.. header, .. table, .. strings];
    }
}
