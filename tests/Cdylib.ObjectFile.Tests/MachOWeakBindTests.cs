using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// One rule for a weak bind of the image's own weak definition, in both encodings: dyld coalesces the
/// image's copy with other images' copies, and the name is listed as a (weak) export, not as an import.
/// A weak bind of a name the image does not define is an import, looked up in every image (ordinal -3).
/// Checked on real Apple-linked C++ libraries: libSkiaSharp.dylib x86_64 (LC_DYLD_INFO weak-bind
/// opcodes; 10 own weak definitions such as <c>__ZTISt11logic_error</c>) against llvm-objdump
/// --weak-bind / --bind / --exports-trie, and libnethost.dylib osx-x64 (chained fixups; 14 imports of
/// ordinal -3 that are its own weak definitions, such as <c>__ZTINSt3__117bad_function_callE</c>)
/// against llvm-objdump 19 --chained-fixups and llvm-nm.
/// </summary>
public sealed class MachOWeakBindTests
{
    private static string ChainedFixupsLibrary => MachOFixtures.DotNetHost("osx-x64", "libnethost.dylib");

    [Fact]
    public void The_restore_downloaded_the_skiasharp_and_host_dylibs() =>
        Assert.All([MachOFixtures.SkiaSharp, ChainedFixupsLibrary], path => Assert.True(File.Exists(path),
            $"{path} is missing: the PackageDownload of SkiaSharp.NativeAssets.macOS 3.119.0 / Microsoft.NETCore.App.Host.osx-x64 10.0.12 in tests/Directory.Build.targets did not restore"));

    [Fact]
    public void Dyld_info_weak_binds_of_own_weak_definitions_are_exports_not_imports()
    {
        string path = MachOFixtures.SkiaSharp;
        var file = MachOCrossCheck.AssertMatchesLlvm(path, "x86_64");
        Assert.Equal(MachOTable.DyldInfo, file.Summary.MachO!.ImportsFrom);

        var weakBinds = LlvmMachO.Binds(path, "x86_64", "--weak-bind").Where(r => r.Type != "strong").Select(r => r.Symbol).ToHashSet();
        var bound = LlvmMachO.Binds(path, "x86_64", "--bind").Concat(LlvmMachO.Binds(path, "x86_64", "--lazy-bind")).Select(r => r.Symbol).ToHashSet();
        var exported = LlvmMachO.Exports(path, "x86_64").Select(e => e.Name).ToHashSet();
        var own = weakBinds.Where(exported.Contains).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("__ZTISt11logic_error", own);
        AssertOwnWeakDefinitionsAreExportsOnly(file, own);
        Assert.Equal(
            weakBinds.Where(name => !exported.Contains(name) && !bound.Contains(name)).Order(StringComparer.Ordinal),
            file.Imports.Where(i => i.LibraryOrdinal == MachOConstants.OrdinalWeakLookup).Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Chained_fixups_weak_lookups_of_own_weak_definitions_are_exports_not_imports()
    {
        string path = ChainedFixupsLibrary;
        var file = MachOCrossCheck.AssertMatchesLlvm(path, null);
        Assert.Equal(MachOTable.ChainedFixups, file.Summary.MachO!.ImportsFrom);

        var table = LlvmMachO.ChainedFixupImports(path, null);
        var defined = LlvmMachO.Nm(path, null).Where(s => s.IsExternal && !s.IsUndefined).Select(s => s.Name).ToHashSet();
        bool OwnWeakDefinition((int Ordinal, string Name) entry) => entry.Ordinal == MachOConstants.OrdinalWeakLookup && defined.Contains(entry.Name);
        var own = table.Where(OwnWeakDefinition).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("__ZTINSt3__117bad_function_callE", own);
        AssertOwnWeakDefinitionsAreExportsOnly(file, own);

        // Every other entry of the table is an import, with its ordinal (-3 for those looked up in every image).
        Assert.Equal(
            table.Where(e => !OwnWeakDefinition(e)).Select(e => $"{e.Ordinal} {e.Name}"),
            file.Imports.Select(i => $"{i.LibraryOrdinal} {i.Name}"));
        Assert.Contains(file.Imports, i => i.LibraryOrdinal == MachOConstants.OrdinalWeakLookup);
    }

    /// <summary>Each of <paramref name="own"/> (at least one) is a weak export and no import; the imports name only what llvm-nm lists as undefined.</summary>
    private static void AssertOwnWeakDefinitionsAreExportsOnly(BinaryFile file, IReadOnlyList<string> own)
    {
        Assert.NotEmpty(own);
        var weakExports = file.Exports.Where(e => e.Binding == SymbolBinding.Weak).Select(e => e.Name).ToHashSet();
        var imported = file.Imports.Select(i => i.Name).ToHashSet();
        Assert.All(own, name =>
        {
            Assert.Contains(name, weakExports);
            Assert.DoesNotContain(name, imported);
        });
    }
}
