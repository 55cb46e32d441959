using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// The front door (<see cref="BinaryContainer"/>): one image for every file but a fat Mach-O file, which
/// has one per architecture; images read when asked for, each the same as its thin slice read alone;
/// selection by architecture; an image that cannot be read is a problem value for that image only.
/// </summary>
public sealed class BinaryContainerTests
{
    [Fact]
    public void Files_that_are_not_fat_have_one_image_read_as_BinaryFile_reads_them()
    {
        foreach (string path in (string[])[NativeFixtures.Shared.Library, PeFixtures.DllX64, ArchiveFixtures.GnuImportLibrary])
        {
            byte[] data = File.ReadAllBytes(path);
            var container = BinaryContainer.Parse(data, path);

            Assert.False(container.IsFat);
            Assert.Equal(path, container.Name);
            var image = Assert.Single(container.Images);
            Assert.Null(image.Architecture);
            Assert.Null(image.FatSlice);
            Assert.Same(image.Read(), image.Read());
            Assert.Equal(BinaryFile.Parse(data, path).Exports, image.Read().Exports);
            Assert.Equal(container.Format, image.Read().Summary.Format);

            // Formats without architecture slices have their one image whatever is asked.
            Assert.Same(image, container.Select("arm64"));
        }
    }

    [Theory]
    [InlineData("libfixture.dylib")]
    [InlineData("libdep.dylib")]
    [InlineData("app")]
    public void A_fat_file_has_one_image_per_slice_each_read_as_the_thin_file_alone(string fixture)
    {
        string path = MachOFixtures.Named(fixture);
        var container = BinaryContainer.Parse(File.ReadAllBytes(path), path);

        Assert.True(container.IsFat);
        Assert.Equal(BinaryFormat.MachO, container.Format);
        Assert.Equal(MachOFixtures.Architectures, container.Images.Select(image => image.Architecture));
        foreach (var image in container.Images)
        {
            var file = image.Read();
            var thin = BinaryFile.Parse(MachOFixtures.Thin(path, image.Architecture!));
            Assert.Equal(image.FatSlice, file.Summary.MachO!.Slice);
            Assert.Equal(thin.Exports, file.Exports);
            Assert.Equal(thin.Imports, file.Imports);
            Assert.Equal(thin.Dependencies, file.Dependencies);
            Assert.Same(image, container.Select(image.Architecture!));
        }

        // By lipo's name or the machine's, in any case; BinaryFile reads the first slice.
        Assert.Same(container.Images[1], container.Select("AArch64"));
        Assert.Same(container.Images[0], container.Select("x86-64"));
        Assert.Equal(container.Images[0].Read().Exports, BinaryFile.Parse(File.ReadAllBytes(path)).Exports);
    }

    [Fact]
    public void Selecting_an_architecture_a_file_lacks_says_which_it_has()
    {
        var fat = BinaryContainer.Parse(File.ReadAllBytes(MachOFixtures.Library));
        Assert.Equal("the fat file has no i386 slice (it has x86_64, arm64)", Assert.Throws<ObjectFileException>(() => fat.Select("i386")).Message);

        var thin = BinaryContainer.Parse(MachOFixtures.Thin(MachOFixtures.Library, "arm64"));
        Assert.False(thin.IsFat);
        Assert.Same(thin.Images[0], thin.Select("arm64"));
        Assert.Equal("the file is a thin arm64 image, not x86_64", Assert.Throws<ObjectFileException>(() => thin.Select("x86_64")).Message);
    }

    [Fact]
    public void An_image_that_cannot_be_read_is_a_problem_for_it_alone()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Library);
        var container = BinaryContainer.Parse(data);
        var broken = container.Images[1].FatSlice!;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)broken.Offset), 0x12345678);

        Assert.True(container.Images[0].TryRead(out var file, out var none));
        Assert.Null(none);
        Assert.NotEmpty(file.Exports);

        Assert.False(container.Images[1].TryRead(out var unread, out var problem));
        Assert.Null(unread);
        Assert.Equal(ObjectFileProblem.Invalid("Mach-O header", (long)broken.Offset, "the magic number 0x12345678 is not that of a thin Mach-O image"), problem);

        // Asked again, the same problem, as a value or thrown.
        Assert.Equal(problem, Assert.Throws<ObjectFileException>(() => container.Images[1].Read()).Problem);
        Assert.False(container.Images[1].TryRead(out _, out var again));
        Assert.Same(problem, again);
    }

    [Fact]
    public void What_is_no_container_is_an_error_before_any_image()
    {
        Assert.Equal("not an ELF, PE or Mach-O file: the file is empty", Assert.Throws<ObjectFileException>(() => BinaryContainer.Parse(Array.Empty<byte>())).Message);
        var fatHeader = Assert.Throws<ObjectFileException>(() => BinaryContainer.Parse(new byte[] { 0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0 }));
        Assert.Equal("Mach-O fat header", fatHeader.Problem.Structure);
        Assert.Equal(4, fatHeader.Problem.Offset);
        Assert.Equal("nfat_arch is 0: the fat file holds no images", fatHeader.Problem.Description);
    }

    [Fact]
    public void Open_reads_every_image_before_the_map_closes()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"cdylib-container-{Guid.NewGuid():N}.dylib");
        File.Copy(MachOFixtures.Library, copy);
        BinaryContainer container;
        try
        {
            container = BinaryContainer.Open(copy);
        }
        finally
        {
            File.Delete(copy);
        }

        Assert.Equal(copy, container.Name);
        Assert.All(container.Images, image =>
        {
            var file = image.Read();
            Assert.Equal(BinaryFile.Parse(MachOFixtures.Thin(MachOFixtures.Library, image.Architecture!)).Exports, file.Exports);
            Assert.Equal(file.Exports.Count, CountEnumerated(file));
        });
    }

    private static int CountEnumerated(BinaryFile file)
    {
        int count = 0;
        foreach (var export in file.EnumerateExports())
        {
            _ = export.Name;
            count++;
        }

        return count;
    }
}
