using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace Cdylib.Cli.Projects;

/// <summary>
/// What the user gave a verb that takes a library (<c>exports</c>, <c>imports</c>, <c>deps</c>, <c>headers</c>,
/// <c>check</c>, <c>diff</c>, <c>bindings</c>), turned into the path of a file: a file is used as it is; a project
/// folder (or its .csproj) stands for the library <c>cdylib build</c> laid out in its <c>target/debug/</c> or
/// <c>target/release/</c> for this machine — the newer of the two, or the release one with <c>--release</c>.
/// </summary>
internal static class LibraryArgument
{
    private const string ReleaseHelp = "For a project folder: take the library in target/release/ (default: the newer of target/debug/ and target/release/).";

    /// <summary>The <c>--release</c> option of a verb that takes a library.</summary>
    public static Option<bool> ReleaseOption() => new(ReleaseOptionName) { Description = ReleaseHelp };

    /// <summary>The name of <see cref="ReleaseOption"/>.</summary>
    public const string ReleaseOptionName = "--release";

    /// <summary>What the library argument of such a verb says about the folder form.</summary>
    public const string FolderForm = "A project folder (or its .csproj) stands for the library `cdylib build` wrote into its target/debug/ or target/release/.";

    /// <summary>
    /// The file <paramref name="given"/> stands for, or false and a one-line <paramref name="problem"/> that names
    /// what the user gave: no such file or folder, a folder that is not a project, or a project not built yet.
    /// </summary>
    public static bool TryResolve(string given, bool release, [NotNullWhen(true)] out string? path, [NotNullWhen(false)] out string? problem)
    {
        path = null;
        problem = null;
        bool isFile = File.Exists(given);
        if (isFile && !ProjectFolder.IsProjectFile(given))
        {
            path = given;
            return true;
        }
        if (!isFile && !Directory.Exists(given))
        {
            // "lib.so" was meant as a file; "mylib" may have been a folder.
            problem = Path.HasExtension(given) ? $"{given}: no such file" : $"{given}: no such file or folder";
            return false;
        }
        string? project = ProjectFolder.Find(given, out string? why);
        if (project is null)
        {
            problem = why!;
            return false;
        }

        string root = ProjectFolder.RootAsGiven(given);
        string[] profiles = release ? ["release"] : ["debug", "release"];
        path = profiles
            .SelectMany(profile => BuiltLibraries(Path.Combine(root, "target", profile), Path.GetFileNameWithoutExtension(project)))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        if (path is null)
        {
            problem = release
                ? $"{given} has no release build (no library in {Path.Combine(root, "target", "release")}): run `cdylib build {given} --release`"
                : $"{given} has no built library (none in target/debug/ or target/release/): run `cdylib build {given}`";
            return false;
        }
        return true;
    }

    /// <summary>
    /// The libraries in a build folder: named by each NAME.abi.json the build wrote there (NAME is CdylibName),
    /// and by the project's own name, as libNAME.so, NAME.dll or libNAME.dylib.
    /// </summary>
    private static IEnumerable<string> BuiltLibraries(string folder, string projectName)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        const string AbiSuffix = ".abi.json";
        return Directory.EnumerateFiles(folder, "*" + AbiSuffix)
            .Select(abi => Path.GetFileName(abi)[..^AbiSuffix.Length])
            .Append(projectName)
            .Distinct(StringComparer.Ordinal)
            .SelectMany(name => new[] { $"lib{name}.so", $"{name}.dll", $"lib{name}.dylib" })
            .Select(file => Path.Combine(folder, file))
            .Where(File.Exists);
    }
}
