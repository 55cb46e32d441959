using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// PE export tables and Mach-O export tries are read in place, on first use: enumerating thousands of
/// names allocates no more than enumerating a few, and the lists, the enumeration and the warnings agree
/// whichever is asked first.
/// </summary>
public sealed class LazyExportTablesTests
{
    /// <summary>The walk's own objects (the walk, the name buffer, a Mach-O walk's stack): far less than one string per export.</summary>
    private const long WalkAllocationLimit = 16 * 1024;

    public static TheoryData<string> Libraries() => new() { "pe", "macho", "macho-object" };

    private static string PathOf(string format) => format switch
    {
        "pe" => ManyExports.Dll,
        "macho" => ManyExports.Dylib,
        _ => ManyExports.MachOObject, // exports from the symbol table: no trie
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Enumerating_thousands_of_names_allocates_a_small_constant(string format)
    {
        var data = File.ReadAllBytes(PathOf(format));
        var file = BinaryFile.Parse(data, PathOf(format));

        // The first question makes the per-file index (PE: each slot's names); walks after it are measured.
        Assert.Empty(file.Warnings);
        Assert.True(NameBytes(file) > 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long bytes = NameBytes(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(file.Exports.Count > ManyExports.Functions, $"{file.Exports.Count} exports");
        Assert.Equal(file.Exports.Sum(e => (long)e.Name.Length), bytes);
        Assert.True(allocated < WalkAllocationLimit, $"walking {file.Exports.Count} names allocated {allocated} bytes");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Lists_enumeration_and_warnings_agree_in_any_order(string format)
    {
        var data = File.ReadAllBytes(PathOf(format));
        AssertAgreeInAnyOrder(data);
    }

    [Fact]
    public void The_mach_o_object_exports_come_from_its_symbol_table()
    {
        var file = BinaryFile.Parse(File.ReadAllBytes(ManyExports.MachOObject));
        Assert.Equal(MachOTable.SymbolTable, file.Summary.MachO!.ExportsFrom);
        Assert.Contains(file.Exports, e => e.Name == "_d02999" && e.Kind == SymbolKind.Data);
    }

    [Fact]
    public void The_pe_export_tables_have_every_kind_of_entry()
    {
        var exports = BinaryFile.Parse(File.ReadAllBytes(ManyExports.Dll)).Exports;

        Assert.Contains(exports, e => e.Name == "fwd_sleep" && e.ForwardedTo == "KERNEL32.Sleep" && e.Kind == SymbolKind.Other);
        Assert.Contains(exports, e => e.Name.Length == 0 && e.Ordinal == 9000 && e.Hint is null);
        Assert.Contains(exports, e => e.Name == "d00010" && e.Kind == SymbolKind.Data);
        Assert.Equal(exports.Single(e => e.Name == "f00000").Address, exports.Single(e => e.Name == "alias_f0").Address);
    }

    [Fact]
    public void Damaged_pe_export_tables_warn_the_same_whichever_question_comes_first()
    {
        byte[] data = File.ReadAllBytes(ManyExports.Dll);
        var directory = BinaryFile.Parse(data).Summary.Pe!.ExportDirectory!;
        long names = FileOffset(data, directory.NameTableRva);
        long ordinals = FileOffset(data, directory.OrdinalTableRva);

        // Names that point nowhere, an ordinal past the address table, and a name pointer table cut short.
        for (int i = 0; i < 40; i += 3)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)names + (4 * i)), 0xFFFF_FF00);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)ordinals + 2), 0xFFFF);

        var warnings = AssertAgreeInAnyOrder(data);
        Assert.Contains(warnings, w => w.Message.StartsWith("Invalid PE export name at offset 0x", StringComparison.Ordinal) && w.Message.Contains("more like it", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.StartsWith("Invalid PE export ordinal table at offset 0x", StringComparison.Ordinal));
    }

    /// <summary>Asks three fresh parses in three orders; returns the warnings they all gave.</summary>
    private static System.Collections.Generic.IReadOnlyList<ObjectFileProblem> AssertAgreeInAnyOrder(byte[] data)
    {
        LazyReadingTests.AssertWalksAgree(BinaryFile.Parse(data), BinaryFile.Parse(data));
        LazyReadingTests.AssertNameFreeWalkAgrees(BinaryFile.Parse(data), BinaryFile.Parse(data));

        var listsFirst = BinaryFile.Parse(data);
        var exports = listsFirst.Exports;
        var warningsFirst = BinaryFile.Parse(data);
        var warnings = warningsFirst.Warnings;
        Assert.Equal(listsFirst.Warnings, warnings);
        Assert.Equal(exports, warningsFirst.Exports);
        Assert.Equal(exports.Select(e => e.Name), Utf8Names(BinaryFile.Parse(data)));
        return warnings;
    }

    private static long NameBytes(BinaryFile file)
    {
        long total = 0;
        foreach (var export in file.EnumerateExports())
        {
            total += export.Utf8Name.Length;
        }

        return total;
    }

    private static string[] Utf8Names(BinaryFile file)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (var export in file.EnumerateExports())
        {
            names.Add(System.Text.Encoding.UTF8.GetString(export.Utf8Name));
        }

        return [.. names];
    }

    /// <summary>The file offset of an RVA, through the section table the reader reported.</summary>
    private static long FileOffset(byte[] data, uint rva)
    {
        var section = BinaryFile.Parse(data).Summary.Pe!.Sections.Single(s => rva >= s.VirtualAddress && rva < s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData));
        return section.PointerToRawData + (rva - section.VirtualAddress);
    }
}
