using System;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// The Windows processors a <c>NAME.dll</c> can be built for, by their COFF machine number (the value
/// every object and import record of the import library carries).
/// </summary>
public enum WindowsMachine : ushort
{
    /// <summary>IMAGE_FILE_MACHINE_I386: 32-bit x86, where "system" means stdcall and C names get a '_'.</summary>
    X86 = 0x014C,

    /// <summary>IMAGE_FILE_MACHINE_AMD64.</summary>
    X64 = 0x8664,

    /// <summary>IMAGE_FILE_MACHINE_ARM64.</summary>
    Arm64 = 0xAA64,
}

/// <summary>What differs between the machines: pointer size and the relocation type an RVA needs.</summary>
public static class WindowsMachines
{
    /// <summary>The machine of a .NET runtime identifier (<c>win-x64</c>, <c>win-x86</c>, <c>win-arm64</c>); null for anything else.</summary>
    public static WindowsMachine? FromRuntimeIdentifier(string rid) => rid.ToLowerInvariant() switch
    {
        "win-x86" => WindowsMachine.X86,
        "win-x64" => WindowsMachine.X64,
        "win-arm64" => WindowsMachine.Arm64,
        _ => null,
    };

    public static bool Is64Bit(this WindowsMachine machine) => machine != WindowsMachine.X86;

    public static int PointerSize(this WindowsMachine machine) => machine.Is64Bit() ? 8 : 4;

    /// <summary>The relocation that stores a symbol's RVA (…_ADDR32NB / DIR32NB), as the import descriptor needs.</summary>
    internal static ushort Rva32Relocation(this WindowsMachine machine) => machine switch
    {
        WindowsMachine.X86 => 0x0007,   // IMAGE_REL_I386_DIR32NB
        WindowsMachine.X64 => 0x0003,   // IMAGE_REL_AMD64_ADDR32NB
        WindowsMachine.Arm64 => 0x0002, // IMAGE_REL_ARM64_ADDR32NB
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, "not a Windows machine Cdylib builds for"),
    };
}
