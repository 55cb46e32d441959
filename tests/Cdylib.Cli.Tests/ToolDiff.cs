using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdylib.Cli.Tests;

/// <summary>
/// What changed between two builds of a library by the LLVM and binutils tools' account (readelf for ELF,
/// llvm-readobj for PE, llvm-objdump for Mach-O), as the (kind, subject) pairs <c>cdylib diff</c> should
/// report: the reference the real NuGet pairs are checked against. Each side is read by the tool, never by
/// the reader under test; only the classification rules (docs/inspector.md) are restated here.
/// </summary>
internal static partial class ToolDiff
{
    /// <summary>The facts the rules look at, as a tool reports them for one image.</summary>
    private sealed record Side(
        string File, string? OwnName, IReadOnlyDictionary<string, (string Kind, ulong Size, string[] Versions, uint? Ordinal, string? Forward)> Exports,
        IReadOnlySet<uint> OrdinalOnly, IReadOnlySet<string> VersionNodes, IReadOnlyList<string> Needed, StringComparer NeedComparer,
        IReadOnlyDictionary<string, string> Floors);

    public static SortedSet<(string Kind, string Subject)> Elf(string old, string now) => Compare(ReadElf(old), ReadElf(now));

    public static SortedSet<(string Kind, string Subject)> Pe(string old, string now) => Compare(ReadPe(old), ReadPe(now));

    public static SortedSet<(string Kind, string Subject)> MachO(string old, string now, string arch) => Compare(ReadMachO(old, arch), ReadMachO(now, arch));

    private static SortedSet<(string Kind, string Subject)> Compare(Side old, Side now)
    {
        var changes = new SortedSet<(string Kind, string Subject)>();
        if (old.File != now.File)
        {
            changes.Add(("breaking", "file"));
            return changes;
        }
        if (old.OwnName != now.OwnName)
        {
            changes.Add((now.NeedComparer == StringComparer.OrdinalIgnoreCase ? "cosmetic" : old.OwnName is null ? "compatible" : "breaking",
                now.NeedComparer == StringComparer.OrdinalIgnoreCase ? "DLL name" : now.Floors.ContainsKey("macos") ? "install name" : "SONAME"));
        }
        foreach (string name in old.Exports.Keys.Except(now.Exports.Keys))
        {
            changes.Add(("breaking", "export " + name));
        }
        foreach (string name in now.Exports.Keys.Except(old.Exports.Keys))
        {
            changes.Add(("compatible", "export " + name));
        }
        bool renumbered = false;
        foreach (string name in now.Exports.Keys.Intersect(old.Exports.Keys))
        {
            var (was, @is) = (old.Exports[name], now.Exports[name]);
            if (was.Versions.Except(@is.Versions).Any() && was.Versions.Length > 0)
            {
                changes.Add(("breaking", "export " + name));
            }
            if (@is.Versions.Except(was.Versions).Any())
            {
                changes.Add(("compatible", "export " + name));
            }
            if (was.Kind != @is.Kind && was.Kind.Length > 0 && @is.Kind.Length > 0
                || was.Kind == "data" && @is.Kind == "data" && was.Size != @is.Size && was.Size > 0 && @is.Size > 0)
            {
                changes.Add(("breaking", "export " + name));
            }
            if (was.Forward != @is.Forward)
            {
                changes.Add(("compatible", "export " + name));
            }
            renumbered |= was.Ordinal != @is.Ordinal;
        }
        if (renumbered)
        {
            changes.Add(("cosmetic", "ordinals"));
        }
        changes.UnionWith(old.OrdinalOnly.Except(now.OrdinalOnly).Select(ordinal => ("breaking", $"export ordinal {ordinal}")));
        changes.UnionWith(now.OrdinalOnly.Except(old.OrdinalOnly).Select(ordinal => ("compatible", $"export ordinal {ordinal}")));
        changes.UnionWith(old.VersionNodes.Except(now.VersionNodes).Select(node => ("breaking", "version " + node)));
        changes.UnionWith(now.VersionNodes.Except(old.VersionNodes).Select(node => ("compatible", "version " + node)));
        changes.UnionWith(old.Needed.Except(now.Needed, now.NeedComparer).Concat(now.Needed.Except(old.Needed, now.NeedComparer))
            .Select(name => ("compatible", "needed library " + name)));
        foreach (var (floor, version) in now.Floors)
        {
            string subject = floor is "macos" or "windows" ? "minimum " + floor : "requires " + floor;
            if (!old.Floors.TryGetValue(floor, out string? was))
            {
                changes.Add(("compatible", subject));
            }
            else if (Numbers(was).SequenceCompareTo(Numbers(version)) is int order && order != 0)
            {
                changes.Add((order < 0 ? "breaking" : "compatible", subject));
            }
        }
        changes.UnionWith(old.Floors.Keys.Except(now.Floors.Keys).Select(floor => ("compatible", "requires " + floor)));
        return changes;
    }

