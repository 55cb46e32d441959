using Cdylib.ObjectFile;

namespace Cdylib.Cli.Checks;

/// <summary>
/// What a loader and a linker see of one image beyond its export names, for <c>diff</c> to compare two
/// builds of any library: what the file is, what it calls itself, what it needs, the oldest system it
/// loads on, and each export's versions, ordinal and forwarder.
/// </summary>
/// <param name="Summary">Format, machine, class, byte order and the name the library calls itself.</param>
/// <param name="Floor">The oldest system the image loads on; null when the format states none.</param>
/// <param name="Dependencies">The libraries the image asks the loader for, in file order.</param>
/// <param name="Exports">The named exports by the name <see cref="LibraryImage.Names"/> holds them under (several entries of one name, ELF's <c>foo@V1</c> and <c>foo@@V2</c>, merged).</param>
/// <param name="OrdinalOnly">PE: the ordinals of exports without a name, which importers can only bind by ordinal.</param>
/// <param name="VersionNodes">ELF: the version names the image defines (<c>V1</c>, <c>V2</c>; not the base version, which is the SONAME).</param>
internal sealed record ImageFacts(
    BinarySummary Summary,
    PlatformFloor? Floor,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyDictionary<string, ExportFacts> Exports,
    IReadOnlySet<uint> OrdinalOnly,
    IReadOnlySet<string> VersionNodes)
{
    /// <summary>The facts of a file's image: its exports under their stored or source names (<paramref name="name"/>).</summary>
    public static ImageFacts Of(BinaryFile file, Func<string, string> name)
    {
        var exports = new Dictionary<string, ExportFacts>(StringComparer.Ordinal);
        var ordinalOnly = new HashSet<uint>();
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Export export in file.Exports)
        {
            if (export.Kind == SymbolKind.Version)
            {
                nodes.Add(export.Name);
                continue;
            }
            if (export.Version is { Library: null } version)
            {
                nodes.Add(version.Name);
            }
            if (export.Name.Length == 0)
            {
                if (export.Ordinal is uint ordinal)
                {
                    ordinalOnly.Add(ordinal);
                }
                continue;
            }
            string key = name(export.Name);
            var versions = export.Version is { } stated ? new HashSet<SymbolVersion> { stated } : new HashSet<SymbolVersion>();
            // Of foo@V1 and foo@@V2, the default one says what a new link gets: its kind, size and ordinal stand for the name.
            exports[key] = exports.TryGetValue(key, out var known)
                ? (export.Version?.IsDefault == true ? ExportFacts.Of(export) : known) with { Versions = new HashSet<SymbolVersion>(known.Versions.Concat(versions)) }
                : ExportFacts.Of(export) with { Versions = versions };
        }
        // The base version (named after the SONAME) is no interface of its own: a SONAME change is reported as one.
        if (file.Summary.OwnName is string own)
        {
            nodes.Remove(own);
        }
        return new ImageFacts(file.Summary, PlatformFloor.Of(file.Summary), file.Dependencies, exports, ordinalOnly, nodes);
    }
}

/// <summary>One named export as a caller's loader binds it.</summary>
/// <param name="Versions">ELF: every version the name is defined with (<c>@V1</c>, <c>@@V2</c>); empty for an unversioned name and other formats.</param>
/// <param name="Kind">Function, data, …</param>
/// <param name="Size">The size the format records (ELF st_size), 0 when unknown.</param>
/// <param name="Ordinal">PE: the export ordinal; null for other formats.</param>
/// <param name="ForwardedTo">A PE forwarder's or Mach-O re-export's target ("LIB.name"); null when the image defines the symbol.</param>
internal sealed record ExportFacts(IReadOnlySet<SymbolVersion> Versions, SymbolKind Kind, ulong Size, uint? Ordinal, string? ForwardedTo)
{
    public static ExportFacts Of(Export export) => new(new HashSet<SymbolVersion>(), export.Kind, export.Size, export.Ordinal, export.ForwardedTo);
}
