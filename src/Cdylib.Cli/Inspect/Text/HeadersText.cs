using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The headers report after the summary, per format: the ELF file header, program headers and section
/// headers (readelf -h -l -S); the PE file and optional headers, data directories and section table
/// (dumpbin /headers); the Mach-O header, segments with their sections, and dylib commands (otool -h -l).
/// </summary>
internal static class HeadersText
{
    public static void Write(TextWriter output, BinaryFile file)
    {
        if (file.Summary.Elf is ElfDetails elf)
        {
            Elf(output, elf, file.Summary.Is64Bit);
        }
        else if (file.Summary.Pe is PeDetails pe)
        {
            Pe(output, pe);
        }
        else if (file.Summary.MachO is MachODetails macho)
        {
            MachO(output, macho);
        }
        else if (file.Summary.Archive is ArchiveDetails archive)
        {
            Archive(output, archive);
        }
    }

    private static void Elf(TextWriter output, ElfDetails elf, bool is64Bit)
    {
        Facts(output, "ELF header",
            ("Type:", elf.TypeName),
            ("OS/ABI:", $"{elf.OsAbiName} (ABI version {elf.AbiVersion})"),
            ("Entry point:", "0x" + Hex.Address(elf.Entry, is64Bit)),
            ("Flags:", $"0x{elf.Flags:x}"));

        Section(output, "Program headers");
        var segments = new TextTable("Type", "Offset", "VirtAddr", ">FileSiz", ">MemSiz", "Flg");
        foreach (var segment in elf.Segments)
        {
            segments.Add(segment.TypeName, $"0x{segment.Offset:x6}", "0x" + Hex.Address(segment.VirtualAddress, is64Bit), Number(segment.FileSize), Number(segment.MemorySize), segment.FlagLetters);
        }

        WriteOrNone(output, segments);

        Section(output, "Section headers");
        var sections = new TextTable(">[Nr]", "Name", "Type", "Address", "Offset", ">Size", "Flg");
        foreach (var section in elf.Sections)
        {
            sections.Add($"[{section.Index}]", section.Name, section.TypeName, Hex.Address(section.Address, is64Bit), $"{section.Offset:x6}", Number(section.Size), section.FlagLetters);
        }

        WriteOrNone(output, sections);
    }

    private static void Pe(TextWriter output, PeDetails pe)
    {
        Facts(output, "FILE HEADER VALUES",
            ("Machine:", $"{pe.Machine:X} ({PeNames.Machine(pe.Machine)})"),
            ("Time date stamp:", $"{pe.TimeDateStamp:X8}"),
            ("Characteristics:", $"{pe.Characteristics:X} ({string.Join(" ", PeNames.Characteristics(pe.Characteristics))})"));

        Facts(output, "OPTIONAL HEADER VALUES",
            ("Linker version:", pe.LinkerVersion),
            ("Entry point:", $"{pe.EntryPoint:X}"),
            ("Image base:", $"{pe.ImageBase:X}"),
            ("Section alignment:", $"{pe.SectionAlignment:X}"),
            ("File alignment:", $"{pe.FileAlignment:X}"),
            ("OS version:", pe.OperatingSystemVersion),
            ("Subsystem version:", pe.SubsystemVersion),
            ("Size of image:", $"{pe.SizeOfImage:X}"),
            ("Size of headers:", $"{pe.SizeOfHeaders:X}"),
            ("Checksum:", $"{pe.CheckSum:X}"),
            ("Subsystem:", $"{pe.Subsystem:X} ({pe.SubsystemName})"),
            ("DLL characteristics:", $"{pe.DllCharacteristics:X} ({string.Join(" ", PeNames.DllCharacteristics(pe.DllCharacteristics))})"));

        Section(output, "Data directories");
        var directories = new TextTable("Directory", "RVA", ">Size");
        for (int i = 0; i < pe.DataDirectories.Count; i++)
        {
            var directory = pe.DataDirectories[i];
            if (directory.Rva != 0 || directory.Size != 0)
            {
                directories.Add(i < DataDirectoryNames.Length ? DataDirectoryNames[i] : $"#{i}", $"{directory.Rva:X}", $"{directory.Size:X}");
            }
        }

        WriteOrNone(output, directories);

        Section(output, "Section headers");
        var sections = new TextTable("Name", "VirtAddr", ">VirtSize", "RawOffset", ">RawSize", "Characteristics");
        foreach (var section in pe.Sections)
        {
            sections.Add(section.Name, $"{section.VirtualAddress:X}", $"{section.VirtualSize:X}", $"{section.PointerToRawData:X}", $"{section.SizeOfRawData:X}",
                $"{section.Characteristics:X8} {string.Join(" ", PeNames.SectionCharacteristics(section.Characteristics))}");
        }

        WriteOrNone(output, sections);
    }

