using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>
/// Checks everything the Mach-O reader reports about one image against LLVM's tools, rendering both
/// sides as comparable lines so that a mismatch shows up in the assertion diff as the export, import,
/// dylib or segment that differs.
/// </summary>
/// <remarks>
/// llvm-objdump 14 reads the export trie and bind opcodes of LC_DYLD_INFO but neither
/// LC_DYLD_EXPORTS_TRIE nor LC_DYLD_CHAINED_FIXUPS: for images with those, exports and imports are
/// checked against the symbol table as llvm-nm -m prints it (external definitions; undefined
/// externals with their two-level namespace library), which the linker writes from the same symbols.
/// </remarks>
public static class MachOCrossCheck
{
    /// <summary>Reads the image (<paramref name="arch"/>'s slice of a fat file) and checks it all; no warnings.</summary>
    public static BinaryFile AssertMatchesLlvm(string path, string? arch)
    {
        byte[] data = File.ReadAllBytes(path);
        var file = arch is null ? BinaryFile.Parse(data, path) : BinaryContainer.Parse(data, path).Select(arch).Read();
        var details = file.Summary.MachO!;

        Assert.Empty(file.Warnings);
        if (details.ExportsFrom == MachOTable.DyldInfo)
        {
            Assert.Equal(ExportsFromObjdump(path, arch), ExportsAsObjdump(file));
        }
        else
        {
            Assert.Equal(MachOTable.ExportsTrie, details.ExportsFrom);
        }

        // Every file: the exports agree with the symbol table's external definitions.
        Assert.Equal(ExportsFromNm(path, arch), ExportsAsNm(file));

        if (details.ImportsFrom == MachOTable.DyldInfo)
        {
            Assert.Equal(ImportsFromObjdump(path, arch, file), ImportsAsObjdump(file));
        }
        else
        {
            Assert.Equal(MachOTable.ChainedFixups, details.ImportsFrom);
        }

        // Every file: the symbol table's undefined externals name the same libraries and weak flags. lld
        // keeps dyld_stub_binder in the symbol table of chained-fixups images, which bind nothing to it.
        // A weak-lookup import (ordinal -3) has no library in the reader's view.
        var fromNm = ImportsFromNm(path, arch, file);
        if (details.ImportsFrom == MachOTable.ChainedFixups)
        {
            // Chained fixups bind references to weak definitions by weak lookup (ordinal -3) across all
            // images, where the symbol table keeps the library the linker found the definition in.
            var weakLookups = file.Imports.Where(i => i.LibraryOrdinal == -3).Select(i => i.Name + " from ").ToList();
            fromNm.RemoveAll(line => line.StartsWith("dyld_stub_binder from ", System.StringComparison.Ordinal)
                || weakLookups.Any(prefix => line.StartsWith(prefix, System.StringComparison.Ordinal)));
        }

        Assert.Equal(fromNm, ImportsAsNm(file));

        Assert.Equal(
            LlvmMachO.Dylibs(path, arch).Select(d => $"{d.Name} compatibility {d.Compatibility} current {d.Current} {d.Kind}"),
            details.Dylibs.Select(d => $"{d.Name} compatibility {d.CompatibilityVersionText} current {d.CurrentVersionText} {KindWord(d.Command)}"));
        Assert.Equal(
            LlvmMachO.Dylibs(path, arch).Select(d => d.Name),
            file.Dependencies.Select(d => d.Name));
        Assert.Equal(LlvmMachO.DylibId(path, arch), file.Summary.OwnName);
        var id = LlvmMachO.IdWithVersions(path, arch);
        Assert.Equal(id is null ? null : $"{id.Compatibility} {id.Current}", details.Id is null ? null : $"{details.Id.CompatibilityVersionText} {details.Id.CurrentVersionText}");
        Assert.Equal(LlvmMachO.Rpaths(path, arch), file.Summary.SearchPaths.Select(s => s.Value));
        Assert.All(file.Summary.SearchPaths, s => Assert.Equal(SearchPathKind.RPath, s.Kind));

        var (fileType, commands, commandsSize, segments) = LlvmMachO.PrivateHeaders(path, arch);
        Assert.Equal(fileType, details.FileTypeName.ToUpperInvariant());
        Assert.Equal(commands, details.LoadCommandCount);
        Assert.Equal(commandsSize, details.LoadCommandsSize);
        Assert.Equal(segments.Select(SegmentLine), SegmentsOf(details));
        return file;
    }

