using System.Collections.Generic;
using System.Text;

namespace Cdylib.Abi.Emitters.Windows;

/// <summary>
/// A growable byte buffer with the few fixed-width writes COFF needs (little-endian, and big-endian
/// for the archive's first linker member). netstandard2.0 has no BinaryPrimitives, and a
/// BinaryWriter knows only the machine's byte order.
/// </summary>
internal sealed class ByteWriter
{
    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;

    public ByteWriter U8(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public ByteWriter U16(int value) => U8((byte)value).U8((byte)(value >> 8));

    public ByteWriter U32(uint value) => U16((int)(value & 0xFFFF)).U16((int)(value >> 16));

    public ByteWriter U32BigEndian(uint value) => U8((byte)(value >> 24)).U8((byte)(value >> 16)).U8((byte)(value >> 8)).U8((byte)value);

    public ByteWriter Bytes(IEnumerable<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public ByteWriter Zeros(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _bytes.Add(0);
        }
        return this;
    }

    /// <summary>ASCII/UTF-8 text without a terminator.</summary>
    public ByteWriter Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));

    /// <summary>The text and a NUL.</summary>
    public ByteWriter CString(string text) => Text(text).U8(0);

    /// <summary><paramref name="text"/> in a field of <paramref name="width"/> bytes, padded with <paramref name="pad"/>.</summary>
    public ByteWriter Field(string text, int width, byte pad)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Bytes(bytes);
        for (int i = bytes.Length; i < width; i++)
        {
            _bytes.Add(pad);
        }
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
