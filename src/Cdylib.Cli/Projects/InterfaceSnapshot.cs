using Cdylib.Abi.Checks;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;
using Cdylib.Cli.Checks;

namespace Cdylib.Cli.Projects;

/// <summary>
/// What a built library shows the world: its exported names and the libraries it needs. Taken
/// before and after a build, so <c>cdylib build</c> can say when either changed — a change users
/// of the library must hear about.
/// </summary>
internal sealed record InterfaceSnapshot(string Library, IReadOnlySet<string> Exports, IReadOnlySet<string> Needs)
{
    private static readonly string[] LibraryExtensions = { ".so", ".dll", ".dylib" };

    /// <summary>The native libraries in <paramref name="directory"/> (not their .dbg companions).</summary>
    public static IEnumerable<string> LibrariesIn(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(file => LibraryExtensions.Contains(Path.GetExtension(file))).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    /// <summary>
    /// The snapshot of <paramref name="library"/>, or null when it or one of its images cannot be read. A fat
    /// Mach-O file's names are taken from every slice: one a slice lacks is kept as "NAME (ARCH, …)", the
    /// slices that have it, so that a slice losing it is a change too.
    /// </summary>
    public static InterfaceSnapshot? Of(string library)
    {
        IReadOnlyList<LibraryImage> images;
        try
        {
            images = LibraryImages.Read(library, sourceNames: false);
        }
        catch (CheckException)
        {
            return null;
        }
        return new InterfaceSnapshot(Path.GetFileName(library), Merge(images, image => image.Names), Merge(images, image => image.Needs));
    }

    private static HashSet<string> Merge(IReadOnlyList<LibraryImage> images, Func<LibraryImage, IReadOnlySet<string>> names) =>
        images.SelectMany(names).Distinct(StringComparer.Ordinal)
            .Select(name => LibraryImages.Where(images, image => names(image).Contains(name)) is { Length: > 0 } where ? $"{name} ({where})" : name)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>One line per kind of change since <paramref name="before"/>; none when nothing changed.</summary>
    public IEnumerable<string> ChangesSince(InterfaceSnapshot before)
    {
        if (Describe(before.Exports, Exports) is { } exports)
        {
            yield return $"the export table of {Library} changed: {exports}";
        }
        if (Describe(before.Needs, Needs) is { } needs)
        {
            yield return $"the libraries {Library} needs changed: {needs}";
        }
    }

    /// <summary>The ABI files in <paramref name="directory"/> (NAME.abi.json) and what they declare; unreadable ones are left out.</summary>
    public static IReadOnlyDictionary<string, AbiLibrary> AbiFilesIn(string directory)
    {
        var files = new Dictionary<string, AbiLibrary>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return files;
        }
        foreach (string file in Directory.EnumerateFiles(directory, "*.abi.json").Order(StringComparer.Ordinal))
        {
            try
            {
                files[Path.GetFileName(file)] = AbiJson.Read(File.ReadAllText(file));
            }
            catch (Exception problem) when (problem is IOException or FormatException or UnauthorizedAccessException)
            {
                // Not ours to judge here: cdylib check and diff say what is wrong with it.
            }
        }
        return files;
    }

    /// <summary>
    /// One line per ABI file whose interface broke since the previous build while its ABI version
    /// (<c>CdylibAbiVersion</c>) stayed: the rule <c>cdylib diff</c> applies, said where the change is made.
    /// </summary>
    public static IEnumerable<string> VersionWarnings(IReadOnlyDictionary<string, AbiLibrary> before, IReadOnlyDictionary<string, AbiLibrary> after)
    {
        foreach (var (file, now) in after)
        {
            if (before.TryGetValue(file, out AbiLibrary? old)
                && AbiDiff.VersionWarning(old, now, AbiDiff.Compare(old, now), listed: true) is { } warning)
            {
                yield return $"{file} since the previous build: {warning}";
            }
        }
    }

    private static string? Describe(IReadOnlySet<string> before, IReadOnlySet<string> after)
    {
        var added = after.Except(before).Order(StringComparer.Ordinal).Select(name => "+" + name);
        var removed = before.Except(after).Order(StringComparer.Ordinal).Select(name => "-" + name);
        string changes = string.Join(" ", added.Concat(removed));
        return changes.Length == 0 ? null : changes;
    }
}
