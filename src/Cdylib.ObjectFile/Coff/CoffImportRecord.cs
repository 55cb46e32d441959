using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Cdylib.ObjectFile.Archive;
using Cdylib.ObjectFile.Reading;

namespace Cdylib.ObjectFile.Coff;

/// <summary>
/// A COFF short import record (IMPORT_OBJECT_HEADER, "Import Library Format" of the PE/COFF
/// specification): a 20-byte header, then the NUL-terminated symbol name and DLL name (and, for name
/// type EXPORTAS, the export name). It defines "__imp_" + symbol (the import address table slot) and,
/// unless it imports data, the symbol itself (for code, the thunk that jumps through it).
/// </summary>
internal static class CoffImportRecord
{
    public const string Structure = "COFF short import record";
    private const int HeaderSize = 20;

    public static (ImportLibraryEntry Entry, ushort Machine, List<Export> Exports) Read(ReadOnlySpan<byte> data, long fileOffset)
    {
        var record = new EndianReader(data, isBigEndian: false, Structure, fileOffset);
        var header = record.Slice(0, HeaderSize, Structure);
        ushort machine = header.U16(6);
        uint sizeOfData = header.U32(12);
        ushort ordinalOrHint = header.U16(16);
        ushort flags = header.U16(18);
        if (!record.Contains(HeaderSize, sizeOfData))
        {
            throw record.Error(12, string.Create(CultureInfo.InvariantCulture,
                $"SizeOfData 0x{sizeOfData:X} runs past the end of the record (0x{record.Length - HeaderSize:X} bytes follow the header)"));
        }

        var strings = record.Slice(HeaderSize, sizeOfData, Structure);
        int at = 0;
        string symbol = NextString(strings, ref at, "symbol name");
        string dll = NextString(strings, ref at, "DLL name");
        var type = (flags & 3) switch
        {
            0 => ImportType.Code,
            1 => ImportType.Data,
            2 => ImportType.Const,
            _ => ImportType.Unknown,
        };
        var nameType = ((flags >> 2) & 7) switch
        {
            0 => ImportNameType.Ordinal,
            1 => ImportNameType.Name,
            2 => ImportNameType.NoPrefix,
            3 => ImportNameType.Undecorate,
            4 => ImportNameType.ExportAs,
            _ => ImportNameType.Unknown,
        };
        string? importName = nameType switch
        {
            ImportNameType.Ordinal => null,
            ImportNameType.NoPrefix => TrimPrefix(symbol),
            ImportNameType.Undecorate => Undecorate(symbol),
            ImportNameType.ExportAs => NextString(strings, ref at, "export name"),
            _ => symbol,
        };
        bool byOrdinal = nameType == ImportNameType.Ordinal;
        var entry = new ImportLibraryEntry(symbol, dll, type, nameType, importName, byOrdinal ? ordinalOrHint : null, byOrdinal ? null : ordinalOrHint);

        // llvm's order and rule: the __imp_ pointer, then the symbol itself unless the import is data
        // (a thunk for code; for const, the linker resolves the name to the value behind the pointer).
        var exports = new List<Export> { Symbol("__imp_" + symbol, SymbolKind.Data, entry) };
        if (type != ImportType.Data)
        {
            exports.Add(Symbol(symbol, type == ImportType.Code ? SymbolKind.Function : SymbolKind.Data, entry));
        }

        return (entry, machine, exports);
    }

    private static Export Symbol(string name, SymbolKind kind, ImportLibraryEntry entry) =>
        new(name, 0, 0, kind, SymbolBinding.Global, SymbolVisibility.Default, null)
        {
            Library = entry.DllName,
            Ordinal = entry.Ordinal,
            Hint = entry.Hint,
        };

    private static string NextString(EndianReader strings, ref int at, string what)
    {
        var rest = strings.Span[Math.Min(at, strings.Span.Length)..];
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw strings.Error(at, $"the {what} is not NUL-terminated within SizeOfData");
        }

        string text = Encoding.UTF8.GetString(rest[..length]);
        at += length + 1;
        return text;
    }

    /// <summary>IMPORT_OBJECT_NAME_NO_PREFIX: without the first '?', '@' or '_' (as llvm's COFFImportFile::getExportName).</summary>
    private static string TrimPrefix(string symbol) =>
        symbol.Length > 0 && symbol[0] is '?' or '@' or '_' ? symbol[1..] : symbol;

    /// <summary>IMPORT_OBJECT_NAME_UNDECORATE: no prefix, and nothing from the first '@' on ("_f@8" → "f").</summary>
    private static string Undecorate(string symbol)
    {
        string name = TrimPrefix(symbol);
        int at = name.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? name : name[..at];
    }
}
