using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>An entry of <c>llvm-objdump --macho --exports-trie</c>: address (null for a re-export), name, the bracketed flags, and a re-export's "from lib" or "name from lib".</summary>
public sealed record LlvmTrieExport(ulong? Address, string Name, string Flags, string? ReexportedFrom);

/// <summary>A row of the bind, lazy-bind or weak-bind table of <c>llvm-objdump --macho</c>: the dylib column (null in the weak table), symbol, type column, weak import.</summary>
public sealed record LlvmBind(string? Dylib, string Symbol, string Type, bool WeakImport);

/// <summary>A line of <c>llvm-objdump --macho --dylibs-used</c>: install name, versions and the kind words after them.</summary>
public sealed record LlvmDylib(string Name, string Compatibility, string Current, string Kind);

/// <summary>A symbol of <c>llvm-nm</c>: value, where -m says it is ("__TEXT,__text", "absolute", "undefined"), the raw n_type and n_desc, name.</summary>
public sealed record LlvmNmSymbol(ulong Value, string Where, byte Type, ushort Description, string Name)
{
    /// <summary>N_EXT without N_PEXT and not a debugging entry.</summary>
    public bool IsExternal => (Type & 0xe0) == 0 && (Type & 0x11) == 0x01;

    public bool IsUndefined => Where == "undefined";

    /// <summary>The two-level namespace library ordinal of an undefined symbol (GET_LIBRARY_ORDINAL).</summary>
    public int LibraryOrdinal => Description >> 8;
}

