using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// The headers of a PE image: the DOS header's e_lfanew, the "PE\0\0" signature, the COFF file header,
/// the optional header (PE32 or PE32+) with its data directories, and the section table.
/// </summary>
internal sealed class PeHeaders
{
    private const string DosStructure = "PE DOS header";
    private const string SignatureStructure = "PE signature";
    private const string FileHeaderStructure = "COFF file header";
    private const string OptionalStructure = "PE optional header";
    private const string SectionsStructure = "PE section table";

    private PeHeaders(PeDetails details, bool is64, long optionalHeaderOffset)
    {
        Details = details;
        Is64 = is64;
        OptionalHeaderOffset = optionalHeaderOffset;
    }

    /// <summary>The header fields and sections; the directory-derived parts are filled in by the reader.</summary>
    public PeDetails Details { get; }

    /// <summary>PE32+ (64-bit thunks and image base).</summary>
    public bool Is64 { get; }

    /// <summary>Where the optional header starts; the data directory entries follow its fixed part.</summary>
    public long OptionalHeaderOffset { get; }

    /// <summary>The file offset of data directory entry <paramref name="index"/>, for messages about what it points to.</summary>
    public long DirectoryEntryOffset(int index) => OptionalHeaderOffset + (Is64 ? 112 : 96) + 8L * index;

    /// <summary>
    /// Reads the headers. A file whose headers cannot be read is not worth reading further, so this throws;
    /// a section table cut short by the end of the file keeps the sections that are there and adds a warning.
    /// </summary>
    public static PeHeaders Read(ReadOnlySpan<byte> data, List<ObjectFileProblem> warnings)
    {
        var file = new EndianReader(data, isBigEndian: false, "file");
        if (file.Length < PeConstants.DosHeaderSize)
        {
            throw ObjectFileException.Invalid(DosStructure, 0, Describe($"the file is {file.Length} bytes, a DOS header needs {PeConstants.DosHeaderSize}"));
        }

        uint newHeader = file.Slice(0, PeConstants.DosHeaderSize, DosStructure).U32(PeConstants.NewHeaderPointerOffset);
        if (!file.Contains(newHeader, 4))
        {
            throw ObjectFileException.Invalid(DosStructure, PeConstants.NewHeaderPointerOffset,
                Describe($"e_lfanew 0x{newHeader:X} points past the end of the file (size 0x{file.Length:X}): a DOS program, not a PE image"));
        }

        uint signature = file.U32(newHeader);
        if (signature != PeConstants.PeSignature)
        {
            string what = (signature & 0xffff) switch
            {
                0x454e => "a 16-bit Windows (NE) program",
                0x454c or 0x584c => "an OS/2 or VxD (LE/LX) module",
                _ => "a DOS program",
            };
            throw ObjectFileException.Invalid(SignatureStructure, newHeader, Describe($"the signature is 0x{signature:X8}, not \"PE\\0\\0\": {what}, not a PE image"));
        }

        var header = file.Slice(newHeader + 4, PeConstants.FileHeaderSize, FileHeaderStructure);
        ushort machine = header.U16(0);
        ushort sectionCount = header.U16(2);
        uint timeDateStamp = header.U32(4);
        ushort optionalSize = header.U16(16);
        ushort characteristics = header.U16(18);

        long optionalOffset = newHeader + 4 + PeConstants.FileHeaderSize;
        if (optionalSize < 2 || !file.Contains(optionalOffset, 2))
        {
            throw ObjectFileException.Invalid(OptionalStructure, optionalOffset,
                Describe($"the optional header is missing (SizeOfOptionalHeader {optionalSize}, file size 0x{file.Length:X}): an object file, not an image"));
        }

        ushort magic = file.U16(optionalOffset);
        bool is64 = magic switch
        {
            PeConstants.Pe32Magic => false,
            PeConstants.Pe32PlusMagic => true,
            PeConstants.RomMagic => throw ObjectFileException.Invalid(OptionalStructure, optionalOffset, "a ROM image (magic 0x107) has no import or export tables"),
            _ => throw ObjectFileException.Invalid(OptionalStructure, optionalOffset, Describe($"unknown magic 0x{magic:X} (0x10B for PE32, 0x20B for PE32+)")),
        };

        int fixedSize = is64 ? 112 : 96;
        if (optionalSize < fixedSize)
        {
            throw ObjectFileException.Invalid(OptionalStructure, optionalOffset, Describe($"SizeOfOptionalHeader is {optionalSize}, a PE32{(is64 ? "+" : "")} optional header needs at least {fixedSize}"));
        }

        if (!file.Contains(optionalOffset, fixedSize))
        {
            throw ObjectFileException.Invalid(OptionalStructure, optionalOffset, Describe($"the file ends inside the optional header (size 0x{file.Length:X})"));
        }

        var optional = file.Slice(optionalOffset, fixedSize, OptionalStructure);
        uint directoryCount = optional.U32(is64 ? 108 : 92);

        // The loader reads only the directories that fit in SizeOfOptionalHeader, and never more than 16.
        long fitting = Math.Min((optionalSize - fixedSize) / 8, PeConstants.MaxDirectories);
        long directoriesToRead = Math.Min(directoryCount, fitting);
        var directories = new List<PeDataDirectory>();
        long directoryOffset = optionalOffset + fixedSize;
        if (!file.Contains(directoryOffset, directoriesToRead * 8))
        {
            warnings.Add(ObjectFileProblem.Invalid(OptionalStructure, directoryOffset, Describe($"the file ends inside the {directoriesToRead} data directories")));
            directoriesToRead = Math.Max(0, (file.Length - directoryOffset) / 8);
        }

        for (int i = 0; i < directoriesToRead; i++)
        {
            directories.Add(new PeDataDirectory(file.U32(directoryOffset + 8L * i), file.U32(directoryOffset + 8L * i + 4)));
        }

        var sections = ReadSections(file, optionalOffset + optionalSize, sectionCount, warnings);
        var details = new PeDetails(
            machine,
            timeDateStamp,
            characteristics,
            ImageBase: is64 ? optional.U64(24) : optional.U32(28),
            EntryPoint: optional.U32(16),
            Subsystem: optional.U16(68),
            DllCharacteristics: optional.U16(70),
            LinkerVersion: Version(optional.U8(2), optional.U8(3)),
            OperatingSystemVersion: Version(optional.U16(40), optional.U16(42)),
            SubsystemVersion: Version(optional.U16(48), optional.U16(50)),
            SectionAlignment: optional.U32(32),
            FileAlignment: optional.U32(36),
            SizeOfImage: optional.U32(56),
            SizeOfHeaders: optional.U32(60),
            CheckSum: optional.U32(64),
            directories,
            sections);
        return new PeHeaders(details, is64, optionalOffset);
    }

