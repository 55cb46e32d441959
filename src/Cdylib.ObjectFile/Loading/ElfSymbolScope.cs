using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// glibc's global scope lookup (elf/dl-lookup.c): an undefined symbol binds to the first object in load
/// order — the program, then its dependencies breadth-first — that defines it with a matching version
/// (check_match): a versioned reference takes the definition of that version, or any definition of an
/// object without version information; an unversioned reference takes an unversioned or default
/// (<c>@@</c>) definition. Hidden and local definitions and GNU ld's version markers are never taken.
/// A weak undefined symbol that nothing defines stays null, which is allowed.
/// </summary>
internal static class ElfSymbolScope
{
    public static void Resolve(IReadOnlyList<LoadedLibrary> loadOrder)
    {
        var definitions = new Dictionary<LoadedLibrary, Dictionary<string, Candidates>>();
        var missingLibraries = loadOrder.SelectMany(l => l.Dependencies).Where(d => d.Status is ResolutionStatus.NotFound or ResolutionStatus.Unloadable)
            .Select(d => d.Dependency.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var library in loadOrder)
        {
            var providers = new List<ImportProvider>(library.File.Imports.Count);
            foreach (var import in library.File.Imports)
            {
                providers.Add(Find(import, loadOrder, definitions, missingLibraries));
            }

            library.Imports = providers;
        }
    }

    private static ImportProvider Find(Import import, IReadOnlyList<LoadedLibrary> loadOrder, Dictionary<LoadedLibrary, Dictionary<string, Candidates>> definitions, HashSet<string> missingLibraries)
    {
        string? otherVersions = null;
        foreach (var library in loadOrder)
        {
            if (!Definitions(library, definitions).TryGetValue(import.Name, out var candidates))
            {
                continue;
            }

            bool versioned = candidates.Versioned;
            foreach (var export in candidates)
            {
                if (Matches(export, import, versioned))
                {
                    return new ImportProvider(import, ProviderStatus.Provided, library, null);
                }
            }

            otherVersions ??= $"{library.Path} defines it only as {string.Join(", ", candidates.Select(c => c.Version?.Decorate(c.Name) ?? c.Name))}";
        }

        if (import.IsWeak)
        {
            return new ImportProvider(import, ProviderStatus.WeakMissing, null, "weak: left null when nothing defines it");
        }

        if (import.Version?.Library is string from && missingLibraries.Contains(from))
        {
            return new ImportProvider(import, ProviderStatus.LibraryMissing, null, $"{from} was not found");
        }

        string detail = import.Version is { } version
            ? $"symbol {import.Name}, version {version.Name} not defined" + (otherVersions is null ? "" : $" ({otherVersions})")
            : $"undefined symbol: {import.Name}" + (missingLibraries.Count > 0 ? $" (not found: {string.Join(", ", missingLibraries)})" : "");
        return new ImportProvider(import, ProviderStatus.NotProvided, null, detail);
    }

    /// <summary>check_match: the version rule, once the name matched.</summary>
    private static bool Matches(Export export, Import import, bool libraryHasVersions)
    {
        if (import.Version is { } wanted)
        {
            return !libraryHasVersions || export.Version?.Name == wanted.Name;
        }

        return export.Version is null || export.Version.IsDefault;
    }

    /// <summary>The symbols a library defines that others can bind to, by name.</summary>
    private static Dictionary<string, Candidates> Definitions(LoadedLibrary library, Dictionary<LoadedLibrary, Dictionary<string, Candidates>> definitions)
    {
        if (!definitions.TryGetValue(library, out var byName))
        {
            byName = new Dictionary<string, Candidates>(StringComparer.Ordinal);
            bool versioned = HasVersions(library);
            foreach (var export in library.File.Exports)
            {
                if (export.Kind != SymbolKind.Version && export.Visibility is not (SymbolVisibility.Hidden or SymbolVisibility.Internal))
                {
                    if (!byName.TryGetValue(export.Name, out var list))
                    {
                        byName[export.Name] = list = new Candidates(versioned);
                    }

                    list.Add(export);
                }
            }

            definitions[library] = byName;
        }

        return byName;
    }

    /// <summary>Whether the library has version information (a .gnu.version table with definitions of its own).</summary>
    private static bool HasVersions(LoadedLibrary library) =>
        library.File.Summary.Elf?.Sections.Any(s => s.Type == 0x6ffffffd) == true
        || library.File.Exports.Any(e => e.Version is { Library: null });

    /// <summary>The definitions of one name in one library, and whether that library has version information.</summary>
    private sealed class Candidates(bool versioned) : List<Export>
    {
        public bool Versioned { get; } = versioned;
    }
}
