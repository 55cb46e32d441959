using System;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// A forward reader over one of the compact linkedit streams (export trie, bind opcodes): bytes,
/// ULEB128 / SLEB128 numbers and NUL-terminated strings, each checked against the window, so a stream
/// cut short or a number longer than 64 bits is an <see cref="ObjectFileException"/> naming the
/// structure and the file offset.
/// </summary>
internal ref struct MachOCursor
{
    private readonly EndianReader _window;

    public MachOCursor(EndianReader window, long position = 0)
    {
        _window = window;
        Position = position;
    }

    public long Position { get; set; }

    public readonly long Length => _window.Length;

    public readonly bool AtEnd => Position >= _window.Length;

    public readonly EndianReader Window => _window;

    public byte Byte()
    {
        byte value = _window.U8(Position);
        Position++;
        return value;
    }

    public ulong Uleb()
    {
        long start = Position;
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (Position >= _window.Length)
            {
                throw _window.Error(start, "a ULEB128 number runs past the end of the data");
            }

            byte b = _window.U8(Position++);
            ulong bits = (ulong)(b & 0x7f);
            if (shift >= 64 || (shift == 63 && bits > 1))
            {
                throw _window.Error(start, "a ULEB128 number is too large for 64 bits");
            }

            value |= bits << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    public long Sleb()
    {
        long start = Position;
        long value = 0;
        int shift = 0;
        byte b;
        do
        {
            if (Position >= _window.Length)
            {
                throw _window.Error(start, "a SLEB128 number runs past the end of the data");
            }

            if (shift >= 64)
            {
                throw _window.Error(start, "a SLEB128 number is too large for 64 bits");
            }

            b = _window.U8(Position++);
            value |= (long)(b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        if (shift < 64 && (b & 0x40) != 0)
        {
            value |= -1L << shift;
        }

        return value;
    }

    /// <summary>The bytes up to the next NUL (which is consumed), or an error if the data ends first.</summary>
    public ReadOnlySpan<byte> CString()
    {
        var rest = _window.Span[(int)Math.Min(Position, _window.Length)..];
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw _window.Error(Position, string.Create(CultureInfo.InvariantCulture,
                $"a string is not NUL-terminated within the {rest.Length} bytes left"));
        }

        Position += length + 1;
        return rest[..length];
    }

    public string CStringText() => Encoding.UTF8.GetString(CString());
}
