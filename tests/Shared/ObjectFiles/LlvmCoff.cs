using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>One export as <c>llvm-readobj --coff-exports</c> prints it (one name per ordinal; empty for ordinal-only and unused slots).</summary>
public sealed record LlvmExport(uint Ordinal, string Name, uint Rva);

/// <summary>One row of the export table of <c>llvm-objdump -p</c>: forwarders carry their target and no RVA.</summary>
public sealed record ObjdumpExport(uint Ordinal, uint? Rva, string Name, string? ForwardedTo);

/// <summary>An Import or DelayImport block of <c>llvm-readobj --coff-imports</c>: its fields and its "Symbol: name (hint or ordinal)" lines.</summary>
public sealed record LlvmImportBlock(string Dll, bool IsDelayLoad, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<(string Name, uint Number)> Symbols)
{
    public uint Hex(string field) => LlvmCoff.ParseHex(Fields[field]);
}

/// <summary>A section of <c>llvm-readobj --sections</c>.</summary>
public sealed record LlvmSection(string Name, uint VirtualSize, uint VirtualAddress, uint RawDataSize, uint PointerToRawData, uint Characteristics);

/// <summary>
/// What LLVM's COFF tools say about a PE file, parsed from their text output: the reference the PE
/// reader is checked against (llvm-readobj for exports, imports, delay-load imports, headers and
/// sections; llvm-objdump -p for the forwarder strings and the export directory header).
/// </summary>
public static partial class LlvmCoff
{
    private static string Readobj => Toolchain.Find("llvm-readobj");

    private static string Objdump => Toolchain.Find("llvm-objdump");

    public static IReadOnlyList<LlvmExport> Exports(string path)
    {
        var exports = new List<LlvmExport>();
        foreach (var block in Blocks(Tool.Run(Readobj, "--coff-exports", path), "Export"))
        {
            exports.Add(new LlvmExport(uint.Parse(block["Ordinal"], CultureInfo.InvariantCulture), block.GetValueOrDefault("Name", ""), ParseHex(block["RVA"])));
        }

        return exports;
    }

