using System.IO;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The target system's root folder: an absolute path of the target (/usr/lib/libz.so.1) is read at the
/// same place under the root; without a root, paths are this machine's own.
/// </summary>
internal sealed record SystemRoot(string? Folder)
{
    /// <summary>Where the target's absolute <paramref name="path"/> is on this machine; relative paths are left as they are.</summary>
    public string Host(string path) =>
        Folder is null || !path.StartsWith('/') ? path : Path.TrimEndingDirectorySeparator(Folder) + path;
}
