using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;
using static Cdylib.ObjectFile.Tests.Infrastructure.ElfImageBuilder;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Big-endian and 32-bit files for machines gcc here cannot target, written by <see cref="ElfImageBuilder"/>
/// and cross-checked against readelf, with and without section headers.
/// </summary>
public sealed class SyntheticElfTests
{
    public static TheoryData<bool, bool, ushort, string, bool> Shapes => new()
    {
        // is64, bigEndian, e_machine, machine name, section headers
        { true, true, 22, "s390x", true },
        { true, true, 22, "s390x", false },
        { false, true, 20, "ppc", true },
        { false, true, 20, "ppc", false },
        { false, false, 40, "arm", true },
        { true, false, 183, "aarch64", false },
    };

    internal static ElfImageBuilder Library(bool is64, bool bigEndian, ushort machine, bool withSections) => new()
    {
        Is64 = is64,
        BigEndian = bigEndian,
        Machine = machine,
        WithSectionHeaders = withSections,
        Soname = "libsynthetic.so.1",
        Runpath = "$ORIGIN",
        Needed = ["libc.so.6", "libfoo.so.1"],
        Definitions = [("V1", []), ("V2", ["V1"])],
        Requirements = [("libc.so.6", [("GLIBC_2.0", 4)]), ("libfoo.so.1", [("FOO_1", 5), ("FOO_2", 6)])],
        Symbols =
        [
            new("syn_function", 0x1000, 16, SttFunc, StbGlobal, Defined: true, Versym: 2),
            new("syn_old", 0x1010, 8, SttFunc, StbGlobal, Defined: true, Versym: 0x8002),
            new("syn_old", 0x1018, 8, SttFunc, StbGlobal, Defined: true, Versym: 3),
            new("syn_data", 0x2000, 4, SttObject, StbWeak, Defined: true, Versym: 3),
            new("syn_tls", 0x10, 4, SttTls, StbGlobal, Defined: true, Versym: 1),
            new("syn_protected", 0x1020, 4, SttFunc, StbGlobal, Defined: true, Versym: 3, Visibility: 3),
            new("V1", 0, 0, SttObject, StbGlobal, Defined: true, Versym: 2, Absolute: true),
            new("V2", 0, 0, SttObject, StbGlobal, Defined: true, Versym: 3, Absolute: true),
            new("puts", 0, 0, SttFunc, StbGlobal, Defined: false, Versym: 4),
            new("foo_init", 0, 0, SttNotype, StbWeak, Defined: false, Versym: 6),
            new("unversioned_import", 0, 0, SttFunc, StbGlobal, Defined: false, Versym: 1),
        ],
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Synthetic_library_matches_readelf(bool is64, bool bigEndian, ushort machine, string machineName, bool withSections)
    {
        string name = $"synthetic-{machineName}-{(is64 ? 64 : 32)}-{(bigEndian ? "be" : "le")}-{(withSections ? "sections" : "nosections")}.so";
        string path = ElfPatch.Save(Library(is64, bigEndian, machine, withSections).Build(), name);

        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(machineName, file.Summary.Machine);
        Assert.Equal(is64, file.Summary.Is64Bit);
        Assert.Equal(bigEndian ? Endianness.Big : Endianness.Little, file.Summary.Endianness);

        var header = Readelf.Header(path);
        Assert.Equal(header["Class"], "ELF" + file.Summary.Bits);
        Assert.Equal(bigEndian, header["Data"].Contains("big endian"));
        Assert.Equal(FixtureBinaryTests.ReadelfMachine(machineName), header["Machine"]);

        var symbols = Readelf.DynamicSymbols(path, useDynamic: !withSections);
        Assert.Equal(12, symbols.Count);
        Assert.Equal(Expectations.ExportsFromReadelf(symbols, new System.Collections.Generic.HashSet<string> { "V1", "V2" }), Expectations.ExportsFromReader(file));

        var dynamic = Readelf.Dynamic(path);
        Assert.Equal(dynamic.Where(e => e.Tag == "NEEDED").Select(e => e.Value), file.Dependencies.Select(d => d.Name));
        Assert.Equal("libsynthetic.so.1", dynamic.Single(e => e.Tag == "SONAME").Value);
        Assert.Equal("libsynthetic.so.1", file.Summary.OwnName);
        Assert.Equal(dynamic.Single(e => e.Tag == "RUNPATH").Value, Assert.Single(file.Summary.SearchPaths).Value);

        if (withSections)
        {
            Assert.Equal(Expectations.ImportsFromReadelf(symbols, Readelf.VersionNeedFiles(path)), Expectations.ImportsFromReader(file));
        }

        // What the builder put in, independent of readelf.
        Assert.Equal(
            ["puts@GLIBC_2.0 from libc.so.6", "foo_init@FOO_2 from libfoo.so.1", "unversioned_import@ from "],
            file.Imports.Select(i => $"{i.Name}@{i.Version?.Name} from {i.Library}"));
        Assert.Equal(["V1", "V2"], file.Exports.Where(e => e.Kind == SymbolKind.Version).Select(e => e.Name));
        Assert.Equal("@V1", file.Exports.Single(e => e.Name == "syn_old" && e.Address == 0x1010).Version?.ToString());
        Assert.Equal("@@V2", file.Exports.Single(e => e.Name == "syn_old" && e.Address == 0x1018).Version?.ToString());
    }
}
