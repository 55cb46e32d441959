using System;
using System.Globalization;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>The fields of the ELF file header (Elf32_Ehdr / Elf64_Ehdr) this reader needs.</summary>
internal sealed record ElfHeader(
    ElfLayout Layout,
    bool IsBigEndian,
    ushort Type,
    ushort Machine,
    ulong ProgramHeaderOffset,
    ushort ProgramHeaderEntrySize,
    ushort ProgramHeaderCount,
    ulong SectionHeaderOffset,
    ushort SectionHeaderEntrySize,
    ushort SectionHeaderCount)
{
    /// <summary>e_ident[EI_OSABI]: 0 System V, 3 GNU/Linux, 9 FreeBSD, …</summary>
    public byte OsAbi { get; init; }

    /// <summary>e_ident[EI_ABIVERSION].</summary>
    public byte AbiVersion { get; init; }

    /// <summary>e_entry: the entry point's virtual address (0 for most shared libraries).</summary>
    public ulong Entry { get; init; }

    /// <summary>e_flags: processor-specific (ARM EABI version, RISC-V float ABI, MIPS ISA, …).</summary>
    public uint Flags { get; init; }

    /// <summary>e_shstrndx: the section holding the section names (SHN_XINDEX 0xffff: it is in section 0's sh_link).</summary>
    public ushort SectionNamesIndex { get; init; }

    private const string Structure = "ELF header";

    public static ReadOnlySpan<byte> Magic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Reads the header; a file whose header is unusable is not worth reading further, so this throws.</summary>
    public static ElfHeader Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 16 || !file.StartsWith(Magic))
        {
            throw ObjectFileException.Invalid(Structure, 0, "the file is too short for the 16-byte identification (e_ident)");
        }

        var layout = file[4] switch
        {
            ElfConstants.ElfClass32 => ElfLayout.Elf32,
            ElfConstants.ElfClass64 => ElfLayout.Elf64,
            var other => throw ObjectFileException.Invalid(Structure, 4, Describe($"unknown class {other} (EI_CLASS must be 1 for ELF32 or 2 for ELF64)")),
        };
        bool isBigEndian = file[5] switch
        {
            ElfConstants.ElfData2Lsb => false,
            ElfConstants.ElfData2Msb => true,
            var other => throw ObjectFileException.Invalid(Structure, 5, Describe($"unknown data encoding {other} (EI_DATA must be 1 for little-endian or 2 for big-endian)")),
        };

        var whole = new EndianReader(file, isBigEndian, "file");
        if (whole.Length < layout.Header.Size)
        {
            throw ObjectFileException.Invalid(Structure, 0, Describe($"the file is {whole.Length} bytes, an ELF{(layout.Is64 ? 64 : 32)} header needs {layout.Header.Size}"));
        }

        var header = whole.Slice(0, layout.Header.Size, Structure);
        var fields = layout.Header;
        return new ElfHeader(
            layout,
            isBigEndian,
            Type: header.U16(16),
            Machine: header.U16(18),
            ProgramHeaderOffset: header.Word(fields.PhOff, layout.Is64),
            ProgramHeaderEntrySize: header.U16(fields.PhEntSize),
            ProgramHeaderCount: header.U16(fields.PhNum),
            SectionHeaderOffset: header.Word(fields.ShOff, layout.Is64),
            SectionHeaderEntrySize: header.U16(fields.ShEntSize),
            SectionHeaderCount: header.U16(fields.ShNum))
        {
            OsAbi = file[7],
            AbiVersion = file[8],
            Entry = header.Word(fields.Entry, layout.Is64),
            Flags = header.U32(fields.Flags),
            SectionNamesIndex = header.U16(fields.ShStrNdx),
        };
    }

    private static string Describe(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