    private static string KindWord(uint command) => MachONames.LoadCommand(command) switch
    {
        "LC_LOAD_WEAK_DYLIB" => "weak",
        "LC_REEXPORT_DYLIB" => "reexport",
        "LC_LOAD_UPWARD_DYLIB" => "upward",
        "LC_LAZY_LOAD_DYLIB" => "lazy",
        _ => "",
    };

    /// <summary>llvm-objdump's trie lines, sorted (it lists a node's terminal after its children; the reader before).</summary>
    public static List<string> ExportsFromObjdump(string path, string? arch) =>
        LlvmMachO.Exports(path, arch)
            .Select(e => TrieLine(e.Name, e.Address, e.Flags, e.ReexportedFrom))
            .Order(System.StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The reader's exports as llvm-objdump prints them: address (image base + trie offset; llvm-objdump adds
    /// the base to absolute values too, the reader reports them as stored), flags, and re-exports' libraries by short name.
    /// </summary>
    public static List<string> ExportsAsObjdump(BinaryFile file)
    {
        var details = file.Summary.MachO!;
        return file.Exports.Select(e =>
        {
            var flags = new List<string>();
            if (e.Binding == SymbolBinding.Weak)
            {
                flags.Add("weak_def");
            }

            if (e.Kind == SymbolKind.ThreadLocal)
            {
                flags.Add("per-thread");
            }

            if (e.IsAbsolute)
            {
                flags.Add("absolute");
            }

            if (e.ResolverAddress is ulong resolver)
            {
                flags.Add(string.Create(CultureInfo.InvariantCulture, $"resolver=0x{resolver - details.ImageBase:X8}"));
            }

            string? from = null;
            if (e.ForwardedTo is string target)
            {
                int colon = target.LastIndexOf(':');
                string library = LlvmMachO.ShortName(target[..colon]);
                string imported = target[(colon + 1)..];
                from = imported == e.Name ? $"from {library}" : $"{imported} from {library}";
            }

            ulong? address = e.ForwardedTo is not null ? null : e.IsAbsolute ? e.Address + details.ImageBase : e.Address;
            return TrieLine(e.Name, address, string.Join(", ", flags), from);
        }).Order(System.StringComparer.Ordinal).ToList();
    }

    private static string TrieLine(string name, ulong? address, string flags, string? from) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {(address is ulong a ? $"0x{a:X}" : "re-export")} [{flags}]{(from is null ? "" : $" ({from})")}");

    /// <summary>llvm-nm's external definitions: name, value, weak, absolute or thread-local (the section nm names).</summary>
    public static List<string> ExportsFromNm(string path, string? arch) =>
        LlvmMachO.Nm(path, arch)
            .Where(s => s.IsExternal && !s.IsUndefined && s.Where != "indirect")
            .Select(s => NmLine(s.Name, s.Value, (s.Description & 0x80) != 0, s.Where == "absolute", s.Where.EndsWith(",__thread_vars", System.StringComparison.Ordinal)))
            .Order(System.StringComparer.Ordinal)
            .ToList();

    /// <summary>The reader's exports that the symbol table holds too (re-exports are in the trie only).</summary>
    public static List<string> ExportsAsNm(BinaryFile file) =>
        file.Exports.Where(e => e.ForwardedTo is null)
            .Select(e => NmLine(e.Name, e.Address, e.Binding == SymbolBinding.Weak, e.IsAbsolute, e.Kind == SymbolKind.ThreadLocal))
            .Order(System.StringComparer.Ordinal)
            .ToList();

    private static string NmLine(string name, ulong address, bool weak, bool absolute, bool threadLocal) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} 0x{address:X}{(weak ? " weak" : "")}{(absolute ? " absolute" : "")}{(threadLocal ? " tls" : "")}");

