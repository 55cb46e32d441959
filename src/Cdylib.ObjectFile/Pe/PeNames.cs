using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.ObjectFile.Pe;

/// <summary>
/// Words for PE header values: machines in the spellings the ELF reader uses ("x86", "x86-64",
/// "aarch64", …), subsystems and characteristic flags as winnt.h names them without their prefix.
/// </summary>
public static class PeNames
{
    /// <summary>IMAGE_FILE_MACHINE_* to the architecture names the ELF reader uses for the same processors.</summary>
    public static string Machine(ushort machine) => machine switch
    {
        0x0000 => "none",
        0x014c => "x86",
        0x8664 => "x86-64",
        0xaa64 => "aarch64",
        0xa641 => "arm64ec",
        0xa64e => "arm64x",
        0x01c0 or 0x01c2 or 0x01c4 => "arm",
        0x0200 => "ia64",
        0x0162 or 0x0166 or 0x0168 or 0x0169 => "mips",
        0x01f0 or 0x01f1 => "ppc",
        0x01a2 or 0x01a3 or 0x01a6 or 0x01a8 => "superh",
        0x0184 => "alpha",
        0x0284 => "alpha64",
        0x5032 => "riscv32",
        0x5064 => "riscv64",
        0x6232 => "loongarch32",
        0x6264 => "loongarch64",
        0x0ebc => "ebc",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown (0x{machine:X})"),
    };

    /// <summary>IMAGE_SUBSYSTEM_* in lower case with dashes: "windows-gui", "windows-cui", "native", "efi-application", ….</summary>
    public static string Subsystem(ushort subsystem) => subsystem switch
    {
        0 => "unknown",
        1 => "native",
        2 => "windows-gui",
        3 => "windows-cui",
        5 => "os2-cui",
        7 => "posix-cui",
        8 => "native-windows",
        9 => "windows-ce-gui",
        10 => "efi-application",
        11 => "efi-boot-service-driver",
        12 => "efi-runtime-driver",
        13 => "efi-rom",
        14 => "xbox",
        16 => "windows-boot-application",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown ({subsystem})"),
    };

    /// <summary>The IMAGE_FILE_* flags set in the COFF header's characteristics, e.g. ["EXECUTABLE_IMAGE", "LARGE_ADDRESS_AWARE", "DLL"].</summary>
    public static IReadOnlyList<string> Characteristics(ushort characteristics) => Flags(characteristics, FileFlags);

    /// <summary>The IMAGE_DLLCHARACTERISTICS_* flags set, e.g. ["HIGH_ENTROPY_VA", "DYNAMIC_BASE", "NX_COMPAT"].</summary>
    public static IReadOnlyList<string> DllCharacteristics(ushort characteristics) => Flags(characteristics, DllFlags);

    /// <summary>The IMAGE_SCN_* flags of a section that say what it holds and how it is mapped, e.g. ["CNT_CODE", "MEM_EXECUTE", "MEM_READ"].
    /// The alignment field (IMAGE_SCN_ALIGN_*, meaningful in objects only) is left out.</summary>
    public static IReadOnlyList<string> SectionCharacteristics(uint characteristics) => Flags(characteristics & ~SectionAlignMask, SectionFlags);

    private const uint SectionAlignMask = 0x00F00000;

    private static List<string> Flags(uint value, (uint Flag, string Name)[] names)
    {
        var set = new List<string>();
        uint known = 0;
        foreach (var (flag, name) in names)
        {
            known |= flag;
            if ((value & flag) != 0)
            {
                set.Add(name);
            }
        }

        if ((value & ~known) != 0)
        {
            set.Add(string.Create(CultureInfo.InvariantCulture, $"0x{value & ~known:X}"));
        }

        return set;
    }

    private static readonly (uint, string)[] FileFlags =
    [
        (0x0001, "RELOCS_STRIPPED"),
        (0x0002, "EXECUTABLE_IMAGE"),
        (0x0004, "LINE_NUMS_STRIPPED"),
        (0x0008, "LOCAL_SYMS_STRIPPED"),
        (0x0010, "AGGRESSIVE_WS_TRIM"),
        (0x0020, "LARGE_ADDRESS_AWARE"),
        (0x0080, "BYTES_REVERSED_LO"),
        (0x0100, "32BIT_MACHINE"),
        (0x0200, "DEBUG_STRIPPED"),
        (0x0400, "REMOVABLE_RUN_FROM_SWAP"),
        (0x0800, "NET_RUN_FROM_SWAP"),
        (0x1000, "SYSTEM"),
        (0x2000, "DLL"),
        (0x4000, "UP_SYSTEM_ONLY"),
        (0x8000, "BYTES_REVERSED_HI"),
    ];

    private static readonly (uint, string)[] DllFlags =
    [
        (0x0020, "HIGH_ENTROPY_VA"),
        (0x0040, "DYNAMIC_BASE"),
        (0x0080, "FORCE_INTEGRITY"),
        (0x0100, "NX_COMPAT"),
        (0x0200, "NO_ISOLATION"),
        (0x0400, "NO_SEH"),
        (0x0800, "NO_BIND"),
        (0x1000, "APPCONTAINER"),
        (0x2000, "WDM_DRIVER"),
        (0x4000, "GUARD_CF"),
        (0x8000, "TERMINAL_SERVER_AWARE"),
    ];

    private static readonly (uint, string)[] SectionFlags =
    [
        (0x00000008, "TYPE_NO_PAD"),
        (0x00000020, "CNT_CODE"),
        (0x00000040, "CNT_INITIALIZED_DATA"),
        (0x00000080, "CNT_UNINITIALIZED_DATA"),
        (0x00000200, "LNK_INFO"),
        (0x00000800, "LNK_REMOVE"),
        (0x00001000, "LNK_COMDAT"),
        (0x00008000, "GPREL"),
        (0x01000000, "LNK_NRELOC_OVFL"),
        (0x02000000, "MEM_DISCARDABLE"),
        (0x04000000, "MEM_NOT_CACHED"),
        (0x08000000, "MEM_NOT_PAGED"),
        (0x10000000, "MEM_SHARED"),
        (0x20000000, "MEM_EXECUTE"),
        (0x40000000, "MEM_READ"),
        (0x80000000, "MEM_WRITE"),
    ];
}
