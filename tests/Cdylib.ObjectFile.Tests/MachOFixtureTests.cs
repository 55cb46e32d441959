using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// What tests/fixtures/macho/*.c and make.sh declare, read back from the built fat files: the facts the
/// sources promise (install names and versions, rpaths, dylib kinds, weak definitions and imports,
/// thread-locals, the absolute symbol), beside the llvm cross-checks of <see cref="MachOBinaryTests"/>.
/// </summary>
public sealed class MachOFixtureTests
{
    public static TheoryData<string> Architectures() => new(MachOFixtures.Architectures);

    private static BinaryFile Slice(string path, string arch) => BinaryContainer.Parse(File.ReadAllBytes(path), path).Select(arch).Read();

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Library_exports_what_fixture_c_defines(string arch)
    {
        var file = Slice(MachOFixtures.Library, arch);
        var byName = file.Exports.ToDictionary(e => e.Name);

        Assert.Equal(BinaryFormat.MachO, file.Summary.Format);
        Assert.Equal(BinaryKind.SharedLibrary, file.Summary.Kind);
        Assert.Equal(arch == "arm64" ? "aarch64" : "x86-64", file.Summary.Machine);
        Assert.Equal(64, file.Summary.Bits);
        Assert.Equal(Endianness.Little, file.Summary.Endianness);
        Assert.Equal(SymbolKind.Function, byName["_fixture_add"].Kind);
        Assert.Equal(SymbolBinding.Global, byName["_fixture_add"].Binding);
        Assert.Equal(SymbolKind.Data, byName["_fixture_counter"].Kind);
        Assert.Equal(SymbolKind.Data, byName["_fixture_version"].Kind);
        Assert.Equal(SymbolKind.ThreadLocal, byName["_fixture_tls"].Kind);
        Assert.Equal(SymbolBinding.Weak, byName["_fixture_weak"].Binding);
        Assert.Equal(SymbolKind.Function, byName["_fixture_weak"].Kind);
        Assert.True(byName["_fixture_absolute"].IsAbsolute);
        Assert.Equal(0x1234UL, byName["_fixture_absolute"].Address);
        Assert.DoesNotContain("_fixture_hidden", byName.Keys);
        Assert.All(file.Exports, e => Assert.Null(e.ForwardedTo));
        Assert.Equal(arch == "arm64" ? MachOTable.ExportsTrie : MachOTable.DyldInfo, file.Summary.MachO!.ExportsFrom);
        Assert.Equal(arch == "arm64" ? MachOTable.ChainedFixups : MachOTable.DyldInfo, file.Summary.MachO.ImportsFrom);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Library_names_itself_depends_with_versions_and_carries_rpaths(string arch)
    {
        var file = Slice(MachOFixtures.Library, arch);
        var macho = file.Summary.MachO!;

        Assert.Equal("@rpath/libfixture.dylib", file.Summary.OwnName);
        Assert.Equal(("1.2.3", "1.0.0"), (macho.Id!.CurrentVersionText, macho.Id.CompatibilityVersionText));
        Assert.Equal(["@loader_path/../lib", "/opt/fixture/lib"], file.Summary.SearchPaths.Select(s => s.Value));
        Assert.Equal(
            ["@rpath/libdep.dylib Needed", "/usr/lib/libSystem.B.dylib Needed", "/usr/local/lib/libmore.dylib Needed", "/usr/local/lib/libmore.dylib Reexport"],
            file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));
        var dep = macho.Dylibs[0];
        Assert.Equal(("LC_LOAD_DYLIB", "2.3.4", "2.0.0", 1), (dep.CommandName, dep.CurrentVersionText, dep.CompatibilityVersionText, dep.Ordinal));
        Assert.Equal("LC_REEXPORT_DYLIB", macho.Dylibs[3].CommandName);
        Assert.Equal(("macos", "11.0.0"), (macho.Platform, macho.MinimumOSVersion));
        Assert.Contains(file.Imports, i => i.Name == "_dep_hello" && i.Library == "@rpath/libdep.dylib" && i.LibraryOrdinal == 1);
        Assert.Contains(file.Imports, i => i.Name == "_dep_value" && i.Library == "@rpath/libdep.dylib");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void App_imports_weakly_and_from_a_weak_dylib(string arch)
    {
        var file = Slice(MachOFixtures.App, arch);

        Assert.Equal(BinaryKind.Executable, file.Summary.Kind);
        Assert.Null(file.Summary.OwnName);
        Assert.Equal(["@executable_path/../lib"], file.Summary.SearchPaths.Select(s => s.Value));
        Assert.Equal(
            ["@rpath/libfixture.dylib Needed", "/usr/lib/libSystem.B.dylib Needed", "@rpath/libdep.dylib Weak"],
            file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));
        Assert.True(Assert.Single(file.Imports, i => i.Name == "_fixture_optional").IsWeak);
        Assert.False(Assert.Single(file.Imports, i => i.Name == "_fixture_add").IsWeak);
        Assert.Equal("@rpath/libdep.dylib", Assert.Single(file.Imports, i => i.Name == "_dep_optional").Library);
        Assert.Contains(file.Exports, e => e.Name == "_start" && e.Kind == SymbolKind.Function);
        Assert.NotNull(file.Summary.MachO!.EntryOffset);
        Assert.Equal(0x100000000UL, file.Summary.MachO.ImageBase);
    }