    private static int[] Numbers(string version) => version.Split('.').Select(part => int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    // readelf: defined dynamic symbols that others can bind to (not the version definitions' markers), NEEDED, SONAME, the highest version of each interface required.
    private static Side ReadElf(string path)
    {
        var header = Readelf.Header(path);
        var nodes = Readelf.VersionDefinitionNames(path);
        var exports = Readelf.DynamicSymbols(path)
            .Where(symbol => !symbol.IsUndefined && symbol.Bind is "GLOBAL" or "WEAK" or "UNIQUE" && symbol.Visibility is "DEFAULT" or "PROTECTED")
            .Where(symbol => !(symbol.SectionIndex == "ABS" && nodes.Contains(symbol.Name) && symbol.Value == 0))
            .GroupBy(symbol => symbol.Name)
            .ToDictionary(group => group.Key, group =>
            {
                var chosen = group.FirstOrDefault(symbol => symbol.IsDefaultVersion) ?? group.First();
                string kind = chosen.Type switch { "FUNC" or "IFUNC" => "function", "OBJECT" => "data", "TLS" => "thread-local data", _ => "" };
                return (kind, chosen.Size, group.Where(symbol => symbol.Version is not null).Select(symbol => symbol.Version!).ToArray(), (uint?)null, (string?)null);
            });
        var dynamic = Readelf.Dynamic(path);
        var floors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in Readelf.VersionNeeds(path))
        {
            if (VersionedName().Match(name) is { Success: true } match)
            {
                string space = match.Groups["name"].Value, version = match.Groups["version"].Value;
                if (!floors.TryGetValue(space, out string? known) || Numbers(known).SequenceCompareTo(Numbers(version)) < 0)
                {
                    floors[space] = version;
                }
            }
        }
        return new Side($"{header["Class"]} {header["Machine"]}", dynamic.FirstOrDefault(entry => entry.Tag == "SONAME").Value, exports,
            new HashSet<uint>(), nodes, dynamic.Where(entry => entry.Tag == "NEEDED").Select(entry => entry.Value).ToList(), StringComparer.Ordinal, floors);
    }

    // llvm-readobj: --coff-exports (ordinals, forwarders), --coff-imports (DLLs), --file-headers (machine, subsystem version).
    private static Side ReadPe(string path)
    {
        var exports = new Dictionary<string, (string, ulong, string[], uint?, string?)>(StringComparer.Ordinal);
        var ordinalOnly = new HashSet<uint>();
        uint ordinal = 0;
        string? name = null, forward = null;
        void Flush()
        {
            if (name is null)
            {
                return;
            }
            if (name.Length == 0)
            {
                ordinalOnly.Add(ordinal);
            }
            else
            {
                exports[name] = ("", 0, [], ordinal, forward);
            }
            (name, forward) = (null, null);
        }
        foreach (string line in Tool.Run("llvm-readobj", "--coff-exports", path).Split('\n').Select(line => line.Trim()))
        {
            if (line.StartsWith("Ordinal: ", StringComparison.Ordinal))
            {
                Flush();
                ordinal = uint.Parse(line["Ordinal: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Name:", StringComparison.Ordinal))
            {
                name = line["Name:".Length..].Trim();
            }
            else if (line.StartsWith("ForwardedTo: ", StringComparison.Ordinal))
            {
                forward = line["ForwardedTo: ".Length..];
            }
        }
        Flush();
        string headers = Tool.Run("llvm-readobj", "--file-headers", path);
        string machine = MachineLine().Match(headers).Groups[1].Value;
        var floors = new Dictionary<string, string> { ["windows"] = BinaryDiffRuleTests.SubsystemVersion(path) };
        return new Side(machine, null, exports, ordinalOnly, new HashSet<string>(), BinaryDiffRuleTests.CoffImports(path), StringComparer.OrdinalIgnoreCase, floors);
    }

    // llvm-nm and llvm-objdump --macho: the external definitions (C names without the leading underscore), the dylibs used, the id, the minimum OS.
    private static Side ReadMachO(string path, string arch)
    {
        // llvm-nm -m -x lists the external definitions (llvm-objdump's --exports-trie misses a trie in LC_DYLD_EXPORTS_TRIE);
        // the trie, where llvm-objdump reads it, says which are re-exported.
        var reexported = LlvmMachO.Exports(path, arch).Where(export => export.ReexportedFrom is not null)
            .ToDictionary(export => export.Name, export => export.ReexportedFrom);
        var exports = LlvmMachO.Nm(path, arch).Where(symbol => symbol.IsExternal && !symbol.IsUndefined).DistinctBy(symbol => symbol.Name).ToDictionary(
            symbol => symbol.Name.StartsWith('_') ? symbol.Name[1..] : symbol.Name,
            symbol => ("", 0UL, Array.Empty<string>(), (uint?)null, reexported.GetValueOrDefault(symbol.Name)));
        string headers = Tool.Run("llvm-objdump", "--macho", "--private-headers", "--arch=" + arch, path);
        var build = BuildVersion().Match(headers);
        var floors = build.Success
            ? new Dictionary<string, string> { [build.Groups["platform"].Value] = build.Groups["minos"].Value }
            : new Dictionary<string, string> { ["macos"] = VersionMin().Match(headers).Groups["version"].Value };
        return new Side(arch, LlvmMachO.DylibId(path, arch), exports, new HashSet<uint>(), new HashSet<string>(),
            LlvmMachO.Dylibs(path, arch).Select(dylib => dylib.Name).ToList(), StringComparer.Ordinal, floors);
    }

    [GeneratedRegex(@"^(?<name>.+)_(?<version>\d+(\.\d+)*)$")]
    private static partial Regex VersionedName();

    [GeneratedRegex(@"Machine: IMAGE_FILE_MACHINE_(\w+)")]
    private static partial Regex MachineLine();

    [GeneratedRegex(@"cmd LC_BUILD_VERSION\n.*\n\s*platform (?<platform>\S+)\n\s*sdk (?<sdk>\S+)\n\s*minos (?<minos>\S+)")]
    private static partial Regex BuildVersion();

    [GeneratedRegex(@"cmd LC_VERSION_MIN_MACOSX\n.*\n\s*version (?<version>\S+)")]
    private static partial Regex VersionMin();
}
