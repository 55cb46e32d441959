using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>The head of every text report: which file, what type, and the facts of its headers.</summary>
internal static class SummaryText
{
    public static void Write(TextWriter output, string path, BinaryFile file, bool listDependencies = true)
    {
        var summary = file.Summary;
        output.WriteLine(summary.MachO?.Slice is MachOFatSlice slice ? $"Dump of file {path} (architecture {slice.Architecture})" : $"Dump of file {path}");
        output.WriteLine();
        output.WriteLine($"File Type: {ModelNames.FileType(summary)}");
        output.WriteLine();

        var facts = new TextTable("", "") { ShowHeadings = false };
        facts.Add("Format:", $"{ModelNames.FormatLabel(summary.Format)}{summary.Bits}, {ModelNames.Endianness(summary.Endianness)}-endian");
        facts.Add("Machine:", summary.Machine);
        if (summary.MachO is MachODetails machO)
        {
            facts.Add("Architecture:", machO.Slice is MachOFatSlice fatSlice
                ? $"{machO.Architecture} (slice {fatSlice.Index + 1} of {machO.FatSlices.Count} of a fat file{(machO.IsFat64 ? ", 64-bit fat header" : "")})"
                : machO.Architecture);
        }

        if (summary.OwnName is string ownName)
        {
            facts.Add(ModelNames.OwnNameLabel(summary.Format) + ":", ownName);
        }

        if (summary.MachO?.Id is MachODylib id)
        {
            facts.Add("Versions:", $"current {id.CurrentVersionText}, compatibility {id.CompatibilityVersionText}");
        }

        foreach (var searchPath in summary.SearchPaths)
        {
            facts.Add(ModelNames.SearchPathKind(searchPath.Kind).ToUpperInvariant() + ":", searchPath.Value);
        }

        if (summary.Pe is PeDetails pe)
        {
            facts.Add("Subsystem:", pe.SubsystemName);
            facts.Add("Characteristics:", string.Join(" ", PeNames.Characteristics(pe.Characteristics)));
            facts.Add("Sections:", string.Join(" ", pe.Sections.Select(s => s.Name)));
        }

        if (summary.MachO is MachODetails macho)
        {
            if (macho.Platform is string platform)
            {
                facts.Add("Platform:", $"{platform} {macho.MinimumOSVersion} (SDK {macho.SdkVersion})");
            }

            if (macho.Uuid is string uuid)
            {
                facts.Add("UUID:", uuid);
            }

            facts.Add("Flags:", string.Join(" ", MachONames.HeaderFlags(macho.Flags)));
        }

        var dependencies = !listDependencies ? []
            : summary.MachO is MachODetails withDylibs
            ? withDylibs.Dylibs.Select(MachODependency).ToList()
            : file.Dependencies.Select(d => d.Kind == DependencyKind.DelayLoad ? d.Name + " (delay-load)" : d.Name).ToList();
        for (int i = 0; i < dependencies.Count; i++)
        {
            facts.Add(i == 0 ? "Needed:" : "", dependencies[i]);
        }

        facts.Write(output, "  ");
        output.WriteLine();
    }

    /// <summary>"@rpath/libdep.dylib (compatibility version 2.0.0, current version 2.3.4, weak)", as otool -L prints a dylib.</summary>
    private static string MachODependency(MachODylib dylib)
    {
        string kind = dylib.CommandName switch
        {
            "LC_LOAD_WEAK_DYLIB" => ", weak",
            "LC_REEXPORT_DYLIB" => ", re-export",
            "LC_LAZY_LOAD_DYLIB" => ", lazy",
            "LC_LOAD_UPWARD_DYLIB" => ", upward",
            _ => "",
        };
        return $"{dylib.Name} (compatibility version {dylib.CompatibilityVersionText}, current version {dylib.CurrentVersionText}{kind})";
    }
}
