using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Report.ReportValue;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect.Report;

/// <summary>
/// The Mach-O part of the headers report, as otool -h -l shows it: the header, the build facts, the fat
/// header's slices, segments with their sections, and the dylib commands ("macho" in JSON).
/// </summary>
internal static class MachOReport
{
    public static ReportSection Describe(MachODetails macho)
    {
        var header = new ReportSection("Mach header")
            .Fact(
                "CPU:",
                "{0} (type {1}, subtype {2})",
                new("arch", Str(macho.Architecture)),
                new("cpuType", SpelledHex(macho.CpuType.ToString(System.Globalization.CultureInfo.InvariantCulture), (uint)macho.CpuType)),
                new("cpuSubtype", SpelledHex(Subtype((uint)macho.CpuSubtype), (uint)macho.CpuSubtype)))
            .Fact("File type:", "fileType", Str(macho.FileTypeName))
            .Fact("Load commands:", "{0} ({1} bytes)", new("loadCommandCount", Number(macho.LoadCommandCount)), new("loadCommandsSize", Number(macho.LoadCommandsSize)))
            .Fact("Flags:", "{0} ({1})", new("flags", Hex(macho.Flags, "0x{0:x}")), new("flagNames", Names(MachONames.HeaderFlags(macho.Flags))))
            .Fact("UUID:", "uuid", StrOrNull(macho.Uuid, "(none)"))
            .Fact("Platform:", "platform", StrOrNull(macho.Platform, "(none)"))
            .Fact("Minimum OS:", "minimumOSVersion", StrOrNull(macho.MinimumOSVersion, "(none)"))
            .Fact("SDK:", "sdkVersion", StrOrNull(macho.SdkVersion, "(none)"))
            .Fact("Image base:", "imageBase", Hex(macho.ImageBase, "0x{0:x}"))
            .Fact("Entry offset:", "entryOffset", HexOrNull(macho.EntryOffset, "0x{0:x}", "(none)"))
            .Fact("Exports from:", "exportsFrom", Str(ModelNames.MachOTable(macho.ExportsFrom)))
            .Fact("Imports from:", "importsFrom", Str(ModelNames.MachOTable(macho.ImportsFrom)));

        return new ReportSection(null, "macho")
            .Add(header)
            .Add(FatSlices(macho))
            .Add(new ReportSection("Segments and sections") { Table = Segments(macho) })
            .Add(new ReportSection("Dylib commands") { Table = Dylibs(macho) });
    }

    /// <summary>The subtype without its capability bits (the top byte, e.g. CPU_SUBTYPE_LIB64), which follow when set.</summary>
    private static string Subtype(uint subtype) =>
        (subtype >> 24) == 0 ? $"{subtype & 0xffffff}" : $"{subtype & 0xffffff}, capabilities 0x{subtype >> 24:x2}";

    /// <summary>The fat header of the file this slice came from ("fat" in JSON; a thin file has none).</summary>
    private static ReportSection FatSlices(MachODetails macho)
    {
        if (macho.Slice is not MachOFatSlice slice)
        {
            return ReportSection.Missing("Fat slices", "fat");
        }

        // Slices are counted from 1 in text, as in the summary's "slice 2 of 2", and from 0 in JSON.
        var slices = new ReportTable(
            "slices",
            ReportColumn.Right("#", "index"),
            ReportColumn.Left("Architecture", "arch"),
            ReportColumn.Left("Offset", "offset"),
            ReportColumn.Right("Size", "size"),
            ReportColumn.Right("Align", "align"));
        foreach (var each in macho.FatSlices)
        {
            slices.Add(Index(each.Index), Str(each.Architecture), Hex(each.Offset, "0x{0:x}"), Number(each.Size), Number(each.Align, "2^{0}"));
        }

        return new ReportSection("Fat slices", "fat") { Table = slices }
            .Fact("Fat header:", "fat64", Bool(macho.IsFat64, "64-bit (FAT_MAGIC_64)", "32-bit"))
            .Fact("This slice:", "slice", Index(slice.Index));
    }

    private static ReportTable Segments(MachODetails macho)
    {
        var segments = new ReportTable(
            "segments",
            ReportColumn.Left("Segment", "name"),
            ReportColumn.Left("Section"),
            ReportColumn.Left("Address", "vmAddress"),
            ReportColumn.Right("Size", "vmSize"),
            ReportColumn.Left("Offset", "fileOffset"),
            ReportColumn.Right("FileSize", "fileSize"),
            ReportColumn.Left("Prot", "initialProtection", "maxProtection").Spelled("{0}/{1}"),
            ReportColumn.Left("Flags"));
        foreach (var segment in macho.Segments)
        {
            var sections = new ReportTable(
                "sections",
                ReportColumn.Left("Section", "name"),
                ReportColumn.Left("Address", "address"),
                ReportColumn.Right("Size", "size"),
                ReportColumn.Left("Offset", "offset"),
                ReportColumn.Left("Flags", "flags"));
            foreach (var section in segment.Sections)
            {
                sections.Add(Str(section.Name), Hex(section.Address, "0x{0:x}"), Number(section.Size), Hex(section.Offset, "0x{0:x}"), Hex(section.Flags, "0x{0:x}"));
            }

            segments.Add(
                Str(segment.Name),
                Hex(segment.VmAddress, "0x{0:x}"),
                Number(segment.VmSize),
                Hex(segment.FileOffset, "0x{0:x}"),
                Number(segment.FileSize),
                Str(Protection(segment.InitialProtection)),
                Str(Protection(segment.MaxProtection))).Children.Add(sections);
        }

        return segments;
    }

    /// <summary>LC_ID_DYLIB ("id" in JSON, an object of its own) and then the dylib-loading commands ("dylibs"), each with its library ordinal.</summary>
    private static ReportTable Dylibs(MachODetails macho)
    {
        var dylibs = new ReportTable(
            "dylibs",
            ReportColumn.Right("Ordinal", "ordinal"),
            ReportColumn.Left("Command", "command"),
            ReportColumn.Left("Compatibility", "compatibilityVersion"),
            ReportColumn.Left("Current", "currentVersion"),
            ReportColumn.Right("Timestamp", "timestamp"),
            ReportColumn.Left("Name", "name"));
        ReportValue[] Values(MachODylib dylib, ReportValue ordinal) =>
            [ordinal, Str(dylib.CommandName), Str(dylib.CompatibilityVersionText), Str(dylib.CurrentVersionText), Number(dylib.Timestamp), Str(dylib.Name)];

        dylibs.AddNamed("id", macho.Id is MachODylib id ? Values(id, Omitted) : null);
        foreach (var dylib in macho.Dylibs)
        {
            dylibs.Add(Values(dylib, Number((ulong)dylib.Ordinal)));
        }

        return dylibs;
    }

    private static ReportValue Index(int index) => SpelledNumber($"{index + 1}", index);

    /// <summary>VM_PROT bits as "rwx" letters, as otool prints them (the same letters in JSON).</summary>
    private static string Protection(uint protection) =>
        string.Concat((protection & 1) != 0 ? "r" : "-", (protection & 2) != 0 ? "w" : "-", (protection & 4) != 0 ? "x" : "-");
}
