using System;
using System.Text;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// Lays out one line of aligned columns at a time into <see cref="Utf8Lines"/>, allocating nothing per
/// line: each cell padded to its column's width (left-aligned, or right-aligned for numbers), cells
/// separated by two spaces, the last column not padded and trailing blanks trimmed. The one layout rule
/// of every table in the text report (<see cref="TextTable"/> and the streamed exports list alike).
/// </summary>
/// <remarks>
/// Cells must be valid UTF-8 (<see cref="ExportEntry.Utf8Name"/> is; strings are encoded here). Widths
/// count UTF-16 code units, as <see cref="string.Length"/> does.
/// </remarks>
internal sealed class AlignedLine(Utf8Lines output, int[] widths, bool[] rightAligned)
{
    private byte[] _scratch = new byte[256];
    private int _column;

    public void Start(string indent)
    {
        _column = 0;
        output.Append(Encode(indent));
    }

    public void Cell(string text) => Cell(Encode(text));

    /// <summary>A cell that is all ASCII, so its width is its length (numbers, labels): nothing to measure.</summary>
    public void AsciiCell(ReadOnlySpan<byte> ascii) => Cell(ascii, ascii.Length);

    public void Cell(ReadOnlySpan<byte> utf8) => Cell(utf8, -1);

    /// <param name="utf8">The cell.</param>
    /// <param name="width">Its width in UTF-16 code units, or -1 to measure it when it needs padding.</param>
    private void Cell(ReadOnlySpan<byte> utf8, int width)
    {
        if (_column > 0)
        {
            output.Pad(2);
        }

        int column = _column++;
        if (column == widths.Length - 1 && !rightAligned[column])
        {
            output.Append(utf8);
            return;
        }

        if (width < 0)
        {
            width = Ascii.IsValid(utf8) ? utf8.Length : Encoding.UTF8.GetCharCount(utf8);
        }

        int padding = widths[column] - width;
        if (rightAligned[column])
        {
            output.Pad(Math.Max(0, padding));
            output.Append(utf8);
        }
        else
        {
            output.Append(utf8);
            output.Pad(Math.Max(0, padding));
        }
    }

    public void End() => output.EndLine();

    /// <summary>
    /// The bytes <see cref="Cell(ReadOnlySpan{byte})"/> would add for <paramref name="utf8"/> in column
    /// <paramref name="column"/> (separator, padding and text), laid out once for a value that recurs on
    /// many lines (a binding, a type, a version): <see cref="Prepared"/> then adds them in one copy.
    /// </summary>
    public byte[] Prepare(int column, ReadOnlySpan<byte> utf8)
    {
        using var scratch = new Utf8Lines(System.IO.TextWriter.Null, capacity: 2 + Math.Max(widths[column], utf8.Length) * 3);
        var line = new AlignedLine(scratch, widths, rightAligned) { _column = column };
        line.Cell(utf8);
        return scratch.PendingLine.ToArray();
    }

    /// <summary>Adds a cell laid out by <see cref="Prepare"/> for the column that comes next.</summary>
    public void Prepared(byte[] cell)
    {
        output.Append(cell);
        _column++;
    }

    private ReadOnlySpan<byte> Encode(string text)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _scratch.Length)
        {
            _scratch = new byte[most];
        }

        return _scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, _scratch));
    }
}
