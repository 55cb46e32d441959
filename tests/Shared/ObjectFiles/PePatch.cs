using System;
using System.Buffers.Binary;
using System.IO;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>Byte surgery on copies of the PE fixtures: header and data directory locations, and little-endian writes.</summary>
public static class PePatch
{
    public static int NtHeaders(byte[] image) => BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3c));

    public static int OptionalHeader(byte[] image) => NtHeaders(image) + 24;

    public static bool Is64(byte[] image) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(OptionalHeader(image))) == 0x20b;

    /// <summary>The file offset of data directory entry <paramref name="index"/> (RVA, then size).</summary>
    public static int DirectoryEntry(byte[] image, int index) => OptionalHeader(image) + (Is64(image) ? 112 : 96) + (8 * index);

    public static uint DirectoryRva(byte[] image, int index) => ReadU32(image, DirectoryEntry(image, index));

    public static uint DirectorySize(byte[] image, int index) => ReadU32(image, DirectoryEntry(image, index) + 4);

    /// <summary>The file offset of an RVA, through the section table (the fixtures have no overlapping sections).</summary>
    public static int Offset(byte[] image, uint rva)
    {
        int sections = OptionalHeader(image) + BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(NtHeaders(image) + 20));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(NtHeaders(image) + 6));
        for (int i = 0; i < count; i++)
        {
            int at = sections + (40 * i);
            uint address = ReadU32(image, at + 12);
            uint size = Math.Max(ReadU32(image, at + 8), ReadU32(image, at + 16));
            if (rva >= address && rva < address + size)
            {
                return (int)(ReadU32(image, at + 20) + (rva - address));
            }
        }

        throw new ArgumentException($"RVA 0x{rva:X} is in no section");
    }

    public static uint ReadU32(byte[] image, long at) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)at));

    public static void WriteU16(byte[] image, long at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)at), value);

    public static void WriteU32(byte[] image, long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)at), value);

    /// <summary>Writes a patched copy to the fixture directory, for tests that run tools or the CLI on it.</summary>
    public static string Save(byte[] image, string fileName) => ElfPatch.Save(image, fileName);
}
