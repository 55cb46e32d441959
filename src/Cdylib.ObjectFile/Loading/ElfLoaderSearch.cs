using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// glibc ld.so's search for a DT_NEEDED name (elf/dl-load.c, _dl_map_object): a name already loaded
/// (a SONAME or name an object was loaded by) is that object; a name with a slash is a path; otherwise
/// the DT_RPATH of the loader and of every object that loaded it up to the program (only when the loader
/// has no DT_RUNPATH; an object with DT_RUNPATH has no DT_RPATH), LD_LIBRARY_PATH, the loader's own
/// DT_RUNPATH, /etc/ld.so.cache, the default directories. A candidate of another class or machine is
/// passed over; one that is no ELF object or of the wrong byte order stops the load.
/// </summary>
internal sealed class ElfLoaderSearch : LoaderSearch
{
    /// <summary>DF_1_NODEFLIB: the object's dependencies are not looked up in ld.so.cache or the default directories.</summary>
    private const ulong NoDefaultLibraries = 0x800;

    private readonly BinarySummary _wanted;
    private readonly ElfAbi _abi;
    private readonly Lazy<(LdSoCache? Cache, string? Problem)> _cache;
    private readonly List<LoadedLibrary> _preloaded = [];
    private readonly ElfPathTokens _tokens;

    public ElfLoaderSearch(LoaderOptions options, BinaryFile root)
        : base(options)
    {
        _wanted = root.Summary;
        _abi = ElfAbi.Of(root.Summary);
        _tokens = new ElfPathTokens(_abi.Platform, _abi.Lib(Root));
        _cache = new(() =>
        {
            var cache = LdSoCache.Read(Root.Host("/etc/ld.so.cache"), out var problem);
            return (cache, problem);
        });
        if (root.Summary.Elf is not { } elf || (elf.Type != 2 && elf.Type != 3))
        {
            throw new ObjectFileException("only ELF executables and shared objects are loaded: this file has no dependency tree");
        }

        // The interpreter the program names (or, for a library, the one ld.so would be) is loaded first,
        // and a dependency on its SONAME gets it without a search.
        string? interpreter = elf.Interpreter ?? _abi.Interpreter;
        if (interpreter is not null && LibraryCache.Exists(Root.Host(interpreter))
            && Cache.Open(Root.Host(interpreter), out _)?.Images[0] is { } image && image.TryRead(out var file, out _))
        {
            var library = new LoadedLibrary(Root.Host(interpreter), file, null, -1) { Identity = RealPath.Of(Root.Host(interpreter)) };
            library.Names.Add(interpreter);
            library.Names.AddRange(OwnNames(file));
            _preloaded.Add(library);
        }
    }

    public override IEnumerable<LoadedLibrary> Preloaded => _preloaded;

    public override LoadedLibrary? AlreadyLoaded(string name, LoadedLibrary loader, IReadOnlyList<LoadedLibrary> loaded) =>
        loaded.Concat(_preloaded).FirstOrDefault(l => l.Names.Contains(name, StringComparer.Ordinal) || l.Path == name);

