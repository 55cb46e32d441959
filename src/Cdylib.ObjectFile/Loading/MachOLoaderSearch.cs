using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// dyld's search for a dylib load command's path: <c>@rpath/</c> tried with each LC_RPATH of the
/// loading image and of every image that loaded it up to the program (each rpath's own
/// <c>@loader_path</c> being its image's folder), <c>@loader_path/</c> (the loading image's folder),
/// <c>@executable_path/</c> (the program's folder), and absolute paths, all under the target's root.
/// A fat file gives the slice of the program's architecture; a file without one is passed over.
/// DYLD_* environment variables are not applied.
/// </summary>
internal sealed class MachOLoaderSearch : LoaderSearch
{
    private readonly BinarySummary _wanted;
    private readonly string? _executable;
    private readonly List<string> _notes = [];

    public MachOLoaderSearch(LoaderOptions options, string path, BinaryFile root)
        : base(options)
    {
        _wanted = root.Summary;
        _executable = options.ExecutablePath ?? (root.Summary.Kind == BinaryKind.Executable ? path : null);
        _notes.Add("Since macOS 11 the system's libraries (/usr/lib, /System/Library) are in the dyld shared cache, not files: under a root copied from a Mac they are missing.");
        if (_executable is null)
        {
            _notes.Add("No executable given (--executable): @executable_path cannot be expanded.");
        }
    }

    public override IReadOnlyList<string> Notes => _notes;

    public override LoadedLibrary? AlreadyLoaded(string name, LoadedLibrary loader, IReadOnlyList<LoadedLibrary> loaded) =>
        name.StartsWith('@') ? null : loaded.FirstOrDefault(l => l.Names.Contains(name, StringComparer.Ordinal));

    public override SearchOutcome Search(LoadedLibrary loader, Dependency dependency)
    {
        var search = new CandidateSearch(Judge);
        string name = dependency.Name;
        if (name.StartsWith("@rpath/", StringComparison.Ordinal))
        {
            string rest = name["@rpath/".Length..];
            for (var owner = loader; owner is not null; owner = owner.LoadedBy)
            {
                foreach (var rpath in owner.File.Summary.SearchPaths.Where(p => p.Kind == SearchPathKind.RPath))
                {
                    if (Expand(rpath.Value, owner) is string directory)
                    {
                        search.Try(Join(directory, rest), $"@rpath = {rpath.Value} (LC_RPATH of {Path.GetFileName(owner.Path)})");
                    }
                    else
                    {
                        search.Note("@rpath", $"{rpath.Value}: no executable for @executable_path");
                    }
                }
            }

            if (!search.Done && search.Finish().Attempts.Count == 0)
            {
                search.Note("@rpath", "no LC_RPATH in the loading chain");
            }

            return search.Finish();
        }

        if (Expand(name, loader) is not string path)
        {
            search.Note("@executable_path", "no executable given (--executable)");
            return search.Finish();
        }

        string rule = name.StartsWith("@loader_path/", StringComparison.Ordinal) ? "@loader_path"
            : name.StartsWith("@executable_path/", StringComparison.Ordinal) ? "@executable_path"
            : "install name";
        search.Try(path, rule);
        bool system = name.StartsWith("/usr/lib/", StringComparison.Ordinal) || name.StartsWith("/System/Library/", StringComparison.Ordinal);
        return search.Finish(system ? "a system library: in the dyld shared cache on macOS 11 and later, not a file" : null);
    }

    public override void ResolveImports(IReadOnlyList<LoadedLibrary> loadOrder) => MachOImportProviders.Resolve(loadOrder);

    /// <summary>A path with its leading @loader_path (the folder of <paramref name="owner"/>) or @executable_path expanded, absolute paths under the root; null when @executable_path is unknown.</summary>
    private string? Expand(string value, LoadedLibrary owner)
    {
        if (value.StartsWith("@loader_path", StringComparison.Ordinal))
        {
            return Path.GetDirectoryName(owner.Path) + value["@loader_path".Length..];
        }

        if (value.StartsWith("@executable_path", StringComparison.Ordinal))
        {
            return _executable is null ? null : Path.GetDirectoryName(Path.GetFullPath(_executable)) + value["@executable_path".Length..];
        }

        return Root.Host(value);
    }

    private static string Join(string directory, string rest) => directory.TrimEnd('/') + "/" + rest;

    /// <summary>The image dyld would take from a file: the slice of the program's architecture, or the thin file when it is of that architecture.</summary>
    private CandidateVerdict Judge(string path)
    {
        if (Cache.Open(path, out var problem) is not { } container)
        {
            return CandidateVerdict.Skip(problem ?? "cannot be read");
        }

        if (container.Format != BinaryFormat.MachO)
        {
            return CandidateVerdict.Skip($"not a Mach-O file (a {container.Format} file)");
        }

        var architectures = new List<string>();
        foreach (var image in container.Images)
        {
            if (image.TryRead(out var file, out _))
            {
                if (file.Summary.Machine == _wanted.Machine && file.Summary.Is64Bit == _wanted.Is64Bit)
                {
                    return CandidateVerdict.Take(file);
                }

                architectures.Add(image.Architecture ?? file.Summary.Machine);
            }
        }

        return CandidateVerdict.Skip($"wrong architecture: {string.Join(", ", architectures)} (needed: {_wanted.Machine})");
    }
}
