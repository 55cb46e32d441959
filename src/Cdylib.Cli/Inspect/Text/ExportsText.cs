using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports part of the text report: one row per exported symbol, then the version definitions
/// (GNU ld's version marker symbols, listed apart because they are not entry points), then counts.
/// </summary>
internal static class ExportsText
{
    public static void Write(TextWriter output, string path, BinaryFile file)
    {
        var symbols = file.Exports.Where(e => e.Kind != SymbolKind.Version).ToList();
        var versionMarkers = file.Exports.Where(e => e.Kind == SymbolKind.Version).ToList();
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);

        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (symbols.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            Table(symbols, file.Summary.Is64Bit).Write(output, "    ");
        }

        if (versionMarkers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Version definitions");
            output.WriteLine();
            foreach (var marker in versionMarkers)
            {
                output.WriteLine($"    {marker.Name}");
            }
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {symbols.Count,8} exports{Breakdown(symbols)}");
        if (versionMarkers.Count > 0)
        {
            output.WriteLine($"    {versionMarkers.Count,8} version definitions");
        }
    }

    private static TextTable Table(List<Export> symbols, bool is64Bit)
    {
        // Visibility is almost always "default" in a dynamic symbol table; show the column only when it says something.
        bool showVisibility = symbols.Any(e => e.Visibility != SymbolVisibility.Default);
        var table = showVisibility
            ? new TextTable("Address", ">Size", "Binding", "Visibility", "Type", "Version", "Name")
            : new TextTable("Address", ">Size", "Binding", "Type", "Version", "Name");
        foreach (var export in symbols)
        {
            var cells = new List<string>
            {
                Hex.Address(export.Address, is64Bit),
                export.Size.ToString(CultureInfo.InvariantCulture),
                ModelNames.Binding(export.Binding).ToUpperInvariant(),
            };
            if (showVisibility)
            {
                cells.Add(ModelNames.Visibility(export.Visibility).ToUpperInvariant());
            }

            cells.Add(ModelNames.SymbolKind(export.Kind));
            cells.Add(export.Version?.ToString() ?? "");
            cells.Add(export.Name);
            table.Add([.. cells]);
        }

        return table;
    }

    /// <summary>": 3 functions, 2 data" — the kinds present, in a fixed order.</summary>
    internal static string Breakdown(IEnumerable<Export> symbols) => CountByKind(symbols.Select(s => s.Kind));

    internal static string CountByKind(IEnumerable<SymbolKind> kinds)
    {
        var counts = kinds.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var parts = new List<string>();
        foreach (var (kind, singular, plural) in KindWords)
        {
            if (counts.TryGetValue(kind, out int count))
            {
                parts.Add($"{count} {(count == 1 ? singular : plural)}");
            }
        }

        return parts.Count == 0 ? "" : ": " + string.Join(", ", parts);
    }

    private static readonly (SymbolKind Kind, string Singular, string Plural)[] KindWords =
    [
        (SymbolKind.Function, "function", "functions"),
        (SymbolKind.IndirectFunction, "ifunc", "ifuncs"),
        (SymbolKind.Data, "data", "data"),
        (SymbolKind.ThreadLocal, "tls", "tls"),
        (SymbolKind.Other, "other", "other"),
    ];
}
