namespace Cdylib.ObjectFile;

/// <summary>The container format of a binary, detected from its magic number.</summary>
public enum BinaryFormat
{
    /// <summary>An ELF file ("\x7fELF"): a shared object, executable or relocatable object of Linux, the BSDs, ….</summary>
    Elf,

    /// <summary>A PE image ("MZ" and "PE\0\0"): a Windows DLL or executable.</summary>
    Pe,

    /// <summary>A Mach-O file, thin or fat (universal): a macOS or iOS dylib, executable or object.</summary>
    MachO,

    /// <summary>An ar archive ("!&lt;arch&gt;\n"): a static library (.a, .lib) or a COFF import library (.lib, .dll.a).</summary>
    Archive,

    /// <summary>A COFF object file (.obj) without a PE image around it, a bigobj, or a lone short import record.</summary>
    Coff,
}
