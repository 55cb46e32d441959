using System.Collections.Generic;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// What the loader's search depends on besides the files themselves: the environment it runs in and,
/// since the target system is often not this one, where that system's files are.
/// </summary>
public sealed record LoaderOptions
{
    /// <summary>
    /// The target system's root folder (a sysroot): every absolute path the loader would open
    /// (/etc/ld.so.cache, /usr/lib, an absolute RPATH or install name) is looked up under it. Null: this machine's root.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>ELF: the directories of LD_LIBRARY_PATH, in order; null when it is not set.</summary>
    public IReadOnlyList<string>? LibraryPath { get; init; }

    /// <summary>Mach-O: the main executable, for @executable_path; null: the root file when it is an executable.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>PE: the Windows system folder (System32 of the target); null when none is given.</summary>
    public string? SystemFolder { get; init; }

    /// <summary>PE: the directories of PATH, searched last.</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = [];

    /// <summary>PE: the API set schema (apisetschema.dll) that maps api-ms-win-* names to DLLs; null: the one in <see cref="SystemFolder"/>, if any.</summary>
    public string? ApiSetSchema { get; init; }

    /// <summary>Whether to find, for every import of every library, the library that provides it.</summary>
    public bool ResolveImports { get; init; } = true;

    /// <summary>
    /// Libraries already read (by full path), shared between trees built one after another so that a
    /// library many files need is read once; null: each tree reads its own.
    /// </summary>
    public LibraryCache? Cache { get; init; }
}
