using Cdylib.ObjectFile;

namespace Cdylib.Cli.Checks;

/// <summary>
/// One image of a library, reduced to the names <c>check</c>, <c>diff</c> and the build compare: the file's
/// only image, or one slice of a fat Mach-O file (each architecture is its own library to the loader, so
/// each is compared on its own).
/// </summary>
/// <param name="Architecture">The architecture as lipo names it (a thin Mach-O file's too); null for ELF, PE and COFF, whose one image needs no name.</param>
/// <param name="Names">The names, as the reader of <see cref="LibraryImages.Read"/> was asked to give them.</param>
/// <param name="Needs">The libraries the image needs.</param>
/// <param name="Facts">What the loader and linker see beyond the names (<c>diff</c> compares them); null for an image that stands for an ABI file.</param>
internal sealed record LibraryImage(string? Architecture, IReadOnlySet<string> Names, IReadOnlySet<string> Needs, ImageFacts? Facts = null);

/// <summary>Reads every image of a library (<see cref="BinaryContainer"/>) and says where a name is found in some images only.</summary>
internal static class LibraryImages
{
    /// <summary>
    /// Every image of <paramref name="library"/>, with its exported names (not GNU version markers):
    /// as C spells them (<see cref="BinaryFile.SourceName"/>) when <paramref name="sourceNames"/>, else as stored.
    /// </summary>
    /// <exception cref="CheckException">The file, or one of its images, cannot be read (the message names the file, and the slice).</exception>
    public static IReadOnlyList<LibraryImage> Read(string library, bool sourceNames)
    {
        BinaryContainer container;
        try
        {
            container = BinaryContainer.Open(library);
        }
        catch (ObjectFileException error)
        {
            throw new CheckException($"{library}: {error.Message}");
        }

        var images = new List<LibraryImage>(container.Images.Count);
        foreach (var image in container.Images)
        {
            if (!image.TryRead(out var file, out var problem))
            {
                string label = image.Architecture is string slice ? $"{library} (architecture {slice})" : library;
                throw new CheckException($"{label}: {problem.Message}");
            }

            Func<string, string> name = sourceNames ? file.SourceName : stored => stored;
            var names = file.Exports
                .Where(export => export.Kind != SymbolKind.Version && export.Name.Length > 0)
                .Select(export => name(export.Name))
                .ToHashSet(StringComparer.Ordinal);
            var needs = file.Dependencies.Select(dependency => dependency.Name).ToHashSet(StringComparer.Ordinal);
            images.Add(new LibraryImage(image.Architecture ?? file.Summary.MachO?.Architecture, names, needs, ImageFacts.Of(file, name)));
        }

        return images;
    }

    /// <summary>
    /// Where a name of <paramref name="images"/> holds, in words to put after it: "" when it holds in every
    /// image (or the library has one), else the architectures where it does ("arm64", "x86_64, arm64").
    /// </summary>
    public static string Where(IReadOnlyList<LibraryImage> images, Func<LibraryImage, bool> holds)
    {
        var where = images.Where(holds).ToList();
        return where.Count == images.Count ? "" : string.Join(", ", where.Select(image => image.Architecture ?? "?"));
    }

    /// <summary>"the arm64 slice", "the x86_64, arm64 slices": <see cref="Where"/>'s words as a noun.</summary>
    public static string Slices(string where) => $"the {where} {(where.Contains(',', StringComparison.Ordinal) ? "slices" : "slice")}";
}
