using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>One row of <c>readelf --dyn-syms -W</c>.</summary>
public sealed record ReadelfSymbol(
    int Number, ulong Value, ulong Size, string Type, string Bind, string Visibility, string SectionIndex,
    string Name, string? Version, bool IsDefaultVersion, int? VersionIndex)
{
    public bool IsUndefined => SectionIndex == "UND";
}

/// <summary>What readelf (binutils) says about a file, parsed from its text output: the reference the reader is checked against.</summary>
public static partial class Readelf
{
    /// <summary><c>readelf --dyn-syms -W</c>, or with <paramref name="useDynamic"/> <c>readelf -D -s -W</c> (the dynamic segment, for files without section headers).</summary>
    public static IReadOnlyList<ReadelfSymbol> DynamicSymbols(string path, bool useDynamic = false)
    {
        string output = useDynamic ? Tool.Run("readelf", "-D", "-s", "-W", path) : Tool.Run("readelf", "--dyn-syms", "-W", path);
        var symbols = new List<ReadelfSymbol>();
        foreach (var line in output.Split('\n'))
        {
            var match = SymbolLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            string name = match.Groups["name"].Value;
            int? versionIndex = null;
            var index = VersionIndexSuffix().Match(name);
            if (index.Success)
            {
                versionIndex = int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture);
                name = name[..index.Index];
            }

            string? version = null;
            bool isDefault = false;
            int at = name.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                isDefault = name.AsSpan(at).StartsWith("@@");
                version = name[(at + (isDefault ? 2 : 1))..];
                name = name[..at];
            }

            symbols.Add(new ReadelfSymbol(
                int.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture),
                ulong.Parse(match.Groups["value"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ParseSize(match.Groups["size"].Value),
                match.Groups["type"].Value,
                match.Groups["bind"].Value,
                match.Groups["vis"].Value,
                match.Groups["ndx"].Value,
                name,
                version,
                isDefault,
                versionIndex));
        }

        return symbols;
    }

    /// <summary><c>readelf -d</c>: (tag, value) pairs such as ("NEEDED", "libc.so.6"), ("SONAME", …), ("RUNPATH", …), ("FLAGS_1", "Flags: NOW PIE").</summary>
    public static IReadOnlyList<(string Tag, string Value)> Dynamic(string path)
    {
        var entries = new List<(string, string)>();
        foreach (var line in Tool.Run("readelf", "-d", "-W", path).Split('\n'))
        {
            var match = DynamicLine().Match(line);
            if (match.Success)
            {
                var bracketed = Bracketed().Match(match.Groups["rest"].Value);
                entries.Add((match.Groups["tag"].Value, bracketed.Success ? bracketed.Groups[1].Value : match.Groups["rest"].Value.Trim()));
            }
        }

        return entries;
    }

    /// <summary><c>readelf -h</c>: the "Key: value" lines of the file header, e.g. ["Class"] = "ELF64".</summary>
    public static IReadOnlyDictionary<string, string> Header(string path) =>
        Tool.Run("readelf", "-h", "-W", path).Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());

    /// <summary><c>readelf -V</c>: version index → file name, from the version needs section.</summary>
    public static IReadOnlyDictionary<int, string> VersionNeedFiles(string path)
    {
        var files = new Dictionary<int, string>();
        string? file = null;
        foreach (var line in Tool.Run("readelf", "-V", "-W", path).Split('\n'))
        {
            var fileMatch = NeedFileLine().Match(line);
            if (fileMatch.Success)
            {
                file = fileMatch.Groups[1].Value;
                continue;
            }

            var auxMatch = NeedAuxLine().Match(line);
            if (auxMatch.Success && file is not null)
            {
                files[int.Parse(auxMatch.Groups[1].Value, CultureInfo.InvariantCulture)] = file;
            }
        }

        return files;
    }

    /// <summary><c>readelf -V</c>: every version the file requires, with the library it is required of, in the order listed under "Version needs".</summary>
    public static IReadOnlyList<(string Name, string File)> VersionNeeds(string path)
    {
        var needs = new List<(string, string)>();
        string? file = null;
        foreach (var line in Tool.Run("readelf", "-V", "-W", path).Split('\n'))
        {
            if (NeedFileLine().Match(line) is { Success: true } fileMatch)
            {
                file = fileMatch.Groups[1].Value;
            }
            else if (NeedNameLine().Match(line) is { Success: true } nameMatch && file is not null)
            {
                needs.Add((nameMatch.Groups[1].Value, file));
            }
        }

        return needs;
    }

    /// <summary><c>readelf -V</c>: the names of the version definitions (without the base one, which names the file).</summary>
    public static IReadOnlySet<string> VersionDefinitionNames(string path)
    {
        var names = new HashSet<string>();
        foreach (var line in Tool.Run("readelf", "-V", "-W", path).Split('\n'))
        {
            var match = DefinitionLine().Match(line);
            if (match.Success && !match.Groups["flags"].Value.Contains("BASE", StringComparison.Ordinal))
            {
                names.Add(match.Groups["name"].Value);
            }
        }

        return names;
    }

    /// <summary><c>readelf -S</c>: section name → (index in the section header table, file offset, size).</summary>
    public static IReadOnlyDictionary<string, (int Index, long Offset, long Size)> Sections(string path)
    {
        var sections = new Dictionary<string, (int, long, long)>();
        foreach (var line in Tool.Run("readelf", "-S", "-W", path).Split('\n'))
        {
            var match = SectionLine().Match(line);
            if (match.Success)
            {
                sections[match.Groups["name"].Value] = (
                    int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["off"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(match.Groups["size"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return sections;
    }

    private static ulong ParseSize(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<num>\d+):\s+(?<value>[0-9a-f]+)\s+(?<size>0x[0-9a-f]+|\d+)\s+(?<type>\S+)\s+(?<bind>\S+)\s+(?<vis>\S+)\s+(?<ndx>\S+)\s?(?<name>.*?)\s*$")]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@" \((\d+)\)$")]
    private static partial Regex VersionIndexSuffix();

    [GeneratedRegex(@"^\s*0x[0-9a-f]+\s+\((?<tag>[A-Z_0-9]+)\)\s+(?<rest>.*)$")]
    private static partial Regex DynamicLine();

    [GeneratedRegex(@"\[(.*)\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"Version: \d+\s+File: (\S+)\s+Cnt:")]
    private static partial Regex NeedFileLine();

    [GeneratedRegex(@"Name: \S+\s+Flags: .*Version: (\d+)")]
    private static partial Regex NeedAuxLine();

    [GeneratedRegex(@"Name: (\S+)\s+Flags: .*Version: \d+")]
    private static partial Regex NeedNameLine();

    [GeneratedRegex(@"Rev: \d+\s+Flags: (?<flags>.*?)\s+Index: \d+\s+Cnt: \d+\s+Name: (?<name>\S+)")]
    private static partial Regex DefinitionLine();

    [GeneratedRegex(@"^\s*\[\s*(?<index>\d+)\]\s+(?<name>\S+)\s+\S+\s+[0-9a-f]+\s+(?<off>[0-9a-f]+)\s+(?<size>[0-9a-f]+)")]
    private static partial Regex SectionLine();
}
