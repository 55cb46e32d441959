using System.Collections.Generic;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Elf;

/// <summary>The fields of one program header (Elf_Phdr) this reader uses.</summary>
internal readonly record struct ElfSegment(uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize)
{
    private const string TableStructure = "ELF program header table";

    public EndianReader Contents(EndianReader file, string structure) =>
        file.Slice(Saturating.ToLong(Offset), Saturating.ToLong(FileSize), structure);

    /// <summary>Reads the program header table; empty for relocatable objects, which have none.</summary>
    /// <param name="extendedCount">Section 0's sh_info, which holds the count when e_phnum is PN_XNUM (0xffff); null if unknown.</param>
    /// <param name="file">The whole file.</param>
    /// <param name="header">The ELF header: where the table is, its entry size and count.</param>
    public static IReadOnlyList<ElfSegment> ReadTable(EndianReader file, ElfHeader header, uint? extendedCount)
    {
        if (header.ProgramHeaderOffset == 0 || header.ProgramHeaderCount == 0)
        {
            return [];
        }

        var layout = header.Layout;
        long tableOffset = Saturating.ToLong(header.ProgramHeaderOffset);
        long entrySize = header.ProgramHeaderEntrySize;
        if (entrySize < layout.Program.Size)
        {
            throw ObjectFileException.Invalid(TableStructure, tableOffset, $"entry size {entrySize} is smaller than an ELF{(layout.Is64 ? 64 : 32)} program header ({layout.Program.Size})");
        }

        long count = header.ProgramHeaderCount == ElfConstants.PnXnum && extendedCount is uint real ? real : header.ProgramHeaderCount;
        var table = file.Slice(tableOffset, Saturating.Multiply(count, entrySize), TableStructure);
        var segments = new ElfSegment[count];
        var fields = layout.Program;
        for (int i = 0; i < segments.Length; i++)
        {
            var entry = table.Slice(i * entrySize, entrySize, TableStructure);
            segments[i] = new ElfSegment(
                Type: entry.U32(fields.Type),
                Flags: entry.U32(fields.Flags),
                Offset: entry.Word(fields.Offset, layout.Is64),
                VirtualAddress: entry.Word(fields.VirtualAddress, layout.Is64),
                FileSize: entry.Word(fields.FileSize, layout.Is64),
                MemorySize: entry.Word(fields.MemorySize, layout.Is64));
        }

        return segments;
    }
}