    public override SearchOutcome Search(LoadedLibrary loader, Dependency dependency)
    {
        var search = new CandidateSearch(Judge);
        string name = dependency.Name;
        if (name.Contains('$', StringComparison.Ordinal))
        {
            name = _tokens.Expand(name, Origin(loader.Path));
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            search.Try(Root.Host(name), "path in DT_NEEDED");
            return search.Finish();
        }

        var elf = loader.File.Summary;
        bool hasRunPath = elf.SearchPaths.Any(p => p.Kind == SearchPathKind.RunPath);
        if (!hasRunPath)
        {
            // The loader's DT_RPATH, then those of the objects that loaded it, up to the program's.
            for (var owner = loader; owner is not null; owner = owner.LoadedBy)
            {
                if (!owner.File.Summary.SearchPaths.Any(p => p.Kind == SearchPathKind.RunPath))
                {
                    string rule = owner == loader ? "RPATH" : $"RPATH of {owner.Path} (inherited)";
                    foreach (var path in owner.File.Summary.SearchPaths.Where(p => p.Kind == SearchPathKind.RPath))
                    {
                        TryDirectories(search, path.Value, Origin(owner.Path), rule, name);
                    }
                }
            }
        }

        if (Options.LibraryPath is { } libraryPath)
        {
            // $ORIGIN in LD_LIBRARY_PATH is the program's directory.
            TryDirectories(search, string.Join(':', libraryPath), Origin(RootPath(loader)), "LD_LIBRARY_PATH", name);
        }
        else
        {
            search.Note("LD_LIBRARY_PATH", "LD_LIBRARY_PATH is not set");
        }

        foreach (var path in elf.SearchPaths.Where(p => p.Kind == SearchPathKind.RunPath))
        {
            TryDirectories(search, path.Value, Origin(loader.Path), "RUNPATH", name);
        }

        if (((elf.Elf?.Flags1 ?? 0) & NoDefaultLibraries) != 0)
        {
            search.Note("ld.so.cache", "DF_1_NODEFLIB: no ld.so.cache, no default directories");
            return search.Finish();
        }

        var (cache, problem) = _cache.Value;
        if (cache?.Find(name, _abi.CacheFlags) is string cached)
        {
            search.Try(Root.Host(cached), "ld.so.cache");
        }
        else
        {
            search.Note("ld.so.cache", cache is null ? problem ?? "no ld.so.cache" : $"not in {Root.Host("/etc/ld.so.cache")}");
        }

        foreach (var directory in _abi.DefaultDirectories(Root))
        {
            search.Try(Root.Host(directory + name), "default path");
        }

        return search.Finish();
    }

    public override void ResolveImports(IReadOnlyList<LoadedLibrary> loadOrder) => ElfSymbolScope.Resolve(loadOrder);

    /// <summary>Each directory of a colon-separated list, tokens expanded, tried for <paramref name="name"/>.</summary>
    private void TryDirectories(CandidateSearch search, string list, string origin, string rule, string name)
    {
        foreach (string entry in list.Split(':'))
        {
            // As fillin_rpath: an empty entry is the current directory; trailing slashes become one.
            string directory = entry.Contains('$', StringComparison.Ordinal) ? _tokens.Expand(entry, origin) : entry;
            directory = directory.Length == 0 ? "./" : directory.TrimEnd('/') + "/";
            search.Try(Root.Host(directory + name), rule);
        }
    }

    /// <summary>
    /// The loader's verdict on a file (open_verify): another class or machine is passed over; no ELF object,
    /// another byte order, or an object that is neither a shared object nor an executable stops the load.
    /// </summary>
    private CandidateVerdict Judge(string path)
    {
        if (!ElfIdentification.IsElf(path, _wanted.Is64Bit, out string? notElf))
        {
            return CandidateVerdict.Fail(notElf);
        }

        if (Cache.Open(path, out var problem) is not { } container)
        {
            return CandidateVerdict.Fail(problem ?? "cannot be read");
        }

        if (!container.Images[0].TryRead(out var file, out var imageProblem))
        {
            return CandidateVerdict.Fail(imageProblem.Message);
        }

        var summary = file.Summary;

        if (summary.Is64Bit != _wanted.Is64Bit)
        {
            return CandidateVerdict.Skip($"wrong ELF class: ELFCLASS{summary.Bits}");
        }

        if (summary.Endianness != _wanted.Endianness)
        {
            return CandidateVerdict.Fail($"ELF file data encoding not {(_wanted.Endianness == Endianness.Little ? "little" : "big")}-endian");
        }

        if (summary.Machine != _wanted.Machine)
        {
            return CandidateVerdict.Skip($"wrong machine: {summary.Machine}");
        }

        return summary.Elf?.Type is 2 or 3 ? CandidateVerdict.Take(file) : CandidateVerdict.Fail("only ET_DYN and ET_EXEC can be loaded");
    }

    /// <summary>$ORIGIN of an object: the directory of the path it was loaded by, made absolute but not normalised (as glibc's l_origin).</summary>
    internal static string Origin(string path)
    {
        string full = path.StartsWith('/') ? path : Environment.CurrentDirectory.TrimEnd('/') + "/" + path;
        int slash = full.LastIndexOf('/');
        return slash <= 0 ? "/" : full[..slash];
    }

    private static string RootPath(LoadedLibrary library)
    {
        while (library.LoadedBy is not null)
        {
            library = library.LoadedBy;
        }

        return library.Path;
    }
}
