using System;
using System.Collections.Generic;
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
/// Two walks over <see cref="BinaryFile.EnumerateExports()"/>: one that reads no names measures the columns
/// (<see cref="ExportLayout"/>), one writes the rows as UTF-8 straight into the output buffer, with the
/// label cells laid out once per combination, making no string per symbol. With <c>--demangle</c> the
/// names are the work, and <see cref="NameCellRows"/> demangles them on two threads. (Tried and dropped,
/// measured: keeping the rows from one walk instead of walking twice — 4 MB of fresh memory cost more in
/// page faults than the walk; cutting the walk itself in two for two cores — the threads' page faults on
/// the one mapping and on fresh buffers cost what they saved.)
/// </remarks>
internal static class ExportsText
{
    private const string Indent = "    ";

    public static void Write(TextWriter output, string path, BinaryFile file, NameStyle names)
    {
        var layout = ExportLayout.Measure(file);
        string owner = file.Summary.OwnName ?? Path.GetFileName(path);

        output.WriteLine($"  Section contains the following exports for {owner}");
        output.WriteLine();
        if (layout.Count == 0)
        {
            output.WriteLine("    (none)");
        }
        else
        {
            WriteRows(output, file, layout, names);
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
        var kinds = Enum.GetValues<SymbolKind>().Where(k => layout.KindCounts[(int)k] > 0).ToDictionary(k => k, k => layout.KindCounts[(int)k]);
        output.WriteLine($"    {layout.Count,8} exports{CountByKind(kinds)}");
        if (layout.VersionMarkers.Count > 0)
        {
            output.WriteLine($"    {layout.VersionMarkers.Count,8} version definitions");
        }
    }

    private static void WriteRows(TextWriter output, BinaryFile file, ExportLayout layout, NameStyle names)
    {
        bool is64Bit = file.Summary.Is64Bit;
        var columns = Columns.Of(layout, is64Bit);
        using var lines = new Utf8Lines(output);
        var line = new AlignedLine(lines, columns.Widths, columns.RightAligned);
        line.Start(Indent);
        foreach (var heading in columns.Headings)
        {
            line.Cell(heading);
        }

        line.End();

        var labelCells = columns.LabelCells(line);
        using var rows = new NameCellRows(lines, names);

        // The address and the size are written in place, in AlignedLine's layout: the address fills its
        // column (a 32-bit file's value can only overflow it in a hostile file), the size is right-aligned
        // (its column is as wide as the largest size).
        int sizeWidth = columns.Widths[1];
        int most = Indent.Length + Math.Max(columns.Widths[0], 16) + 2 + sizeWidth + labelCells.Max(c => c.Length);
        foreach (var export in file.EnumerateExports())
        {
            if (export.Kind == SymbolKind.Version)
            {
                continue;
            }

            var cells = labelCells[layout.IndexOf(export)];
            var room = rows.GetSpan(most);
            room[..Indent.Length].Fill((byte)' ');
            int at = Indent.Length;
            at += Hex.Utf8Address(export.Address, is64Bit, room[at..]).Length;
            room.Slice(at, 2).Fill((byte)' ');
            at += 2;
            RightAlignedDecimal(export.Size, room.Slice(at, sizeWidth));
            at += sizeWidth;
            cells.CopyTo(room[at..]);
            at += cells.Length;
            rows.Advance(at);
            rows.Name(export.Utf8Name);
            rows.EndRow();
        }
    }

    /// <summary>
    /// The table's columns: the widest cell of each, measured over the label combinations rather than
    /// the rows; the visibility column only when some symbol is not default.
    /// </summary>
    private sealed record Columns(string[] Headings, int[] Widths, bool[] RightAligned, ExportLayout Layout, bool ShowVisibility, string[] VersionTexts)
    {
        public static Columns Of(ExportLayout layout, bool is64Bit)
        {
            var combinations = layout.Combinations;
            bool showVisibility = combinations.Any(c => c.Visibility != SymbolVisibility.Default);
            var versionTexts = combinations.Select(c => c.Version?.ToString() ?? "").ToArray();
            var widths = new List<int>
            {
                is64Bit ? 16 : 8,
                Math.Max("Size".Length, Digits(layout.LargestSize)),
                combinations.Max(c => Math.Max("Binding".Length, UpperNames.Binding(c.Binding).Length)),
            };
            var headings = new List<string> { "Address", "Size", "Binding" };
            if (showVisibility)
            {
                widths.Add(combinations.Max(c => Math.Max("Visibility".Length, UpperNames.Visibility(c.Visibility).Length)));
                headings.Add("Visibility");
            }

            widths.Add(combinations.Max(c => Math.Max("Type".Length, UpperNames.Kind(c.Kind).Length)));
            widths.Add(versionTexts.Max(v => Math.Max("Version".Length, v.Length)));
            widths.Add(0);
            headings.AddRange(["Type", "Version", "Name"]);
            return new Columns([.. headings], [.. widths], [.. headings.Select(h => h == "Size")], layout, showVisibility, versionTexts);
        }

        /// <summary>Each label combination's cells, from the binding to the name's separator, laid out once.</summary>
        public byte[][] LabelCells(AlignedLine line) => Layout.Combinations.Select((c, i) =>
        {
            var cells = new List<byte>();
            int column = 2;
            cells.AddRange(line.Prepare(column++, UpperNames.Binding(c.Binding)));
            if (ShowVisibility)
            {
                cells.AddRange(line.Prepare(column++, UpperNames.Visibility(c.Visibility)));
            }

            cells.AddRange(line.Prepare(column++, UpperNames.Kind(c.Kind)));
            cells.AddRange(line.Prepare(column++, Encoding.UTF8.GetBytes(VersionTexts[i])));
            cells.AddRange(line.Prepare(column, []));
            return cells.ToArray();
        }).ToArray();
    }

    /// <summary>
    /// <paramref name="value"/> in decimal at the right of <paramref name="cell"/>, blanks to its left
    /// (the cell is at least as wide as its digits): written from the right, without a formatting call,
    /// for the one number every row has.
    /// </summary>
    private static void RightAlignedDecimal(ulong value, Span<byte> cell)
    {
        int at = cell.Length;
        do
        {
            ulong quotient = value / 10;
            cell[--at] = (byte)('0' + (int)(value - (quotient * 10)));
            value = quotient;
        }
        while (value != 0);

        cell[..at].Fill((byte)' ');
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
