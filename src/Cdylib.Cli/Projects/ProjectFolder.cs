namespace Cdylib.Cli.Projects;

/// <summary>
/// The project a folder holds, or a .csproj named directly: what <c>cdylib build [DIR]</c> builds, and
/// where every verb that takes a library finds the library that build laid out.
/// </summary>
internal static class ProjectFolder
{
    /// <summary>True when <paramref name="path"/> names a project file rather than a folder or a binary.</summary>
    public static bool IsProjectFile(string path) => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The full path of the .csproj <paramref name="location"/> names: the file itself, or the one .csproj in the
    /// folder. Null, with a one-line reason that names <paramref name="location"/> as the user gave it, when there
    /// is no such file or folder, or the folder holds no project or several.
    /// </summary>
    public static string? Find(string location, out string? why)
    {
        why = null;
        if (File.Exists(location) && IsProjectFile(location))
        {
            return Path.GetFullPath(location);
        }
        if (!Directory.Exists(location))
        {
            why = File.Exists(location)
                ? $"{location} is neither a project folder nor a .csproj file"
                : $"{location}: no such file or folder";
            return null;
        }
        string[] projects = Directory.GetFiles(location, "*.csproj");
        if (projects.Length == 1)
        {
            return Path.GetFullPath(projects[0]);
        }
        why = projects.Length == 0
            ? $"{location} has no .csproj file: it is not a project folder (`cdylib new NAME` makes one)"
            : $"{location} has {projects.Length} .csproj files; name the one you mean ({Path.Combine(location, Path.GetFileName(projects.Order(StringComparer.Ordinal).First()))})";
        return null;
    }

    /// <summary>The folder of the project <paramref name="location"/> names, spelt from what the user gave (relative stays relative).</summary>
    public static string RootAsGiven(string location) =>
        File.Exists(location) && IsProjectFile(location) ? Path.GetDirectoryName(location) is { Length: > 0 } folder ? folder : "." : location;
}
