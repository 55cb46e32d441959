using System;
using System.Collections.Generic;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// What the exports listing of an ELF file learns in a first walk over
/// <see cref="BinaryFile.EnumerateExports()"/>, before a row can be written: the distinct label
/// combinations (binding, visibility, type, version), which make the widths of those columns; the largest
/// size, which makes the width of its column; the counts; and the version markers. The walk reads no
/// names (the enumerator finds a name only when asked), so it costs a fraction of the walk that writes.
/// </summary>
internal sealed class ExportLayout
{
    /// <summary>The recurring cells of a row; a library has a handful of combinations for thousands of rows.</summary>
    public readonly record struct Labels(SymbolBinding Binding, SymbolVisibility Visibility, SymbolKind Kind, SymbolVersion? Version);

    private readonly Dictionary<Labels, int> _indexOf = [];
    private Labels _last;
    private int _lastIndex = -1;

    public int Count { get; private set; }

    /// <summary>The distinct label combinations, in the order first seen (<see cref="IndexOf"/> numbers them).</summary>
    public List<Labels> Combinations { get; } = [];

    public ulong LargestSize { get; private set; }

    public int[] KindCounts { get; } = new int[Enum.GetValues<SymbolKind>().Length];

    /// <summary>GNU ld's version marker symbols, listed apart from the rows (they are not entry points).</summary>
    public List<string> VersionMarkers { get; } = [];

    public static ExportLayout Measure(BinaryFile file)
    {
        var layout = new ExportLayout();
        foreach (var export in file.EnumerateExports())
        {
            if (export.Kind == SymbolKind.Version)
            {
                layout.VersionMarkers.Add(export.Name.ToString());
                continue;
            }

            layout.IndexOf(export);
            layout.Count++;
            layout.KindCounts[(int)export.Kind]++;
            layout.LargestSize = Math.Max(layout.LargestSize, export.Size);
        }

        return layout;
    }

    /// <summary>The number of the export's label combination in <see cref="Combinations"/>, which is added if new.</summary>
    public int IndexOf(in ExportEntry export)
    {
        // Compared field by field (versions by reference: the reader makes one object per version), the
        // last one first, then the few others in turn: hashing a version's name per row cost a tenth of
        // the listing. A file with very many combinations (hundreds of versions) is looked up by hash.
        if (_lastIndex >= 0 && Matches(export, _last))
        {
            return _lastIndex;
        }

        var combinations = Combinations;
        int found = -1;
        if (combinations.Count <= LinearSearchLimit)
        {
            for (int i = 0; i < combinations.Count && found < 0; i++)
            {
                found = Matches(export, combinations[i]) ? i : -1;
            }
        }

        _last = new Labels(export.Binding, export.Visibility, export.Kind, export.Version);
        if (found < 0 && !_indexOf.TryGetValue(_last, out found))
        {
            found = combinations.Count;
            combinations.Add(_last);
            _indexOf.Add(_last, found);
        }

        _lastIndex = found;
        return found;
    }

    private const int LinearSearchLimit = 32;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Matches(in ExportEntry export, in Labels labels) =>
        export.Binding == labels.Binding && export.Visibility == labels.Visibility
        && export.Kind == labels.Kind && ReferenceEquals(export.Version, labels.Version);
}
