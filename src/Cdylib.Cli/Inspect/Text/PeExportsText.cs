using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.Pe;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports of a PE image laid out as <c>dumpbin /exports</c> does: the export directory header
/// (characteristics, time date stamp, version, ordinal base, counts), then "ordinal hint RVA name"
/// rows, named exports in hint order and ordinal-only ones after them as [NONAME], forwarders as
/// "name (forwarded to DLL.name)".
/// </summary>
internal static class PeExportsText
{
    public static void Write(TextWriter output, string path, BinaryFile file, PeDetails pe)
    {
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);
        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (pe.ExportDirectory is PeExportDirectory directory)
        {
            output.WriteLine($"    {directory.Characteristics:X8} characteristics");
            output.WriteLine($"    {directory.TimeDateStamp:X8} time date stamp");
            output.WriteLine($"{directory.MajorVersion + "." + directory.MinorVersion.ToString("00", CultureInfo.InvariantCulture),12} version");
            output.WriteLine($"{directory.OrdinalBase,12} ordinal base");
            output.WriteLine($"{directory.NumberOfFunctions,12} number of functions");
            output.WriteLine($"{directory.NumberOfNames,12} number of names");
            output.WriteLine();
        }

        if (file.Exports.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            output.WriteLine("    ordinal hint RVA      name");
            output.WriteLine();
            foreach (var export in Ordered(file.Exports))
            {
                output.WriteLine(Row(export));
            }
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {file.Exports.Count,8} exports{Breakdown(file.Exports)}");
    }

    /// <summary>dumpbin's order: the named exports by hint (the sorted name table), then the ordinal-only ones by ordinal.</summary>
    internal static IEnumerable<Export> Ordered(IEnumerable<Export> exports) =>
        exports.Where(e => e.Hint is not null).OrderBy(e => e.Hint)
            .Concat(exports.Where(e => e.Hint is null).OrderBy(e => e.Ordinal));

    /// <summary>"          1    0 00001000 HelloWorld", as dumpbin prints a row.</summary>
    internal static string Row(Export export)
    {
        string hint = export.Hint is uint h ? h.ToString("X", CultureInfo.InvariantCulture) : "";
        string rva = export.ForwardedTo is null ? export.Address.ToString("X8", CultureInfo.InvariantCulture) : "";
        string name = export.Hint is null ? "[NONAME]" : export.Name;
        if (export.ForwardedTo is string target)
        {
            name += $" (forwarded to {target})";
        }

        return $"{export.Ordinal,11} {hint,4} {rva,-8} {name}".TrimEnd();
    }

    private static string Breakdown(IReadOnlyList<Export> exports)
    {
        var parts = new List<string>();
        void Count(int count, string singular, string plural)
        {
            if (count > 0)
            {
                parts.Add($"{count} {(count == 1 ? singular : plural)}");
            }
        }

        Count(exports.Count(e => e.ForwardedTo is null && e.Kind == SymbolKind.Function), "function", "functions");
        Count(exports.Count(e => e.ForwardedTo is null && e.Kind == SymbolKind.Data), "data", "data");
        Count(exports.Count(e => e.ForwardedTo is null && e.Kind is not (SymbolKind.Function or SymbolKind.Data)), "other", "other");
        Count(exports.Count(e => e.ForwardedTo is not null), "forwarder", "forwarders");
        Count(exports.Count(e => e.Hint is null), "by ordinal only", "by ordinal only");
        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
    }
}
