using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Report.ReportValue;
using Cdylib.ObjectFile.Elf;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>The ELF part of the headers report, as readelf -h -l -S shows it: the file header, program headers and section headers ("elf" in JSON).</summary>
internal static class ElfReport
{
    public static ReportSection Describe(ElfDetails elf, bool is64Bit)
    {
        string Address(ulong value) => Text.Hex.Address(value, is64Bit);

        var header = new ReportSection("ELF header")
            .Fact("Type:", "type", SpelledNumber(elf.TypeName, elf.Type))
            .Fact("OS/ABI:", "{0} (ABI version {1})", new("osAbi", Str(elf.OsAbiName)), new("abiVersion", Number(elf.AbiVersion)))
            .Fact("Entry point:", "entry", SpelledHex("0x" + Address(elf.Entry), elf.Entry))
            .Fact("Flags:", "flags", Hex(elf.Flags, "0x{0:x}"));

        var segments = new ReportTable(
            "segments",
            ReportColumn.Left("Type", "type"),
            ReportColumn.Left("Offset", "offset"),
            ReportColumn.Left("VirtAddr", "virtualAddress"),
            ReportColumn.Right("FileSiz", "fileSize"),
            ReportColumn.Right("MemSiz", "memorySize"),
            ReportColumn.Left("Flg", "flags"));
        foreach (var segment in elf.Segments)
        {
            segments.Add(
                Str(segment.TypeName),
                Hex(segment.Offset, "0x{0:x6}"),
                SpelledHex("0x" + Address(segment.VirtualAddress), segment.VirtualAddress),
                Number(segment.FileSize),
                Number(segment.MemorySize),
                Spelled(segment.FlagLetters, segment.FlagLetters.Replace(" ", "", System.StringComparison.Ordinal)));
        }

        // readelf -S -W's columns but Al: ES before the flags, Lk and Inf after them.
        var sections = new ReportTable(
            "sections",
            ReportColumn.Right("[Nr]", "index"),
            ReportColumn.Left("Name", "name"),
            ReportColumn.Left("Type", "type"),
            ReportColumn.Left("Address", "address"),
            ReportColumn.Left("Offset", "offset"),
            ReportColumn.Right("Size", "size"),
            ReportColumn.Right("ES", "entrySize"),
            ReportColumn.Left("Flg", "flags"),
            ReportColumn.Right("Lk", "link"),
            ReportColumn.Right("Inf", "info"));
        foreach (var section in elf.Sections)
        {
            sections.Add(
                Number((ulong)section.Index, "[{0}]"),
                Str(section.Name),
                Str(section.TypeName),
                SpelledHex(Address(section.Address), section.Address),
                Hex(section.Offset, "{0:x6}"),
                Number(section.Size),
                Number(section.EntrySize),
                Str(section.FlagLetters),
                Number(section.Link),
                Number(section.Info));
        }

        return new ReportSection(null, "elf")
            .Add(header)
            .Add(new ReportSection("Program headers") { Table = segments })
            .Add(new ReportSection("Section headers") { Table = sections });
    }
}