    private static void MachO(TextWriter output, MachODetails macho)
    {
        Facts(output, "Mach header",
            ("CPU:", $"{macho.Architecture} (type {macho.CpuType}, subtype {macho.CpuSubtype & 0xffffff})"),
            ("File type:", macho.FileTypeName),
            ("Load commands:", $"{macho.LoadCommandCount} ({macho.LoadCommandsSize} bytes)"),
            ("Flags:", $"0x{macho.Flags:x} ({string.Join(" ", MachONames.HeaderFlags(macho.Flags))})"));

        if (macho.FatSlices.Count > 0)
        {
            Section(output, "Fat slices");
            var slices = new TextTable(">#", "Architecture", "Offset", ">Size", ">Align");
            foreach (var slice in macho.FatSlices)
            {
                slices.Add((slice.Index + 1).ToString(CultureInfo.InvariantCulture), slice.Architecture, $"0x{slice.Offset:x}", Number(slice.Size), $"2^{slice.Align}");
            }

            WriteOrNone(output, slices);
        }

        Section(output, "Segments and sections");
        var segments = new TextTable("Segment", "Section", "Address", ">Size", "Offset", "Prot");
        foreach (var segment in macho.Segments)
        {
            segments.Add(segment.Name, "", $"0x{segment.VmAddress:x}", Number(segment.VmSize), $"0x{segment.FileOffset:x}", $"{Protection(segment.InitialProtection)}/{Protection(segment.MaxProtection)}");
            foreach (var section in segment.Sections)
            {
                segments.Add("", section.Name, $"0x{section.Address:x}", Number(section.Size), $"0x{section.Offset:x}", "");
            }
        }

        WriteOrNone(output, segments);

        Section(output, "Dylib commands");
        var dylibs = new TextTable("Command", "Compatibility", "Current", "Name");
        foreach (var dylib in (macho.Id is MachODylib id ? new[] { id } : []).Concat(macho.Dylibs))
        {
            dylibs.Add(dylib.CommandName, dylib.CompatibilityVersionText, dylib.CurrentVersionText, dylib.Name);
        }

        WriteOrNone(output, dylibs);
    }

    private static void Archive(TextWriter output, ArchiveDetails archive)
    {
        Section(output, "Members");
        var members = new TextTable("HeaderOffset", ">Size", "Kind", "Machine", "Name");
        foreach (var member in archive.Members)
        {
            members.Add($"0x{member.HeaderOffset:x}", Number((ulong)member.Size), ModelNames.MemberKind(member.Kind), member.Machine ?? "", member.Name);
        }

        WriteOrNone(output, members);
    }

    private static readonly string[] DataDirectoryNames =
    [
        "Export", "Import", "Resource", "Exception", "Certificates", "Base relocations", "Debug", "Architecture",
        "Global pointer", "Thread storage", "Load configuration", "Bound import", "Import address table",
        "Delay-load import", "CLR runtime header", "Reserved",
    ];

    private static void Facts(TextWriter output, string heading, params (string Label, string Value)[] facts)
    {
        Section(output, heading);
        var table = new TextTable("", "") { ShowHeadings = false };
        foreach (var (label, value) in facts)
        {
            table.Add(label, value);
        }

        WriteOrNone(output, table);
    }

    private static void Section(TextWriter output, string heading)
    {
        output.WriteLine($"  {heading}");
        output.WriteLine();
    }

    private static void WriteOrNone(TextWriter output, TextTable table)
    {
        if (table.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            table.Write(output, "    ");
        }

        output.WriteLine();
    }

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>VM_PROT bits as "rwx" letters, as otool prints them.</summary>
    private static string Protection(uint protection) =>
        string.Concat((protection & 1) != 0 ? "r" : "-", (protection & 2) != 0 ? "w" : "-", (protection & 4) != 0 ? "x" : "-");
}
