using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// Checks everything the PE reader reports about a file against LLVM's tools, rendering both sides as
/// comparable lines so that a mismatch shows up in the assertion diff as the export, import or field
/// that differs.
/// </summary>
public static class PeCrossCheck
{
    /// <summary>Exports, imports, descriptors, dependencies, headers and sections all equal LLVM's view; no warnings.</summary>
    public static void AssertMatchesLlvm(string path)
    {
        var file = BinaryFile.Open(path);

        Assert.Empty(file.Warnings);
        Assert.Equal(ExportsFromLlvm(path), ExportsFromReader(file));
        Assert.Equal(ImportsFromLlvm(path), ImportsFromReader(file));
        Assert.Equal(DescriptorsFromLlvm(path), DescriptorsFromReader(file));
        Assert.Equal(DependenciesFromLlvm(path), file.Dependencies.Select(d => $"{d.Name} {d.Kind}"));
        Assert.Equal(HeadersFromLlvm(path), HeadersFromReader(file));
        Assert.Equal(SectionsFromLlvm(path), SectionsFromReader(file));
        AssertExportKindsFollowSections(path, file);
        AssertHintsIndexTheSortedNameTable(file);

        var (dllName, ordinalBase, _) = LlvmCoff.ObjdumpExports(path);
        Assert.Equal(dllName, file.Summary.OwnName);
        Assert.Equal(ordinalBase, file.Summary.Pe!.ExportDirectory?.OrdinalBase);
    }

    /// <summary>
    /// llvm-readobj's exports (every address-table slot with its first name) joined with the forwarder
    /// targets of llvm-objdump -p; the unused slots (RVA 0, no name) that both list are left out, as dumpbin does.
    /// </summary>
    public static List<string> ExportsFromLlvm(string path)
    {
        var forwarders = LlvmCoff.ObjdumpExports(path).Rows.Where(r => r.ForwardedTo is not null).ToDictionary(r => r.Ordinal, r => r.ForwardedTo);
        return LlvmCoff.Exports(path)
            .Where(e => e.Rva != 0 || e.Name.Length > 0)
            .Select(e => ExportLine(e.Ordinal, e.Name, e.Rva, forwarders.GetValueOrDefault(e.Ordinal)))
            .ToList();
    }

    /// <summary>The reader's exports, one per ordinal with its first name (llvm-readobj shows one name per slot).</summary>
    public static List<string> ExportsFromReader(BinaryFile file) =>
        file.Exports.GroupBy(e => e.Ordinal).Select(g => g.First())
            .Select(e => ExportLine(e.Ordinal!.Value, e.Name, (uint)e.Address, e.ForwardedTo))
            .ToList();

    /// <summary>llvm-readobj's "Symbol: name (n)" lines: n is the hint of an import by name, the ordinal of one by ordinal (empty name).</summary>
    public static List<string> ImportsFromLlvm(string path) =>
        LlvmCoff.Imports(path)
            .SelectMany(b => b.Symbols.Select(s => ImportLine(b.Dll, b.IsDelayLoad, s.Name, s.Name.Length == 0 ? null : s.Number, s.Name.Length == 0 ? s.Number : null)))
            .ToList();

    public static List<string> ImportsFromReader(BinaryFile file) =>
        file.Imports.Select(i => ImportLine(i.Library!, i.IsDelayLoad, i.Name, i.Hint, i.Ordinal)).ToList();

    public static List<string> DescriptorsFromLlvm(string path) =>
        LlvmCoff.Imports(path).Select(b => b.IsDelayLoad
            ? DelayDescriptorLine(b.Dll, b.Hex("Attributes"), b.Hex("ModuleHandle"), b.Hex("ImportAddressTable"), b.Hex("ImportNameTable"),
                b.Hex("BoundDelayImportTable"), b.Hex("UnloadDelayImportTable"), b.Symbols.Count)
            : DescriptorLine(b.Dll, b.Hex("ImportLookupTableRVA"), b.Hex("ImportAddressTableRVA"), b.Symbols.Count))
            .ToList();

    public static List<string> DescriptorsFromReader(BinaryFile file) =>
        file.Summary.Pe!.ImportDescriptors.Select(d => d.IsDelayLoad
            ? DelayDescriptorLine(d.DllName, d.Attributes, d.ModuleHandleRva, d.ImportAddressTableRva, d.ImportNameTableRva,
                d.BoundImportAddressTableRva, d.UnloadInformationTableRva, d.ImportCount)
            : DescriptorLine(d.DllName, d.ImportNameTableRva, d.ImportAddressTableRva, d.ImportCount))
            .ToList();

    /// <summary>Each DLL of the import blocks once (case-insensitively), then each delay-loaded one.</summary>
    public static List<string> DependenciesFromLlvm(string path) =>
        LlvmCoff.Imports(path)
            .Select(b => (b.Dll, Kind: b.IsDelayLoad ? DependencyKind.DelayLoad : DependencyKind.Needed))
            .DistinctBy(d => (d.Dll.ToUpperInvariant(), d.Kind))
            .Select(d => $"{d.Dll} {d.Kind}")
            .ToList();

