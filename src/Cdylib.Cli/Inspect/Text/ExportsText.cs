using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// The exports part of the text report: one row per exported symbol, then the version definitions
/// (GNU ld's version marker symbols, listed apart because they are not entry points), then counts.
/// </summary>
/// <remarks>
/// Streamed: a first walk over <see cref="BinaryFile.EnumerateExports"/> measures the columns and counts,
/// a second writes the rows as UTF-8, neither making a string per symbol. A library with 44,000 exports
/// is listed in less time than objdump -T takes. (Cutting the walks in two for two cores was tried and
/// gained nothing: the threads' page faults on the one mapping and on fresh buffers cost what they saved.)
/// </remarks>
internal static class ExportsText
{
    private const string Indent = "    ";

    public static void Write(TextWriter output, string path, BinaryFile file)
    {
        var layout = Layout.Measure(file);
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

        public static Layout Measure(BinaryFile file)
        {
            var layout = new Layout();
            var versions = new VersionCells();
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
                layout.TypeWidth = Math.Max(layout.TypeWidth, UpperNames.Kind(export.Kind).Length);
                layout.VersionWidth = Math.Max(layout.VersionWidth, versions.Get(export.Version).Width);
            }

            return layout;
        }
    }

    /// <summary>
    /// "@@V2" per version object (UTF-8, its width, and the cell laid out for the rows): versions are
    /// shared, so each is spelt once.
    /// </summary>
    private sealed class VersionCells(Func<byte[], byte[]>? layOut = null)
    {
        private readonly Dictionary<SymbolVersion, (byte[] Cell, int Width)> _cells = new(ReferenceEqualityComparer.Instance);
        private readonly (byte[] Cell, int Width) _none = (layOut?.Invoke([]) ?? [], 0);
        private SymbolVersion? _last;
        private (byte[] Cell, int Width) _lastCell;

        public (byte[] Cell, int Width) Get(SymbolVersion? version)
        {
            if (version is null)
            {
                return _none;
            }

            // Neighbouring symbols mostly share a version: compare with the last one before hashing.
            if (!ReferenceEquals(version, _last))
            {
                if (!_cells.TryGetValue(version, out _lastCell))
                {
                    string text = version.ToString();
                    byte[] utf8 = Encoding.UTF8.GetBytes(text);
                    _lastCell = (layOut?.Invoke(utf8) ?? utf8, text.Length);
                    _cells[version] = _lastCell;
                }

                _last = version;
            }

            return _lastCell;
        }
    }

    private static void WriteRows(TextWriter output, BinaryFile file, Layout layout)
    {
        var widths = new List<int> { file.Summary.Is64Bit ? 16 : 8, layout.SizeWidth, layout.BindingWidth };
        var headings = new List<string> { "Address", "Size", "Binding" };
        if (layout.ShowVisibility)
        {
            widths.Add(layout.VisibilityWidth);
            headings.Add("Visibility");
        }

        widths.AddRange([layout.TypeWidth, layout.VersionWidth, 0]);
        headings.AddRange(["Type", "Version", "Name"]);
        var rightAligned = headings.Select(h => h == "Size").ToArray();

        using var lines = new Utf8Lines(output);
        var headingLine = new AlignedLine(lines, [.. widths], rightAligned);
        headingLine.Start(Indent);
        foreach (var heading in headings)
        {
            headingLine.Cell(heading);
        }

        headingLine.End();

        // The columns whose values recur (binding, visibility, type, version) are laid out once per value.
        var line = headingLine;
        bool showVisibility = layout.ShowVisibility;
        int typeColumn = showVisibility ? 4 : 3;
        var bindings = Enum.GetValues<SymbolBinding>().Select(b => line.Prepare(2, UpperNames.Binding(b))).ToArray();
        var visibilities = Enum.GetValues<SymbolVisibility>().Select(v => line.Prepare(3, UpperNames.Visibility(v))).ToArray();
        var kinds = Enum.GetValues<SymbolKind>().Select(k => line.Prepare(typeColumn, UpperNames.Kind(k))).ToArray();
        var versions = new VersionCells(utf8 => line.Prepare(typeColumn + 1, utf8));

        bool is64Bit = file.Summary.Is64Bit;
        Span<byte> address = stackalloc byte[16];
        Span<byte> size = stackalloc byte[20];
        foreach (var export in file.EnumerateExports())
        {
            if (export.Kind == SymbolKind.Version)
            {
                continue;
            }

            line.Start(Indent);
            line.AsciiCell(Hex.Utf8Address(export.Address, is64Bit, address));
            export.Size.TryFormat(size, out int sizeLength, default, CultureInfo.InvariantCulture);
            line.AsciiCell(size[..sizeLength]);
            line.Prepared(bindings[(int)export.Binding]);
            if (showVisibility)
            {
                line.Prepared(visibilities[(int)export.Visibility]);
            }

            line.Prepared(kinds[(int)export.Kind]);
            line.Prepared(versions.Get(export.Version).Cell);
            line.Cell(export.Utf8Name);
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

    /// <summary>The labels of the binding, visibility and type columns, spelt (and encoded) once.</summary>
    private static class UpperNames
    {
        private static readonly byte[][] Bindings = Enum.GetValues<SymbolBinding>().Select(b => Encoding.UTF8.GetBytes(ModelNames.Binding(b).ToUpperInvariant())).ToArray();
        private static readonly byte[][] Visibilities = Enum.GetValues<SymbolVisibility>().Select(v => Encoding.UTF8.GetBytes(ModelNames.Visibility(v).ToUpperInvariant())).ToArray();
        private static readonly byte[][] Kinds = Enum.GetValues<SymbolKind>().Select(k => Encoding.UTF8.GetBytes(ModelNames.SymbolKind(k))).ToArray();

        public static byte[] Binding(SymbolBinding binding) => Bindings[(int)binding];

        public static byte[] Visibility(SymbolVisibility visibility) => Visibilities[(int)visibility];

        public static byte[] Kind(SymbolKind kind) => Kinds[(int)kind];
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
