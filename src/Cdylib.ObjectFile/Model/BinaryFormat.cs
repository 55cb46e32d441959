namespace Cdylib.ObjectFile;

/// <summary>The container format of a binary, detected from its magic number.</summary>
public enum BinaryFormat
{
    Elf,
    Pe,
    MachO,
}
