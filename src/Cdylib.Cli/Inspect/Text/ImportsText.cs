using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The imports part of the text report, grouped like dumpbin's: one block per library the file binds
/// symbols to (for ELF, the verneed file of each symbol's version), then the unversioned imports, which
/// the loader takes from whichever loaded library defines them first.
/// </summary>
internal static class ImportsText
{
    public const string UnboundHeading = "(no version: any loaded library)";

    public static void Write(TextWriter output, BinaryFile file, NameStyle names)
    {
        output.WriteLine("  Section contains the following imports:");
        output.WriteLine();

        var groups = file.Imports.GroupBy(i => i.Library).OrderBy(g => g.Key is null).ToList();
        if (groups.Count == 0)
        {
            output.WriteLine("    (none)");
            output.WriteLine();
        }

        foreach (var group in groups)
        {
            output.WriteLine($"    {group.Key ?? UnboundHeading}");
            bool versioned = group.Any(i => i.Version is not null);
            var table = versioned
                ? new TextTable("Binding", "Type", "Version", "Name")
                : new TextTable("Binding", "Type", "Name");
            foreach (var import in group)
            {
                var cells = new List<string> { ModelNames.Binding(import.Binding).ToUpperInvariant(), ModelNames.SymbolKind(import.Kind) };
                if (versioned)
                {
                    cells.Add(import.Version?.Name ?? "");
                }

                cells.Add(names.Cell(import.Name));
                table.Add([.. cells]);
            }

            table.Write(output, "      ");
            output.WriteLine();
        }

        int libraries = groups.Count(g => g.Key is not null);
        int unbound = file.Imports.Count(i => i.Library is null);
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {file.Imports.Count,8} imports{ExportsText.CountByKind(file.Imports.Select(i => i.Kind))}");
        output.WriteLine($"    {file.Imports.Count - unbound,8} bound to {libraries} {(libraries == 1 ? "library" : "libraries")}, {unbound} unversioned");
    }
}
