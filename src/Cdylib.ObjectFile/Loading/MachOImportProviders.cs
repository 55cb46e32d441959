using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// dyld's binding of imports: in a two-level namespace an import names its library by ordinal (the n-th
/// dylib load command; 0 the image itself, -1 the main executable, -2 a flat lookup through every image
/// in load order, -3 a weak definition coalesced across images), and the symbol is looked up in that
/// library's exports and in the libraries it re-exports. A weak import, or one from a weak dylib that is
/// missing, may stay unbound.
/// </summary>
internal static class MachOImportProviders
{
    /// <summary>Re-export chains followed at most (a library re-exporting itself must not loop).</summary>
    private const int MaxReexportDepth = 16;

    public static void Resolve(IReadOnlyList<LoadedLibrary> loadOrder)
    {
        var exports = new Dictionary<LoadedLibrary, HashSet<string>>();
        var main = loadOrder.FirstOrDefault(l => l.File.Summary.Kind == BinaryKind.Executable);
        foreach (var library in loadOrder)
        {
            var providers = new List<ImportProvider>();
            foreach (var import in library.File.Imports)
            {
                providers.Add(Find(library, import, loadOrder, main, exports));
            }

            library.Imports = providers;
        }
    }

    private static ImportProvider Find(LoadedLibrary library, Import import, IReadOnlyList<LoadedLibrary> loadOrder, LoadedLibrary? main, Dictionary<LoadedLibrary, HashSet<string>> exports)
    {
        IEnumerable<LoadedLibrary> where;
        string expected;
        switch (import.LibraryOrdinal)
        {
            case int ordinal when ordinal > 0 && ordinal <= library.Dependencies.Count:
                var dependency = library.Dependencies[ordinal - 1];
                if (dependency.Library is null)
                {
                    return dependency.Dependency.Kind == DependencyKind.Weak
                        ? new ImportProvider(import, ProviderStatus.WeakMissing, null, $"weak: {dependency.Dependency.Name} is missing, the import stays null")
                        : new ImportProvider(import, ProviderStatus.LibraryMissing, null, $"{dependency.Dependency.Name} was not found");
                }

                where = [dependency.Library];
                expected = dependency.Dependency.Name;
                break;
            case 0:
                where = [library];
                expected = "the image itself";
                break;
            case -1:
                where = main is null ? [] : [main];
                expected = "the main executable";
                break;
            case -3:
                // A weak definition: the first image in load order that defines it, else the image's own.
                where = loadOrder.Append(library);
                expected = "any image (weak definition)";
                break;
            default:
                where = loadOrder;
                expected = "any image (flat namespace)";
                break;
        }

        foreach (var candidate in where)
        {
            if (Defines(candidate, import.Name, exports, 0) is LoadedLibrary provider)
            {
                return new ImportProvider(import, ProviderStatus.Provided, provider, provider == candidate ? null : $"re-exported by {candidate.Path}");
            }
        }

        return import.IsWeak
            ? new ImportProvider(import, ProviderStatus.WeakMissing, null, "weak import: stays null when nothing defines it")
            : new ImportProvider(import, ProviderStatus.NotProvided, null, $"Symbol not found: {import.Name} (expected in {expected})");
    }

    /// <summary>The library that defines <paramref name="name"/>: <paramref name="library"/> itself or one it re-exports (LC_REEXPORT_DYLIB, a re-export in its trie).</summary>
    private static LoadedLibrary? Defines(LoadedLibrary library, string name, Dictionary<LoadedLibrary, HashSet<string>> exports, int depth)
    {
        if (!exports.TryGetValue(library, out var names))
        {
            exports[library] = names = library.File.Exports.Where(e => e.ForwardedTo is null).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        }

        if (names.Contains(name))
        {
            return library;
        }

        if (depth >= MaxReexportDepth)
        {
            return null;
        }

        foreach (var reexport in library.Dependencies.Where(d => d.Dependency.Kind == DependencyKind.Reexport && d.Library is not null))
        {
            if (Defines(reexport.Library!, name, exports, depth + 1) is LoadedLibrary found)
            {
                return found;
            }
        }

        // A re-export named in the trie (name → library:other name) is followed by the library's name.
        var forwarded = library.File.Exports.FirstOrDefault(e => e.Name == name && e.ForwardedTo is not null);
        if (forwarded?.ForwardedTo is string target && target.LastIndexOf(':') is int colon and > 0)
        {
            string libraryName = target[..colon];
            var to = library.Dependencies.FirstOrDefault(d => d.Dependency.Name == libraryName)?.Library;
            return to is null ? null : Defines(to, target[(colon + 1)..], exports, depth + 1);
        }

        return null;
    }
}
