using System.IO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Files whose section headers are gone (sstrip, some packers): the reader must find everything through
/// PT_DYNAMIC, counting symbols with DT_GNU_HASH or DT_HASH. Checked against <c>readelf -D</c>, which does the same.
/// </summary>
public sealed class SectionlessTests
{
    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    public static TheoryData<string, string> Variants => new()
    {
        { "gnu-hash", "libdemo.so" },
        { "sysv-hash", "libdemo-sysv.so" },
        { "executable", "demo_app" },
        { "elf32", "libmini32.so" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Dynamic_segment_yields_what_the_section_headers_do(string variant, string fixture)
    {
        string original = Fixtures.PathFor(fixture);
        _ = Fixtures.Library; // builds the fixtures
        string stripped = ElfPatch.Save(ElfPatch.WithoutSectionHeaders(File.ReadAllBytes(original)), $"nosections-{variant}");

        var fromSections = BinaryFile.Open(original);
        var fromDynamic = BinaryFile.Open(stripped);

        Assert.Empty(fromDynamic.Warnings);
        Assert.Equal(Expectations.ExportsFromReader(fromSections), Expectations.ExportsFromReader(fromDynamic));
        Assert.Equal(Expectations.ImportsFromReader(fromSections), Expectations.ImportsFromReader(fromDynamic));
        Assert.Equal(fromSections.Dependencies, fromDynamic.Dependencies);
        Assert.Equal(fromSections.Summary.SearchPaths, fromDynamic.Summary.SearchPaths);
        Assert.Equal(fromSections.Summary.Kind, fromDynamic.Summary.Kind);

        // And against readelf reading the same stripped file through its dynamic segment.
        var readelf = Readelf.DynamicSymbols(stripped, useDynamic: true);
        Assert.NotEmpty(readelf);
        Assert.Equal(
            Expectations.ExportsFromReadelf(readelf, Readelf.VersionDefinitionNames(original)),
            Expectations.ExportsFromReader(fromDynamic));
    }
}
