using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The Windows loader's search for an imported DLL (the standard search order with SafeDllSearchMode):
/// a module already loaded by that name; API set names (api-ms-win-*, ext-ms-win-*) mapped through the
/// API set schema to their host DLL; then the application folder, the system folder and the folders of
/// PATH (the 16-bit system folder, the Windows folder and the current folder have no counterpart here).
/// File names compare without case, as on Windows. A DLL of another machine is passed over.
/// </summary>
internal sealed class PeLoaderSearch : LoaderSearch
{
    private readonly BinarySummary _wanted;
    private readonly string _applicationFolder;
    private readonly List<string> _notes = [];
    private readonly Lazy<ApiSetSchema?> _schema;
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _folders = new(StringComparer.Ordinal);

    public PeLoaderSearch(LoaderOptions options, string path, BinaryFile root)
        : base(options)
    {
        _wanted = root.Summary;
        _applicationFolder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        _notes.Add("KnownDLLs are not knowable off Windows (they are in the registry of the system that runs the program): a DLL listed there is taken from the system folder whatever this search says.");
        if (options.SystemFolder is null)
        {
            _notes.Add("No system folder given (--system-folder): Windows' own DLLs are searched for only in the application folder and PATH.");
        }

        _schema = new(() =>
        {
            string? file = options.ApiSetSchema ?? (options.SystemFolder is string system ? FindFile(system, "apisetschema.dll") : null);
            if (file is null)
            {
                _notes.Add("No API set schema (apisetschema.dll, --api-set-schema): api-ms-win-* and ext-ms-win-* names are reported as API sets, not resolved.");
                return null;
            }

            var schema = ApiSetSchema.Read(file, out var problem);
            if (schema is null)
            {
                _notes.Add($"The API set schema cannot be read: {problem}");
            }

            return schema;
        });
    }

    public override IReadOnlyList<string> Notes
    {
        get
        {
            _ = _schema.Value;
            return _notes;
        }
    }

    public override LoadedLibrary? AlreadyLoaded(string name, LoadedLibrary loader, IReadOnlyList<LoadedLibrary> loaded)
    {
        string file = WithExtension(name);
        return loaded.FirstOrDefault(l => string.Equals(Path.GetFileName(l.Path), file, StringComparison.OrdinalIgnoreCase)
            || l.Names.Contains(file, StringComparer.OrdinalIgnoreCase));
    }

    public override SearchOutcome Search(LoadedLibrary loader, Dependency dependency) => Search(loader, dependency.Name);

    /// <summary>The search for a DLL name (also for the targets of forwarded exports).</summary>
    internal SearchOutcome Search(LoadedLibrary loader, string name)
    {
        var search = new CandidateSearch(Judge);
        if (ApiSetSchema.IsApiSetName(name))
        {
            if (_schema.Value is not { } schema)
            {
                search.Note("API set", "no API set schema");
                var unresolved = search.Finish("API set: provided by the system, no schema given to map it");
                return unresolved with { Status = ResolutionStatus.ApiSet };
            }

            string? host = schema.Resolve(name, Path.GetFileName(loader.Path));
            if (string.IsNullOrEmpty(host))
            {
                search.Note("API set", $"{name} has no host DLL in the schema");
                return search.Finish($"API set {name}: no host in the schema");
            }

            var hosted = Search(loader, host);
            return hosted with
            {
                Rule = hosted.Rule is null ? null : $"API set → {host}, {hosted.Rule}",
                Attempts = [new SearchAttempt(host, "API set", null), .. hosted.Attempts],
            };
        }

        string file = WithExtension(name);
        if (file.Contains('\\', StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal))
        {
            search.Try(Root.Host(file.Replace('\\', '/')), "path");
            return search.Finish();
        }

        TryFolder(search, _applicationFolder, file, "application folder");
        if (Options.SystemFolder is string system)
        {
            TryFolder(search, system, file, "system folder");
        }
        else
        {
            search.Note("system folder", "no system folder given");
        }

        foreach (string folder in Options.SearchPath)
        {
            if (folder.Length > 0)
            {
                TryFolder(search, folder, file, "PATH");
            }
        }

        return search.Finish();
    }

    public override void ResolveImports(IReadOnlyList<LoadedLibrary> loadOrder) => PeImportProviders.Resolve(loadOrder, this);

    /// <summary>The library a forwarder names, already loaded or searched for and read.</summary>
    internal (BinaryFile? File, string? Path, SearchOutcome? Outcome) Forwarded(LoadedLibrary from, string dll, IReadOnlyList<LoadedLibrary> loaded)
    {
        if (AlreadyLoaded(dll, from, loaded) is LoadedLibrary known)
        {
            return (known.File, known.Path, null);
        }

        var outcome = Search(from, dll);
        return (outcome.File, outcome.Path, outcome);
    }

    /// <summary>The file named <paramref name="name"/> in <paramref name="folder"/>, its name compared without case.</summary>
    private void TryFolder(CandidateSearch search, string folder, string name, string rule) =>
        search.Try(FindFile(folder, name) ?? Path.Combine(folder, name), rule);

    private string? FindFile(string folder, string name)
    {
        var files = _folders.GetOrAdd(folder, f =>
        {
            var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                foreach (string entry in Directory.EnumerateFiles(f))
                {
                    byName.TryAdd(Path.GetFileName(entry), entry);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // A folder that cannot be listed has no candidates.
            }

            return byName;
        });
        return files.GetValueOrDefault(name);
    }

    /// <summary>As LoadLibrary: a name without an extension gets ".dll".</summary>
    private static string WithExtension(string name) => Path.HasExtension(name) ? name : name + ".dll";

    private CandidateVerdict Judge(string path)
    {
        if (Cache.Open(path, out var problem) is not { } container || !container.Images[0].TryRead(out var file, out _))
        {
            return CandidateVerdict.Skip(problem ?? "cannot be read");
        }

        if (file.Summary.Format != BinaryFormat.Pe)
        {
            return CandidateVerdict.Skip($"not a PE image (a {file.Summary.Format} file)");
        }

        return file.Summary.Machine == _wanted.Machine
            ? CandidateVerdict.Take(file)
            : CandidateVerdict.Skip($"wrong machine: {file.Summary.Machine} (needed: {_wanted.Machine})");
    }
}