    /// <summary>The export table of <c>llvm-objdump -p</c> with its "DLL name" and "Ordinal base".</summary>
    public static (string? DllName, uint? OrdinalBase, IReadOnlyList<ObjdumpExport> Rows) ObjdumpExports(string path)
    {
        string? dllName = null;
        uint? ordinalBase = null;
        var rows = new List<ObjdumpExport>();
        bool inTable = false;
        foreach (var line in Tool.Run(Objdump, "-p", path).Split('\n'))
        {
            if (line.StartsWith("Export Table:", StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }

            if (!inTable)
            {
                continue;
            }

            if (line.StartsWith(" DLL name: ", StringComparison.Ordinal))
            {
                dllName = line[" DLL name: ".Length..];
            }
            else if (line.StartsWith(" Ordinal base: ", StringComparison.Ordinal))
            {
                ordinalBase = uint.Parse(line[" Ordinal base: ".Length..], CultureInfo.InvariantCulture);
            }
            else if (ExportRow().Match(line) is { Success: true } row)
            {
                string name = row.Groups["name"].Value;
                string? target = null;
                if (Forwarded().Match(name) is { Success: true } forwarded)
                {
                    name = forwarded.Groups[1].Value;
                    target = forwarded.Groups[2].Value;
                }

                rows.Add(new ObjdumpExport(
                    uint.Parse(row.Groups["ordinal"].Value, CultureInfo.InvariantCulture),
                    row.Groups["rva"].Success ? ParseHex(row.Groups["rva"].Value) : null,
                    name,
                    target));
            }
            else if (rows.Count > 0)
            {
                break;
            }
        }

        return (dllName, ordinalBase, rows);
    }

    public static IReadOnlyList<LlvmImportBlock> Imports(string path)
    {
        var blocks = new List<LlvmImportBlock>();
        Dictionary<string, string>? fields = null;
        List<(string, uint)>? symbols = null;
        bool delay = false;
        foreach (var raw in Tool.Run(Readobj, "--coff-imports", path).Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line is "Import {" or "DelayImport {")
            {
                Flush();
                fields = [];
                symbols = [];
                delay = line == "DelayImport {";
            }
            else if (fields is not null && SymbolLine().Match(line) is { Success: true } symbol)
            {
                symbols!.Add((symbol.Groups["name"].Value, uint.Parse(symbol.Groups["number"].Value, CultureInfo.InvariantCulture)));
            }
            else if (fields is not null && FieldLine().Match(line) is { Success: true } field && field.Groups["indent"].Length == 2)
            {
                fields[field.Groups["key"].Value] = field.Groups["value"].Value;
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (fields is not null)
            {
                blocks.Add(new LlvmImportBlock(fields["Name"], delay, fields, symbols!));
            }
        }
    }

    /// <summary><c>llvm-readobj --file-headers</c>: "Key: value" lines of the COFF and optional headers (first occurrence), and the two characteristics values (file, then DLL).</summary>
    public static (IReadOnlyDictionary<string, string> Fields, IReadOnlyList<uint> Characteristics) FileHeaders(string path)
    {
        var fields = new Dictionary<string, string>();
        var characteristics = new List<uint>();
        foreach (var line in Tool.Run(Readobj, "--file-headers", path).Split('\n'))
        {
            if (CharacteristicsLine().Match(line) is { Success: true } flags)
            {
                characteristics.Add(ParseHex(flags.Groups[1].Value));
            }
            else if (FieldLine().Match(line) is { Success: true } field)
            {
                fields.TryAdd(field.Groups["key"].Value, field.Groups["value"].Value);
            }
        }

        return (fields, characteristics);
    }

    public static IReadOnlyList<LlvmSection> Sections(string path)
    {
        var sections = new List<LlvmSection>();
        Dictionary<string, string>? fields = null;
        foreach (var line in Tool.Run(Readobj, "--sections", path).Split('\n'))
        {
            if (line.Trim() == "Section {")
            {
                fields = [];
            }
            else if (fields is not null && CharacteristicsLine().Match(line) is { Success: true } flags)
            {
                string name = fields["Name"];
                sections.Add(new LlvmSection(
                    name[..name.LastIndexOf(" (", StringComparison.Ordinal)],
                    ParseHex(fields["VirtualSize"]),
                    ParseHex(fields["VirtualAddress"]),
                    uint.Parse(fields["RawDataSize"], CultureInfo.InvariantCulture),
                    ParseHex(fields["PointerToRawData"]),
                    ParseHex(flags.Groups[1].Value)));
                fields = null;
            }
            else if (fields is not null && FieldLine().Match(line) is { Success: true } field)
            {
                fields[field.Groups["key"].Value] = field.Groups["value"].Value;
            }
        }

        return sections;
    }

    /// <summary>"0x1F" or "(0x1F)" at the end of a value such as "IMAGE_FILE_MACHINE_AMD64 (0x8664)".</summary>
    public static uint ParseHex(string text)
    {
        var match = HexValue().Match(text);
        return match.Success ? uint.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : uint.Parse(text, CultureInfo.InvariantCulture);
    }

    public static ulong ParseHex64(string text) =>
        ulong.Parse(HexValue().Match(text).Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<string, string>> Blocks(string output, string name)
    {
        Dictionary<string, string>? block = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.TrimEnd() == name + " {")
            {
                block = [];
            }
            else if (block is not null && line.Trim() == "}")
            {
                yield return block;
                block = null;
            }
            else if (block is not null && FieldLine().Match(line) is { Success: true } field)
            {
                block[field.Groups["key"].Value] = field.Groups["value"].Value;
            }
        }
    }

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z]+): ?(?<value>.*?)\s*$")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^\s*Symbol: (?<name>.*) \((?<number>\d+)\)\s*$")]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@"^\s*Characteristics \[ \((0x[0-9A-Fa-f]+)\)")]
    private static partial Regex CharacteristicsLine();

    [GeneratedRegex(@"^\s+(?<ordinal>\d+)\s+(?<rva>0x[0-9a-f]+|0)?\s*(?<name>\S.*?)?\s*$")]
    private static partial Regex ExportRow();

    [GeneratedRegex(@"^(.*) \(forwarded to (.*)\)$")]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"0x([0-9A-Fa-f]+)\)?\s*$")]
    private static partial Regex HexValue();
}