    public static List<string> HeadersFromLlvm(string path)
    {
        var (fields, characteristics) = LlvmCoff.FileHeaders(path);
        bool is64 = fields["Magic"] == "0x20B";
        bool isDll = (characteristics[0] & 0x2000) != 0;
        return
        [
            $"machine=0x{LlvmCoff.ParseHex(fields["Machine"]):X} bits={(is64 ? 64 : 32)} kind={(isDll ? BinaryKind.SharedLibrary : BinaryKind.Executable)}",
            $"stamp=0x{LlvmCoff.ParseHex(fields["TimeDateStamp"]):X} characteristics=0x{characteristics[0]:X} dll=0x{characteristics[1]:X}",
            $"base=0x{LlvmCoff.ParseHex64(fields["ImageBase"]):X} entry=0x{LlvmCoff.ParseHex(fields["AddressOfEntryPoint"]):X} subsystem={LlvmCoff.ParseHex(fields["Subsystem"])}",
            $"linker={fields["MajorLinkerVersion"]}.{int.Parse(fields["MinorLinkerVersion"], CultureInfo.InvariantCulture):00}",
        ];
    }

    public static List<string> HeadersFromReader(BinaryFile file)
    {
        var pe = file.Summary.Pe!;
        return
        [
            $"machine=0x{pe.Machine:X} bits={file.Summary.Bits} kind={file.Summary.Kind}",
            $"stamp=0x{pe.TimeDateStamp:X} characteristics=0x{pe.Characteristics:X} dll=0x{pe.DllCharacteristics:X}",
            $"base=0x{pe.ImageBase:X} entry=0x{pe.EntryPoint:X} subsystem={pe.Subsystem}",
            $"linker={pe.LinkerVersion}",
        ];
    }

    public static List<string> SectionsFromLlvm(string path) =>
        LlvmCoff.Sections(path).Select(s => SectionLine(s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData, s.RawDataSize, s.Characteristics)).ToList();

    public static List<string> SectionsFromReader(BinaryFile file) =>
        file.Summary.Pe!.Sections.Select(s => SectionLine(s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData, s.SizeOfRawData, s.Characteristics)).ToList();

    /// <summary>An export in an executable section (per llvm-readobj --sections) is a function, one elsewhere is data, a forwarder neither.</summary>
    public static void AssertExportKindsFollowSections(string path, BinaryFile file)
    {
        var sections = LlvmCoff.Sections(path);
        foreach (var export in file.Exports)
        {
            var section = sections.FirstOrDefault(s => export.Address >= s.VirtualAddress && export.Address < s.VirtualAddress + (s.VirtualSize != 0 ? s.VirtualSize : s.RawDataSize));
            var expected = export.ForwardedTo is not null || section is null ? SymbolKind.Other
                : (section.Characteristics & 0x20000020) != 0 ? SymbolKind.Function
                : SymbolKind.Data;
            Assert.True(expected == export.Kind, $"{export.Name} #{export.Ordinal} at 0x{export.Address:X}: expected {expected}, read {export.Kind}");
        }
    }

    /// <summary>The hints of the named exports are 0..NumberOfNames-1 and, in that order, the names are sorted as the loader's binary search needs.</summary>
    public static void AssertHintsIndexTheSortedNameTable(BinaryFile file)
    {
        var named = file.Exports.Where(e => e.Hint is not null).OrderBy(e => e.Hint).ToList();
        Assert.Equal(Enumerable.Range(0, named.Count).Select(i => (uint)i), named.Select(e => e.Hint!.Value));
        Assert.Equal((uint)named.Count, file.Summary.Pe!.ExportDirectory?.NumberOfNames ?? 0);
        Assert.Equal(named.Select(e => e.Name).Order(System.StringComparer.Ordinal), named.Select(e => e.Name));
        Assert.All(file.Exports.Where(e => e.Hint is null), e => Assert.Equal("", e.Name));
    }

    private static string ExportLine(uint ordinal, string name, uint rva, string? forwardedTo) =>
        string.Create(CultureInfo.InvariantCulture, $"#{ordinal} '{name}' 0x{rva:X}{(forwardedTo is null ? "" : " -> " + forwardedTo)}");

    private static string ImportLine(string dll, bool delay, string name, uint? hint, uint? ordinal) =>
        string.Create(CultureInfo.InvariantCulture, $"{dll}{(delay ? " (delay)" : "")}: {(ordinal is uint o ? $"ordinal {o}" : $"'{name}' hint {hint}")}");

    private static string DescriptorLine(string dll, uint lookup, uint iat, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{dll} INT=0x{lookup:X} IAT=0x{iat:X} imports={count}");

    private static string DelayDescriptorLine(string dll, uint attributes, uint module, uint iat, uint nameTable, uint bound, uint unload, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"delay {dll} attributes=0x{attributes:X} HMODULE=0x{module:X} IAT=0x{iat:X} INT=0x{nameTable:X} bound=0x{bound:X} unload=0x{unload:X} imports={count}");

    private static string SectionLine(string name, uint address, uint virtualSize, uint rawOffset, uint rawSize, uint characteristics) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} 0x{address:X}+0x{virtualSize:X} raw 0x{rawOffset:X}+0x{rawSize:X} flags 0x{characteristics:X8}");
}
