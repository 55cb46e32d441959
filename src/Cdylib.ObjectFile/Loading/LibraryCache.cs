using System;
using System.Collections.Concurrent;
using System.IO;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The candidate files a search opened, each mapped and parsed once (a library most files need, libc or
/// ntdll, is read once for many trees). A library's symbol tables are read from its map only when an
/// import is resolved, so the maps stay open until the cache is disposed: the trees built with it are
/// usable until then. A file that cannot be read is remembered with its problem.
/// </summary>
public sealed class LibraryCache : IDisposable
{
    private readonly ConcurrentDictionary<string, BinaryContainer?> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<MappedFile> _maps = [];

    /// <summary>Whether a regular file exists at <paramref name="path"/> (directories and missing files are no candidates).</summary>
    internal static bool Exists(string path) => File.Exists(path);

    /// <summary>The file's (first) image, read through the cache: symbol tables stay in the map until asked for.</summary>
    /// <exception cref="ObjectFileException">The file cannot be read or is not a supported binary.</exception>
    public BinaryFile Read(string path) =>
        Open(path, out var problem) is { } container ? container.Images[0].Read() : throw new ObjectFileException(problem ?? "cannot be read");

    /// <summary>The file's images, or null and why it cannot be read as a binary.</summary>
    internal BinaryContainer? Open(string path, out string? problem)
    {
        string key = Path.GetFullPath(path);
        var container = _files.GetOrAdd(key, Map);
        problem = container is null ? (_problems.TryGetValue(key, out var why) ? why : "cannot be read") : null;
        return container;
    }

    /// <summary>Closes every map: the libraries of trees built with this cache must not be used after.</summary>
    public void Dispose()
    {
        while (_maps.TryTake(out var map))
        {
            map.Dispose();
        }
    }

    private BinaryContainer? Map(string path)
    {
        MappedFile? map = null;
        try
        {
            map = MappedFile.Open(path);
            var container = BinaryContainer.Parse(map.Memory, path);
            _maps.Add(map);
            return container;
        }
        catch (ObjectFileException e)
        {
            map?.Dispose();
            _problems[path] = e.Message;
            return null;
        }
    }
}
