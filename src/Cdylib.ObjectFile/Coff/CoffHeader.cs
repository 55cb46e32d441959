using System;
using System.Buffers.Binary;
using System.Globalization;
using Cdylib.ObjectFile.Pe;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Coff;

/// <summary>
/// The file header of a COFF object: the 20-byte IMAGE_FILE_HEADER, or the 56-byte bigobj header
/// (ANON_OBJECT_HEADER_BIGOBJ: 32-bit section count, 20-byte symbols). Also tells the headerless
/// kinds apart: a plain object has no magic number, so it is recognised by a known machine and
/// sizes that fit the file, as LLVM's identify_magic and dumpbin do.
/// </summary>
internal sealed record CoffHeader(
    ushort Machine,
    uint TimeDateStamp,
    uint SectionCount,
    long SectionTableOffset,
    uint SymbolTableOffset,
    uint SymbolCount,
    ushort Characteristics,
    bool IsBigObj)
{
    public const string Structure = "COFF file header";
    public const string BigObjStructure = "COFF bigobj header";
    public const int FileHeaderSize = 20;
    public const int BigObjHeaderSize = 56;
    public const int SectionHeaderSize = 40;

    /// <summary>{D1BAA1C7-BAEE-4BA9-AF20-FAF66AA4DCB8}, the ClassID that marks a bigobj header.</summary>
    private static ReadOnlySpan<byte> BigObjClassId => [0xC7, 0xA1, 0xBA, 0xD1, 0xEE, 0xBA, 0xA9, 0x4B, 0xAF, 0x20, 0xFA, 0xF6, 0x6A, 0xA4, 0xDC, 0xB8];

    /// <summary>Bytes per symbol table record: 18, or 20 in a bigobj (its section numbers are 32-bit).</summary>
    public int SymbolSize => IsBigObj ? 20 : 18;

    /// <summary>Sig1 = 0 and Sig2 = 0xFFFF: a short import record, a bigobj or an anonymous (/GL, LTCG) object.</summary>
    public static bool HasAnonymousSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0xff && data[3] == 0xff;

    /// <summary>A short import record: the anonymous signature with version 0.</summary>
    public static bool IsImportRecord(ReadOnlySpan<byte> data) =>
        HasAnonymousSignature(data) && data.Length >= 6 && BinaryPrimitives.ReadUInt16LittleEndian(data[4..]) == 0;

    /// <summary>The anonymous signature, version 2 or later and the bigobj ClassID.</summary>
    public static bool IsBigObjHeader(ReadOnlySpan<byte> data) =>
        HasAnonymousSignature(data) && data.Length >= 28 && BinaryPrimitives.ReadUInt16LittleEndian(data[4..]) >= 2 && data[12..28].SequenceEqual(BigObjClassId);

    /// <summary>A known IMAGE_FILE_MACHINE value, no optional header, and no image flags: worth reading as a COFF object (its tables may still be damaged).</summary>
    public static bool LooksLikeObject(ReadOnlySpan<byte> data)
    {
        if (data.Length < FileHeaderSize)
        {
            return false;
        }

        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(data);
        ushort optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(data[16..]);
        ushort characteristics = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
        return IsKnownMachine(machine) && optionalSize == 0 && (characteristics & 0x2002) == 0;
    }

    /// <summary>
    /// <see cref="LooksLikeObject"/> and the section table and symbol table lie inside the data: what
    /// detection needs before calling headerless bytes a COFF object.
    /// </summary>
    public static bool IsConsistentObject(ReadOnlySpan<byte> data)
    {
        if (!LooksLikeObject(data))
        {
            return false;
        }

        long sections = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        long symbolTable = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        long symbols = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        long headersEnd = FileHeaderSize + (sections * SectionHeaderSize);
        if (headersEnd > data.Length)
        {
            return false;
        }

        return symbols == 0
            ? symbolTable <= data.Length
            : symbolTable >= headersEnd && symbolTable + (symbols * 18) <= data.Length;
    }

    public static bool IsKnownMachine(ushort machine) =>
        machine != 0 && !PeNames.Machine(machine).StartsWith("unknown", StringComparison.Ordinal);

    /// <summary>Reads a plain or bigobj header; throws when it is cut short or its counts cannot fit the file.</summary>
    public static CoffHeader Read(ReadOnlySpan<byte> data, long fileOffset)
    {
        var file = new EndianReader(data, isBigEndian: false, "file", fileOffset);
        if (IsBigObjHeader(data))
        {
            var big = file.Slice(0, BigObjHeaderSize, BigObjStructure);
            return new CoffHeader(big.U16(6), big.U32(8), big.U32(44), BigObjHeaderSize, big.U32(48), big.U32(52), 0, IsBigObj: true);
        }

        var header = file.Slice(0, FileHeaderSize, Structure);
        ushort optionalSize = header.U16(16);
        return new CoffHeader(header.U16(0), header.U32(4), header.U16(2), FileHeaderSize + (long)optionalSize, header.U32(8), header.U32(12), header.U16(18), IsBigObj: false);
    }

    /// <summary>Why headerless bytes that start like a COFF object were not read as one; null when they do not.</summary>
    public static string? DescribeInconsistent(ReadOnlySpan<byte> data)
    {
        if (!LooksLikeObject(data))
        {
            return null;
        }

        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(data);
        return string.Create(CultureInfo.InvariantCulture,
            $"not an ELF, PE or Mach-O file: it starts like a COFF object for {PeNames.Machine(machine)}, but its section or symbol table lies outside the file (size 0x{data.Length:X})");
    }
}
