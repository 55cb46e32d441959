using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>
/// Lines of UTF-8 built in place in one buffer and sent to a <see cref="TextWriter"/>. When the writer is
/// the command's own UTF-8 <see cref="StreamWriter"/> (stdout), the buffer goes to its stream as it fills,
/// skipping the decode to UTF-16 and the encode back that most of a 44,000-line listing would otherwise
/// be; any other writer (a test's <see cref="StringWriter"/>) gets each line decoded.
/// <see cref="Dispose"/> writes what is buffered, so the writer's later text follows in order.
/// </summary>
/// <remarks>Everything appended must be valid UTF-8: the bytes are passed on as they are.</remarks>
internal sealed class Utf8Lines : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly TextWriter _writer;
    private readonly Stream? _stream;
    private readonly byte[] _newLine;
    private byte[] _buffer;
    private int _length;
    private int _lineStart;

    /// <param name="writer">Where the lines go.</param>
    /// <param name="capacity">The buffer's first size (it grows for a longer line): a small one for a cell laid out apart.</param>
    public Utf8Lines(TextWriter writer, int capacity = BufferSize)
    {
        _writer = writer;
        // Pooled: a report lays out several tables, each through its own Utf8Lines, and a fresh 64 KB
        // buffer for each (zeroed, on new pages) showed in the start-up of a small report.
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _newLine = Encoding.UTF8.GetBytes(writer.NewLine);
        if (writer is StreamWriter { Encoding.CodePage: 65001 } streamWriter)
        {
            // Whatever the writer holds goes first.
            streamWriter.Flush();
            _stream = streamWriter.BaseStream;
        }
    }

    /// <summary>The line being built, not yet ended.</summary>
    public ReadOnlySpan<byte> PendingLine => _buffer.AsSpan(_lineStart, _length - _lineStart);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length)
        {
            MakeRoom(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pad(int count)
    {
        if (count > _buffer.Length - _length)
        {
            MakeRoom(count);
        }

        _buffer.AsSpan(_length, count).Fill((byte)' ');
        _length += count;
    }

    /// <summary>
    /// Room for at least <paramref name="most"/> more bytes of the line, to be written in place and then
    /// kept with <see cref="Advance"/> (as <see cref="System.Buffers.IBufferWriter{T}"/> does): a listing's
    /// rows are laid out straight into the buffer.
    /// </summary>
    public Span<byte> GetSpan(int most)
    {
        if (most > _buffer.Length - _length)
        {
            MakeRoom(most);
        }

        return _buffer.AsSpan(_length);
    }

    /// <summary>Keeps <paramref name="count"/> bytes written into the span <see cref="GetSpan"/> gave.</summary>
    public void Advance(int count) => _length += count;

    /// <summary>Ends the line without its trailing blanks.</summary>
    public void EndLine()
    {
        _length = _lineStart + _buffer.AsSpan(_lineStart, _length - _lineStart).TrimEnd(" \t\r\n\v\f"u8).Length;
        if (_stream is null)
        {
            _writer.WriteLine(Encoding.UTF8.GetString(_buffer, _lineStart, _length - _lineStart));
            _length = 0;
        }
        else
        {
            Append(_newLine);
        }

        _lineStart = _length;
    }

    /// <summary>Writes the finished lines and gives the buffer back (a line not ended is dropped).</summary>
    public void Dispose()
    {
        if (_stream is not null && _lineStart > 0)
        {
            _stream.Write(_buffer, 0, _lineStart);
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
        _lineStart = 0;
    }

    /// <summary>Sends the finished lines on and keeps the line being built; grows the buffer for a line longer than it.</summary>
    private void MakeRoom(int more)
    {
        if (_stream is not null && _lineStart > 0)
        {
            _stream.Write(_buffer, 0, _lineStart);
            _buffer.AsSpan(_lineStart, _length - _lineStart).CopyTo(_buffer);
            _length -= _lineStart;
            _lineStart = 0;
        }

        if (more > _buffer.Length - _length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + more, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
