namespace Cdylib.ObjectFile.Elf;

/// <summary>
/// Where the fields of the class-dependent ELF structures sit, for ELFCLASS32 and ELFCLASS64.
/// The readers take one of the two instances instead of existing twice: the structures differ only in
/// word size and, for symbols and program headers, in field order.
/// </summary>
internal sealed class ElfLayout
{
    public static readonly ElfLayout Elf32 = new(
        is64: false,
        header: new(Size: 52, Entry: 24, PhOff: 28, ShOff: 32, Flags: 36, PhEntSize: 42, PhNum: 44, ShEntSize: 46, ShNum: 48, ShStrNdx: 50),
        section: new(Size: 40, Name: 0, Type: 4, Flags: 8, Addr: 12, Offset: 16, FileSize: 20, Link: 24, Info: 28, EntSize: 36),
        program: new(Size: 32, Type: 0, Offset: 4, VirtualAddress: 8, FileSize: 16, MemorySize: 20, Flags: 24),
        symbol: new(Size: 16, Name: 0, Value: 4, SymbolSize: 8, Info: 12, Other: 13, SectionIndex: 14));

    public static readonly ElfLayout Elf64 = new(
        is64: true,
        header: new(Size: 64, Entry: 24, PhOff: 32, ShOff: 40, Flags: 48, PhEntSize: 54, PhNum: 56, ShEntSize: 58, ShNum: 60, ShStrNdx: 62),
        section: new(Size: 64, Name: 0, Type: 4, Flags: 8, Addr: 16, Offset: 24, FileSize: 32, Link: 40, Info: 44, EntSize: 56),
        program: new(Size: 56, Type: 0, Offset: 8, VirtualAddress: 16, FileSize: 32, MemorySize: 40, Flags: 4),
        symbol: new(Size: 24, Name: 0, Value: 8, SymbolSize: 16, Info: 4, Other: 5, SectionIndex: 6));

    private ElfLayout(bool is64, HeaderFields header, SectionFields section, ProgramFields program, SymbolFields symbol)
    {
        Is64 = is64;
        Header = header;
        Section = section;
        Program = program;
        Symbol = symbol;
    }

    public bool Is64 { get; }

    /// <summary>Size of an address, offset or Xword: 4 or 8 bytes.</summary>
    public int WordSize => Is64 ? 8 : 4;

    /// <summary>A dynamic entry is a (d_tag, d_val) pair of words.</summary>
    public int DynamicEntrySize => 2 * WordSize;

    public HeaderFields Header { get; }

    public SectionFields Section { get; }

    public ProgramFields Program { get; }

    public SymbolFields Symbol { get; }

    /// <summary>Offsets in Elf_Ehdr (e_type at 16, e_machine at 18 and e_entry at 24 are the same for both classes).</summary>
    internal readonly record struct HeaderFields(int Size, int Entry, int PhOff, int ShOff, int Flags, int PhEntSize, int PhNum, int ShEntSize, int ShNum, int ShStrNdx);

    /// <summary>Offsets in Elf_Shdr.</summary>
    internal readonly record struct SectionFields(int Size, int Name, int Type, int Flags, int Addr, int Offset, int FileSize, int Link, int Info, int EntSize);

    /// <summary>Offsets in Elf_Phdr (ELF64 moves p_flags up, so the offsets differ, not only the widths).</summary>
    internal readonly record struct ProgramFields(int Size, int Type, int Offset, int VirtualAddress, int FileSize, int MemorySize, int Flags);

    /// <summary>Offsets in Elf_Sym (ELF64 puts st_info/st_other/st_shndx before st_value).</summary>
    internal readonly record struct SymbolFields(int Size, int Name, int Value, int SymbolSize, int Info, int Other, int SectionIndex);
}
