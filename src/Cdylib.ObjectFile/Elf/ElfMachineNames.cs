using System.Globalization;

namespace Cdylib.ObjectFile.Elf;

/// <summary>e_machine to the architecture names toolchains use (GNU triplet spellings, "x86-64" as readelf and file(1) say).</summary>
internal static class ElfMachineNames
{
    public static string Get(ushort machine, bool is64) => machine switch
    {
        0 => "none",
        2 => "sparc",
        3 => "x86",
        4 => "m68k",
        8 => is64 ? "mips64" : "mips",
        18 => "sparc32plus",
        20 => "ppc",
        21 => "ppc64",
        22 => is64 ? "s390x" : "s390",
        40 => "arm",
        42 => "superh",
        43 => "sparcv9",
        50 => "ia64",
        62 => "x86-64",
        183 => "aarch64",
        243 => is64 ? "riscv64" : "riscv32",
        247 => "bpf",
        258 => is64 ? "loongarch64" : "loongarch32",
        ElfConstants.EmAlpha => "alpha",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown (0x{machine:X})"),
    };
}
