using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The imports of a Mach-O image grouped like dumpbin's: one block per dylib in library-ordinal order
/// (with its load command and versions), then the imports whose ordinal is special (this image, the
/// main executable, flat-namespace and weak-definition lookups).
/// </summary>
internal static class MachOImportsText
{
    public static void Write(TextWriter output, BinaryFile file, MachODetails macho, NameStyle names)
    {
        output.WriteLine("  Section contains the following imports:");
        output.WriteLine();
        if (file.Imports.Count == 0)
        {
            output.WriteLine("    (none)");
            output.WriteLine();
        }

        var groups = file.Imports.GroupBy(i => i.LibraryOrdinal)
            .OrderBy(g => g.Key is > 0 ? 0 : 1)
            .ThenBy(g => g.Key is int ordinal ? (ordinal > 0 ? ordinal : -ordinal) : int.MaxValue)
            .ToList();
        foreach (var group in groups)
        {
            output.WriteLine($"    {Heading(group.Key, group.First(), macho)}");
            var table = new TextTable("Binding", "Type", "Name");
            foreach (var import in group)
            {
                table.Add(ModelNames.Binding(import.Binding).ToUpperInvariant(), ModelNames.SymbolKind(import.Kind), names.Cell(import.Name));
            }

            table.Write(output, "      ");
            output.WriteLine();
        }

        int libraries = groups.Count(g => g.Key > 0);
        int weak = file.Imports.Count(i => i.IsWeak);
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {file.Imports.Count,8} imports from {libraries} {(libraries == 1 ? "library" : "libraries")}, {weak} weak");
        output.WriteLine($"    read from the {(macho.ImportsFrom == MachOTable.DyldInfo ? "bind opcodes of LC_DYLD_INFO" : MachOExportsText.Source(macho.ImportsFrom))}");
    }

    private static string Heading(int? ordinal, Import first, MachODetails macho)
    {
        if (ordinal is int n && n > 0 && n <= macho.Dylibs.Count)
        {
            var dylib = macho.Dylibs[n - 1];
            return $"{dylib.Name} (ordinal {n}, {dylib.CommandName}, compatibility version {dylib.CompatibilityVersionText}, current version {dylib.CurrentVersionText})";
        }

        return ordinal == 0 && first.Library is string self ? $"{self} (this image)" : $"({MachONames.SpecialOrdinal(ordinal)})";
    }
}
