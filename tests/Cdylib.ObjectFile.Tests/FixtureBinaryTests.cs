using System.Collections.Generic;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>The gcc-built fixtures, read by the reader and cross-checked row by row against readelf and nm.</summary>
public sealed class FixtureBinaryTests
{
    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    public static TheoryData<string> AllFixtures => new() { "Library", "LibrarySysvHash", "Executable", "Library32" };

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Exports_match_readelf_in_name_version_address_size_kind_binding_and_visibility(string fixture)
    {
        string path = PathOf(fixture);
        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(
            Expectations.ExportsFromReadelf(Readelf.DynamicSymbols(path), Readelf.VersionDefinitionNames(path)),
            Expectations.ExportsFromReader(file));
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Imports_match_readelf_in_name_version_library_kind_and_binding(string fixture)
    {
        string path = PathOf(fixture);
        var file = BinaryFile.Open(path);

        Assert.Equal(
            Expectations.ImportsFromReadelf(Readelf.DynamicSymbols(path), Readelf.VersionNeedFiles(path)),
            Expectations.ImportsFromReader(file));
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Symbols_match_nm_in_decorated_name_address_and_weakness(string fixture)
    {
        string path = PathOf(fixture);
        var file = BinaryFile.Open(path);
        var nm = Nm.DynamicSymbols(path);

        var expectedDefined = nm.Where(s => s.Address is not null).Select(s => $"{s.DecoratedName} {s.Address:x} weak={IsWeakLetter(s.Letter)}").Order();
        // nm, like readelf, prints version markers without their version.
        var actualDefined = file.Exports
            .Select(e => $"{(e.Kind == SymbolKind.Version ? e.Name : Decorate(e.Name, e.Version))} {e.Address:x} weak={e.Binding == SymbolBinding.Weak}")
            .Order();
        Assert.Equal(expectedDefined, actualDefined);

        var expectedUndefined = nm.Where(s => s.Address is null).Select(s => $"{s.DecoratedName} weak={IsWeakLetter(s.Letter)}").Order();
        var actualUndefined = file.Imports.Select(i => $"{Decorate(i.Name, i.Version)} weak={i.IsWeak}").Order();
        Assert.Equal(expectedUndefined, actualUndefined);
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Summary_matches_readelf_header_and_dynamic_section(string fixture)
    {
        string path = PathOf(fixture);
        var file = BinaryFile.Open(path);
        var header = Readelf.Header(path);
        var dynamic = Readelf.Dynamic(path);

        Assert.Equal(header["Class"], "ELF" + file.Summary.Bits);
        Assert.Equal(header["Data"].Contains("little endian"), file.Summary.Endianness == Endianness.Little);
        Assert.Equal(ReadelfMachine(file.Summary.Machine), header["Machine"]);
        Assert.Equal(ReadelfType(file.Summary.Kind), header["Type"]);
        Assert.Equal(dynamic.Where(e => e.Tag == "NEEDED").Select(e => e.Value), file.Dependencies.Select(d => d.Name));
        Assert.Equal(dynamic.Where(e => e.Tag == "SONAME").Select(e => e.Value).SingleOrDefault(), file.Summary.OwnName);
        Assert.Equal(
            dynamic.Where(e => e.Tag is "RPATH" or "RUNPATH").Select(e => $"{e.Tag} {e.Value}"),
            file.Summary.SearchPaths.Select(p => $"{(p.Kind == SearchPathKind.RPath ? "RPATH" : "RUNPATH")} {p.Value}"));
    }

    [Fact]
    public void Library_reports_the_symbols_its_source_and_version_script_define()
    {
        var file = BinaryFile.Open(Fixtures.Library);
        Export Single(string name, string version) => Assert.Single(file.Exports, e => e.Name == name && e.Version?.Name == version);

        Assert.Equal(BinaryKind.SharedLibrary, file.Summary.Kind);
        Assert.Equal("x86-64", file.Summary.Machine);
        Assert.Equal("libdemo.so.1", file.Summary.OwnName);
        var runPath = Assert.Single(file.Summary.SearchPaths);
        Assert.Equal(SearchPathKind.RunPath, runPath.Kind);
        Assert.Equal(["$ORIGIN/lib", "/opt/demo/lib"], runPath.Directories);
        Assert.Equal(["libm.so.6", "libc.so.6"], file.Dependencies.Select(d => d.Name));

        Assert.Equal(SymbolKind.Function, Single("demo_add", "V1").Kind);
        Assert.Equal(SymbolKind.Data, Single("demo_counter", "V1").Kind);
        Assert.Equal(SymbolKind.Data, Single("demo_name", "V2").Kind);
        Assert.Equal(SymbolKind.ThreadLocal, Single("demo_tls", "V2").Kind);
        Assert.Equal(SymbolKind.IndirectFunction, Single("demo_ifunc", "V2").Kind);
        Assert.Equal(SymbolBinding.Weak, Single("demo_weak", "V2").Binding);
        Assert.Equal(SymbolVisibility.Protected, Single("demo_protected", "V2").Visibility);

        // One name, two versions: the old one hidden (demo_versioned@V1), the new one default (@@V2), at different addresses.
        var old = Single("demo_versioned", "V1");
        var current = Single("demo_versioned", "V2");
        Assert.False(old.Version!.IsDefault);
        Assert.True(current.Version!.IsDefault);
        Assert.NotEqual(old.Address, current.Address);

        // GNU ld's version markers are reported as such, not as data.
        var markers = file.Exports.Where(e => e.Kind == SymbolKind.Version).Select(e => e.Name);
        Assert.Equal(["V1", "V2"], markers.Order());
        Assert.All(file.Exports.Where(e => e.Kind == SymbolKind.Version), e => Assert.True(e.IsAbsolute));

        var callback = Assert.Single(file.Imports, i => i.Name == "app_callback");
        Assert.True(callback.IsWeak);
        Assert.Null(callback.Library);
        Assert.Equal("libm.so.6", Assert.Single(file.Imports, i => i.Name == "sqrt").Library);
        Assert.Equal("libc.so.6", Assert.Single(file.Imports, i => i.Name == "printf").Library);
    }

    [Fact]
    public void Executable_binds_imports_to_the_library_that_defines_their_version()
    {
        var file = BinaryFile.Open(Fixtures.Executable);

        Assert.Equal(BinaryKind.Executable, file.Summary.Kind); // PIE: ET_DYN with DF_1_PIE
        Assert.Null(file.Summary.OwnName);
        Assert.Equal(SearchPathKind.RPath, Assert.Single(file.Summary.SearchPaths).Kind);
        Assert.Contains("libdemo.so.1", file.Dependencies.Select(d => d.Name));

        var add = Assert.Single(file.Imports, i => i.Name == "demo_add");
        Assert.Equal(new SymbolVersion("V1", IsDefault: false, "libdemo.so.1"), add.Version);
        Assert.Equal("libdemo.so.1", add.Library);

        // A plain reference binds to the default version at link time.
        Assert.Equal("V2", Assert.Single(file.Imports, i => i.Name == "demo_versioned").Version?.Name);

        // Data the executable references is copied into it (a copy relocation): defined here, yet versioned by a requirement.
        var counter = Assert.Single(file.Exports, e => e.Name == "demo_counter");
        Assert.Equal(new SymbolVersion("V1", IsDefault: false, "libdemo.so.1"), counter.Version);
    }

    [Fact]
    public void Elf32_library_is_read_with_its_versions()
    {
        var file = BinaryFile.Open(Fixtures.Library32);

        Assert.False(file.Summary.Is64Bit);
        Assert.Equal("x86", file.Summary.Machine);
        Assert.Equal("libmini32.so", file.Summary.OwnName);
        Assert.Equal("M2", Assert.Single(file.Exports, e => e.Name == "mini_versioned" && e.Version!.IsDefault).Version!.Name);
        Assert.Equal("M1", Assert.Single(file.Exports, e => e.Name == "mini_versioned" && !e.Version!.IsDefault).Version!.Name);
        Assert.Contains(file.Imports, i => i.Name == "host_function" && i.Library is null);
    }

    [Fact]
    public void Relocatable_object_reports_its_symtab_globals()
    {
        var file = BinaryFile.Open(Fixtures.Object);

        Assert.Equal(BinaryKind.Relocatable, file.Summary.Kind);
        Assert.Empty(file.Warnings);
        Assert.Contains(file.Exports, e => e.Name == "demo_add" && e.Kind == SymbolKind.Function);
        Assert.Contains(file.Imports, i => i.Name == "printf");
    }

    private static string PathOf(string fixture) => fixture switch
    {
        "Library" => Fixtures.Library,
        "LibrarySysvHash" => Fixtures.LibrarySysvHash,
        "Executable" => Fixtures.Executable,
        "Library32" => Fixtures.Library32,
        _ => throw new KeyNotFoundException(fixture),
    };

    private static string Decorate(string name, SymbolVersion? version) => version is null ? name : version.Decorate(name);

    private static bool IsWeakLetter(char letter) => letter is 'W' or 'w' or 'V' or 'v';

    /// <summary>The reader's machine names in readelf's wording, for the machines the fixtures use.</summary>
    internal static string ReadelfMachine(string machine) => machine switch
    {
        "x86-64" => "Advanced Micro Devices X86-64",
        "x86" => "Intel 80386",
        "s390x" or "s390" => "IBM S/390",
        "ppc" => "PowerPC",
        "ppc64" => "PowerPC64",
        "aarch64" => "AArch64",
        "arm" => "ARM",
        _ => machine,
    };

    internal static string ReadelfType(BinaryKind kind) => kind switch
    {
        BinaryKind.SharedLibrary => "DYN (Shared object file)",
        BinaryKind.Executable => "DYN (Position-Independent Executable file)",
        BinaryKind.Relocatable => "REL (Relocatable file)",
        _ => kind.ToString(),
    };
}
