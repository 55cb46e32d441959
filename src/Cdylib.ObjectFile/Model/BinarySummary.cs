using System.Collections.Generic;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Elf;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.ObjectFile;

/// <summary>What a binary is, independent of what it exports or imports.</summary>
/// <param name="Format">ELF, PE or Mach-O.</param>
/// <param name="Kind">Shared library, executable, relocatable object or core dump.</param>
/// <param name="Machine">The processor in the spelling toolchains use: "x86-64", "x86", "aarch64", "arm", "s390x", "ppc64", "riscv64", …; "unknown (0xNN)" otherwise.</param>
/// <param name="Is64Bit">True for ELFCLASS64 / PE32+ / Mach-O 64.</param>
/// <param name="Endianness">Byte order of the file.</param>
/// <param name="OwnName">The name the library calls itself (ELF DT_SONAME, PE export directory name, Mach-O LC_ID_DYLIB); null if none.</param>
/// <param name="SearchPaths">Library search paths the file carries (ELF DT_RPATH/DT_RUNPATH), in file order.</param>
public sealed record BinarySummary(
    BinaryFormat Format,
    BinaryKind Kind,
    string Machine,
    bool Is64Bit,
    Endianness Endianness,
    string? OwnName,
    IReadOnlyList<SearchPath> SearchPaths)
{
    /// <summary>ELF header facts (file header fields, program headers, section headers); null for other formats.</summary>
    public ElfDetails? Elf { get; init; }

    /// <summary>PE header facts (subsystem, characteristics, sections, the descriptors behind exports and imports); null for other formats.</summary>
    public PeDetails? Pe { get; init; }

    /// <summary>Mach-O header facts (architecture, segments, dylib commands with versions, fat slices, where exports and imports came from); null for other formats.</summary>
    public MachODetails? MachO { get; init; }

    /// <summary>ar archive facts (its members, what each defines and needs, the symbol index); null for other formats.</summary>
    public ArchiveDetails? Archive { get; init; }

    /// <summary>32 or 64.</summary>
    public int Bits => Is64Bit ? 64 : 32;
}
