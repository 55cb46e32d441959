using System;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.MachO;

/// <summary>
/// A forward reader over one of the compact linkedit streams (export trie, bind opcodes): bytes,
/// ULEB128 / SLEB128 numbers and NUL-terminated strings, each checked against the window.
/// </summary>
/// <remarks>
/// A stream cut short or a number longer than 64 bits is a <see cref="Problem"/> naming the structure
/// and the file offset: the cursor keeps the first one, moves to the end (so <see cref="AtEnd"/> ends
/// the caller's loop) and every read after it returns 0 or an empty string. The caller checks
/// <see cref="Failed"/> before it uses what it read.
/// </remarks>
internal ref struct MachOCursor
{
    private readonly EndianReader _window;

    public MachOCursor(EndianReader window, long position = 0)
    {
        _window = window;
        Position = position;
    }

    public long Position { get; set; }

    /// <summary>The first problem this cursor met; null while every read succeeded.</summary>
    public ObjectFileProblem? Problem { get; private set; }

    /// <summary>True once a read failed (or a caller recorded a problem): what was read since is 0 or empty.</summary>
    public readonly bool Failed => Problem is not null;

    public readonly long Length => _window.Length;

    public readonly bool AtEnd => Position >= _window.Length;

    public readonly EndianReader Window => _window;

    /// <summary>Records <paramref name="description"/> as a problem at <paramref name="offset"/> in the stream (unless one is already recorded) and stops the cursor.</summary>
    public void Fail(long offset, string description) => Fail(_window.Problem(offset, description));

    /// <summary>Records <paramref name="problem"/> (unless one is already recorded) and stops the cursor at the end.</summary>
    public void Fail(ObjectFileProblem problem)
    {
        Problem ??= problem;
        Position = Math.Max(Position, _window.Length);
    }

    public byte Byte()
    {
        if (Failed || Position < 0 || Position >= _window.Length)
        {
            if (!Failed)
            {
                Fail(_window.PastEnd(Position, 1));
            }

            return 0;
        }

        return _window.Span[(int)Position++];
    }

    public ulong Uleb()
    {
        long start = Position;
        ulong value = 0;
        if (Failed)
        {
            return 0;
        }

        for (int shift = 0; ; shift += 7)
        {
            if (Position >= _window.Length)
            {
                Fail(start, "a ULEB128 number runs past the end of the data");
                return 0;
            }

            byte b = _window.Span[(int)Position++];
            ulong bits = (ulong)(b & 0x7f);
            if (shift >= 64 || (shift == 63 && bits > 1))
            {
                Fail(start, "a ULEB128 number is too large for 64 bits");
                return 0;
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
        if (Failed)
        {
            return 0;
        }

        do
        {
            if (Position >= _window.Length)
            {
                Fail(start, "a SLEB128 number runs past the end of the data");
                return 0;
            }

            if (shift >= 64)
            {
                Fail(start, "a SLEB128 number is too large for 64 bits");
                return 0;
            }

            b = _window.Span[(int)Position++];
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

    /// <summary>The bytes up to the next NUL (which is consumed); empty, with a problem, if the data ends first.</summary>
    public ReadOnlySpan<byte> CString()
    {
        if (Failed)
        {
            return default;
        }

        var rest = _window.Span[(int)Math.Clamp(Position, 0, _window.Length)..];
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            Fail(Position, string.Create(CultureInfo.InvariantCulture,
                $"a string is not NUL-terminated within the {rest.Length} bytes left"));
            return default;
        }

        Position += length + 1;
        return rest[..length];
    }

    public string CStringText() => Encoding.UTF8.GetString(CString());
}
