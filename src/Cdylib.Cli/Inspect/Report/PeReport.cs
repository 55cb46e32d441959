using System.Globalization;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Report.ReportValue;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// The PE part of the headers report, as dumpbin /headers shows it: the file and optional headers, the
/// data directories and the section table; then the descriptors behind the exports and imports (the
/// export directory, import and delay-load descriptors, bound imports). "pe" in JSON.
/// </summary>
internal static class PeReport
{
    private static readonly string[] DataDirectoryNames =
    [
        "Export", "Import", "Resource", "Exception", "Certificates", "Base relocations", "Debug", "Architecture",
        "Global pointer", "Thread storage", "Load configuration", "Bound import", "Import address table",
        "Delay-load import", "CLR runtime header", "Reserved",
    ];

    public static ReportSection Describe(PeDetails pe)
    {
        var fileHeader = new ReportSection("FILE HEADER VALUES")
            .Fact("Machine:", "machine", SpelledHex($"{pe.Machine:X} ({PeNames.Machine(pe.Machine)})", pe.Machine))
            .Fact("Time date stamp:", "timeDateStamp", Hex(pe.TimeDateStamp, "{0:X8}"))
            .Fact("Characteristics:", "{0} ({1})", new("characteristics", Hex(pe.Characteristics, "{0:X}")), new("characteristicNames", Names(PeNames.Characteristics(pe.Characteristics))));

        // dumpbin prints the sizes and alignments in hex too; JSON has them as numbers.
        var optionalHeader = new ReportSection("OPTIONAL HEADER VALUES")
            .Fact("Linker version:", "linkerVersion", Str(pe.LinkerVersion))
            .Fact("Entry point:", "entryPoint", Hex(pe.EntryPoint, "{0:X}"))
            .Fact("Image base:", "imageBase", Hex(pe.ImageBase, "{0:X}"))
            .Fact("Section alignment:", "sectionAlignment", Number(pe.SectionAlignment, "{0:X}"))
            .Fact("File alignment:", "fileAlignment", Number(pe.FileAlignment, "{0:X}"))
            .Fact("OS version:", "operatingSystemVersion", Str(pe.OperatingSystemVersion))
            .Fact("Subsystem version:", "subsystemVersion", Str(pe.SubsystemVersion))
            .Fact("Size of image:", "sizeOfImage", Number(pe.SizeOfImage, "{0:X}"))
            .Fact("Size of headers:", "sizeOfHeaders", Number(pe.SizeOfHeaders, "{0:X}"))
            .Fact("Checksum:", "checkSum", Hex(pe.CheckSum, "{0:X}"))
            .Fact("Subsystem:", "subsystem", Spelled($"{pe.Subsystem:X} ({pe.SubsystemName})", pe.SubsystemName))
            .Fact("DLL characteristics:", "{0} ({1})", new("dllCharacteristics", Hex(pe.DllCharacteristics, "{0:X}")), new("dllCharacteristicNames", Names(PeNames.DllCharacteristics(pe.DllCharacteristics))))
            .Fact("CLR runtime header:", "clrHeader", Bool(pe.HasClrHeader, "yes (a .NET assembly)", "no"));

        var directories = new ReportTable(
            "dataDirectories",
            ReportColumn.Left("Directory", "name"),
            ReportColumn.Left("RVA", "rva"),
            ReportColumn.Right("Size", "size"));
        for (int i = 0; i < pe.DataDirectories.Count; i++)
        {
            var directory = pe.DataDirectories[i];
            if (directory.Rva != 0 || directory.Size != 0)
            {
                directories.Add(Str(i < DataDirectoryNames.Length ? DataDirectoryNames[i] : $"#{i}"), Hex(directory.Rva, "{0:X}"), Number(directory.Size, "{0:X}"));
            }
        }

        var sections = new ReportTable(
            "sections",
            ReportColumn.Left("Name", "name"),
            ReportColumn.Left("VirtAddr", "virtualAddress"),
            ReportColumn.Right("VirtSize", "virtualSize"),
            ReportColumn.Left("RawOffset", "rawDataOffset"),
            ReportColumn.Right("RawSize", "rawDataSize"),
            ReportColumn.Left("Characteristics", "characteristicsValue", "characteristics").Spelled("{0} {1}"));
        foreach (var section in pe.Sections)
        {
            sections.Add(
                Str(section.Name),
                Hex(section.VirtualAddress, "{0:X}"),
                Number(section.VirtualSize, "{0:X}"),
                Hex(section.PointerToRawData, "{0:X}"),
                Number(section.SizeOfRawData, "{0:X}"),
                Hex(section.Characteristics, "{0:X8}"),
                Names(PeNames.SectionCharacteristics(section.Characteristics)));
        }

        return new ReportSection(null, "pe")
            .Add(fileHeader)
            .Add(optionalHeader)
            .Add(new ReportSection("Data directories") { Table = directories })
            .Add(new ReportSection("Section headers") { Table = sections })
            .Add(ExportDirectory(pe.ExportDirectory))
            .Add(new ReportSection("Import descriptors") { Table = ImportDescriptors(pe) })
            .Add(new ReportSection("Bound imports") { Table = BoundImports(pe) });
    }

