using System.Collections.Generic;

namespace Cdylib.ObjectFile;

/// <summary>What became of one needed library when the platform's loader searched for it.</summary>
public enum ResolutionStatus
{
    /// <summary>Found and loaded here for the first time: its own dependencies follow from it.</summary>
    Found,

    /// <summary>The loader already has it (loaded earlier by another library, or the program interpreter): not loaded again.</summary>
    AlreadyLoaded,

    /// <summary>No candidate the loader would take: the file fails to load (unless the dependency is weak or delay-loaded).</summary>
    NotFound,

    /// <summary>A Windows API set name (api-ms-win-*, ext-ms-win-*) with no schema to map it: the loader maps it, it is not a file to search for.</summary>
    ApiSet,

    /// <summary>A candidate was found that the loader cannot load and does not skip (not a binary, damaged headers): loading stops here.</summary>
    Unloadable,
}

/// <summary>One place the loader looked for a library, and why it did not take it (or that it did).</summary>
/// <param name="Candidate">The path tried, as the loader builds it ("/opt/app/lib/libfoo.so"), or the search rule's state ("LD_LIBRARY_PATH is not set").</param>
/// <param name="Rule">Which search rule gave the candidate: "RPATH", "RUNPATH", "LD_LIBRARY_PATH", "ld.so.cache", "default path", "@rpath", "application folder", "PATH", …</param>
/// <param name="Rejection">Why the loader passes over it ("no such file", "wrong ELF class: ELFCLASS32"); null for the one it took.</param>
public sealed record SearchAttempt(string Candidate, string Rule, string? Rejection);

/// <summary>A dependency as the platform's loader resolves it: where it was found (and by which rule), or why not.</summary>
/// <param name="Dependency">The dependency as the loading file records it.</param>
/// <param name="Status">Found, already loaded, not found, an API set, or unloadable.</param>
/// <param name="Path">The file loaded (as the loader spells the path); null when none was.</param>
/// <param name="Rule">The rule that found it ("RUNPATH", "ld.so.cache", "@rpath", "application folder", …) or, when already loaded, how it came to be loaded; null when not found.</param>
/// <param name="Attempts">Every candidate in the order the loader tries them, up to the hit.</param>
public sealed record ResolvedDependency(Dependency Dependency, ResolutionStatus Status, string? Path, string? Rule, IReadOnlyList<SearchAttempt> Attempts)
{
    /// <summary>The library this dependency is (the same object for every dependency on it); null when not found.</summary>
    public LoadedLibrary? Library { get; init; }

    /// <summary>Why nothing was loaded, in one line ("invalid ELF header", "API set: no schema given"); null when found.</summary>
    public string? Problem { get; init; }
}

/// <summary>How an import fares when the loader binds it.</summary>
public enum ProviderStatus
{
    /// <summary>A loaded library defines it.</summary>
    Provided,

    /// <summary>Nothing loaded defines it: the load fails (ELF with immediate binding or at the first call; PE and Mach-O at load).</summary>
    NotProvided,

    /// <summary>Nothing defines it, and that is allowed: a weak import stays null (ELF weak undefined, Mach-O weak import, a missing weak dylib).</summary>
    WeakMissing,

    /// <summary>It comes from a library that was not found (already reported as such).</summary>
    LibraryMissing,

    /// <summary>It comes from an API set that no schema maps to a file: provided by the system, not checked here.</summary>
    ApiSet,
}

/// <summary>The library an import binds to, as the loader's symbol lookup finds it.</summary>
/// <param name="Import">The import as the file records it.</param>
/// <param name="Status">Provided, not provided, or why that is fine.</param>
/// <param name="Provider">The library that defines it; null unless provided.</param>
/// <param name="Detail">What else the lookup learnt: "forwarded to NTDLL.RtlAllocateHeap", "version GLIBC_2.99 is not defined", "delay-load: fails at the first call"; null when nothing.</param>
public sealed record ImportProvider(Import Import, ProviderStatus Status, LoadedLibrary? Provider, string? Detail);

/// <summary>One library of a dependency tree: the file, how it got loaded, what it needs and where each of its imports comes from.</summary>
public sealed class LoadedLibrary
{
    internal LoadedLibrary(string path, BinaryFile file, LoadedLibrary? loadedBy, int loadIndex)
    {
        Path = path;
        File = file;
        LoadedBy = loadedBy;
        LoadIndex = loadIndex;
    }

    /// <summary>The path the loader opened it by ("/lib/x86_64-linux-gnu/libc.so.6").</summary>
    public string Path { get; }

    /// <summary>The library (or program) as read: summary, exports, imports.</summary>
    public BinaryFile File { get; }

    /// <summary>The library whose dependency loaded it first (for ELF, where inherited RPATHs come from); null for the root.</summary>
    public LoadedLibrary? LoadedBy { get; }

    /// <summary>Its place in the load order (0 for the root): the order of the loader's global symbol scope.</summary>
    public int LoadIndex { get; internal set; }

    /// <summary>Its dependencies, resolved, in file order.</summary>
    public IReadOnlyList<ResolvedDependency> Dependencies { get; internal set; } = [];

    /// <summary>Its imports, each with the library that provides it; empty until imports are resolved (<see cref="Loading.LoaderOptions.ResolveImports"/>).</summary>
    public IReadOnlyList<ImportProvider> Imports { get; internal set; } = [];

    /// <summary>Names the library is known by besides its path (the needed names it was loaded by, its own name).</summary>
    internal List<string> Names { get; } = [];

    /// <summary>The path with symbolic links resolved: two paths to one file are one library.</summary>
    internal string? Identity { get; init; }

    /// <summary>The path, for debugging.</summary>
    public override string ToString() => Path;
}

/// <summary>
/// The libraries a file loads, resolved the way the platform's loader would (ELF: ld.so; Mach-O: dyld;
/// PE: the Windows loader): each library once, in load order, each dependency with how it was found or
/// why not, and, when asked, the library every import binds to.
/// </summary>
/// <remarks>
/// The libraries are read from memory maps held by the <see cref="Loading.LibraryCache"/> of the options
/// (or, without one, by the tree itself until it is disposed): use the tree while that cache is open.
/// </remarks>
public sealed class DependencyTree : System.IDisposable
{
    private readonly Loading.LibraryCache? _ownCache;

    internal DependencyTree(LoadedLibrary root, IReadOnlyList<LoadedLibrary> loadOrder, IReadOnlyList<string> notes, Loading.LibraryCache? ownCache)
    {
        Root = root;
        LoadOrder = loadOrder;
        Notes = notes;
        _ownCache = ownCache;
    }

    /// <summary>The file the tree was built for.</summary>
    public LoadedLibrary Root { get; }

    /// <summary>Every library loaded, the root first, in the order the loader loads them (breadth-first for ELF).</summary>
    public IReadOnlyList<LoadedLibrary> LoadOrder { get; }

    /// <summary>What the search could not know or assumed ("KnownDLLs are not knowable off Windows"), one line each.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Builds the tree of <paramref name="root"/>, read from <paramref name="path"/>, with the search settings of <paramref name="options"/>.</summary>
    /// <exception cref="ObjectFileException">The file is not one a loader loads (an archive, an object file, a core dump).</exception>
    public static DependencyTree Build(string path, BinaryFile root, Loading.LoaderOptions options) =>
        Loading.DependencyTreeBuilder.Build(path, root, options);

    /// <summary>Closes the maps of the libraries read for this tree when the options gave no cache.</summary>
    public void Dispose() => _ownCache?.Dispose();
}
