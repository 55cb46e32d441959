using System.IO;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// What tests/fixtures/pe/fixture.def and app.c declare, read back from the built images: the facts
/// the sources promise (ordinals, NONAME, DATA, forwarders, delay-load), beside the llvm cross-checks
/// of <see cref="PeBinaryTests"/>.
/// </summary>
public sealed class PeFixtureTests
{
    public static TheoryData<string> Dlls() => new("fixture-x64.dll", "fixture-x86.dll", "fixture-arm64.dll");

    public static TheoryData<string> Apps() => new("app-x64.exe", "app-x86.exe");

    [Theory]
    [MemberData(nameof(Dlls))]
    public void Dll_exports_what_its_def_file_declares(string name)
    {
        var file = BinaryFile.Open(PeFixtures.Named(name));
        var byName = file.Exports.Where(e => e.Name.Length > 0).ToDictionary(e => e.Name);

        Assert.Equal(BinaryKind.SharedLibrary, file.Summary.Kind);
        Assert.Equal(BinaryFormat.Pe, file.Summary.Format);
        Assert.Equal(Endianness.Little, file.Summary.Endianness);
        Assert.Equal(1u, byName["fixture_add"].Ordinal);
        Assert.Equal(20u, byName["fixture_fixed"].Ordinal);
        Assert.Equal(SymbolKind.Function, byName["fixture_add"].Kind);
        Assert.Equal(SymbolKind.Data, byName["fixture_counter"].Kind);
        Assert.Equal(SymbolKind.Data, byName["fixture_version"].Kind);
        Assert.Equal("kernel32.GetTickCount", byName["Forwarded"].ForwardedTo);
        Assert.Null(byName["fixture_add"].ForwardedTo);

        // fixture_secret @5 NONAME: an export with no name, only its ordinal.
        var secret = Assert.Single(file.Exports, e => e.Ordinal == 5);
        Assert.Equal("", secret.Name);
        Assert.Null(secret.Hint);
        Assert.Equal(SymbolKind.Function, secret.Kind);
        Assert.DoesNotContain(file.Exports, e => e.Name == "fixture_secret");
        Assert.Empty(file.Imports);
        Assert.Empty(file.Dependencies);
    }

    [Fact]
    public void Lld_writes_a_forwarder_by_ordinal_and_ordinal_base_zero()
    {
        var file = BinaryFile.Open(PeFixtures.DllArm64);

        Assert.Equal("aarch64", file.Summary.Machine);
        Assert.Equal("user32.#42", Assert.Single(file.Exports, e => e.Name == "ForwardedByOrdinal").ForwardedTo);
        Assert.Equal(0u, file.Summary.Pe!.ExportDirectory!.OrdinalBase);
    }

    [Theory]
    [InlineData("fixture-x64.dll", "x86-64", 64)]
    [InlineData("fixture-x86.dll", "x86", 32)]
    [InlineData("fixture-arm64.dll", "aarch64", 64)]
    [InlineData("app-x64.exe", "x86-64", 64)]
    [InlineData("app-x86.exe", "x86", 32)]
    public void Machine_names_match_the_elf_readers_spelling(string name, string machine, int bits)
    {
        var summary = BinaryFile.Open(PeFixtures.Named(name)).Summary;

        Assert.Equal(machine, summary.Machine);
        Assert.Equal(bits, summary.Bits);
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void App_imports_by_name_by_ordinal_and_delay_loads(string name)
    {
        var file = BinaryFile.Open(PeFixtures.Named(name));

        Assert.Equal(BinaryKind.Executable, file.Summary.Kind);
        Assert.Null(file.Summary.OwnName);
        Assert.Equal(
            ["KERNEL32.dll Needed", "fixture.dll Needed", "delayed.dll DelayLoad"],
            file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));

        var fromFixture = file.Imports.Where(i => i.Library == "fixture.dll").ToList();
        Assert.Contains(fromFixture, i => i.Name == "fixture_add" && i.Ordinal is null && i.Hint is not null && !i.IsDelayLoad);
        Assert.Contains(fromFixture, i => i.Name == "fixture_counter");
        Assert.Contains(fromFixture, i => i.Name == "" && i.Ordinal == 5 && i.Hint is null);

        var delayed = file.Imports.Where(i => i.Library == "delayed.dll").ToList();
        Assert.All(delayed, i => Assert.True(i.IsDelayLoad));
        Assert.Contains(delayed, i => i.Name == "delayed_hello");
        Assert.Contains(delayed, i => i.Name == "" && i.Ordinal == 3);
        Assert.Contains(file.Imports, i => i.Library == "KERNEL32.dll" && i.Name == "GetTickCount" && !i.IsDelayLoad);

        var descriptor = Assert.Single(file.Summary.Pe!.ImportDescriptors, d => d.IsDelayLoad);
        Assert.Equal(1u, descriptor.Attributes);
        Assert.Equal(delayed, file.Imports.Skip(descriptor.FirstImport).Take(descriptor.ImportCount));
    }

