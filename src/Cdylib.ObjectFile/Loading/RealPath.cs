using System;
using System.IO;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// A path with every symbolic link resolved, directory by directory (what realpath(3) gives): the
/// identity of a file, as a loader compares files by device and inode. A link that cannot be read is
/// kept as it is.
/// </summary>
internal static class RealPath
{
    /// <summary>Symbolic links followed in one path at most (as the kernel's ELOOP limit of 40).</summary>
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        try
        {
            return Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A path that cannot be resolved (a folder that cannot be read) is its own identity.
            return path;
        }
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        int links = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = new FileInfo(next);
            if (info.Exists is false && Directory.Exists(next))
            {
                info = new DirectoryInfo(next);
            }

            if (info.LinkTarget is string target && links++ < MaxLinks)
            {
                // Resolve the target in place of this component, then go on with the components after it.
                string resolved = Path.GetFullPath(target, current);
                var rest = parts[(i + 1)..];
                full = rest.Length == 0 ? resolved : Path.Combine(resolved, Path.Combine(rest));
                root = Path.GetPathRoot(full) ?? "/";
                parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
                current = root;
                i = -1;
                continue;
            }

            current = next;
        }

        return current;
    }
}