/// <summary>A segment or section of <c>llvm-objdump --macho --private-headers</c>.</summary>
public sealed record LlvmLoadCommand(string Kind, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// What LLVM's Mach-O tools (llvm-objdump --macho, llvm-nm -m; LLVM 14 or later) say about a Mach-O
/// file, parsed from their text output: the reference the Mach-O reader is checked against. For a fat
/// file each call names the architecture (--arch).
/// </summary>
public static partial class LlvmMachO
{
    private static string ObjdumpTool => Toolchain.Find("llvm-objdump");

    private static string NmTool => Toolchain.Find("llvm-nm");

    private static string[] Objdump(string path, string? arch, params string[] options)
    {
        var arguments = new List<string> { "--macho" };
        if (arch is not null)
        {
            arguments.Add("--arch=" + arch);
        }

        arguments.AddRange(options);
        arguments.Add(path);
        return Tool.Run(ObjdumpTool, [.. arguments]).Split('\n');
    }

    public static IReadOnlyList<LlvmTrieExport> Exports(string path, string? arch)
    {
        var exports = new List<LlvmTrieExport>();
        bool inTrie = false;
        foreach (var line in Objdump(path, arch, "--exports-trie"))
        {
            if (line == "Exports trie:")
            {
                inTrie = true;
            }
            else if (inTrie && TrieLine().Match(line) is { Success: true } row)
            {
                exports.Add(new LlvmTrieExport(
                    row.Groups["address"].Success ? ulong.Parse(row.Groups["address"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null,
                    row.Groups["name"].Value,
                    row.Groups["flags"].Value,
                    row.Groups["from"].Success ? row.Groups["from"].Value : null));
            }
        }

        return exports;
    }

    /// <summary>The rows of the "Bind table", "Lazy bind table" or "Weak bind table" (options --bind, --lazy-bind, --weak-bind).</summary>
    public static IReadOnlyList<LlvmBind> Binds(string path, string? arch, string option)
    {
        var rows = new List<LlvmBind>();
        bool inTable = false;
        foreach (var line in Objdump(path, arch, option))
        {
            if (line.StartsWith("segment ", StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }

            if (!inTable || line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            bool weak = cells[^1] == "(weak_import)";
            if (weak)
            {
                cells = cells[..^1];
            }

            // bind: segment section address type addend dylib symbol; lazy: segment section address dylib symbol;
            // weak: segment section address type addend symbol (type "strong" marks a non-weak definition).
            rows.Add(option switch
            {
                "--bind" => new LlvmBind(cells[5], cells[6], cells[3], weak),
                "--lazy-bind" => new LlvmBind(cells[3], cells[4], "", weak),
                _ => new LlvmBind(null, cells[^1], cells.Length > 5 ? cells[3] : "", weak),
            });
        }

        return rows;
    }

    /// <summary>
    /// The imports table of LC_DYLD_CHAINED_FIXUPS as <c>llvm-objdump --macho --chained-fixups</c> prints
    /// it ("dyld chained import[i]" with lib_ordinal and name), each as (ordinal, name). LLVM 14 cannot
    /// read chained fixups; LLVM 19 (scripts/prerequisites.sh installs llvm-19) can.
    /// </summary>
    public static IReadOnlyList<(int Ordinal, string Name)> ChainedFixupImports(string path, string? arch)
    {
        var arguments = new List<string> { "--macho", "--chained-fixups" };
        if (arch is not null)
        {
            arguments.Add("--arch=" + arch);
        }

        arguments.Add(path);
        var imports = new List<(int, string)>();
        int? ordinal = null;
        foreach (var line in Tool.Run(Toolchain.Find("llvm-objdump-19"), [.. arguments]).Split('\n'))
        {
            if (ChainedImportField().Match(line) is not { Success: true } field)
            {
                continue;
            }

            if (field.Groups["key"].Value == "lib_ordinal")
            {
                ordinal = int.Parse(field.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
            else if (field.Groups["key"].Value == "name_offset" && ordinal is int seen)
            {
                imports.Add((seen, field.Groups["name"].Value));
                ordinal = null;
            }
        }

        return imports;
    }

    /// <summary>The dylib-loading commands of <c>--dylibs-used</c> (without the LC_ID_DYLIB line it starts with for a dylib).</summary>
    public static IReadOnlyList<LlvmDylib> Dylibs(string path, string? arch)
    {
        var dylibs = Objdump(path, arch, "--dylibs-used")
            .Select(line => DylibLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new LlvmDylib(m.Groups["name"].Value, m.Groups["compat"].Value, m.Groups["current"].Value, m.Groups["kind"].Value))
            .ToList();
        return DylibId(path, arch) is null ? dylibs : dylibs.Skip(1).ToList();
    }

    /// <summary>The LC_ID_DYLIB line of <c>--dylibs-used</c> (with the versions); null for a file that is not a dylib.</summary>
    public static LlvmDylib? IdWithVersions(string path, string? arch) =>
        DylibId(path, arch) is null ? null
            : Objdump(path, arch, "--dylibs-used").Select(line => DylibLine().Match(line)).Where(m => m.Success)
                .Select(m => new LlvmDylib(m.Groups["name"].Value, m.Groups["compat"].Value, m.Groups["current"].Value, m.Groups["kind"].Value))
                .First();

    public static string? DylibId(string path, string? arch)
    {
        var lines = Objdump(path, arch, "--dylib-id").Where(l => l.Length > 0 && !l.EndsWith(':')).ToList();
        return lines.Count == 0 ? null : lines[0];
    }

    public static IReadOnlyList<string> Rpaths(string path, string? arch) =>
        Objdump(path, arch, "--rpaths").Where(l => l.Length > 0 && !l.EndsWith(':')).ToList();

    /// <summary>The header line's filetype, ncmds and sizeofcmds, and the segments and sections in order.</summary>
    public static (string FileType, uint Commands, uint CommandsSize, IReadOnlyList<LlvmLoadCommand> Segments) PrivateHeaders(string path, string? arch)
    {
        var lines = Objdump(path, arch, "--private-headers");
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("magic cputype", StringComparison.Ordinal));
        var cells = lines[header + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var items = new List<LlvmLoadCommand>();
        Dictionary<string, string>? fields = null;
        string kind = "";
        foreach (var line in lines.Skip(header + 2))
        {
            if (line.StartsWith("Load command ", StringComparison.Ordinal) || line == "Section")
            {
                Flush();
                kind = line == "Section" ? "section" : "command";
                fields = [];
            }
            else if (fields is not null && FieldLine().Match(line) is { Success: true } field)
            {
                fields.TryAdd(field.Groups["key"].Value, field.Groups["value"].Value);
            }
        }

        Flush();
        return (cells[4], uint.Parse(cells[5], CultureInfo.InvariantCulture), uint.Parse(cells[6], CultureInfo.InvariantCulture), items);

        void Flush()
        {
            if (fields is not null && (kind == "section" || fields.GetValueOrDefault("cmd") is "LC_SEGMENT_64" or "LC_SEGMENT"))
            {
                items.Add(new LlvmLoadCommand(kind == "section" ? "section" : "segment", fields));
            }
        }
    }

    /// <summary>
    /// The symbol table as <c>llvm-nm -m</c> (where each symbol is, "(from lib)") and <c>llvm-nm -x</c>
    /// (the raw n_type and n_desc: weak reference 0x40, weak definition 0x80, library ordinal in the high byte) print it.
    /// </summary>
    public static IReadOnlyList<LlvmNmSymbol> Nm(string path, string? arch)
    {
        string[] Run(string option)
        {
            var arguments = new List<string> { option };
            if (arch is not null)
            {
                arguments.Add("--arch=" + arch);
            }

            arguments.Add(path);
            return Tool.Run(NmTool, [.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        var described = Run("-m");
        var raw = Run("-x");
        Assert.Equal(described.Length, raw.Length);
        var symbols = new List<LlvmNmSymbol>();
        for (int i = 0; i < raw.Length; i++)
        {
            var m = NmLine().Match(described[i]);
            var x = raw[i].Split(' ', 6);
            Assert.True(m.Success, $"unexpected llvm-nm -m line: {described[i]}");
            Assert.Equal(m.Groups["name"].Value, x[5]);
            symbols.Add(new LlvmNmSymbol(
                ulong.Parse(x[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                m.Groups["where"].Value,
                byte.Parse(x[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ushort.Parse(x[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                x[5]));
        }

        return symbols;
    }

    /// <summary>
    /// The short name llvm-objdump and llvm-nm print for a library (MachOObjectFile::guessLibraryShortName,
    /// for the forms the tests meet): "libSystem" for /usr/lib/libSystem.B.dylib, "Foo" for Foo.framework/Foo.
    /// </summary>
    public static string ShortName(string installName)
    {
        string name = installName[(installName.LastIndexOf('/') + 1)..];
        if (installName.Contains(".framework/", StringComparison.Ordinal))
        {
            return name.Split('_')[0];
        }

        if (name.EndsWith(".dylib", StringComparison.Ordinal))
        {
            name = name[..^".dylib".Length];
        }

        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    [GeneratedRegex(@"^(?:0x(?<address>[0-9A-F]+)  |\[re-export\] )(?<name>\S+)(?: \[(?<flags>[^\]]*)\])?(?: \((?<from>(?:\S+ )?from [^)]+)\))?$")]
    private static partial Regex TrieLine();

    [GeneratedRegex(@"^  (?<key>lib_ordinal|name_offset) = (?<value>-?[0-9]+)(?: \((?<name>.*)\))?$")]
    private static partial Regex ChainedImportField();

    [GeneratedRegex(@"^\t(?<name>.*) \(compatibility version (?<compat>[0-9.]+), current version (?<current>[0-9.]+)(?:, (?<kind>\w+))?\)$")]
    private static partial Regex DylibLine();

    [GeneratedRegex(@"^ *(?<key>[a-z0-9_]+) (?<value>.*?)\s*$")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^(?:(?<address>[0-9a-f]{8,16}) | {9,17})\((?<where>[^)]*)\) (?<flags>(?:\[[^\]]*\] |weak |private |non-external |\(was a private external\) )*)(?:external )?(?<name>\S+)(?: \((?:from (?<from>[^)]+)|dynamically looked up)\))?$")]
    private static partial Regex NmLine();
}
