using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// Real files, written by nobody here, that carry MSVC-decorated names, all downloaded by the restore
/// (PackageDownload in tests/Directory.Build.targets; never committed): the static libraries of the .NET
/// host pack (libnethost.lib) and of the Native AOT runtime pack for win-x64 (the runtime, GC, event pipe,
/// globalization and compression libraries: MSVC C++ objects), and LightGBM's MSVC-built DLL and EXE,
/// which import the C++ standard library's <c>?…</c> names from msvcp140.dll.
/// </summary>
internal static class MsvcNameSources
{
    private static string Package(string id, string version, params string[] path) =>
        Path.Combine([PeFixtures.PackagesFolder, id, version, .. path]);

    /// <summary>The folders the files are read from, each with the package that fills it.</summary>
    public static IReadOnlyList<(string Folder, string Package)> Folders =>
    [
        (Package("microsoft.netcore.app.host.win-x64", "9.0.20", "runtimes", "win-x64", "native"), "Microsoft.NETCore.App.Host.win-x64 9.0.20"),
        (Package("microsoft.netcore.app.runtime.nativeaot.win-x64", "10.0.12", "runtimes", "win-x64", "native"), "Microsoft.NETCore.App.Runtime.NativeAOT.win-x64 10.0.12"),
        (Package("lightgbm", "4.7.0", "runtimes", "win-x64", "native"), "LightGBM 4.7.0"),
    ];

    /// <summary>Every .lib, .dll and .exe in those folders.</summary>
    public static IReadOnlyList<string> Files =>
        Folders
            .Where(folder => Directory.Exists(folder.Folder))
            .SelectMany(folder => Directory.EnumerateFiles(folder.Folder))
            .Where(path => Path.GetExtension(path).ToLowerInvariant() is ".lib" or ".dll" or ".exe")
            .Order(System.StringComparer.Ordinal)
            .ToList();

    /// <summary>Each file with the distinct <c>?</c> names our reader lists in it (exports, imports, archive
    /// members' defined and undefined symbols, the archive symbol index), read once per test run.</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<string> Names)> NamesByFile => LazyNames.Value;

    private static readonly Lazy<IReadOnlyList<(string File, IReadOnlyList<string> Names)>> LazyNames = new(() =>
        Files.Select(path =>
        {
            var file = BinaryFile.Open(path);
            IReadOnlyList<string> names = file.Exports.Select(e => e.Name)
                .Concat(file.Imports.Select(i => i.Name))
                .Concat(file.Summary.Archive?.SymbolIndex.Select(s => s.Name) ?? [])
                .Where(name => name.StartsWith('?'))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return (path, names);
        }).ToList());
}
