using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Loading;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// The options of <c>cdylib deps --tree</c>: the loader's environment (LD_LIBRARY_PATH, PATH) and where
/// the target system's files are (a root folder, the Windows system folder, the program for
/// @executable_path, the API set schema).
/// </summary>
internal sealed class TreeOptions
{
    private readonly Option<bool> Tree = new("--tree")
    {
        Description = "Resolve every library the file loads, recursively, as the platform's loader would; show each one's rule or the places tried, and where every import comes from.",
    };

    private readonly Option<string?> LibraryPath = new("--ld-library-path")
    {
        Description = "ELF: the LD_LIBRARY_PATH the loader sees (colon-separated); default: this environment's. An empty value means not set.",
        HelpName = "DIRS",
    };

    private readonly Option<string?> Root = new("--root")
    {
        Description = "The target system's root folder (a sysroot): absolute paths (/etc/ld.so.cache, /usr/lib, install names, RPATHs) are looked up under it.",
        HelpName = "DIR",
    };

    private readonly Option<string?> Executable = new("--executable")
    {
        Description = "Mach-O: the main executable, for @executable_path (default: the file itself when it is an executable).",
        HelpName = "FILE",
    };

    private readonly Option<string?> SystemFolder = new("--system-folder")
    {
        Description = "PE: the Windows system folder (System32) to search after the application folder; its apisetschema.dll maps API set names.",
        HelpName = "DIR",
    };

    private readonly Option<string?> SearchPath = new("--path")
    {
        Description = "PE: the folders of PATH, searched last (separated by ':' or ';'); default: none.",
        HelpName = "DIRS",
    };

    private readonly Option<string?> ApiSetSchema = new("--api-set-schema")
    {
        Description = "PE: the apisetschema.dll that maps api-ms-win-* and ext-ms-win-* names to their DLLs (default: the system folder's).",
        HelpName = "FILE",
    };

    /// <summary>Adds the options to the deps command; <see cref="From"/> reads them back.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Tree, LibraryPath, Root, Executable, SystemFolder, SearchPath, ApiSetSchema })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The loader options when --tree is given, else null.</summary>
    public LoaderOptions? From(ParseResult parseResult)
    {
        if (!parseResult.GetValue(Tree))
        {
            return null;
        }

        // As ld.so: an unset or empty LD_LIBRARY_PATH is no path at all.
        string? libraryPath = parseResult.GetResult(LibraryPath) is null ? Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") : parseResult.GetValue(LibraryPath);
        return new LoaderOptions
        {
            Root = parseResult.GetValue(Root),
            LibraryPath = string.IsNullOrEmpty(libraryPath) ? null : libraryPath.Split(':'),
            ExecutablePath = parseResult.GetValue(Executable),
            SystemFolder = parseResult.GetValue(SystemFolder),
            SearchPath = parseResult.GetValue(SearchPath)?.Split([':', ';'], StringSplitOptions.RemoveEmptyEntries) ?? [],
            ApiSetSchema = parseResult.GetValue(ApiSetSchema),
            Cache = new LibraryCache(),
        };
    }
}
