using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>A dynamic symbol for <see cref="ElfImageBuilder"/>.</summary>
/// <param name="Versym">The .gnu.version entry: 1 = unversioned, 2.. = a definition or requirement index, | 0x8000 = hidden.</param>
public sealed record SyntheticSymbol(string Name, ulong Value, ulong Size, byte Type, byte Bind, bool Defined, ushort Versym, byte Visibility = 0, bool Absolute = false);

/// <summary>
/// Writes minimal but complete ELF shared objects in any class and byte order: the one way to get
/// big-endian and 32-bit files here without cross toolchains. Everything lives in one PT_LOAD segment
/// mapped at address = file offset; the layout mirrors GNU ld's (dynsym, dynstr, versions, hash, dynamic).
/// readelf reads the results, and the tests check the reader against it.
/// </summary>
public sealed class ElfImageBuilder
{
    public const byte SttNotype = 0, SttObject = 1, SttFunc = 2, SttTls = 6;
    public const byte StbGlobal = 1, StbWeak = 2;

    public bool Is64 { get; init; } = true;

    public bool BigEndian { get; init; }

    public ushort Machine { get; init; } = 22;

    public bool WithSectionHeaders { get; init; } = true;

    public string? Soname { get; init; }

    public string? Runpath { get; init; }

    public List<string> Needed { get; init; } = [];

    /// <summary>Version definitions with indices 2, 3, … (index 1 is the base definition, named after the SONAME).</summary>
    public List<(string Name, string[] Parents)> Definitions { get; init; } = [];

    /// <summary>Version requirements: file and (version name, index) pairs.</summary>
    public List<(string File, (string Name, ushort Index)[] Versions)> Requirements { get; init; } = [];

    public List<SyntheticSymbol> Symbols { get; init; } = [];

    /// <summary>File offsets of the tables, for tests that corrupt them afterwards.</summary>
    public Dictionary<string, long> Offsets { get; } = [];

    private int Word => Is64 ? 8 : 4;

    private int SymbolSize => Is64 ? 24 : 16;

    private int HashEntrySize => Is64 && Machine == 22 ? 8 : 4;

