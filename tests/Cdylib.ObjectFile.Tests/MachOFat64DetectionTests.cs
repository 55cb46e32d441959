using System.IO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>A fat file with 64-bit headers (0xcafebabf) opens through the format-neutral entry point too.</summary>
public sealed class MachOFat64DetectionTests
{
    [Fact]
    public void BinaryFile_opens_a_fat64_file()
    {
        byte[] data = File.ReadAllBytes(MachOFixtures.Dependency);
        Assert.Equal(new byte[] { 0xca, 0xfe, 0xba, 0xbf }, data[..4]);
        Assert.Equal(BinaryFormat.MachO, BinaryFile.DetectFormat(data));
        BinaryFile file = BinaryFile.Open(MachOFixtures.Dependency);
        Assert.Equal(BinaryFormat.MachO, file.Summary.Format);
        Assert.NotEmpty(file.Exports);
    }
}
