using System.Collections.Generic;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// What glibc's ld.so of one machine is built with: the ld.so.cache flags of its libraries
/// (_DL_CACHE_DEFAULT_ID), the multiarch triplet of Debian-style systems, and the values of $PLATFORM
/// (AT_PLATFORM) and $LIB.
/// </summary>
/// <param name="CacheFlags">FLAG_ELF_LIBC6 (3) with the machine's FLAG_*_LIB64 bits: 0x0303 for x86-64.</param>
/// <param name="Triplet">"x86_64-linux-gnu"; null when unknown.</param>
/// <param name="Platform">What $PLATFORM expands to ("x86_64"); null when unknown.</param>
/// <param name="LibDirectory">The 64-bit (or only) library directory name where there is no multiarch one: "lib64" or "lib".</param>
/// <param name="Interpreter">The program interpreter glibc installs for the machine ("/lib64/ld-linux-x86-64.so.2"): the one a library gets when ldd loads it; null when unknown.</param>
internal sealed record ElfAbi(int CacheFlags, string? Triplet, string? Platform, string LibDirectory, string? Interpreter = null)
{
    /// <summary>The ABI of a file of <paramref name="summary"/>'s machine, class and byte order.</summary>
    public static ElfAbi Of(BinarySummary summary)
    {
        const int Libc6 = 3;
        bool little = summary.Endianness == Endianness.Little;
        return (summary.Machine, summary.Is64Bit) switch
        {
            ("x86-64", true) => new(Libc6 | 0x0300, "x86_64-linux-gnu", "x86_64", "lib64", "/lib64/ld-linux-x86-64.so.2"),
            ("x86-64", false) => new(Libc6 | 0x0800, "x86_64-linux-gnux32", "x86_64", "libx32"),
            ("x86", _) => new(Libc6, "i386-linux-gnu", "i686", "lib", "/lib/ld-linux.so.2"),
            ("aarch64", true) => new(Libc6 | 0x0a00, little ? "aarch64-linux-gnu" : "aarch64_be-linux-gnu", little ? "aarch64" : "aarch64_be", "lib64", little ? "/lib/ld-linux-aarch64.so.1" : "/lib/ld-linux-aarch64_be.so.1"),
            ("arm", _) => new(Libc6 | 0x0900, "arm-linux-gnueabihf", "v7l", "lib"),
            ("ppc64", true) => new(Libc6 | 0x0500, little ? "powerpc64le-linux-gnu" : "powerpc64-linux-gnu", little ? "power8" : "power7", "lib64"),
            ("ppc", _) => new(Libc6, "powerpc-linux-gnu", "ppc", "lib"),
            ("s390x", true) => new(Libc6 | 0x0400, "s390x-linux-gnu", "z13", "lib64"),
            ("riscv64", true) => new(Libc6 | 0x1000, "riscv64-linux-gnu", "riscv64", "lib64"),
            ("loongarch64", true) => new(Libc6 | 0x1200, "loongarch64-linux-gnu", "loongarch64", "lib64"),
            ("mips64", true) => new(Libc6 | 0x0700, little ? "mips64el-linux-gnuabi64" : "mips64-linux-gnuabi64", little ? "mips64el" : "mips64", "lib64"),
            ("sparcv9", true) => new(Libc6 | 0x0100, "sparc64-linux-gnu", "sparc64", "lib64"),
            _ => new(Libc6, null, null, summary.Is64Bit ? "lib64" : "lib"),
        };
    }

    /// <summary>
    /// The directories ld.so searches last (its "system search path", <c>ld.so --help</c>): on a
    /// multiarch system (the triplet's directory exists under <paramref name="root"/>) /lib/TRIPLET,
    /// /usr/lib/TRIPLET, /lib, /usr/lib, as Debian and Ubuntu build glibc; elsewhere /LIB and /usr/LIB
    /// (/lib64, /usr/lib64 on 64-bit Fedora-style systems), as upstream glibc does.
    /// </summary>
    public IReadOnlyList<string> DefaultDirectories(SystemRoot root) =>
        IsMultiarch(root)
            ? [$"/lib/{Triplet}/", $"/usr/lib/{Triplet}/", "/lib/", "/usr/lib/"]
            : [$"/{LibDirectory}/", $"/usr/{LibDirectory}/"];

    /// <summary>What $LIB expands to: "lib/x86_64-linux-gnu" on a multiarch system, else "lib64" or "lib".</summary>
    public string Lib(SystemRoot root) => IsMultiarch(root) ? $"lib/{Triplet}" : LibDirectory;

    private bool IsMultiarch(SystemRoot root) => Triplet is not null && System.IO.Directory.Exists(root.Host($"/usr/lib/{Triplet}"));
}
