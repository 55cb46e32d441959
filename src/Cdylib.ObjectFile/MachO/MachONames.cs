using System.Collections.Generic;
using System.Globalization;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// Words for Mach-O header values: machines in the spellings the ELF and PE readers use ("x86-64",
/// "aarch64", "x86"), architectures as lipo and <c>--arch</c> spell them ("x86_64", "arm64", "i386"),
/// file types and header flags as &lt;mach-o/loader.h&gt; names them without their prefix, and
/// dylib versions as "X.Y.Z".
/// </summary>
public static class MachONames
{
    /// <summary>
    /// What a special two-level namespace library ordinal (<see cref="Import.LibraryOrdinal"/> 0 or below,
    /// or none) tells dyld to search, in the words of &lt;mach-o/loader.h&gt;'s comments: 0 "this image",
    /// -1 "main executable", -2 "flat namespace: …", -3 "weak definition: …", null "no library recorded".
    /// </summary>
    /// <remarks>Ordinals 1..n name the n-th dylib command (<see cref="MachODetails.Dylibs"/>); they have no words of their own here.</remarks>
    public static string SpecialOrdinal(int? ordinal) => ordinal switch
    {
        MachOConstants.OrdinalSelf => "this image",
        MachOConstants.OrdinalMainExecutable => "main executable",
        MachOConstants.OrdinalFlatLookup => "flat namespace: the first image that defines it",
        MachOConstants.OrdinalWeakLookup => "weak definition: coalesced across all images",
        _ => "no library recorded",
    };

    /// <summary>CPU_TYPE_* to the architecture names the ELF and PE readers use for the same processors.</summary>
    public static string Machine(int cpuType) => cpuType switch
    {
        MachOConstants.CpuTypeX86 => "x86",
        MachOConstants.CpuTypeX8664 => "x86-64",
        MachOConstants.CpuTypeArm => "arm",
        MachOConstants.CpuTypeArm64 => "aarch64",
        MachOConstants.CpuTypeArm6432 => "aarch64_32",
        MachOConstants.CpuTypePowerPc => "ppc",
        MachOConstants.CpuTypePowerPc64 => "ppc64",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown (0x{cpuType:X})"),
    };

    /// <summary>The architecture as lipo, otool and <c>--arch</c> name it: "x86_64", "x86_64h", "arm64", "arm64e", "i386", "armv7", ….</summary>
    public static string Architecture(int cpuType, int cpuSubtype)
    {
        int subtype = cpuSubtype & 0x00ffffff; // the high byte holds capability bits (CPU_SUBTYPE_LIB64, pointer authentication)
        return cpuType switch
        {
            MachOConstants.CpuTypeX86 => "i386",
            MachOConstants.CpuTypeX8664 => subtype == 8 ? "x86_64h" : "x86_64",
            MachOConstants.CpuTypeArm64 => subtype == 2 ? "arm64e" : "arm64",
            MachOConstants.CpuTypeArm6432 => "arm64_32",
            MachOConstants.CpuTypeArm => subtype switch
            {
                5 => "armv4t",
                6 => "armv6",
                7 => "armv5",
                8 => "xscale",
                9 => "armv7",
                10 => "armv7f",
                11 => "armv7s",
                12 => "armv7k",
                14 => "armv6m",
                15 => "armv7m",
                16 => "armv7em",
                _ => "arm",
            },
            MachOConstants.CpuTypePowerPc => "ppc",
            MachOConstants.CpuTypePowerPc64 => "ppc64",
            _ => string.Create(CultureInfo.InvariantCulture, $"cputype{cpuType}"),
        };
    }

    /// <summary>MH_* file types: "object", "execute", "dylib", "bundle", ….</summary>
    public static string FileType(uint fileType) => fileType switch
    {
        0x1 => "object",
        0x2 => "execute",
        0x3 => "fvmlib",
        0x4 => "core",
        0x5 => "preload",
        0x6 => "dylib",
        0x7 => "dylinker",
        0x8 => "bundle",
        0x9 => "dylib-stub",
        0xa => "dsym",
        0xb => "kext-bundle",
        0xc => "fileset",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown (0x{fileType:X})"),
    };

