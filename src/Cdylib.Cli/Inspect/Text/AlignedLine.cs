using System;
using System.IO;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// Writes one line of aligned columns at a time, without allocating per line: cells are copied into a
/// reused buffer, padded to their column's width (left-aligned, or right-aligned for numbers), separated
/// by two spaces; the last column is not padded and trailing blanks are trimmed. The one layout rule of
/// every table in the text report (<see cref="TextTable"/> and the streamed exports list alike).
/// </summary>
internal sealed class AlignedLine(TextWriter output, int[] widths, bool[] rightAligned)
{
    private char[] _line = new char[256];
    private int _length;
    private int _column;

    public void Start(string indent)
    {
        _length = 0;
        _column = 0;
        Append(indent);
    }

    public void Cell(ReadOnlySpan<char> text)
    {
        if (_column > 0)
        {
            Append("  ");
        }

        bool last = _column == widths.Length - 1;
        int padding = Math.Max(0, widths[_column] - text.Length);
        if (rightAligned[_column])
        {
            Pad(padding);
            Append(text);
        }
        else
        {
            Append(text);
            if (!last)
            {
                Pad(padding);
            }
        }

        _column++;
    }

    /// <summary>Writes the line without its trailing blanks.</summary>
    public void End() => output.WriteLine(_line.AsSpan(0, _length).TrimEnd());

    private void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }

    private void Pad(int count)
    {
        Reserve(count);
        _line.AsSpan(_length, count).Fill(' ');
        _length += count;
    }

    private void Reserve(int more)
    {
        if (_length + more > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_length + more, _line.Length * 2));
        }
    }
}
