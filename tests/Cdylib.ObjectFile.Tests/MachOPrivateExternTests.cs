using System;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Archive;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Private externs (N_PEXT) of Mach-O objects: libnethost.a of the .NET host packs for osx-arm64 and
/// osx-x64 defines most of its external symbols so (C++ built with hidden visibility). Each is listed
/// as a definition of its member, marked private extern, as an ELF object's hidden symbols are listed
/// and marked hidden; checked name for name against llvm-nm.
/// </summary>
public sealed class MachOPrivateExternTests
{
    public static TheoryData<string> Libraries() => new(MachOFixtures.DotNetHostStaticLibraries);

    [Fact]
    public void The_restore_downloaded_the_macos_host_packs() =>
        Assert.All(MachOFixtures.DotNetHostStaticLibraries, path => Assert.True(File.Exists(path),
            $"{path} is missing: the PackageDownload of Microsoft.NETCore.App.Host.osx-* 10.0.12 in tests/Directory.Build.targets did not restore"));

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_external_definition_llvm_nm_lists_is_listed_and_private_externs_are_marked(string path)
    {
        var file = BinaryFile.Open(path);
        var members = file.Summary.Archive!.Members.Where(m => m.Kind == ArchiveMemberKind.MachOObject).ToList();
        var privateExterns = LlvmArchive.MachOPrivateExterns(path);

        // llvm-nm -g lists N_EXT definitions with or without N_PEXT: all of them are exports.
        Assert.Equal(
            LlvmArchive.Members(path).SelectMany(m => m.Defined).Order(StringComparer.Ordinal),
            file.Exports.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            privateExterns.Order(StringComparer.Ordinal),
            members.SelectMany(m => m.Exports.Where(e => e.Visibility == SymbolVisibility.PrivateExtern).Select(e => $"{m.Name} {e.Name}")).Order(StringComparer.Ordinal));
        Assert.All(file.Exports, e => Assert.Contains(e.Visibility, new[] { SymbolVisibility.Default, SymbolVisibility.PrivateExtern }));

        // The archive's own index (__.SYMDEF) names each external definition once per member: private externs too.
        Assert.Equal(file.Summary.Archive.SymbolIndex.Count, file.Exports.Count);
        Assert.NotEmpty(privateExterns);
        Assert.Contains("fx_ver.cpp.o __ZN8fx_ver_t7compareERKS_S1_", privateExterns);
    }

    [Fact]
    public void The_text_marks_private_externs_in_a_visibility_column()
    {
        string path = MachOFixtures.DotNetHostStaticLibraries[0];
        var (exitCode, output, error) = InspectCli.Run(["exports", path]);

        Assert.True(exitCode == 0, error);
        string row = output.Split('\n').Single(line => line.EndsWith(" __ZN8fx_ver_t7compareERKS_S1_", StringComparison.Ordinal));
        Assert.Matches(@"^\s+[0-9a-f]{16}\s+0\s+GLOBAL\s+PRIVATE-EXTERN\s+function\s+__ZN8fx_ver_t7compareERKS_S1_$", row);
        Assert.Contains("  Address           Size  Binding  Visibility      Type      Name", output, StringComparison.Ordinal);
    }
}
