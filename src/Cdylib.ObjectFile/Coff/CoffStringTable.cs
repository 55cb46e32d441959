using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Coff;

/// <summary>
/// The COFF string table after the symbol table (a 4-byte size that counts itself, then NUL-terminated
/// names): long symbol names ("\0\0\0\0" + offset) and long section names ("/123"). Each offset is
/// decoded once, and the bytes scanned are charged to a budget of a multiple of the file size, so names
/// that all point into one long run without a NUL cannot cost more than the file.
/// </summary>
internal sealed class CoffStringTable
{
    public const string Structure = "COFF string table";

    private readonly ReadOnlyMemory<byte> _table;
    private readonly long _fileOffset;
    private readonly Dictionary<uint, string> _decoded = [];
    private readonly NameBudget _budget;

    private CoffStringTable(ReadOnlyMemory<byte> table, long fileOffset, long fileSize)
    {
        _table = table;
        _fileOffset = fileOffset;
        _budget = new NameBudget(fileSize, "file");
    }

    /// <summary>The table at <paramref name="offset"/>; a size field that runs past the file is cut to the file (with a warning).</summary>
    public static CoffStringTable Read(ReadOnlyMemory<byte> file, long offset, List<ObjectFileProblem> warnings, long fileOffset)
    {
        var reader = new EndianReader(file.Span, isBigEndian: false, "file", fileOffset);
        if (!reader.Contains(offset, 4))
        {
            if (offset != file.Length)
            {
                warnings.Add(ObjectFileProblem.Invalid(Structure, fileOffset + offset, "the string table lies outside the file; long names cannot be read"));
            }

            return new CoffStringTable(ReadOnlyMemory<byte>.Empty, fileOffset + offset, file.Length);
        }

        long size = reader.U32(offset);
        if (!reader.Contains(offset, size))
        {
            warnings.Add(ObjectFileProblem.Invalid(Structure, fileOffset + offset, string.Create(CultureInfo.InvariantCulture,
                $"its size 0x{size:X} runs past the end of the file; only 0x{file.Length - offset:X} bytes are read")));
            size = file.Length - offset;
        }

        return new CoffStringTable(file.Slice((int)offset, (int)size), fileOffset + offset, file.Length);
    }

    /// <summary>The name at <paramref name="offset"/> (from the start of the table, size field included).</summary>
    public string Get(uint offset)
    {
        if (_decoded.TryGetValue(offset, out var cached))
        {
            return cached;
        }

        if (offset < 4 || offset >= _table.Length)
        {
            throw ObjectFileException.Invalid(Structure, _fileOffset, string.Create(CultureInfo.InvariantCulture,
                $"name offset 0x{offset:X} is outside the table (size 0x{_table.Length:X})"));
        }

        if (_budget.IsSpent)
        {
            throw ObjectFileException.Invalid(Structure, _fileOffset + offset, _budget.Problem);
        }

        var rest = _table.Span[(int)offset..];
        int length = rest.IndexOf((byte)0);
        if (!_budget.TryCharge(length < 0 ? rest.Length : length + 1))
        {
            throw ObjectFileException.Invalid(Structure, _fileOffset + offset, _budget.Problem);
        }

        if (length < 0)
        {
            throw ObjectFileException.Invalid(Structure, _fileOffset + offset, "the name is not NUL-terminated before the end of the table");
        }

        string name = Encoding.UTF8.GetString(rest[..length]);
        _decoded[offset] = name;
        return name;
    }
}
