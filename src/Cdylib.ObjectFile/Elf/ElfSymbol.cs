using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>One entry of an ELF symbol table (Elf_Sym), whatever the class and byte order.</summary>
internal readonly record struct ElfSymbol(int Index, uint NameOffset, ulong Value, ulong Size, byte Info, byte Other, ushort SectionIndex)
{
    public byte Binding => (byte)(Info >> 4);

    public byte Type => (byte)(Info & 0xf);

    public byte Visibility => (byte)(Other & 0x3);

    /// <summary>Undefined symbols (st_shndx = SHN_UNDEF) are what the file imports.</summary>
    public bool IsDefined => SectionIndex != ElfConstants.ShnUndef;

    public bool IsAbsolute => SectionIndex == ElfConstants.ShnAbs;
}
