using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>A table of text cells written with aligned columns, as dumpbin and readelf print theirs.</summary>
internal sealed class TextTable
{
    private readonly string[] _headings;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>Lines outside the columns, each with the number of rows it follows.</summary>
    private readonly List<(int After, string Text)> _lines = [];

    /// <param name="headings">Column headings; a heading starting with '>' is right-aligned (numbers), the '>' is not printed.</param>
    public TextTable(params string[] headings)
    {
        _rightAligned = headings.Select(h => h.StartsWith('>')).ToArray();
        _headings = headings.Select(h => h.TrimStart('>')).ToArray();
    }

    public int Count => _rows.Count;

    /// <summary>False for a label/value block, which has no heading line.</summary>
    public bool ShowHeadings { get; init; } = true;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headings.Length)
        {
            throw new ArgumentException($"expected {_headings.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>A line under the last row added, outside the columns (its width does not widen them).</summary>
    public void AddLine(string text) => _lines.Add((_rows.Count, text));

    /// <summary>Writes the headings and the rows, each line starting with <paramref name="indent"/>; the last column is not padded.</summary>
    public void Write(TextWriter output, string indent)
    {
        var lines = ShowHeadings ? _rows.Prepend(_headings).ToList() : _rows;
        var widths = new int[_headings.Length];
        foreach (var row in lines)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        using var utf8 = new Utf8Lines(output);
        var line = new AlignedLine(utf8, widths, _rightAligned);
        int rows = ShowHeadings ? -1 : 0;
        int free = 0;
        foreach (var row in lines)
        {
            line.Start(indent);
            foreach (var cell in row)
            {
                line.Cell(cell);
            }

            line.End();
            rows++;
            for (; free < _lines.Count && _lines[free].After == rows; free++)
            {
                line.Start(indent + _lines[free].Text);
                line.End();
            }
        }
    }
}
