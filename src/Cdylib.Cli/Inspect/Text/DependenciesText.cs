using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The deps report after the summary: one row per library the file needs, in file order, with how it
/// needs it (and, for Mach-O, the versions it was linked against, as otool -L prints them), then counts.
/// </summary>
internal static class DependenciesText
{
    public static void Write(TextWriter output, BinaryFile file)
    {
        output.WriteLine(file.Summary.Format == BinaryFormat.Archive
            ? "  The import records name the following DLLs:"
            : "  Image has the following dependencies:");
        output.WriteLine();
        if (file.Dependencies.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            Table(file).Write(output, "    ");
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        var counts = file.Dependencies.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {ModelNames.DependencyKind(g.Key)}").ToList();
        string noun = file.Dependencies.Count == 1 ? "dependency" : "dependencies";
        output.WriteLine($"    {file.Dependencies.Count,8} {noun}{(counts.Count == 0 ? "" : ": " + string.Join(", ", counts))}");
    }

    private static TextTable Table(BinaryFile file)
    {
        if (file.Summary.MachO is MachODetails macho)
        {
            // The loading commands are the dependencies, in the same order, with their versions.
            var table = new TextTable("Kind", "Compatibility", "Current", "Name");
            foreach (var (dependency, dylib) in file.Dependencies.Zip(LoadingDylibs(macho)))
            {
                table.Add(ModelNames.DependencyKind(dependency.Kind), dylib.CompatibilityVersionText, dylib.CurrentVersionText, dependency.Name);
            }

            return table;
        }

        var plain = new TextTable("Kind", "Name");
        foreach (var dependency in file.Dependencies)
        {
            plain.Add(ModelNames.DependencyKind(dependency.Kind), dependency.Name);
        }

        return plain;
    }

    /// <summary>The dylib commands the reader made dependencies of (those with a name).</summary>
    private static IEnumerable<MachODylib> LoadingDylibs(MachODetails macho) => macho.Dylibs.Where(d => d.Name.Length > 0);
}
