using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The Windows loader's binding of imports: each import names its DLL, and is looked up in that DLL's
/// export table by name or ordinal; a forwarder ("NTDLL.RtlAllocateHeap", "DLL.#12") sends the lookup on
/// to another DLL, which the loader loads for it. A delay-load import is bound at its first call, so a
/// miss there fails the call, not the load.
/// </summary>
internal static class PeImportProviders
{
    /// <summary>Forwarders followed at most (two DLLs forwarding to each other must not loop).</summary>
    private const int MaxForwards = 16;

    public static void Resolve(IReadOnlyList<LoadedLibrary> loadOrder, PeLoaderSearch search)
    {
        var tables = new Dictionary<BinaryFile, ExportTable>();
        foreach (var library in loadOrder)
        {
            var providers = new List<ImportProvider>();
            foreach (var import in library.File.Imports)
            {
                var provider = Find(library, import, loadOrder, search, tables);
                providers.Add(import.IsDelayLoad && provider.Status != ProviderStatus.Provided
                    ? provider with { Detail = (provider.Detail is null ? "" : provider.Detail + "; ") + "delay-load: fails at the first call, not at load" }
                    : provider);
            }

            library.Imports = providers;
        }
    }

    private static ImportProvider Find(LoadedLibrary library, Import import, IReadOnlyList<LoadedLibrary> loadOrder, PeLoaderSearch search, Dictionary<BinaryFile, ExportTable> tables)
    {
        var dependency = library.Dependencies.FirstOrDefault(d => string.Equals(d.Dependency.Name, import.Library, StringComparison.OrdinalIgnoreCase));
        if (dependency is { Status: ResolutionStatus.ApiSet })
        {
            return new ImportProvider(import, ProviderStatus.ApiSet, null, $"API set {dependency.Dependency.Name}: provided by the system");
        }

        if (dependency?.Library is not LoadedLibrary provider)
        {
            return new ImportProvider(import, ProviderStatus.LibraryMissing, null, $"{import.Library} was not found");
        }

        var file = provider.File;
        string? name = import.Name.Length > 0 ? import.Name : null;
        uint? ordinal = name is null ? import.Ordinal : null;
        var forwards = new List<string>();
        for (int step = 0; step <= MaxForwards; step++)
        {
            if (!tables.TryGetValue(file, out var table))
            {
                tables[file] = table = new ExportTable(file);
            }

            var export = name is not null ? table.ByName.GetValueOrDefault(name) : table.ByOrdinal.GetValueOrDefault(ordinal ?? 0);
            string wanted = name ?? $"ordinal {ordinal}";
            if (export is null)
            {
                return new ImportProvider(import, ProviderStatus.NotProvided, null, Via(forwards) + $"{wanted} is not exported by {provider.Path}");
            }

            if (export.ForwardedTo is not string target)
            {
                return new ImportProvider(import, ProviderStatus.Provided, provider, forwards.Count == 0 ? null : Via(forwards).TrimEnd(' ', ':'));
            }

            // "DLL.Name" or "DLL.#ordinal"; the DLL part may itself contain dots (api-ms-win-core-…-l1-1-0).
            int dot = target.LastIndexOf('.');
            if (dot <= 0)
            {
                return new ImportProvider(import, ProviderStatus.NotProvided, null, $"malformed forwarder \"{target}\"");
            }

            forwards.Add(target);
            string dll = target[..dot];
            string symbol = target[(dot + 1)..];
            var (next, path, outcome) = search.Forwarded(provider, dll, loadOrder);
            if (outcome?.Status == ResolutionStatus.ApiSet)
            {
                return new ImportProvider(import, ProviderStatus.ApiSet, null, Via(forwards) + $"API set {dll}: provided by the system");
            }

            if (next is null || path is null)
            {
                return new ImportProvider(import, ProviderStatus.NotProvided, null, Via(forwards) + $"{dll} was not found");
            }

            file = next;
            provider = loadOrder.FirstOrDefault(l => l.Path == path) ?? new LoadedLibrary(path, next, provider, -1);
            if (symbol.StartsWith('#') && uint.TryParse(symbol.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out uint number))
            {
                name = null;
                ordinal = number;
            }
            else
            {
                name = symbol;
                ordinal = null;
            }
        }

        return new ImportProvider(import, ProviderStatus.NotProvided, null, Via(forwards) + "too many forwarders");
    }

    private static string Via(List<string> forwards) => forwards.Count == 0 ? "" : "forwarded to " + string.Join(" → ", forwards) + ": ";

    /// <summary>A DLL's exports by name and by ordinal (the first of each, as the export directory lists them).</summary>
    private sealed class ExportTable
    {
        public ExportTable(BinaryFile file)
        {
            foreach (var export in file.Exports)
            {
                ByName.TryAdd(export.Name, export);
                if (export.Ordinal is uint number)
                {
                    ByOrdinal.TryAdd(number, export);
                }
            }
        }

        public Dictionary<string, Export> ByName { get; } = new(StringComparer.Ordinal);

        public Dictionary<uint, Export> ByOrdinal { get; } = [];
    }
}
