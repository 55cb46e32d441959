using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The Mach-O files the tests read: the committed fixtures built by tests/fixtures/macho/make.sh (copied
/// beside the test assembly; all fat files, so each is read per architecture), and the real third-party
/// files that the test project's restore downloads (never committed): the dylibs of
/// SQLitePCLRaw.lib.e_sqlite3 and SkiaSharp.NativeAssets.macOS, the .NET host packs for macOS.
/// </summary>
public static class MachOFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "macho");

    public static string Named(string name) => Path.Combine(Directory, name);

    /// <summary>Fat: x86_64 (dyld-info opcodes) and arm64 (chained fixups, LC_DYLD_EXPORTS_TRIE).</summary>
    public static string Library => Named("libfixture.dylib");

    /// <summary>Fat with 64-bit fat headers (FAT_MAGIC_64): x86_64 and arm64.</summary>
    public static string Dependency => Named("libdep.dylib");

    /// <summary>Fat executable: x86_64 (bind, lazy-bind and weak-bind opcodes) and arm64 (chained fixups).</summary>
    public static string App => Named("app");

    public static string[] All => [Library, Dependency, App];

    /// <summary>Fat, slices that differ: x86_64 exports skew_add and skew_sub, arm64 only skew_add.</summary>
    public static string Skewed => Named("libskew.dylib");

    /// <summary>The version before <see cref="Skewed"/>: both slices export skew_add and skew_sub.</summary>
    public static string SkewedBefore => Named("libskew-before.dylib");

    public static string[] Architectures => ["x86_64", "arm64"];

    /// <summary>Every committed fixture with each of its architectures.</summary>
    public static IEnumerable<(string Name, string Arch)> Slices =>
        All.SelectMany(path => Architectures.Select(arch => (Path.GetFileName(path), arch)));

    /// <summary>libe_sqlite3.dylib of SQLitePCLRaw.lib.e_sqlite3 2.0.6 for osx-x64 and osx-arm64 (Xcode-built, thin).</summary>
    public static IReadOnlyList<string> Sqlite =>
        new[] { "osx-x64", "osx-arm64" }
            .Select(rid => Path.Combine(PeFixtures.PackagesFolder, "sqlitepclraw.lib.e_sqlite3", "2.0.6", "runtimes", rid, "native", "libe_sqlite3.dylib"))
            .ToList();

    /// <summary>
    /// A file of the .NET host pack Microsoft.NETCore.App.Host.<paramref name="rid"/> 10.0.12 (osx-x64 or
    /// osx-arm64; Apple-linked by Microsoft): libnethost.a, libnethost.dylib, apphost, singlefilehost.
    /// </summary>
    public static string DotNetHost(string rid, string file) =>
        Path.Combine(PeFixtures.PackagesFolder, "microsoft.netcore.app.host." + rid, "10.0.12", "runtimes", rid, "native", file);

    /// <summary>libnethost.a of the osx-arm64 and osx-x64 host packs: BSD archives of Mach-O objects with private externs (N_PEXT).</summary>
    public static IReadOnlyList<string> DotNetHostStaticLibraries =>
        new[] { "osx-arm64", "osx-x64" }.Select(rid => DotNetHost(rid, "libnethost.a")).ToList();

    /// <summary>libSkiaSharp.dylib of SkiaSharp.NativeAssets.macOS 3.119.0: fat (x86_64 with dyld-info opcodes, arm64), C++ with weak definitions.</summary>
    public static string SkiaSharp =>
        Path.Combine(PeFixtures.PackagesFolder, "skiasharp.nativeassets.macos", "3.119.0", "runtimes", "osx", "native", "libSkiaSharp.dylib");

    /// <summary>The fat header's slices, in header order (none for a thin file): the images of the front door that are slices.</summary>
    public static IReadOnlyList<MachOFatSlice> FatSlices(byte[] data) =>
        BinaryContainer.Parse(data).Images.Select(image => image.FatSlice).OfType<MachOFatSlice>().ToList();

    /// <summary>The bytes of one slice of a fat fixture: a thin image, for tests that need one.</summary>
    public static byte[] Thin(string path, string arch)
    {
        byte[] data = File.ReadAllBytes(path);
        var slice = FatSlices(data).Single(s => s.Architecture == arch);
        return data.AsSpan((int)slice.Offset, (int)slice.Size).ToArray();
    }
}
