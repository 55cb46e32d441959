using System.IO;
using System.Linq;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>The head of every text report: which file, what type, and the facts of its headers.</summary>
internal static class SummaryText
{
    public static void Write(TextWriter output, string path, BinaryFile file)
    {
        var summary = file.Summary;
        output.WriteLine($"Dump of file {path}");
        output.WriteLine();
        output.WriteLine($"File Type: {ModelNames.FileType(summary)}");
        output.WriteLine();

        var facts = new TextTable("", "") { ShowHeadings = false };
        facts.Add("Format:", $"{ModelNames.FormatLabel(summary.Format)}{summary.Bits}, {ModelNames.Endianness(summary.Endianness)}-endian");
        facts.Add("Machine:", summary.Machine);
        if (summary.OwnName is string ownName)
        {
            facts.Add(ModelNames.OwnNameLabel(summary.Format) + ":", ownName);
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

        var dependencies = file.Dependencies.Select(d => d.Kind == DependencyKind.DelayLoad ? d.Name + " (delay-load)" : d.Name).ToList();
        for (int i = 0; i < dependencies.Count; i++)
        {
            facts.Add(i == 0 ? "Needed:" : "", dependencies[i]);
        }

        facts.Write(output, "  ");
        output.WriteLine();
    }
}
