using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// Writes small thin Mach-O dylibs from scratch (little-endian, 32- or 64-bit): a __TEXT segment with a
/// __text and a __const section, a __LINKEDIT segment holding the export trie, the bind streams and the
/// symbol table, LC_ID_DYLIB, dylib commands and LC_DYLD_INFO_ONLY. Valid enough for llvm-objdump and
/// llvm-nm, so that what they say about a hand-made trie or symbol table is the reference; and the raw
/// material of the hostile-input tests.
/// </summary>
public sealed class MachOImageBuilder
{
    public const ulong TextSize = 0x1000;

    public bool Is64 { get; init; } = true;

    public int CpuType { get; init; } = 0x01000007;

    public int CpuSubtype { get; init; } = 3;

    public string InstallName { get; init; } = "@rpath/libsynthetic.dylib";

    public List<(uint Command, string Name)> Dylibs { get; init; } = [(0xc, "/usr/lib/libSystem.B.dylib")];

    /// <summary>The export trie bytes; null for no LC_DYLD_INFO_ONLY at all (exports and imports then come from the symbol table).</summary>
    public byte[]? Trie { get; init; }

    public byte[] Bind { get; init; } = [];

    public byte[] WeakBind { get; init; } = [];

    public byte[] LazyBind { get; init; } = [];

    /// <summary>nlist entries: name, n_type, n_sect, n_desc, n_value; null for no LC_SYMTAB.</summary>
    public List<(string Name, byte Type, byte Section, ushort Description, ulong Value)>? Symbols { get; init; }

    /// <summary>Offsets of the blobs in the built file (for tests that damage them).</summary>
    public int TrieOffset { get; private set; }

    public int BindOffset { get; private set; }

    public byte[] Build()
    {
        var linkedit = new MemoryStream();
        void Align()
        {
            while (linkedit.Length % 8 != 0)
            {
                linkedit.WriteByte(0);
            }
        }

        int linkeditStart = (int)TextSize;
        int Put(byte[] blob)
        {
            Align();
            int at = linkeditStart + (int)linkedit.Length;
            linkedit.Write(blob);
            return at;
        }

        int bindAt = Put(Bind), weakAt = Put(WeakBind), lazyAt = Put(LazyBind);
        int trieAt = Put(Trie ?? []);
        BindOffset = bindAt;
        TrieOffset = trieAt;

        int symAt = 0, strAt = 0, strSize = 0;
        if (Symbols is not null)
        {
            var strings = new MemoryStream();
            strings.Write(" \0"u8);
            var nlist = new MemoryStream();
            var writer = new BinaryWriter(nlist);
            foreach (var (name, type, section, description, value) in Symbols)
            {
                writer.Write((uint)strings.Length);
                strings.Write(Encoding.UTF8.GetBytes(name + "\0"));
                writer.Write(type);
                writer.Write(section);
                writer.Write(description);
                if (Is64)
                {
                    writer.Write(value);
                }
                else
                {
                    writer.Write((uint)value);
                }
            }

            symAt = Put(nlist.ToArray());
            strAt = Put(strings.ToArray());
            strSize = (int)strings.Length;
        }

        Align();
        var commands = new List<byte[]>();
        commands.Add(Segment("__TEXT", 0, TextSize, 0, TextSize, 5, [("__text", 0x800, 0x100, 0x80000400u), ("__const", 0x900, 0x100, 0u)]));
        commands.Add(Segment("__LINKEDIT", TextSize, (ulong)linkedit.Length, TextSize, (ulong)linkedit.Length, 1, []));
        commands.Add(Dylib(0xd, InstallName, 0x10203, 0x10000));
        foreach (var (command, name) in Dylibs)
        {
            commands.Add(Dylib(command, name, 0x20304, 0x20000));
        }

        if (Trie is not null)
        {
            commands.Add(Words(0x80000022, 48, 0, 0, (uint)bindAt, (uint)Bind.Length, (uint)weakAt, (uint)WeakBind.Length, (uint)lazyAt, (uint)LazyBind.Length, (uint)trieAt, (uint)Trie.Length));
        }

        if (Symbols is not null)
        {
            commands.Add(Words(0x2, 24, (uint)symAt, (uint)Symbols.Count, (uint)strAt, (uint)strSize));
        }

        int headerSize = Is64 ? 32 : 28;
        int commandsSize = commands.Sum(c => c.Length);
        var image = new byte[linkeditStart + linkedit.Length];
        var header = new BinaryWriter(new MemoryStream(image));
        header.Write(Is64 ? 0xfeedfacfu : 0xfeedfaceu);
        header.Write(CpuType);
        header.Write(CpuSubtype);
        header.Write(6u); // MH_DYLIB
        header.Write((uint)commands.Count);
        header.Write((uint)commandsSize);
        header.Write(0x80u | 0x4u | 0x1u); // TWOLEVEL DYLDLINK NOUNDEFS
        if (Is64)
        {
            header.Write(0u);
        }

        foreach (var command in commands)
        {
            header.Write(command);
        }

        if (headerSize + commandsSize > 0x800)
        {
            throw new InvalidOperationException("load commands overflow into __text");
        }

        linkedit.ToArray().CopyTo(image, linkeditStart);
        return image;
    }

