using System;
using System.Collections.Concurrent;
using System.IO;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The candidate files a search opened, read once each (a library most files need, libc or ntdll, is
/// read once for many trees). A file that cannot be read is remembered with its problem.
/// </summary>
public sealed class LibraryCache
{
    private readonly ConcurrentDictionary<string, BinaryContainer?> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);

    /// <summary>Whether a regular file exists at <paramref name="path"/> (directories and missing files are no candidates).</summary>
    internal static bool Exists(string path) => File.Exists(path);

    /// <summary>The file's images, or null and why it cannot be read as a binary.</summary>
    internal BinaryContainer? Open(string path, out string? problem)
    {
        string key = Path.GetFullPath(path);
        var container = _files.GetOrAdd(key, Read);
        problem = container is null ? (_problems.TryGetValue(key, out var why) ? why : "cannot be read") : null;
        return container;
    }

    private BinaryContainer? Read(string path)
    {
        try
        {
            // Every image is read before the map closes (BinaryContainer.Open), so the cache holds no map.
            return BinaryContainer.Open(path);
        }
        catch (ObjectFileException e)
        {
            _problems[path] = e.Message;
            return null;
        }
    }
}