    private static List<PeSection> ReadSections(EndianReader file, long offset, ushort count, List<ObjectFileProblem> warnings)
    {
        long available = file.Contains(offset, 0) ? (file.Length - offset) / PeConstants.SectionHeaderSize : 0;
        if (available < count)
        {
            warnings.Add(ObjectFileProblem.Invalid(SectionsStructure, offset,
                Describe($"the file holds {Math.Max(available, 0)} of its {count} section headers")));
        }

        var sections = new List<PeSection>();
        for (long i = 0; i < Math.Min(count, available); i++)
        {
            var entry = file.Slice(offset + i * PeConstants.SectionHeaderSize, PeConstants.SectionHeaderSize, SectionsStructure);
            var name = entry.Span[..8];
            int end = name.IndexOf((byte)0);
            sections.Add(new PeSection(
                Encoding.UTF8.GetString(end < 0 ? name : name[..end]),
                VirtualAddress: entry.U32(12),
                VirtualSize: entry.U32(8),
                PointerToRawData: entry.U32(20),
                SizeOfRawData: entry.U32(16),
                Characteristics: entry.U32(36)));
        }

        return sections;
    }

    /// <summary>"14.00": the minor part in two digits (the standard D2 format; a custom "00" goes through the slower custom-format parser, once per run).</summary>
    private static string Version(uint major, uint minor) => string.Create(CultureInfo.InvariantCulture, $"{major}.{minor:D2}");

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
