using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports of a Mach-O image: one row per export-trie terminal (or external symbol-table
/// definition) with its address, binding and kind, and the notes llvm-objdump --exports-trie shows as
/// flags: absolute values, resolvers, re-exports with the library they come from.
/// </summary>
internal static class MachOExportsText
{
    public static void Write(TextWriter output, string path, BinaryFile file, MachODetails macho, NameStyle names)
    {
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);
        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (file.Exports.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            var table = new TextTable("Address", "Binding", "Type", "Name");
            foreach (var export in file.Exports)
            {
                table.Add(
                    export.ForwardedTo is null ? Hex.Address(export.Address, file.Summary.Is64Bit) : "",
                    ModelNames.Binding(export.Binding).ToUpperInvariant(),
                    ModelNames.SymbolKind(export.Kind),
                    names.Cell(export.Name) + Note(export));
            }

            table.Write(output, "    ");
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        var defined = file.Exports.Where(e => e.ForwardedTo is null).ToList();
        int reexports = file.Exports.Count - defined.Count;
        string breakdown = ExportsText.Breakdown(defined);
        if (reexports > 0)
        {
            breakdown += (breakdown.Length == 0 ? ": " : ", ") + $"{reexports} {(reexports == 1 ? "re-export" : "re-exports")}";
        }

        output.WriteLine($"    {file.Exports.Count,8} exports{breakdown}");
        output.WriteLine($"    read from the {Source(macho.ExportsFrom)}");
    }

    /// <summary>" (absolute)", " (resolver 0x…)", " (re-exported from LIB as NAME)"; empty for an ordinary export.</summary>
    internal static string Note(Export export)
    {
        if (export.ForwardedTo is string target)
        {
            int colon = target.LastIndexOf(':');
            string library = target[..colon];
            string name = target[(colon + 1)..];
            return name == export.Name ? $" (re-exported from {library})" : $" (re-exported from {library} as {name})";
        }

        if (export.IsAbsolute)
        {
            return " (absolute)";
        }

        return export.ResolverAddress is ulong resolver
            ? string.Create(CultureInfo.InvariantCulture, $" (resolver 0x{resolver:x})")
            : "";
    }

    internal static string Source(MachOTable table) => table switch
    {
        MachOTable.DyldInfo => "export trie of LC_DYLD_INFO",
        MachOTable.ExportsTrie => "export trie of LC_DYLD_EXPORTS_TRIE",
        MachOTable.ChainedFixups => "imports table of LC_DYLD_CHAINED_FIXUPS",
        MachOTable.SymbolTable => "symbol table (LC_SYMTAB)",
        _ => "nothing: the file has no export trie, fixups or symbol table",
    };
}
