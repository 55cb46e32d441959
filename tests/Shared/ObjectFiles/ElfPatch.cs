using System;
using System.Buffers.Binary;
using System.IO;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>Byte surgery on copies of the (little-endian) fixtures, to make stripped or broken variants.</summary>
public static class ElfPatch
{
    public static bool Is64(byte[] image) => image[4] == 2;

    /// <summary>Removes the section header table from the header (e_shoff, e_shnum, e_shstrndx = 0), as sstrip does.</summary>
    public static byte[] WithoutSectionHeaders(byte[] image)
    {
        var copy = (byte[])image.Clone();
        bool is64 = Is64(copy);
        if (is64)
        {
            WriteU64(copy, 0x28, 0);
            WriteU16(copy, 0x3c, 0);
            WriteU16(copy, 0x3e, 0);
        }
        else
        {
            WriteU32(copy, 0x20, 0);
            WriteU16(copy, 0x30, 0);
            WriteU16(copy, 0x32, 0);
        }

        return copy;
    }

    public static string Save(byte[] image, string fileName)
    {
        string path = NativeFixtures.Shared.PathFor(fileName);
        File.WriteAllBytes(path, image);
        return path;
    }

    public static void WriteU16(byte[] image, long offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)offset), value);

    public static void WriteU32(byte[] image, long offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)offset), value);

    public static void WriteU64(byte[] image, long offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan((int)offset), value);

    public static uint ReadU32(byte[] image, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)offset));
}
