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

    /// <summary>
    /// The single walker for ELF32 and ELF64 symbol tables: the layout supplies the entry size and field
    /// offsets. The count is what the window holds, so a lying header cannot make the loop run longer
    /// than the file is.
    /// </summary>
    public static ElfSymbol[] ReadTable(EndianReader table, ElfLayout layout)
    {
        var fields = layout.Symbol;
        var symbols = new ElfSymbol[table.Length / fields.Size];
        for (int i = 0; i < symbols.Length; i++)
        {
            var entry = table.Slice((long)i * fields.Size, fields.Size, table.Structure);
            symbols[i] = new ElfSymbol(
                i,
                NameOffset: entry.U32(fields.Name),
                Value: entry.Word(fields.Value, layout.Is64),
                Size: entry.Word(fields.SymbolSize, layout.Is64),
                Info: entry.U8(fields.Info),
                Other: entry.U8(fields.Other),
                SectionIndex: entry.U16(fields.SectionIndex));
        }

        return symbols;
    }
}
