using System;
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
/// <remarks>
/// Streamed: a first walk over <see cref="BinaryFile.EnumerateExports"/> measures the columns and counts,
/// a second writes the rows, neither making a string per symbol. A library with 44,000 exports is
/// listed faster than objdump lists it.
/// </remarks>
internal static class ExportsText
{
    public static void Write(TextWriter output, string path, BinaryFile file)
    {
        var layout = Measure(file);
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);

        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (layout.Symbols == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            WriteRows(output, file, layout);
        }

        if (layout.VersionMarkers.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Version definitions");
            output.WriteLine();
            foreach (var marker in layout.VersionMarkers)
            {
                output.WriteLine($"    {marker}");
            }
        }

        output.WriteLine();
        output.WriteLine("  Summary");
        output.WriteLine();
        output.WriteLine($"    {layout.Symbols,8} exports{CountByKind(Enum.GetValues<SymbolKind>().Where(k => layout.KindCounts[(int)k] > 0).ToDictionary(k => k, k => layout.KindCounts[(int)k]))}");
        if (layout.VersionMarkers.Count > 0)
        {
            output.WriteLine($"    {layout.VersionMarkers.Count,8} version definitions");
        }
    }

    /// <summary>What the first walk learns: column widths, whether visibility says anything, counts.</summary>
    private sealed class Layout
    {
        public int Symbols;
        public bool ShowVisibility;
        public int SizeWidth = "Size".Length;
        public int BindingWidth = "Binding".Length;
        public int VisibilityWidth = "Visibility".Length;
        public int TypeWidth = "Type".Length;
        public int VersionWidth = "Version".Length;
        public readonly int[] KindCounts = new int[Enum.GetValues<SymbolKind>().Length];
        public readonly List<string> VersionMarkers = [];

        /// <summary>"@@V2" per version object: versions are shared, so each is spelt once.</summary>
        public readonly Dictionary<SymbolVersion, string> VersionTexts = new(ReferenceEqualityComparer.Instance);

        private SymbolVersion? _lastVersion;
        private string _lastText = "";

        public string VersionText(SymbolVersion? version)
        {
            if (version is null)
            {
                return "";
            }

            // Neighbouring symbols mostly share a version: compare with the last one before hashing.
            if (ReferenceEquals(version, _lastVersion))
            {
                return _lastText;
            }

            _lastVersion = version;
            if (!VersionTexts.TryGetValue(version, out var text))
            {
                text = version.ToString();
                VersionTexts[version] = text;
            }

            _lastText = text;
            return text;
        }
    }

    private static Layout Measure(BinaryFile file)
    {
        var layout = new Layout();
        foreach (var export in file.EnumerateExports())
        {
            if (export.Kind == SymbolKind.Version)
            {
                layout.VersionMarkers.Add(export.Name.ToString());
                continue;
            }

            layout.Symbols++;
            layout.KindCounts[(int)export.Kind]++;
            layout.ShowVisibility |= export.Visibility != SymbolVisibility.Default;
            layout.SizeWidth = Math.Max(layout.SizeWidth, Digits(export.Size));
            layout.BindingWidth = Math.Max(layout.BindingWidth, UpperNames.Binding(export.Binding).Length);
            layout.VisibilityWidth = Math.Max(layout.VisibilityWidth, UpperNames.Visibility(export.Visibility).Length);
            layout.TypeWidth = Math.Max(layout.TypeWidth, ModelNames.SymbolKind(export.Kind).Length);
            layout.VersionWidth = Math.Max(layout.VersionWidth, layout.VersionText(export.Version).Length);
        }

        return layout;
    }

    private static void WriteRows(TextWriter output, BinaryFile file, Layout layout)
    {
        bool is64Bit = file.Summary.Is64Bit;
        int addressWidth = is64Bit ? 16 : 8;
        var widths = new List<int> { addressWidth, layout.SizeWidth, layout.BindingWidth };
        var headings = new List<string> { "Address", "Size", "Binding" };
        if (layout.ShowVisibility)
        {
            widths.Add(layout.VisibilityWidth);
            headings.Add("Visibility");
        }

        widths.AddRange([layout.TypeWidth, layout.VersionWidth, 0]);
        headings.AddRange(["Type", "Version", "Name"]);
        var rightAligned = headings.Select(h => h == "Size").ToArray();
        var line = new AlignedLine(output, [.. widths], rightAligned);

        line.Start("    ");
        foreach (var heading in headings)
        {
            line.Cell(heading);
        }

        line.End();

        Span<char> address = stackalloc char[16];
        Span<char> size = stackalloc char[20];
        foreach (var export in file.EnumerateExports())
        {
            if (export.Kind == SymbolKind.Version)
            {
                continue;
            }

            line.Start("    ");
            export.Address.TryFormat(address, out int addressLength, is64Bit ? "x16" : "x8", CultureInfo.InvariantCulture);
            line.Cell(address[..addressLength]);
            export.Size.TryFormat(size, out int sizeLength, default, CultureInfo.InvariantCulture);
            line.Cell(size[..sizeLength]);
            line.Cell(UpperNames.Binding(export.Binding));
            if (layout.ShowVisibility)
            {
                line.Cell(UpperNames.Visibility(export.Visibility));
            }

            line.Cell(ModelNames.SymbolKind(export.Kind));
            line.Cell(layout.VersionText(export.Version));
            line.Cell(export.Name);
            line.End();
        }
    }

    private static int Digits(ulong value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>The upper-case labels of the binding and visibility columns, spelt once.</summary>
    private static class UpperNames
    {
        private static readonly string[] Bindings = Enum.GetValues<SymbolBinding>().Select(b => ModelNames.Binding(b).ToUpperInvariant()).ToArray();
        private static readonly string[] Visibilities = Enum.GetValues<SymbolVisibility>().Select(v => ModelNames.Visibility(v).ToUpperInvariant()).ToArray();

        public static string Binding(SymbolBinding binding) => Bindings[(int)binding];

        public static string Visibility(SymbolVisibility visibility) => Visibilities[(int)visibility];
    }

    /// <summary>": 3 functions, 2 data" — the kinds present, in a fixed order.</summary>
    internal static string Breakdown(IEnumerable<Export> symbols) => CountByKind(symbols.Select(s => s.Kind));

    internal static string CountByKind(IEnumerable<SymbolKind> kinds) =>
        CountByKind(kinds.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count()));

    private static string CountByKind(Dictionary<SymbolKind, int> counts)
    {
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
