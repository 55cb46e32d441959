using System.Collections.Generic;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.ObjectFile.Elf;

/// <summary>ELF header facts beside the neutral summary: the file header, program headers and section headers (what readelf -h -l -S shows).</summary>
/// <param name="Type">e_type: 1 relocatable, 2 executable, 3 shared object, 4 core.</param>
/// <param name="OsAbi">e_ident[EI_OSABI] (<see cref="OsAbiName"/> names it).</param>
/// <param name="AbiVersion">e_ident[EI_ABIVERSION].</param>
/// <param name="Entry">e_entry: the entry point's virtual address.</param>
/// <param name="Flags">e_flags, processor-specific.</param>
/// <param name="Segments">The program headers in file order; empty for a relocatable object.</param>
/// <param name="Sections">The section headers in file order, named from the section-name table; empty when the file has none.</param>
public sealed record ElfDetails(
    ushort Type,
    byte OsAbi,
    byte AbiVersion,
    ulong Entry,
    uint Flags,
    IReadOnlyList<ElfProgramHeader> Segments,
    IReadOnlyList<ElfSectionHeader> Sections)
{
    /// <summary>"DYN", "EXEC", "REL", "CORE" as readelf -h begins its Type line.</summary>
    public string TypeName => ElfNames.FileType(Type);

    /// <summary>"SYSV", "GNU", "FreeBSD", … as readelf spells it; "unknown (N)" otherwise.</summary>
    public string OsAbiName => ElfNames.OsAbi(OsAbi);

    /// <summary>
    /// The symbol versions the file requires of the libraries it loads (.gnu.version_r, what readelf -V
    /// lists under "Version needs"), in file order; empty when it has none. <see cref="PlatformFloor"/>
    /// takes the oldest system the file runs on from them.
    /// </summary>
    public IReadOnlyList<ElfVersionNeed> VersionNeeds { get; init; } = [];

    /// <summary>The program interpreter (PT_INTERP: "/lib64/ld-linux-x86-64.so.2"), which is loaded before everything else; null when the file names none.</summary>
    public string? Interpreter { get; init; }

    /// <summary>DT_FLAGS_1 (0 when absent): DF_1_NODEFLIB 0x800 keeps the loader from ld.so.cache and the default directories.</summary>
    public ulong Flags1 { get; init; }
}

/// <summary>One version a file requires of a library: "GLIBC_2.34" of "libc.so.6".</summary>
/// <param name="Name">The version's name (vna_name).</param>
/// <param name="Library">The library it is required of (vn_file).</param>
public sealed record ElfVersionNeed(string Name, string Library);

/// <summary>One program header (Elf_Phdr): a segment the loader maps or consults.</summary>
/// <param name="Flags">PF_X 1, PF_W 2, PF_R 4.</param>
/// <param name="Type">p_type (<see cref="TypeName"/> spells it).</param>
/// <param name="Offset">Where the segment starts in the file.</param>
/// <param name="VirtualAddress">Where it is mapped.</param>
/// <param name="FileSize">Its bytes in the file.</param>
/// <param name="MemorySize">Its size in memory (larger for zero-filled .bss).</param>
public sealed record ElfProgramHeader(uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize)
{
    /// <summary>"LOAD", "DYNAMIC", "GNU_STACK", … as readelf spells it.</summary>
    public string TypeName => ElfNames.SegmentType(Type);

    /// <summary>readelf's flag letters: "R E", "RW ", …</summary>
    public string FlagLetters => ElfNames.SegmentFlags(Flags);
}

/// <summary>One section header (Elf_Shdr).</summary>
/// <param name="Name">From the section-name table (e_shstrndx); empty when it cannot be read.</param>
/// <param name="Flags">SHF_* bits (<see cref="FlagLetters"/> spells them as readelf does).</param>
/// <param name="Index">Its index in the section header table.</param>
/// <param name="Type">sh_type (<see cref="TypeName"/> spells it).</param>
/// <param name="Address">Where it is mapped; 0 for sections not loaded.</param>
/// <param name="Offset">Where it starts in the file.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Link">sh_link: a related section (a symbol table's string table, …).</param>
/// <param name="Info">sh_info: extra information by type (a symbol table's first global symbol, …).</param>
/// <param name="EntrySize">The size of one entry for tables; 0 otherwise.</param>
public sealed record ElfSectionHeader(int Index, string Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize)
{
    /// <summary>"PROGBITS", "NOBITS", "DYNSYM", … as readelf spells it.</summary>
    public string TypeName => ElfNames.SectionType(Type);

    /// <summary>readelf's key letters: "AX", "WA", "MS", …</summary>
    public string FlagLetters => ElfNames.SectionFlags(Flags);
}
