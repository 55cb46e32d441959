using System;
using System.Collections.Generic;
using System.Linq;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// Builds a <see cref="DependencyTree"/>: breadth-first from the root, as ld.so loads (each library's
/// dependencies in file order, then theirs), each library loaded once: a dependency on one already
/// loaded — by a name it answers to, or by another path to the same file — is marked as such and not
/// followed again, so cycles end.
/// </summary>
internal static class DependencyTreeBuilder
{
    public static DependencyTree Build(string path, BinaryFile root, LoaderOptions options)
    {
        // Without a cache of the caller's, the tree holds its own (and its maps) until it is disposed.
        LibraryCache? ownCache = null;
        if (options.Cache is null)
        {
            ownCache = new LibraryCache();
            options = options with { Cache = ownCache };
        }

        LoaderSearch search = root.Summary.Format switch
        {
            BinaryFormat.Elf => new ElfLoaderSearch(options, root),
            BinaryFormat.MachO => new MachOLoaderSearch(options, path, root),
            BinaryFormat.Pe => new PeLoaderSearch(options, path, root),
            _ => throw new ObjectFileException($"{path}: a {root.Summary.Format} file is not loaded by a loader: it has no dependency tree"),
        };

        var rootLibrary = new LoadedLibrary(path, root, null, 0) { Identity = RealPath.Of(path) };
        rootLibrary.Names.AddRange(search.OwnNames(root));
        var loaded = new List<LoadedLibrary> { rootLibrary };
        var queue = new Queue<LoadedLibrary>([rootLibrary]);
        while (queue.Count > 0)
        {
            var library = queue.Dequeue();
            var resolved = new List<ResolvedDependency>();
            foreach (var dependency in library.File.Dependencies)
            {
                resolved.Add(Resolve(search, library, dependency, loaded, queue));
            }

            library.Dependencies = resolved;
        }

        if (options.ResolveImports)
        {
            search.ResolveImports(loaded);
        }

        return new DependencyTree(rootLibrary, loaded, search.Notes, ownCache);
    }

    private static ResolvedDependency Resolve(LoaderSearch search, LoadedLibrary loader, Dependency dependency, List<LoadedLibrary> loaded, Queue<LoadedLibrary> queue)
    {
        if (search.AlreadyLoaded(dependency.Name, loader, loaded) is LoadedLibrary known)
        {
            // A preloaded library (the interpreter) joins the load order where it is first needed.
            if (!loaded.Contains(known))
            {
                known.LoadIndex = loaded.Count;
                loaded.Add(known);
                queue.Enqueue(known);
                return new ResolvedDependency(dependency, ResolutionStatus.Found, known.Path, "program interpreter (PT_INTERP)", []) { Library = known };
            }

            return new ResolvedDependency(dependency, ResolutionStatus.AlreadyLoaded, known.Path, "already loaded", []) { Library = known };
        }

        var outcome = search.Search(loader, dependency);
        if (outcome.Status != ResolutionStatus.Found || outcome.File is null || outcome.Path is null)
        {
            return new ResolvedDependency(dependency, outcome.Status, null, outcome.Rule, outcome.Attempts) { Problem = outcome.Problem };
        }

        // Another path to a file already loaded (a symbolic link, /lib against /usr/lib) is the same library, as the loader compares files.
        string identity = RealPath.Of(outcome.Path);
        if (loaded.FirstOrDefault(l => l.Identity == identity) is LoadedLibrary same)
        {
            same.Names.Add(dependency.Name);
            return new ResolvedDependency(dependency, ResolutionStatus.AlreadyLoaded, same.Path, $"{outcome.Rule}: the same file as {same.Path}, already loaded", outcome.Attempts) { Library = same };
        }

        var library = new LoadedLibrary(outcome.Path, outcome.File, loader, loaded.Count) { Identity = identity };
        library.Names.Add(dependency.Name);
        library.Names.AddRange(search.OwnNames(outcome.File));
        loaded.Add(library);
        queue.Enqueue(library);
        return new ResolvedDependency(dependency, ResolutionStatus.Found, outcome.Path, outcome.Rule, outcome.Attempts) { Library = library };
    }
}
