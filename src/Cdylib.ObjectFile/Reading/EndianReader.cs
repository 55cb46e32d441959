using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System;

namespace Cdylib.ObjectFile.Reading;

/// <summary>
/// A bounds-checked window on a file's bytes that knows the file's byte order and what structure it
/// holds. Every format reader reads through it, so there is exactly one place where an offset meets the
/// data: a read outside the window throws <see cref="ObjectFileException"/> naming the structure and
/// the absolute file offset instead of an IndexOutOfRangeException.
/// </summary>
/// <remarks>
/// A ref struct over a span (as System.Reflection.Metadata's BlobReader) so that a memory-mapped file
/// can be read without copying. Offsets are <see cref="long"/> so that 32-bit fields added to 64-bit
/// bases can never wrap.
/// </remarks>
internal readonly ref struct EndianReader
{
    private readonly ReadOnlySpan<byte> _data;

    public EndianReader(ReadOnlySpan<byte> data, bool isBigEndian, string structure, long fileOffset = 0)
    {
        _data = data;
        IsBigEndian = isBigEndian;
        Structure = structure;
        FileOffset = fileOffset;
    }

    public bool IsBigEndian { get; }

    /// <summary>What this window holds, e.g. "ELF dynamic symbol table"; used in error messages.</summary>
    public string Structure { get; }

    /// <summary>Where the window starts in the file.</summary>
    public long FileOffset { get; }

    public long Length => _data.Length;

    public ReadOnlySpan<byte> Span => _data;

    /// <summary>True when [offset, offset + length) lies inside the window.</summary>
    public bool Contains(long offset, long length) =>
        offset >= 0 && length >= 0 && offset <= _data.Length && length <= _data.Length - offset;

    /// <summary>A window on [offset, offset + length) holding <paramref name="structure"/>, or an error naming it.</summary>
    public EndianReader Slice(long offset, long length, string structure) =>
        TrySlice(offset, length, structure, out var window, out var problem) ? window : throw new ObjectFileException(problem);

    /// <summary>
    /// <see cref="Slice"/> for a caller that goes on without the window: false with the problem (naming
    /// <paramref name="structure"/> and where it would start) when [offset, offset + length) is not inside this one.
    /// </summary>
    public bool TrySlice(long offset, long length, string structure, out EndianReader window, [NotNullWhen(false)] out ObjectFileProblem? problem)
    {
        if (!Contains(offset, length))
        {
            window = default;
            problem = ObjectFileProblem.Invalid(structure, FileOffset + Math.Max(offset, 0), string.Create(
                CultureInfo.InvariantCulture,
                $"0x{length:X} bytes at offset 0x{offset:X} of the {Structure} run past its end (size 0x{_data.Length:X})"));
            return false;
        }

        window = new EndianReader(_data.Slice((int)offset, (int)length), IsBigEndian, structure, FileOffset + offset);
        problem = null;
        return true;
    }

    /// <summary>A window from <paramref name="offset"/> to the end of this one.</summary>
    public EndianReader SliceToEnd(long offset, string structure) =>
        Slice(offset, Math.Max(0, _data.Length - offset), structure);

    /// <summary>A problem with this structure at <paramref name="offset"/> within it.</summary>
    public ObjectFileProblem Problem(long offset, string problem) =>
        ObjectFileProblem.Invalid(Structure, FileOffset + offset, problem);

    /// <summary>An error about this structure at <paramref name="offset"/> within it (<see cref="Problem"/>, thrown).</summary>
    public ObjectFileException Error(long offset, string problem) => new(Problem(offset, problem));

    public byte U8(long offset) => Bytes(offset, 1)[0];

    public ushort U16(long offset)
    {
        var bytes = Bytes(offset, 2);
        return IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    public uint U32(long offset)
    {
        var bytes = Bytes(offset, 4);
        return IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong U64(long offset)
    {
        var bytes = Bytes(offset, 8);
        return IsBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>A 4- or 8-byte unsigned field, for structures whose word size depends on the file class.</summary>
    public ulong Word(long offset, bool is64) => is64 ? U64(offset) : U32(offset);

    private ReadOnlySpan<byte> Bytes(long offset, int count)
    {
        if (!Contains(offset, count))
        {
            throw Error(offset, string.Create(
                CultureInfo.InvariantCulture,
                $"a {count}-byte field at offset 0x{offset:X} runs past the end of the structure (size 0x{_data.Length:X})"));
        }

        return _data.Slice((int)offset, count);
    }
}