    public byte[] Build()
    {
        var strings = new StringTable();
        string baseName = Soname ?? "synthetic.so";
        foreach (var name in Symbols.Select(s => s.Name).Concat(Needed).Append(baseName).Concat(Definitions.SelectMany(d => d.Parents.Prepend(d.Name)))
                     .Concat(Requirements.SelectMany(r => r.Versions.Select(v => v.Name).Prepend(r.File))))
        {
            strings.Add(name);
        }

        if (Runpath is not null)
        {
            strings.Add(Runpath);
        }

        int symbolCount = Symbols.Count + 1;
        int headerSize = Is64 ? 64 : 52;
        int programHeaderSize = Is64 ? 56 : 32;
        long offset = headerSize + 2 * programHeaderSize;

        long Place(string table, long size, int alignment)
        {
            offset = (offset + alignment - 1) / alignment * alignment;
            Offsets[table] = offset;
            offset += size;
            return Offsets[table];
        }

        var definitions = Definitions.Count > 0 ? Definitions.Prepend((baseName, Array.Empty<string>())).ToList() : [];
        var dynamicEntries = DynamicEntries(strings, symbolCount, definitions.Count).ToList();

        long dynsym = Place(".dynsym", (long)symbolCount * SymbolSize, Word);
        long dynstr = Place(".dynstr", strings.Bytes.Length, 1);
        long versym = Place(".gnu.version", 2L * symbolCount, 2);
        long verdef = Place(".gnu.version_d", definitions.Sum(d => 20 + 8 * (1 + d.Item2.Length)), 4);
        long verneed = Place(".gnu.version_r", Requirements.Sum(r => 16 + 16 * r.Versions.Length), 4);
        long hash = Place(".hash", (2L + 1 + symbolCount) * HashEntrySize, 4);
        long dynamic = Place(".dynamic", dynamicEntries.Count * 2L * Word, Word);
        long text = Place(".text", 16, 16);
        var sectionNames = new StringTable();
        string[] sections = ["", ".dynsym", ".dynstr", ".gnu.version", ".gnu.version_d", ".gnu.version_r", ".hash", ".dynamic", ".text", ".shstrtab"];
        foreach (var name in sections)
        {
            sectionNames.Add(name);
        }

        long shstrtab = Place(".shstrtab", sectionNames.Bytes.Length, 1);
        long sectionHeaders = WithSectionHeaders ? Place("section headers", sections.Length * (Is64 ? 64L : 40L), Word) : 0;
        var image = new byte[offset];
        var w = new Writer(image, BigEndian, Is64);

        // ELF header.
        "\x7f"u8.CopyTo(image);
        "ELF"u8.CopyTo(image.AsSpan(1));
        image[4] = (byte)(Is64 ? 2 : 1);
        image[5] = (byte)(BigEndian ? 2 : 1);
        image[6] = 1;
        w.U16(16, 3); // ET_DYN
        w.U16(18, Machine);
        w.U32(20, 1);
        w.Word(Is64 ? 32 : 28, (ulong)headerSize); // e_phoff
        w.Word(Is64 ? 40 : 32, (ulong)sectionHeaders);
        w.U16(Is64 ? 52 : 40, (ushort)headerSize);
        w.U16(Is64 ? 54 : 42, (ushort)programHeaderSize);
        w.U16(Is64 ? 56 : 44, 2);
        w.U16(Is64 ? 58 : 46, (ushort)(Is64 ? 64 : 40));
        w.U16(Is64 ? 60 : 48, (ushort)(WithSectionHeaders ? sections.Length : 0));
        w.U16(Is64 ? 62 : 50, (ushort)(WithSectionHeaders ? sections.Length - 1 : 0));

        // PT_LOAD covering the file at address = offset, and PT_DYNAMIC.
        WriteProgramHeader(w, headerSize, type: 1, fileOffset: 0, size: offset, flags: 5);
        WriteProgramHeader(w, headerSize + programHeaderSize, type: 2, fileOffset: dynamic, size: dynamicEntries.Count * 2L * Word, flags: 6);

        for (int i = 0; i < Symbols.Count; i++)
        {
            var s = Symbols[i];
            long at = dynsym + (long)(i + 1) * SymbolSize;
            ushort shndx = s.Absolute ? (ushort)0xfff1 : s.Defined ? (ushort)8 : (ushort)0;
            byte info = (byte)((s.Bind << 4) | s.Type);
            w.U32(at, strings[s.Name]);
            if (Is64)
            {
                image[at + 4] = info;
                image[at + 5] = s.Visibility;
                w.U16(at + 6, shndx);
                w.U64(at + 8, s.Value);
                w.U64(at + 16, s.Size);
            }
            else
            {
                w.U32(at + 4, (uint)s.Value);
                w.U32(at + 8, (uint)s.Size);
                image[at + 12] = info;
                image[at + 13] = s.Visibility;
                w.U16(at + 14, shndx);
            }

            w.U16(versym + 2L * (i + 1), s.Versym);
        }

        strings.Bytes.CopyTo(image, dynstr);

        long entry = verdef;
        for (int i = 0; i < definitions.Count; i++)
        {
            var (name, parents) = definitions[i];
            int size = 20 + 8 * (1 + parents.Length);
            w.U16(entry, 1);
            w.U16(entry + 2, (ushort)(i == 0 ? 1 : 0)); // VER_FLG_BASE
            w.U16(entry + 4, (ushort)(i + 1));
            w.U16(entry + 6, (ushort)(1 + parents.Length));
            w.U32(entry + 8, ElfHash(name));
            w.U32(entry + 12, 20);
            w.U32(entry + 16, i == definitions.Count - 1 ? 0u : (uint)size);
            var names = parents.Prepend(name).ToArray();
            for (int a = 0; a < names.Length; a++)
            {
                long aux = entry + 20 + 8 * a;
                w.U32(aux, strings[names[a]]);
                w.U32(aux + 4, a == names.Length - 1 ? 0u : 8u);
            }

            entry += size;
        }

        entry = verneed;
        for (int i = 0; i < Requirements.Count; i++)
        {
            var (file, versions) = Requirements[i];
            int size = 16 + 16 * versions.Length;
            w.U16(entry, 1);
            w.U16(entry + 2, (ushort)versions.Length);
            w.U32(entry + 4, strings[file]);
            w.U32(entry + 8, 16);
            w.U32(entry + 12, i == Requirements.Count - 1 ? 0u : (uint)size);
            for (int a = 0; a < versions.Length; a++)
            {
                long aux = entry + 16 + 16 * a;
                w.U32(aux, ElfHash(versions[a].Name));
                w.U16(aux + 4, 0);
                w.U16(aux + 6, versions[a].Index);
                w.U32(aux + 8, strings[versions[a].Name]);
                w.U32(aux + 12, a == versions.Length - 1 ? 0u : 16u);
            }

            entry += size;
        }

        // SysV hash with a single bucket holding every symbol: valid, if slow for a loader.
        w.HashWord(hash, HashEntrySize, 1);
        w.HashWord(hash + HashEntrySize, HashEntrySize, (ulong)symbolCount);
        w.HashWord(hash + 2L * HashEntrySize, HashEntrySize, (ulong)(symbolCount - 1));
        for (int i = 1; i < symbolCount; i++)
        {
            w.HashWord(hash + (3L + i) * HashEntrySize, HashEntrySize, (ulong)(i - 1));
        }

        var resolved = dynamicEntries.Select(e => (e.Tag, e.Value ?? e.Table switch
        {
            ".hash" => (ulong)hash,
            ".dynstr" => (ulong)dynstr,
            ".dynsym" => (ulong)dynsym,
            ".gnu.version" => (ulong)versym,
            ".gnu.version_d" => (ulong)verdef,
            ".gnu.version_r" => (ulong)verneed,
            _ => throw new InvalidOperationException(e.Table),
        })).ToList();
        for (int i = 0; i < resolved.Count; i++)
        {
            w.Word(dynamic + i * 2L * Word, (ulong)resolved[i].Tag);
            w.Word(dynamic + i * 2L * Word + Word, resolved[i].Item2);
        }

        sectionNames.Bytes.CopyTo(image, shstrtab);
        if (WithSectionHeaders)
        {
            (string Name, uint Type, long Offset, long Size, uint Link, uint Info, long EntSize)[] headers =
            [
                ("", 0, 0, 0, 0, 0, 0),
                (".dynsym", 11, dynsym, (long)symbolCount * SymbolSize, 2, 1, SymbolSize),
                (".dynstr", 3, dynstr, strings.Bytes.Length, 0, 0, 0),
                (".gnu.version", 0x6fffffff, versym, 2L * symbolCount, 1, 0, 2),
                (".gnu.version_d", definitions.Count > 0 ? 0x6ffffffd : 1u, verdef, Offsets.GetValueOrDefault(".gnu.version_r") - verdef, 2, (uint)definitions.Count, 0),
                (".gnu.version_r", Requirements.Count > 0 ? 0x6ffffffe : 1u, verneed, hash - verneed, 2, (uint)Requirements.Count, 0),
                (".hash", 5, hash, (2L + 1 + symbolCount) * HashEntrySize, 1, 0, HashEntrySize),
                (".dynamic", 6, dynamic, dynamicEntries.Count * 2L * Word, 2, 0, 2 * Word),
                (".text", 1, text, 16, 0, 0, 0),
                (".shstrtab", 3, shstrtab, sectionNames.Bytes.Length, 0, 0, 0),
            ];
            for (int i = 0; i < headers.Length; i++)
            {
                var h = headers[i];
                long at = sectionHeaders + i * (Is64 ? 64L : 40L);
                w.U32(at, sectionNames[h.Name]);
                w.U32(at + 4, h.Type);
                w.Word(at + (Is64 ? 16 : 12), (ulong)h.Offset); // sh_addr = offset
                w.Word(at + (Is64 ? 24 : 16), (ulong)h.Offset);
                w.Word(at + (Is64 ? 32 : 20), (ulong)h.Size);
                w.U32(at + (Is64 ? 40 : 24), h.Link);
                w.U32(at + (Is64 ? 44 : 28), h.Info);
                w.Word(at + (Is64 ? 56 : 36), (ulong)h.EntSize);
            }
        }

        return image;
    }