    /// <summary>
    /// One line per (library, symbol) of the bind and lazy-bind tables, weak when any bind row says
    /// weak_import, plus the weak-bind rows for symbols the image neither binds nor defines (library "weak").
    /// </summary>
    public static List<string> ImportsFromObjdump(string path, string? arch, BinaryFile file)
    {
        var rows = LlvmMachO.Binds(path, arch, "--bind").Concat(LlvmMachO.Binds(path, arch, "--lazy-bind")).ToList();
        var lines = rows.GroupBy(r => (r.Dylib, r.Symbol))
            .Select(g => $"{g.Key.Dylib} {g.Key.Symbol}")
            .ToList();
        var bound = rows.Select(r => r.Symbol).ToHashSet();
        var defined = file.Exports.Select(e => e.Name).ToHashSet();
        lines.AddRange(LlvmMachO.Binds(path, arch, "--weak-bind")
            .Where(r => r.Type != "strong" && !bound.Contains(r.Symbol) && !defined.Contains(r.Symbol))
            .Select(r => r.Symbol).Distinct()
            .Select(symbol => $"weak {symbol}"));
        return lines.Order(System.StringComparer.Ordinal).ToList();
    }

    public static List<string> ImportsAsObjdump(BinaryFile file) =>
        file.Imports.Select(i => $"{OrdinalName(i, file)} {i.Name}").Order(System.StringComparer.Ordinal).ToList();

    /// <summary>llvm-objdump's words for the library of a binding: the short name, or this-image / main-executable / flat-namespace / weak.</summary>
    private static string OrdinalName(Import import, BinaryFile file) => import.LibraryOrdinal switch
    {
        0 => "this-image",
        -1 => "main-executable",
        -2 => "flat-namespace",
        -3 => "weak",
        _ => LlvmMachO.ShortName(import.Library!),
    };

    /// <summary>llvm-nm's undefined externals bound to a dylib (not dynamically looked up, not from the executable) as "name from #ordinal install-name [weak]" (N_WEAK_REF; the dylib from --dylibs-used).</summary>
    public static List<string> ImportsFromNm(string path, string? arch, BinaryFile file)
    {
        var dylibs = LlvmMachO.Dylibs(path, arch);
        return LlvmMachO.Nm(path, arch)
            .Where(s => s.IsUndefined && s.IsExternal && s.LibraryOrdinal is >= 1 and < 0xfe)
            .Select(s => ImportLine(s.Name, s.LibraryOrdinal, s.LibraryOrdinal >= 1 && s.LibraryOrdinal <= dylibs.Count ? dylibs[s.LibraryOrdinal - 1].Name : "?", (s.Description & 0x40) != 0))
            .Order(System.StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The reader's imports bound to a library (the ones the symbol table lists as undefined with a "from").</summary>
    public static List<string> ImportsAsNm(BinaryFile file) =>
        file.Imports.Where(i => i.LibraryOrdinal > 0)
            .Select(i => ImportLine(i.Name, i.LibraryOrdinal!.Value, i.Library!, i.IsWeak))
            .Order(System.StringComparer.Ordinal)
            .ToList();

    private static string ImportLine(string name, int ordinal, string library, bool weak) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} from #{ordinal} {library}{(weak ? " weak" : "")}");

    private static string SegmentLine(LlvmLoadCommand command) => command.Kind == "segment"
        ? $"segment {command.Fields["segname"]} vm {Hex(command.Fields["vmaddr"])}+{Hex(command.Fields["vmsize"])} file {command.Fields["fileoff"]}+{command.Fields["filesize"]} sections {command.Fields["nsects"]}"
        : $"section {command.Fields["segname"]},{command.Fields["sectname"]} {Hex(command.Fields["addr"])}+{Hex(command.Fields["size"])} offset {command.Fields["offset"]}";

    private static IEnumerable<string> SegmentsOf(MachODetails details) =>
        details.Segments.SelectMany(s => new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"segment {s.Name} vm 0x{s.VmAddress:x}+0x{s.VmSize:x} file {s.FileOffset}+{s.FileSize} sections {s.Sections.Count}"),
        }.Concat(s.Sections.Select(c => string.Create(CultureInfo.InvariantCulture, $"section {c.SegmentName},{c.Name} 0x{c.Address:x}+0x{c.Size:x} offset {c.Offset}"))));

    private static string Hex(string value) => "0x" + ulong.Parse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture);
}
