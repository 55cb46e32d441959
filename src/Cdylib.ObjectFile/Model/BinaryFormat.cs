namespace Cdylib.ObjectFile;

/// <summary>The container format of a binary, detected from its magic number.</summary>
public enum BinaryFormat
{
    Elf,
    Pe,
    MachO,

    /// <summary>An ar archive ("!&lt;arch&gt;\n"): a static library (.a, .lib) or a COFF import library (.lib, .dll.a).</summary>
    Archive,

    /// <summary>A COFF object file (.obj) without a PE image around it, a bigobj, or a lone short import record.</summary>
    Coff,
}
