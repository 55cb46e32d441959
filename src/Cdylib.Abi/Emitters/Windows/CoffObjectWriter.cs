using System.Collections.Generic;
using System.Text;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>One relocation of a section: at <paramref name="Offset"/>, the value of symbol <paramref name="SymbolIndex"/>.</summary>
internal readonly record struct CoffRelocation(uint Offset, int SymbolIndex, ushort Type);

/// <summary>One section of a small COFF object: its name (at most 8 bytes), flags, contents and relocations.</summary>
internal sealed record CoffSection(string Name, uint Characteristics, byte[] Data, IReadOnlyList<CoffRelocation> Relocations);

/// <summary>One symbol table entry (no auxiliary records): section 0 is undefined.</summary>
internal readonly record struct CoffSymbol(string Name, uint Value, short SectionNumber, byte StorageClass);

/// <summary>
/// Writes the small COFF objects an import library carries (import descriptor, null descriptor, null
/// thunk): file header, section headers, each section's data followed by its relocations, the symbol
/// table and the string table — the order llvm-dlltool and lib.exe use.
/// </summary>
internal static class CoffObjectWriter
{
    public const byte External = 2;        // IMAGE_SYM_CLASS_EXTERNAL
    public const byte Static = 3;          // IMAGE_SYM_CLASS_STATIC
    public const byte SectionSymbol = 0x68; // IMAGE_SYM_CLASS_SECTION

    // Section flags: IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE, plus an alignment.
    public const uint ReadWriteData = 0x00000040 | 0x40000000 | 0x80000000;
    public const uint Align2 = 0x00200000;
    public const uint Align4 = 0x00300000;
    public const uint Align8 = 0x00400000;

    private const int FileHeaderSize = 20;
    private const int SectionHeaderSize = 40;
    private const int RelocationSize = 10;
    private const int SymbolSize = 18;

    public static byte[] Write(WindowsMachine machine, IReadOnlyList<CoffSection> sections, IReadOnlyList<CoffSymbol> symbols)
    {
        // Lay out section data and relocations first: the headers point at them.
        int at = FileHeaderSize + (sections.Count * SectionHeaderSize);
        var dataOffsets = new int[sections.Count];
        var relocationOffsets = new int[sections.Count];
        for (int i = 0; i < sections.Count; i++)
        {
            dataOffsets[i] = at;
            at += sections[i].Data.Length;
            relocationOffsets[i] = sections[i].Relocations.Count == 0 ? 0 : at;
            at += sections[i].Relocations.Count * RelocationSize;
        }
        int symbolTable = at;

        var o = new ByteWriter();
        o.U16((ushort)machine)
            .U16(sections.Count)
            .U32(0) // TimeDateStamp: 0, so the same model gives the same bytes
            .U32((uint)symbolTable)
            .U32((uint)symbols.Count)
            .U16(0) // SizeOfOptionalHeader
            .U16(machine == WindowsMachine.X86 ? 0x0100 : 0); // IMAGE_FILE_32BIT_MACHINE, as lib.exe and llvm set it

        for (int i = 0; i < sections.Count; i++)
        {
            CoffSection section = sections[i];
            o.Field(section.Name, 8, 0)
                .U32(0) // VirtualSize
                .U32(0) // VirtualAddress
                .U32((uint)section.Data.Length)
                .U32((uint)dataOffsets[i])
                .U32((uint)relocationOffsets[i])
                .U32(0) // PointerToLinenumbers
                .U16(section.Relocations.Count)
                .U16(0) // NumberOfLinenumbers
                .U32(section.Characteristics);
        }

        foreach (CoffSection section in sections)
        {
            o.Bytes(section.Data);
            foreach (CoffRelocation relocation in section.Relocations)
            {
                o.U32(relocation.Offset).U32((uint)relocation.SymbolIndex).U16(relocation.Type);
            }
        }

        // Names longer than 8 bytes live in the string table, whose size field counts itself.
        var strings = new ByteWriter();
        foreach (CoffSymbol symbol in symbols)
        {
            byte[] name = Encoding.UTF8.GetBytes(symbol.Name);
            if (name.Length <= 8)
            {
                o.Field(symbol.Name, 8, 0);
            }
            else
            {
                o.U32(0).U32((uint)(4 + strings.Length));
                strings.Bytes(name).U8(0);
            }
            o.U32(symbol.Value)
                .U16((ushort)symbol.SectionNumber)
                .U16(0) // Type: not a function
                .U8(symbol.StorageClass)
                .U8(0); // NumberOfAuxSymbols
        }
        o.U32((uint)(4 + strings.Length)).Bytes(strings.ToArray());
        return o.ToArray();
    }
}