    private IEnumerable<(long Tag, ulong? Value, string? Table)> DynamicEntries(StringTable strings, int symbolCount, int definitionCount)
    {
        foreach (var needed in Needed)
        {
            yield return (1, strings[needed], null);
        }

        if (Soname is not null)
        {
            yield return (14, strings[Soname], null);
        }

        if (Runpath is not null)
        {
            yield return (29, strings[Runpath], null);
        }

        yield return (4, null, ".hash");
        yield return (5, null, ".dynstr");
        yield return (6, null, ".dynsym");
        yield return (10, (ulong)strings.Bytes.Length, null);
        yield return (11, (ulong)SymbolSize, null);
        yield return (0x6ffffff0, null, ".gnu.version");
        if (definitionCount > 0)
        {
            yield return (0x6ffffffc, null, ".gnu.version_d");
            yield return (0x6ffffffd, (ulong)definitionCount, null);
        }

        if (Requirements.Count > 0)
        {
            yield return (0x6ffffffe, null, ".gnu.version_r");
            yield return (0x6fffffff, (ulong)Requirements.Count, null);
        }

        yield return (0, 0, null);
    }

    private void WriteProgramHeader(Writer w, long at, uint type, long fileOffset, long size, uint flags)
    {
        w.U32(at, type);
        if (Is64)
        {
            w.U32(at + 4, flags);
            w.U64(at + 8, (ulong)fileOffset);
            w.U64(at + 16, (ulong)fileOffset);
            w.U64(at + 24, (ulong)fileOffset);
            w.U64(at + 32, (ulong)size);
            w.U64(at + 40, (ulong)size);
            w.U64(at + 48, 8);
        }
        else
        {
            w.U32(at + 4, (uint)fileOffset);
            w.U32(at + 8, (uint)fileOffset);
            w.U32(at + 12, (uint)fileOffset);
            w.U32(at + 16, (uint)size);
            w.U32(at + 20, (uint)size);
            w.U32(at + 24, flags);
            w.U32(at + 28, 4);
        }
    }