    [Fact]
    public void Bound_import_directory_is_reported_with_its_forwarders()
    {
        // The headers have room after the section table: put a bound import directory there (RVA = file offset in the headers).
        byte[] image = File.ReadAllBytes(PeFixtures.AppX64);
        const int at = 0x300;
        PePatch.WriteU32(image, at, 0x12345678);
        PePatch.WriteU16(image, at + 4, 0x20);
        PePatch.WriteU16(image, at + 6, 1);
        PePatch.WriteU32(image, at + 8, 0x9abcdef0);
        PePatch.WriteU16(image, at + 12, 0x2d);
        Encoding.ASCII.GetBytes("KERNEL32.dll\0").CopyTo(image, at + 0x20);
        Encoding.ASCII.GetBytes("NTDLL.DLL\0").CopyTo(image, at + 0x2d);
        PePatch.WriteU32(image, PePatch.DirectoryEntry(image, 11), at);
        PePatch.WriteU32(image, PePatch.DirectoryEntry(image, 11) + 4, 0x40);

        var file = BinaryFile.Parse(image);

        Assert.Empty(file.Warnings);
        var bound = Assert.Single(file.Summary.Pe!.BoundImports);
        Assert.Equal("KERNEL32.dll", bound.DllName);
        Assert.Equal(0x12345678u, bound.TimeDateStamp);
        Assert.Equal([new PeBoundForwarder("NTDLL.DLL", 0x9abcdef0)], bound.Forwarders);
        Assert.Equal(BinaryFile.Open(PeFixtures.AppX64).Imports, file.Imports);
    }

    [Fact]
    public void Old_delay_load_descriptors_holding_virtual_addresses_read_the_same()
    {
        // VC6-era descriptors: attribute bit 0 clear, every address (and every name-table entry) a VA.
        byte[] image = File.ReadAllBytes(PeFixtures.AppX86);
        var original = BinaryFile.Parse(image);
        uint imageBase = (uint)original.Summary.Pe!.ImageBase;
        int descriptor = PePatch.Offset(image, PePatch.DirectoryRva(image, 13));
        PePatch.WriteU32(image, descriptor, 0);
        foreach (int field in new[] { 4, 8, 12, 16 })
        {
            PePatch.WriteU32(image, descriptor + field, PePatch.ReadU32(image, descriptor + field) + imageBase);
        }

        int nameTable = PePatch.Offset(image, PePatch.ReadU32(image, descriptor + 16) - imageBase);
        for (int at = nameTable; PePatch.ReadU32(image, at) != 0; at += 4)
        {
            uint entry = PePatch.ReadU32(image, at);
            if ((entry & 0x80000000) == 0)
            {
                PePatch.WriteU32(image, at, entry + imageBase);
            }
        }

        var file = BinaryFile.Parse(image);

        Assert.Empty(file.Warnings);
        Assert.Equal(original.Imports, file.Imports);
        var before = original.Summary.Pe.ImportDescriptors.Single(d => d.IsDelayLoad);
        var after = file.Summary.Pe!.ImportDescriptors.Single(d => d.IsDelayLoad);
        Assert.Equal(before with { Attributes = 0 }, after);
    }
}
