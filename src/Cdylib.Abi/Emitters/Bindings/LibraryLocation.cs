using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// Where the native library is, seen from the folder bindings are written to: a relative path with
/// <c>/</c> separators (<c>.</c> when beside the bindings, <c>..</c> for the build's
/// <c>target/PROFILE/bindings/</c>), so the bindings find the library with no copying and no
/// environment variable, and keep finding it when the whole tree moves. Only when the two folders
/// share no root (another drive on Windows) is it an absolute path.
/// </summary>
public sealed record LibraryLocation
{
    private LibraryLocation(string folder) => Folder = folder;

    /// <summary>The library's folder relative to the bindings' folder (or, across roots, absolute), <c>/</c>-separated.</summary>
    public string Folder { get; }

    /// <summary>The library is in the bindings' own folder.</summary>
    public static LibraryLocation Beside { get; } = new(".");

    public bool IsBeside => Folder == ".";

    /// <summary>The location of <paramref name="libraryFolder"/> seen from <paramref name="bindingsFolder"/> (both made absolute first).</summary>
    public static LibraryLocation Between(string bindingsFolder, string libraryFolder) =>
        new(Relative(Path.GetFullPath(bindingsFolder), Path.GetFullPath(libraryFolder)));

    /// <summary>
    /// The same location seen from <paramref name="subfolder"/>, a folder inside the bindings' folder
    /// (a Rust crate's own folder): one <c>..</c> per level in front.
    /// </summary>
    public LibraryLocation From(string subfolder)
    {
        if (IsAbsolute(Folder))
        {
            return this;
        }
        int depth = subfolder.Split('/', '\\').Count(part => part.Length > 0 && part != ".");
        var parts = Enumerable.Repeat("..", depth).Concat(Folder.Split('/').Where(part => part != "."));
        string folder = string.Join("/", parts);
        return new LibraryLocation(folder.Length == 0 ? "." : folder);
    }

    public override string ToString() => Folder;

    // Path.GetRelativePath is not in netstandard2.0: common leading segments dropped, one ".." per
    // remaining segment of the start, then the rest of the target.
    private static string Relative(string from, string to)
    {
        StringComparison comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string[] fromParts = Segments(from);
        string[] toParts = Segments(to);
        if (!string.Equals(Path.GetPathRoot(from), Path.GetPathRoot(to), comparison))
        {
            return to.Replace('\\', '/');
        }
        int common = 0;
        while (common < fromParts.Length && common < toParts.Length && string.Equals(fromParts[common], toParts[common], comparison))
        {
            common++;
        }
        var parts = new List<string>(Enumerable.Repeat("..", fromParts.Length - common));
        parts.AddRange(toParts.Skip(common));
        return parts.Count == 0 ? "." : string.Join("/", parts);
    }

    private static string[] Segments(string path) =>
        path.Substring(Path.GetPathRoot(path)!.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);

    private static bool IsAbsolute(string folder) => folder.StartsWith("/", StringComparison.Ordinal) || (folder.Length > 1 && folder[1] == ':');
}