    /// <summary>The SysV ELF hash, as stored in vd_hash / vna_hash.</summary>
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (byte c in Encoding.UTF8.GetBytes(name))
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }

            h &= ~g;
        }

        return h;
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, uint> _offsets = new() { [""] = 0 };
        private readonly List<byte> _bytes = [0];

        public uint this[string name] => _offsets[name];

        public byte[] Bytes => [.. _bytes];

        public void Add(string name)
        {
            if (!_offsets.ContainsKey(name))
            {
                _offsets[name] = (uint)_bytes.Count;
                _bytes.AddRange(Encoding.UTF8.GetBytes(name));
                _bytes.Add(0);
            }
        }
    }

    private readonly ref struct Writer(byte[] image, bool bigEndian, bool is64)
    {
        private readonly byte[] _image = image;

        public void U16(long at, ushort value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(_image.AsSpan((int)at), value);
            else BinaryPrimitives.WriteUInt16LittleEndian(_image.AsSpan((int)at), value);
        }

        public void U32(long at, uint value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(_image.AsSpan((int)at), value);
            else BinaryPrimitives.WriteUInt32LittleEndian(_image.AsSpan((int)at), value);
        }

        public void U64(long at, ulong value)
        {
            if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(_image.AsSpan((int)at), value);
            else BinaryPrimitives.WriteUInt64LittleEndian(_image.AsSpan((int)at), value);
        }

        public void Word(long at, ulong value)
        {
            if (is64) U64(at, value);
            else U32(at, (uint)value);
        }

        public void HashWord(long at, int size, ulong value)
        {
            if (size == 8) U64(at, value);
            else U32(at, (uint)value);
        }
    }
}
