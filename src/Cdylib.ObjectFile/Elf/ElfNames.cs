using System.Globalization;
using System.Text;

namespace Cdylib.ObjectFile.Elf;

/// <summary>readelf's spellings of ELF header values, so that our headers report reads like the tool ELF users know.</summary>
public static class ElfNames
{
    /// <summary>e_type as readelf prints it ("DYN (Shared object file)", "EXEC (Executable file)", …).</summary>
    public static string FileType(ushort type) => type switch
    {
        0 => "NONE",
        1 => "REL",
        2 => "EXEC",
        3 => "DYN",
        4 => "CORE",
        _ => Unknown(type),
    };

    /// <summary>EI_OSABI as readelf prints it ("UNIX - System V", "UNIX - GNU", …).</summary>
    public static string OsAbi(byte abi) => abi switch
    {
        0 => "SYSV",
        1 => "HPUX",
        2 => "NetBSD",
        3 => "GNU",
        6 => "Solaris",
        7 => "AIX",
        8 => "IRIX",
        9 => "FreeBSD",
        12 => "OpenBSD",
        97 => "ARM",
        255 => "Standalone",
        _ => Unknown(abi),
    };

    /// <summary>p_type as readelf prints it ("LOAD", "DYNAMIC", "GNU_STACK", …).</summary>
    public static string SegmentType(uint type) => type switch
    {
        0 => "NULL",
        1 => "LOAD",
        2 => "DYNAMIC",
        3 => "INTERP",
        4 => "NOTE",
        5 => "SHLIB",
        6 => "PHDR",
        7 => "TLS",
        0x6474e550 => "GNU_EH_FRAME",
        0x6474e551 => "GNU_STACK",
        0x6474e552 => "GNU_RELRO",
        0x6474e553 => "GNU_PROPERTY",
        0x70000001 => "ARM_EXIDX",
        0x70000003 => "RISCV_ATTRIBUTES",
        _ => Unknown(type),
    };

    /// <summary>sh_type as readelf prints it ("PROGBITS", "DYNSYM", "GNU_HASH", …).</summary>
    public static string SectionType(uint type) => type switch
    {
        0 => "NULL",
        1 => "PROGBITS",
        2 => "SYMTAB",
        3 => "STRTAB",
        4 => "RELA",
        5 => "HASH",
        6 => "DYNAMIC",
        7 => "NOTE",
        8 => "NOBITS",
        9 => "REL",
        10 => "SHLIB",
        11 => "DYNSYM",
        14 => "INIT_ARRAY",
        15 => "FINI_ARRAY",
        16 => "PREINIT_ARRAY",
        17 => "GROUP",
        18 => "SYMTAB_SHNDX",
        19 => "RELR",
        0x6ffffff5 => "GNU_ATTRIBUTES",
        0x6ffffff6 => "GNU_HASH",
        0x6ffffffd => "VERDEF",
        0x6ffffffe => "VERNEED",
        0x6fffffff => "VERSYM",
        0x70000001 => "ARM_EXIDX",
        0x70000003 => "ARM_ATTRIBUTES",
        0x6fff4c00 => "LLVM_ODRTAB",
        _ => Unknown(type),
    };

    /// <summary>"RWE" order as readelf -l prints it: R, W, E, blanks for the missing ones.</summary>
    public static string SegmentFlags(uint flags) =>
        string.Concat((flags & 4) != 0 ? "R" : " ", (flags & 2) != 0 ? "W" : " ", (flags & 1) != 0 ? "E" : " ");

    /// <summary>readelf -S's key letters, in its order: W A X M S I L O G T C, R (GNU retain), E.</summary>
    public static string SectionFlags(ulong flags)
    {
        var letters = new StringBuilder();
        (ulong Bit, char Letter)[] keys =
        [
            (0x1, 'W'), (0x2, 'A'), (0x4, 'X'), (0x10, 'M'), (0x20, 'S'), (0x40, 'I'), (0x80, 'L'), (0x100, 'O'),
            (0x200, 'G'), (0x400, 'T'), (0x800, 'C'), (0x200000, 'R'), (0x80000000, 'E'),
        ];
        foreach (var (bit, letter) in keys)
        {
            if ((flags & bit) != 0)
            {
                letters.Append(letter);
            }
        }

        return letters.ToString();
    }

    private static string Unknown(uint value) => string.Create(CultureInfo.InvariantCulture, $"unknown (0x{value:x})");
}
