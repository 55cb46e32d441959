using System.Collections.Generic;
using System.Linq;
using System.Text;
using Cdylib.ObjectFile.Tests.Infrastructure;
using static Cdylib.ObjectFile.Tests.Infrastructure.MachOImageBuilder;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// Hand-made Mach-O dylibs for what ld64.lld does not write: re-exports and stub-and-resolver entries in
/// the trie, child offsets that point backwards, special library ordinals in bind opcodes, a 32-bit i386
/// image read from its symbol table alone. Each is also read by llvm-objdump / llvm-nm, which are the
/// reference.
/// </summary>
public sealed class MachOSyntheticTests
{
    private static string Save(byte[] image, string name) => ElfPatch.Save(image, name);

    [Fact]
    public void Trie_reexports_resolvers_absolute_weak_and_thread_local_entries_match_llvm()
    {
        var builder = new MachOImageBuilder
        {
            Dylibs = [(0xc, "/usr/lib/libSystem.B.dylib"), (0x8000001f, "@rpath/libother.dylib")],
            Trie = FlatTrie(
                ("_regular", Terminal(0x00, 0x800)),
                ("_weak", Terminal(0x04, 0x810)),
                ("_data", Terminal(0x00, 0x900)),
                ("_tls", Terminal(0x01, 0x920)),
                ("_absolute", Terminal(0x02, 0xdead)),
                ("_resolved", Terminal(0x10, 0x820, resolver: 0x830)),
                ("_same", Terminal(0x08, 2)),
                ("_renamed", Terminal(0x08, 1, importName: "_original"))),
        };
        string path = Save(builder.Build(), "synthetic-trie.dylib");

        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(MachOCrossCheck.ExportsFromObjdump(path, null), MachOCrossCheck.ExportsAsObjdump(file));
        var byName = file.Exports.ToDictionary(e => e.Name);
        Assert.Equal(SymbolKind.Function, byName["_regular"].Kind);
        Assert.Equal(SymbolBinding.Weak, byName["_weak"].Binding);
        Assert.Equal(SymbolKind.Data, byName["_data"].Kind);
        Assert.Equal(SymbolKind.ThreadLocal, byName["_tls"].Kind);
        Assert.True(byName["_absolute"].IsAbsolute);
        Assert.Equal(0xdeadUL, byName["_absolute"].Address);
        Assert.Equal(SymbolKind.IndirectFunction, byName["_resolved"].Kind);
        Assert.Equal(0x830UL, byName["_resolved"].ResolverAddress);
        Assert.Equal("@rpath/libother.dylib:_same", byName["_same"].ForwardedTo);
        Assert.Equal("/usr/lib/libSystem.B.dylib:_original", byName["_renamed"].ForwardedTo);
        Assert.Equal(
            ["/usr/lib/libSystem.B.dylib Needed", "@rpath/libother.dylib Reexport"],
            file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));
    }

    [Fact]
    public void Child_offsets_pointing_backwards_are_valid()
    {
        // root (0): "_a" -> A (20); B (10): terminal of "_ab"; A (20): terminal of "_a", "b" -> B (10).
        var trie = new byte[32];
        new byte[] { 0, 1, (byte)'_', (byte)'a', 0, 20 }.CopyTo(trie, 0);
        byte[] b = [.. Uleb(3), .. Terminal(0, 0x808), 0];
        b.CopyTo(trie, 10);
        byte[] a = [.. Uleb(3), .. Terminal(0, 0x800), 1, (byte)'b', 0, 10];
        a.CopyTo(trie, 20);
        string path = Save(new MachOImageBuilder { Trie = trie }.Build(), "backward-trie.dylib");

        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(["_a 0x800", "_ab 0x808"], file.Exports.Select(e => $"{e.Name} 0x{e.Address:x}"));
        Assert.Equal(MachOCrossCheck.ExportsFromObjdump(path, null), MachOCrossCheck.ExportsAsObjdump(file));
    }

    [Fact]
    public void Bind_opcodes_with_special_and_uleb_ordinals_and_weak_imports_match_llvm()
    {
        var bind = new List<byte>();
        void Bind(byte ordinalOpcode, string symbol, byte flags = 0, byte[]? uleb = null)
        {
            bind.Add(ordinalOpcode);
            if (uleb is not null)
            {
                bind.AddRange(uleb);
            }

            bind.Add((byte)(0x40 | flags));
            bind.AddRange(Encoding.ASCII.GetBytes(symbol + "\0"));
            bind.Add(0x51);               // type pointer
            bind.Add(0x70);               // segment 0 (__TEXT), offset 0x10: inside __text for llvm-objdump, which counts from the first section
            bind.AddRange(Uleb(0x10));
            bind.Add(0x90);               // do bind
        }

        Bind(0x11, "_from_first");
        Bind(0x20, "_from_second_uleb", uleb: Uleb(2));
        Bind(0x12, "_weakly", flags: 1);
        Bind(0x30, "_from_self");
        Bind(0x3f, "_from_main");
        Bind(0x3e, "_flat");
        bind.Add(0x00);
        var builder = new MachOImageBuilder
        {
            Dylibs = [(0xc, "/usr/lib/libSystem.B.dylib"), (0x80000018, "@rpath/libweak.dylib")],
            Trie = FlatTrie(("_regular", Terminal(0, 0x800))),
            Bind = [.. bind],
        };
        string path = Save(builder.Build(), "synthetic-bind.dylib");

        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(MachOCrossCheck.ImportsFromObjdump(path, null, file), MachOCrossCheck.ImportsAsObjdump(file));
        Assert.Equal(
            ["_from_first 1 /usr/lib/libSystem.B.dylib Global", "_from_second_uleb 2 @rpath/libweak.dylib Global", "_weakly 2 @rpath/libweak.dylib Weak",
             "_from_self 0 @rpath/libsynthetic.dylib Global", "_from_main -1  Global", "_flat -2  Global"],
            file.Imports.Select(i => $"{i.Name} {i.LibraryOrdinal} {i.Library} {i.Binding}"));
        Assert.Equal(LlvmMachO.Binds(path, null, "--bind").Where(r => r.WeakImport).Select(r => r.Symbol), file.Imports.Where(i => i.IsWeak).Select(i => i.Name));
        Assert.Equal(DependencyKind.Weak, file.Dependencies[1].Kind);
    }

    [Fact]
    public void I386_dylib_without_dyld_info_is_read_from_its_symbol_table()
    {
        var builder = new MachOImageBuilder
        {
            Is64 = false,
            CpuType = 7,
            CpuSubtype = 3,
            Symbols =
            [
                ("_local", 0x0e, 1, 0, 0x800),           // N_SECT, not external: neither
                ("_answer", 0x0f, 1, 0, 0x810),          // N_SECT | N_EXT in __text
                ("_table", 0x0f, 2, 0, 0x900),           // in __const
                ("_weak_one", 0x0f, 1, 0x80, 0x820),     // N_WEAK_DEF
                ("_hidden", 0x1f, 1, 0, 0x830),          // N_PEXT: not exported
                ("_constant", 0x03, 0, 0, 0x1234),       // N_ABS | N_EXT
                ("_imported", 0x01, 0, 0x0100, 0),       // undefined, ordinal 1
                ("_maybe", 0x01, 0, 0x0140, 0),          // N_WEAK_REF, ordinal 1
                ("_anywhere", 0x01, 0, 0xfe00, 0),       // dynamic lookup
            ],
        };
        string path = Save(builder.Build(), "synthetic-i386.dylib");

        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal("x86", file.Summary.Machine);
        Assert.Equal(32, file.Summary.Bits);
        Assert.Equal("i386", file.Summary.MachO!.Architecture);
        Assert.Equal(MachOTable.SymbolTable, file.Summary.MachO.ExportsFrom);
        Assert.Equal(MachOTable.SymbolTable, file.Summary.MachO.ImportsFrom);
        Assert.Equal(MachOCrossCheck.ExportsFromNm(path, null), MachOCrossCheck.ExportsAsNm(file));
        Assert.Equal(MachOCrossCheck.ImportsFromNm(path, null, file), MachOCrossCheck.ImportsAsNm(file));
        Assert.Equal(
            ["_answer Function Global", "_table Data Global", "_weak_one Function Weak", "_constant Other Global"],
            file.Exports.Select(e => $"{e.Name} {e.Kind} {e.Binding}"));
        Assert.Equal(
            ["_imported 1 Global", "_maybe 1 Weak", "_anywhere -2 Global"],
            file.Imports.Select(i => $"{i.Name} {i.LibraryOrdinal} {i.Binding}"));
    }
}