    private static ReportSection ExportDirectory(PeExportDirectory? directory)
    {
        if (directory is null)
        {
            return ReportSection.Missing("Export directory", "exportDirectory");
        }

        return new ReportSection("Export directory", "exportDirectory")
            .Fact("Characteristics:", "characteristics", Hex(directory.Characteristics, "{0:X8}"))
            .Fact("Time date stamp:", "timeDateStamp", Hex(directory.TimeDateStamp, "{0:X8}"))
            .Fact("Version:", "version", Str(string.Create(CultureInfo.InvariantCulture, $"{directory.MajorVersion}.{directory.MinorVersion:00}")))
            .Fact("Name:", "name", StrOrNull(directory.Name, "(none)"))
            .Fact("Ordinal base:", "ordinalBase", Number(directory.OrdinalBase))
            .Fact("Number of functions:", "numberOfFunctions", Number(directory.NumberOfFunctions))
            .Fact("Number of names:", "numberOfNames", Number(directory.NumberOfNames))
            .Fact("Address table:", "addressTable", Hex(directory.AddressTableRva, "{0:X}"))
            .Fact("Name table:", "nameTable", Hex(directory.NameTableRva, "{0:X}"))
            .Fact("Ordinal table:", "ordinalTable", Hex(directory.OrdinalTableRva, "{0:X}"));
    }

    /// <summary>The import descriptors, then the delay-load ones: the fields only delay-load descriptors have are left out of the others.</summary>
    private static ReportTable ImportDescriptors(PeDetails pe)
    {
        var table = new ReportTable(
            "importDescriptors",
            ReportColumn.Left("DLL", "dll"),
            ReportColumn.Left("Kind", "delayLoad"),
            ReportColumn.Left("NameTable", "importNameTable"),
            ReportColumn.Left("AddressTable", "importAddressTable"),
            ReportColumn.Left("TimeDateStamp", "timeDateStamp"),
            ReportColumn.Left("Forwarder", "forwarderChain"),
            ReportColumn.Left("Attributes", "attributes"),
            ReportColumn.Left("ModuleHandle", "moduleHandle"),
            ReportColumn.Left("BoundTable", "boundImportAddressTable"),
            ReportColumn.Left("UnloadTable", "unloadInformationTable"),
            ReportColumn.Right("First", "firstImport"),
            ReportColumn.Right("Count", "importCount"));
        foreach (var descriptor in pe.ImportDescriptors)
        {
            ReportValue DelayOnly(uint value) => descriptor.IsDelayLoad ? Hex(value, "{0:X}") : Omitted;
            table.Add(
                Str(descriptor.DllName),
                Bool(descriptor.IsDelayLoad, "delay-load", "import"),
                Hex(descriptor.ImportNameTableRva, "{0:X}"),
                Hex(descriptor.ImportAddressTableRva, "{0:X}"),
                Hex(descriptor.TimeDateStamp, "{0:X8}"),
                Hex(descriptor.ForwarderChain, "{0:X8}"),
                DelayOnly(descriptor.Attributes),
                DelayOnly(descriptor.ModuleHandleRva),
                DelayOnly(descriptor.BoundImportAddressTableRva),
                DelayOnly(descriptor.UnloadInformationTableRva),
                Number((ulong)descriptor.FirstImport),
                Number((ulong)descriptor.ImportCount));
        }

        return table;
    }

    /// <summary>The bound import directory: each DLL with its stamp, and under it the DLLs it forwards to.</summary>
    private static ReportTable BoundImports(PeDetails pe)
    {
        var table = new ReportTable(
            "boundImports",
            ReportColumn.Left("DLL", "dll"),
            ReportColumn.Left("Forwarder"),
            ReportColumn.Left("TimeDateStamp", "timeDateStamp"));
        foreach (var bound in pe.BoundImports)
        {
            var forwarders = new ReportTable(
                "forwarders",
                ReportColumn.Left("Forwarder", "dll"),
                ReportColumn.Left("TimeDateStamp", "timeDateStamp"));
            foreach (var forwarder in bound.Forwarders)
            {
                forwarders.Add(Str(forwarder.DllName), Hex(forwarder.TimeDateStamp, "{0:X8}"));
            }

            table.Add(Str(bound.DllName), Hex(bound.TimeDateStamp, "{0:X8}")).Children.Add(forwarders);
        }

        return table;
    }
}
