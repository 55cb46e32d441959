using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>Binaries of the system the tests run on (glibc, libstdc++, /usr/bin programs), cross-checked against readelf.</summary>
public sealed class SystemBinaryTests
{
    private static readonly string[] Candidates =
    [
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libm.so.6",
        "/lib64/ld-linux-x86-64.so.2",
        "/usr/bin/ls",
        "/usr/bin/bash",
        "/usr/bin/readelf",
        "/usr/bin/git",
    ];

    public static TheoryData<string> Binaries()
    {
        var data = new TheoryData<string>();
        foreach (var path in Candidates.Where(File.Exists))
        {
            data.Add(path);
        }

        return data;
    }

    [Fact]
    public void The_system_has_the_binaries_this_class_checks()
    {
        Assert.True(Candidates.Count(File.Exists) >= 4, "expected glibc, libstdc++ and /usr/bin programs on this machine");
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Exports_imports_and_summary_match_readelf(string path)
    {
        var file = BinaryFile.Open(path);
        var symbols = Readelf.DynamicSymbols(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(Expectations.ExportsFromReadelf(symbols, Readelf.VersionDefinitionNames(path)), Expectations.ExportsFromReader(file));
        Assert.Equal(Expectations.ImportsFromReadelf(symbols, Readelf.VersionNeedFiles(path)), Expectations.ImportsFromReader(file));

        var dynamic = Readelf.Dynamic(path);
        Assert.Equal(dynamic.Where(e => e.Tag == "NEEDED").Select(e => e.Value), file.Dependencies.Select(d => d.Name));
        Assert.Equal(dynamic.Where(e => e.Tag == "SONAME").Select(e => e.Value).SingleOrDefault(), file.Summary.OwnName);
        var header = Readelf.Header(path);
        Assert.Equal(FixtureBinaryTests.ReadelfType(file.Summary.Kind), header["Type"]);
        Assert.Equal(FixtureBinaryTests.ReadelfMachine(file.Summary.Machine), header["Machine"]);
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public void Without_section_headers_the_dynamic_segment_gives_the_same_result(string path)
    {
        var original = BinaryFile.Open(path);
        var stripped = BinaryFile.Parse(ElfPatch.WithoutSectionHeaders(File.ReadAllBytes(path)), path);

        Assert.Empty(stripped.Warnings);
        Assert.Equal(Expectations.ExportsFromReader(original), Expectations.ExportsFromReader(stripped));
        Assert.Equal(Expectations.ImportsFromReader(original), Expectations.ImportsFromReader(stripped));
        Assert.Equal(original.Dependencies, stripped.Dependencies);
        Assert.Equal(original.Summary.OwnName, stripped.Summary.OwnName);
    }
}