    private byte[] Segment(string name, ulong vmAddress, ulong vmSize, ulong fileOffset, ulong fileSize, uint protection, (string Name, ulong Address, ulong Size, uint Flags)[] sections)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        int size = (Is64 ? 72 : 56) + (sections.Length * (Is64 ? 80 : 68));
        w.Write(Is64 ? 0x19u : 0x1u);
        w.Write((uint)size);
        w.Write(Fixed(name));
        Word(w, vmAddress);
        Word(w, vmSize);
        Word(w, fileOffset);
        Word(w, fileSize);
        w.Write(protection);
        w.Write(protection);
        w.Write((uint)sections.Length);
        w.Write(0u);
        foreach (var (section, address, sectionSize, flags) in sections)
        {
            w.Write(Fixed(section));
            w.Write(Fixed(name));
            Word(w, address);
            Word(w, sectionSize);
            w.Write((uint)address); // offset = address: __TEXT maps the file from 0
            w.Write(4u);
            w.Write(0u);
            w.Write(0u);
            w.Write(flags);
            w.Write(0u);
            w.Write(0u);
            if (Is64)
            {
                w.Write(0u);
            }
        }

        return stream.ToArray();
    }

    private void Word(BinaryWriter w, ulong value)
    {
        if (Is64)
        {
            w.Write(value);
        }
        else
        {
            w.Write((uint)value);
        }
    }

    private byte[] Dylib(uint command, string name, uint current, uint compatibility)
    {
        int size = Pad(24 + Encoding.UTF8.GetByteCount(name) + 1);
        var bytes = new byte[size];
        var w = new BinaryWriter(new MemoryStream(bytes));
        w.Write(command);
        w.Write((uint)size);
        w.Write(24u);
        w.Write(2u);
        w.Write(current);
        w.Write(compatibility);
        w.Write(Encoding.UTF8.GetBytes(name));
        return bytes;
    }

    private static byte[] Words(params uint[] words) => words.SelectMany(BitConverter.GetBytes).ToArray();

    private int Pad(int size) => (size + (Is64 ? 7 : 3)) & ~(Is64 ? 7 : 3);

    private static byte[] Fixed(string name)
    {
        var bytes = new byte[16];
        Encoding.ASCII.GetBytes(name).CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Uleb(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>A terminal's bytes: flags, then address (and resolver), or ordinal and import name for a re-export.</summary>
    public static byte[] Terminal(ulong flags, ulong addressOrOrdinal, ulong? resolver = null, string? importName = null)
    {
        var bytes = new List<byte>(Uleb(flags));
        bytes.AddRange(Uleb(addressOrOrdinal));
        if (resolver is ulong r)
        {
            bytes.AddRange(Uleb(r));
        }

        if ((flags & 0x08) != 0)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes((importName ?? "") + "\0"));
        }

        return [.. bytes];
    }

    /// <summary>
    /// A valid trie of one level: the root has an edge per symbol, labelled with the whole name, to a leaf
    /// holding its terminal; the leaves come first and the root last (child offsets point backwards, as
    /// real linkers' tries sometimes do).
    /// </summary>
    public static byte[] FlatTrie(params (string Name, byte[] Terminal)[] symbols)
    {
        var trie = new List<byte>();
        var offsets = new List<int>();
        foreach (var (_, terminal) in symbols)
        {
            offsets.Add(trie.Count);
            trie.AddRange(Uleb((ulong)terminal.Length));
            trie.AddRange(terminal);
            trie.Add(0);
        }

        // The root must be at offset 0: rotate by writing it first with fixed-width (5-byte) child offsets.
        var root = new List<byte> { 0, (byte)symbols.Length };
        int rootSize = 2 + symbols.Sum(s => Encoding.UTF8.GetByteCount(s.Name) + 1 + 5);
        for (int i = 0; i < symbols.Length; i++)
        {
            root.AddRange(Encoding.UTF8.GetBytes(symbols[i].Name + "\0"));
            ulong offset = (ulong)(rootSize + offsets[i]);
            root.AddRange(PaddedUleb(offset, 5));
        }

        return [.. root, .. trie];
    }

    /// <summary>A ULEB128 padded with continuation bytes to exactly <paramref name="width"/> bytes (valid, as linkers write fixed-size offsets).</summary>
    public static byte[] PaddedUleb(ulong value, int width)
    {
        var bytes = new byte[width];
        for (int i = 0; i < width; i++)
        {
            bytes[i] = (byte)((value & 0x7f) | (i < width - 1 ? 0x80u : 0u));
            value >>= 7;
        }

        return bytes;
    }
}