    [Fact]
    public void A_fat_file_opened_as_a_binary_file_is_its_first_slice_and_lists_them_all()
    {
        var file = BinaryFile.Open(MachOFixtures.Library);
        var macho = file.Summary.MachO!;

        Assert.Equal("x86_64", macho.Architecture);
        Assert.Equal(0, macho.Slice!.Index);
        Assert.False(macho.IsFat64);
        Assert.Equal(["x86_64", "arm64"], macho.FatSlices.Select(s => s.Architecture));
        Assert.Equal(MachOFixtures.FatSlices(File.ReadAllBytes(MachOFixtures.Library)), macho.FatSlices);
        Assert.Equal(Slice(MachOFixtures.Library, "x86_64").Exports, file.Exports);
    }

    [Fact]
    public void Fat_file_with_64_bit_headers_is_read_slice_by_slice()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Dependency);

        var container = BinaryContainer.Parse(data, MachOFixtures.Dependency);
        Assert.True(container.IsFat);
        var files = container.Images.Select(image => image.Read()).ToList();

        Assert.Equal(["x86-64", "aarch64"], files.Select(f => f.Summary.Machine));
        Assert.All(files, f => Assert.True(f.Summary.MachO!.IsFat64));
        Assert.All(files, f => Assert.Equal("@rpath/libdep.dylib", f.Summary.OwnName));
        Assert.All(files, f => Assert.Equal("2.3.4", f.Summary.MachO!.Id!.CurrentVersionText));
        Assert.All(files, f => Assert.Equal(["_dep_hello", "_dep_optional", "_dep_value"], f.Exports.Select(e => e.Name).Order()));
    }

    [Theory]
    [InlineData("arm64", "arm64")]
    [InlineData("aarch64", "arm64")]
    [InlineData("x86-64", "x86_64")]
    [InlineData("X86_64", "x86_64")]
    public void Architectures_are_named_as_lipo_or_as_the_machine(string requested, string expected) =>
        Assert.Equal(expected, Slice(MachOFixtures.App, requested).Summary.MachO!.Architecture);

    [Fact]
    public void A_missing_architecture_is_an_error_naming_the_ones_there()
    {
        var error = Assert.Throws<ObjectFileException>(() => Slice(MachOFixtures.Library, "i386"));
        Assert.Equal("the fat file has no i386 slice (it has x86_64, arm64)", error.Message);

        var thin = MachOFixtures.Thin(MachOFixtures.Library, "arm64");
        Assert.Equal("aarch64", BinaryContainer.Parse(thin).Select("arm64").Read().Summary.Machine);
        Assert.Equal("the file is a thin arm64 image, not x86_64", Assert.Throws<ObjectFileException>(() => BinaryContainer.Parse(thin).Select("x86_64")).Message);
        Assert.Empty(MachOFixtures.FatSlices(thin));
        Assert.Null(BinaryFile.Parse(thin).Summary.MachO!.Slice);
    }
}
