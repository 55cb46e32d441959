using System;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>The universal-file writer against llvm-lipo: the same bytes from the same thin slices, and slices that read back unchanged.</summary>
public sealed class MachOUniversalTests
{
    private static string Lipo => File.Exists("/usr/lib/llvm-14/bin/llvm-lipo") ? "/usr/lib/llvm-14/bin/llvm-lipo" : "llvm-lipo";

    [Theory]
    [InlineData("libfixture.dylib")]
    [InlineData("libdep.dylib")]
    [InlineData("app")]
    public void Thin_slices_merge_into_what_llvm_lipo_writes(string fixture)
    {
        string work = Directory.CreateTempSubdirectory("cdylib-lipo").FullName;
        try
        {
            string fat = MachOFixtures.Named(fixture);
            var slices = MachOFixtures.FatSlices(File.ReadAllBytes(fat));
            var thin = slices.Select(slice =>
            {
                string path = Path.Combine(work, $"{fixture}.{slice.Architecture}");
                Tool.Run(Lipo, fat, "-thin", slice.Architecture, "-output", path);
                return path;
            }).ToList();

            string expected = Path.Combine(work, "expected");
            Tool.Run(Lipo, ["-create", .. thin, "-output", expected]);

            // Our writer, given the slices in the opposite order, still orders them as lipo does.
            byte[] ours = MachOUniversal.Create(thin.AsEnumerable().Reverse().Select(p => (ReadOnlyMemory<byte>)File.ReadAllBytes(p)).ToList());
            Assert.Equal(File.ReadAllBytes(expected), ours);

            string written = Path.Combine(work, "ours");
            File.WriteAllBytes(written, ours);
            Assert.Contains("Architectures in the fat file", Tool.Run(Lipo, "-info", written), StringComparison.Ordinal);
            foreach (var (slice, path) in slices.Zip(thin))
            {
                var fromOurs = BinaryContainer.Parse(ours).Select(slice.Architecture).Read();
                var fromThin = BinaryFile.Open(path);
                Assert.Equal(fromThin.Exports, fromOurs.Exports);
                Assert.Equal(fromThin.Imports, fromOurs.Imports);
                Assert.Equal(fromThin.Summary.OwnName, fromOurs.Summary.OwnName);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Bad_inputs_are_refused_with_a_reason()
    {
        byte[] x64 = SliceOf("libfixture.dylib", "x86_64");
        Assert.Contains("both x86_64", Assert.Throws<ObjectFileException>(() => MachOUniversal.Create([x64, x64])).Message, StringComparison.Ordinal);
        Assert.Contains("already a universal file", Assert.Throws<ObjectFileException>(() => MachOUniversal.Create([File.ReadAllBytes(MachOFixtures.Library)])).Message, StringComparison.Ordinal);
        Assert.Contains("not a thin", Assert.Throws<ObjectFileException>(() => MachOUniversal.Create([File.ReadAllBytes(NativeFixtures.Shared.Library)])).Message, StringComparison.Ordinal);
        Assert.Throws<ObjectFileException>(() => MachOUniversal.Create([]));
    }

    private static byte[] SliceOf(string fixture, string architecture)
    {
        byte[] fat = File.ReadAllBytes(MachOFixtures.Named(fixture));
        var slice = MachOFixtures.FatSlices(fat).Single(s => s.Architecture == architecture);
        return fat.AsSpan((int)slice.Offset, (int)slice.Size).ToArray();
    }
}
