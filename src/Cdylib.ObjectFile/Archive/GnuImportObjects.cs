using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using Cdylib.ObjectFile.Coff;

namespace Cdylib.ObjectFile.Archive;

/// <summary>
/// Recovers what GNU dlltool / ld --out-implib import libraries (.dll.a) say in ordinary COFF objects:
/// the "tail" object defines NAME_iname in .idata$7 holding the DLL name; the "head" object defines
/// _head_NAME and needs NAME_iname; each stub needs _head_NAME and defines __imp_SYMBOL in .idata$5
/// (an ordinal with the top bit set, or a reference to .idata$6's hint and name) and, for code, the
/// thunk SYMBOL.
/// </summary>
internal static class GnuImportObjects
{
    private const string ImportPrefix = "__imp_";

    /// <summary>The entry of each stub object (by index in <paramref name="objects"/>; null for members that are not stubs).</summary>
    public static ImportLibraryEntry?[] Recover(IReadOnlyList<CoffObject?> objects)
    {
        // NAME_iname (and any symbol defined in .idata$7 at a string) → DLL name.
        var dllBySymbol = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var coff in objects)
        {
            foreach (var symbol in coff?.Symbols ?? [])
            {
                if (symbol.IsDefined && SectionName(coff!, symbol) == ".idata$7" && CString(coff!.SectionData(symbol.SectionNumber, symbol.Value)) is { Length: > 0 } dll)
                {
                    dllBySymbol.TryAdd(symbol.Name, dll);
                }
            }
        }

        // Heads: objects that need an iname symbol; what they define leads to that DLL.
        foreach (var coff in objects)
        {
            if (coff is null || DllOf(coff, dllBySymbol) is not string dll)
            {
                continue;
            }

            foreach (var symbol in coff.Symbols)
            {
                if (symbol.IsDefined)
                {
                    dllBySymbol.TryAdd(symbol.Name, dll);
                }
            }
        }

        var entries = new ImportLibraryEntry?[objects.Count];
        for (int i = 0; i < objects.Count; i++)
        {
            if (objects[i] is CoffObject coff && Stub(coff, dllBySymbol) is ImportLibraryEntry entry)
            {
                entries[i] = entry;
            }
        }

        return entries;
    }

    private static ImportLibraryEntry? Stub(CoffObject coff, Dictionary<string, string> dllBySymbol)
    {
        CoffSymbol? pointer = null;
        foreach (var symbol in coff.Symbols)
        {
            if (symbol.IsDefined && symbol.Name.StartsWith(ImportPrefix, StringComparison.Ordinal) && SectionName(coff, symbol) == ".idata$5")
            {
                pointer = symbol;
                break;
            }
        }

        if (pointer is null || DllOf(coff, dllBySymbol) is not string dll)
        {
            return null;
        }

        string name = pointer.Name[ImportPrefix.Length..];
        bool hasThunk = coff.Symbols.Exists(s => s.IsDefined && s.Name == name);
        var type = hasThunk ? ImportType.Code : ImportType.Data;

        // The .idata$5 slot: an ordinal import has the top bit set; otherwise the name is in .idata$6.
        var slot = coff.SectionData(pointer.SectionNumber, pointer.Value);
        bool is64 = CoffReader.Is64Bit(coff.Header.Machine);
        if (slot.Length >= (is64 ? 8 : 4) && (is64 ? BinaryPrimitives.ReadUInt64LittleEndian(slot) >> 63 : BinaryPrimitives.ReadUInt32LittleEndian(slot) >> 31) == 1)
        {
            return new ImportLibraryEntry(name, dll, type, null, null, BinaryPrimitives.ReadUInt16LittleEndian(slot), null);
        }

        int hintName = coff.Sections.FindIndex(s => s.Name == ".idata$6");
        var data = hintName < 0 ? [] : coff.SectionData(hintName + 1, 0);
        return data.Length >= 3 && CString(data[2..]) is string importName
            ? new ImportLibraryEntry(name, dll, type, null, importName, null, BinaryPrimitives.ReadUInt16LittleEndian(data))
            : new ImportLibraryEntry(name, dll, type, null, null, null, null);
    }

    /// <summary>The DLL of the first symbol the object needs that leads to one.</summary>
    private static string? DllOf(CoffObject coff, Dictionary<string, string> dllBySymbol)
    {
        foreach (var symbol in coff.Symbols)
        {
            if (!symbol.IsDefined && dllBySymbol.TryGetValue(symbol.Name, out var dll))
            {
                return dll;
            }
        }

        return null;
    }

    private static string? SectionName(CoffObject coff, CoffSymbol symbol) =>
        symbol.SectionNumber >= 1 && symbol.SectionNumber <= coff.Sections.Count ? coff.Sections[symbol.SectionNumber - 1].Name : null;

    /// <summary>A NUL-terminated name of at most 1 KiB (DLL and import names are short; the cap keeps hostile sections cheap).</summary>
    private static string? CString(ReadOnlySpan<byte> data)
    {
        int end = data[..Math.Min(data.Length, 1024)].IndexOf((byte)0);
        return end < 0 ? null : Encoding.UTF8.GetString(data[..end]);
    }
}