    /// <summary>The MH_* header flags set, e.g. ["NOUNDEFS", "DYLDLINK", "TWOLEVEL", "PIE"].</summary>
    public static IReadOnlyList<string> HeaderFlags(uint flags)
    {
        var set = new List<string>();
        uint known = 0;
        foreach (var (flag, name) in FlagNames)
        {
            known |= flag;
            if ((flags & flag) != 0)
            {
                set.Add(name);
            }
        }

        if ((flags & ~known) != 0)
        {
            set.Add(string.Create(CultureInfo.InvariantCulture, $"0x{flags & ~known:X}"));
        }

        return set;
    }

    /// <summary>A packed dylib or OS version (xxxx.yy.zz in 16.8.8 bits) as "X.Y.Z", the way otool prints it.</summary>
    public static string Version(uint packed) =>
        string.Create(CultureInfo.InvariantCulture, $"{packed >> 16}.{(packed >> 8) & 0xff}.{packed & 0xff}");

    /// <summary>The load command that named a dylib: "LC_LOAD_DYLIB", "LC_LOAD_WEAK_DYLIB", "LC_REEXPORT_DYLIB", ….</summary>
    public static string LoadCommand(uint command) => command switch
    {
        MachOConstants.LcIdDylib => "LC_ID_DYLIB",
        MachOConstants.LcLoadDylib => "LC_LOAD_DYLIB",
        MachOConstants.LcLoadWeakDylib => "LC_LOAD_WEAK_DYLIB",
        MachOConstants.LcReexportDylib => "LC_REEXPORT_DYLIB",
        MachOConstants.LcLazyLoadDylib => "LC_LAZY_LOAD_DYLIB",
        MachOConstants.LcLoadUpwardDylib => "LC_LOAD_UPWARD_DYLIB",
        _ => string.Create(CultureInfo.InvariantCulture, $"0x{command:X}"),
    };

    /// <summary>PLATFORM_* of LC_BUILD_VERSION: "macos", "ios", "tvos", "watchos", ….</summary>
    public static string Platform(uint platform) => platform switch
    {
        1 => "macos",
        2 => "ios",
        3 => "tvos",
        4 => "watchos",
        5 => "bridgeos",
        6 => "maccatalyst",
        7 => "ios-simulator",
        8 => "tvos-simulator",
        9 => "watchos-simulator",
        10 => "driverkit",
        11 => "visionos",
        12 => "visionos-simulator",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown ({platform})"),
    };

    private static readonly (uint, string)[] FlagNames =
    [
        (0x1, "NOUNDEFS"),
        (0x2, "INCRLINK"),
        (0x4, "DYLDLINK"),
        (0x8, "BINDATLOAD"),
        (0x10, "PREBOUND"),
        (0x20, "SPLIT_SEGS"),
        (0x40, "LAZY_INIT"),
        (0x80, "TWOLEVEL"),
        (0x100, "FORCE_FLAT"),
        (0x200, "NOMULTIDEFS"),
        (0x400, "NOFIXPREBINDING"),
        (0x800, "PREBINDABLE"),
        (0x1000, "ALLMODSBOUND"),
        (0x2000, "SUBSECTIONS_VIA_SYMBOLS"),
        (0x4000, "CANONICAL"),
        (0x8000, "WEAK_DEFINES"),
        (0x10000, "BINDS_TO_WEAK"),
        (0x20000, "ALLOW_STACK_EXECUTION"),
        (0x40000, "ROOT_SAFE"),
        (0x80000, "SETUID_SAFE"),
        (0x100000, "NO_REEXPORTED_DYLIBS"),
        (0x200000, "PIE"),
        (0x400000, "DEAD_STRIPPABLE_DYLIB"),
        (0x800000, "HAS_TLV_DESCRIPTORS"),
        (0x1000000, "NO_HEAP_EXECUTION"),
        (0x2000000, "APP_EXTENSION_SAFE"),
        (0x4000000, "NLIST_OUTOFSYNC_WITH_DYLDINFO"),
        (0x8000000, "SIM_SUPPORT"),
        (0x80000000, "DYLIB_IN_CACHE"),
    ];
}
