using System.Collections.Generic;

namespace Cdylib.ObjectFile.Loading;

/// <summary>What one search for a library found: the candidates tried and, on a hit, the file taken.</summary>
/// <param name="Status">Found, not found, an API set, or unloadable (a fatal candidate).</param>
/// <param name="Path">The path taken; null unless found.</param>
/// <param name="Rule">The rule that gave it.</param>
/// <param name="File">The image taken (the matching slice of a fat file).</param>
/// <param name="Attempts">Every candidate tried, in order.</param>
/// <param name="Problem">Why nothing was taken, when that has a reason beyond "no candidate" (the fatal candidate's error, the API set's state).</param>
internal sealed record SearchOutcome(ResolutionStatus Status, string? Path, string? Rule, BinaryFile? File, IReadOnlyList<SearchAttempt> Attempts, string? Problem = null);

/// <summary>
/// One platform's loader rules, as <see cref="DependencyTreeBuilder"/> asks them: is this name already
/// loaded, where would the loader find it, and which library provides each import.
/// </summary>
internal abstract class LoaderSearch(LoaderOptions options)
{
    /// <summary>The settings the search runs with.</summary>
    protected LoaderOptions Options { get; } = options;

    /// <summary>The target system's root folder.</summary>
    protected SystemRoot Root { get; } = new(options.Root);

    /// <summary>The candidate files read so far (shared between trees when the options give a cache).</summary>
    protected LibraryCache Cache { get; } = options.Cache ?? new LibraryCache();

    /// <summary>What this search cannot know, for the tree's notes.</summary>
    public virtual IReadOnlyList<string> Notes => [];

    /// <summary>Libraries the loader has before the root's dependencies are searched (ELF: the program interpreter); not yet in the load order.</summary>
    public virtual IEnumerable<LoadedLibrary> Preloaded => [];

    /// <summary>The library among <paramref name="loaded"/> (and <see cref="Preloaded"/>) that a request for <paramref name="name"/> from <paramref name="loader"/> gets without a search; null when it must be searched for.</summary>
    public abstract LoadedLibrary? AlreadyLoaded(string name, LoadedLibrary loader, IReadOnlyList<LoadedLibrary> loaded);

    /// <summary>Searches for <paramref name="dependency"/> as the loader would for <paramref name="loader"/>.</summary>
    public abstract SearchOutcome Search(LoadedLibrary loader, Dependency dependency);

    /// <summary>For every import of every library in <paramref name="loadOrder"/>, the library that provides it.</summary>
    public abstract void ResolveImports(IReadOnlyList<LoadedLibrary> loadOrder);

    /// <summary>The names a newly loaded library answers to besides the one it was asked for (its own name: SONAME, install name, DLL name).</summary>
    public virtual IEnumerable<string> OwnNames(BinaryFile file) => file.Summary.OwnName is string own ? [own] : [];
}
