using System.Collections.Generic;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>The fields of one section header (Elf_Shdr) this reader uses.</summary>
internal readonly record struct ElfSection(int Index, uint NameOffset, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize)
{
    private const string TableStructure = "ELF section header table";

    /// <summary>True when the section occupies bytes in the file (SHT_NOBITS sections such as .bss, or every section of a separate debug file, do not).</summary>
    public bool HasFileData => Type != ElfConstants.ShtNobits;

    /// <summary>The section's bytes, or an error naming <paramref name="structure"/> if they lie outside the file.</summary>
    public EndianReader Contents(EndianReader file, string structure) =>
        file.Slice(Saturating.ToLong(Offset), Saturating.ToLong(Size), structure);

    /// <summary>
    /// Reads the section header table. Returns an empty list when the file has none (e_shoff = 0), which
    /// is legal for executables and shared libraries: the dynamic segment is then the only way in.
    /// </summary>
    public static IReadOnlyList<ElfSection> ReadTable(EndianReader file, ElfHeader header)
    {
        if (header.SectionHeaderOffset == 0)
        {
            return [];
        }

        var layout = header.Layout;
        long tableOffset = Saturating.ToLong(header.SectionHeaderOffset);
        long entrySize = header.SectionHeaderEntrySize;
        if (entrySize < layout.Section.Size)
        {
            file.Fail(ObjectFileProblem.Invalid(TableStructure, tableOffset, $"entry size {entrySize} is smaller than an ELF{(layout.Is64 ? 64 : 32)} section header ({layout.Section.Size})"));
            return [];
        }

        var first = ReadEntry(file.Slice(tableOffset, entrySize, TableStructure), layout, index: 0);
        if (file.Failed)
        {
            return [];
        }

        // With 0xff00 sections or more, e_shnum is 0 and the real count is in section 0's sh_size.
        long count = header.SectionHeaderCount != 0 ? header.SectionHeaderCount : Saturating.ToLong(first.Size);
        var table = file.Slice(tableOffset, Saturating.Multiply(count, entrySize), TableStructure);
        if (table.Failed)
        {
            return [];
        }

        var sections = new ElfSection[count];
        for (int i = 0; i < sections.Length; i++)
        {
            sections[i] = ReadEntry(table.Slice(i * entrySize, entrySize, TableStructure), layout, i);
        }

        return sections;
    }

    private static ElfSection ReadEntry(EndianReader entry, ElfLayout layout, int index)
    {
        var fields = layout.Section;
        return new ElfSection(
            index,
            NameOffset: entry.U32(fields.Name),
            Type: entry.U32(fields.Type),
            Flags: entry.Word(fields.Flags, layout.Is64),
            Address: entry.Word(fields.Addr, layout.Is64),
            Offset: entry.Word(fields.Offset, layout.Is64),
            Size: entry.Word(fields.FileSize, layout.Is64),
            Link: entry.U32(fields.Link),
            Info: entry.U32(fields.Info),
            EntrySize: entry.Word(fields.EntSize, layout.Is64));
    }
}
