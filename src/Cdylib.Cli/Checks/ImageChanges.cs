using Cdylib.Abi.Checks;
using Cdylib.Cli.Inspect;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Checks;

/// <summary>
/// The changes between two images of a library as its callers' linkers and loaders see them: export names
/// added and removed, and — when both images are binaries — what the file is, the name it calls itself,
/// the libraries it needs, the oldest system it loads on, and each export's versions, ordinal and forwarder
/// (<see cref="ExportFactChanges"/>). Each change is classified by one question: does a program built
/// against the old image still link and load with the new one on every system the old one loaded on?
/// </summary>
internal static class ImageChanges
{
    /// <param name="names">List export names added and removed; false when the two sides' ABI files already compared the functions.</param>
    public static List<AbiChange> Compare(LibraryImage old, LibraryImage now, bool names)
    {
        // Another machine or format is another library to the loader: nothing else about it compares.
        if (old.Facts is { } was && now.Facts is { } @is && File(was.Summary, @is.Summary) is { } file)
        {
            return [file];
        }
        var changes = new List<AbiChange>();
        if (names)
        {
            changes.AddRange(old.Names.Except(now.Names).Select(name => new AbiChange(ChangeKind.Breaking, $"export {name}", "removed")));
            changes.AddRange(now.Names.Except(old.Names).Select(name => new AbiChange(ChangeKind.Compatible, $"export {name}", "added")));
        }
        if (old.Facts is { } before && now.Facts is { } after)
        {
            OwnName(changes, before.Summary, after.Summary);
            Dependencies(changes, before, after);
            Floor(changes, before, after);
            ExportFactChanges.Compare(changes, before, after);
        }
        return changes;
    }

    private static AbiChange? File(BinarySummary old, BinarySummary now)
    {
        string Shape(BinarySummary summary) =>
            $"{ModelNames.FormatLabel(summary.Format)}{summary.Bits} {ModelNames.Endianness(summary.Endianness)}-endian {summary.Machine}";
        return Shape(old) == Shape(now) ? null
            : new AbiChange(ChangeKind.Breaking, "file", $"{Shape(old)} → {Shape(now)}: a process that loaded the old file cannot load this one");
    }

    // ELF's SONAME and Mach-O's install name are what a linked program records and the loader looks for; a PE
    // importer records the DLL's file name, so the name inside a DLL is for the reader only.
    private static void OwnName(List<AbiChange> changes, BinarySummary old, BinarySummary now)
    {
        string label = now.Format switch { BinaryFormat.Elf => "SONAME", BinaryFormat.MachO => "install name", _ => "DLL name" };
        if (old.OwnName == now.OwnName)
        {
            CompatibilityVersion(changes, old, now);
            return;
        }
        string from = old.OwnName ?? "none", to = now.OwnName ?? "none";
        changes.Add(now.Format == BinaryFormat.Pe
            ? new AbiChange(ChangeKind.Cosmetic, label, $"{from} → {to}: importers record the DLL's file name, not this one")
            : old.OwnName is null
                ? new AbiChange(ChangeKind.Compatible, label, $"{from} → {to}: programs linked before recorded the file name; new links record {to}")
                : new AbiChange(ChangeKind.Breaking, label, $"{from} → {to}: programs linked against the old library look for {from}"));
    }

    // dyld refuses a library whose compatibility version is below the one a program recorded when it was linked.
    private static void CompatibilityVersion(List<AbiChange> changes, BinarySummary old, BinarySummary now)
    {
        if (old.MachO?.Id is not { } before || now.MachO?.Id is not { } after || before.CompatibilityVersion == after.CompatibilityVersion)
        {
            return;
        }
        string what = $"{before.CompatibilityVersionText} → {after.CompatibilityVersionText}";
        changes.Add(after.CompatibilityVersion < before.CompatibilityVersion
            ? new AbiChange(ChangeKind.Breaking, "compatibility version", $"{what}: lowered, dyld refuses it to programs linked against the old library")
            : new AbiChange(ChangeKind.Compatible, "compatibility version", $"{what}: raised"));
    }

    /// <summary>
    /// A new needed library is compatible: no caller's code changes, but the library now loads only where
    /// that one is found (a packaging question the text states). One dropped is compatible too. The Windows
    /// loader matches DLL names without regard to case.
    /// </summary>
    private static void Dependencies(List<AbiChange> changes, ImageFacts old, ImageFacts now)
    {
        var comparer = now.Summary.Format == BinaryFormat.Pe ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var before = Latest(old.Dependencies, comparer);
        var after = Latest(now.Dependencies, comparer);
        foreach (string name in before.Keys.Where(name => !after.ContainsKey(name)))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, $"needed library {name}", "no longer needed"));
        }
        foreach (var (name, kind) in after.Where(entry => !before.ContainsKey(entry.Key)))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, $"needed library {name}",
                $"new{(kind == DependencyKind.Needed ? "" : $" ({Kind(kind)})")}: the library now loads only where it is found"));
        }
        foreach (var (name, kind) in after.Where(entry => before.TryGetValue(entry.Key, out var known) && known != entry.Value))
        {
            // Leaving LC_REEXPORT_DYLIB takes that library's exports away from callers; any other kind is about loading.
            var was = before[name];
            changes.Add(new AbiChange(was == DependencyKind.Reexport ? ChangeKind.Breaking : ChangeKind.Compatible,
                $"needed library {name}", $"{Kind(was)} → {Kind(kind)}{(was == DependencyKind.Reexport ? ": its exports are no longer re-exported" : "")}"));
        }

        static Dictionary<string, DependencyKind> Latest(IReadOnlyList<Dependency> dependencies, StringComparer comparer)
        {
            var map = new Dictionary<string, DependencyKind>(comparer);
            foreach (var dependency in dependencies)
            {
                map[dependency.Name] = dependency.Kind;
            }
            return map;
        }
    }

    private static string Kind(DependencyKind kind) => kind switch
    {
        DependencyKind.DelayLoad => "delay-load",
        DependencyKind.Reexport => "re-export",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The oldest system the image loads on: each versioned ELF interface (GLIBC, GLIBCXX, …), the Mach-O
    /// minimum OS, the PE subsystem version. Raised is breaking (users on the old system lose the library),
    /// lowered compatible; an ELF interface required for the first time comes with its library, and is
    /// compatible as a new needed library is.
    /// </summary>
    private static void Floor(List<AbiChange> changes, ImageFacts old, ImageFacts now)
    {
        if (old.Floor is not { } before || now.Floor is not { } after)
        {
            return;
        }
        if (now.Summary.Format == BinaryFormat.Elf)
        {
            foreach (var need in after.Namespaces)
            {
                var was = before.Namespaces.FirstOrDefault(known => known.Name == need.Name);
                if (was is null)
                {
                    changes.Add(new AbiChange(ChangeKind.Compatible, $"requires {need.Name}", $"{need.Required} of {need.Library}: newly required"));
                    continue;
                }
                Version(changes, $"requires {need.Name}", need.Name, was.Version, need.Version);
            }
            changes.AddRange(before.Namespaces.Where(was => after.Namespaces.All(need => need.Name != was.Name))
                .Select(was => new AbiChange(ChangeKind.Compatible, $"requires {was.Name}", $"{was.Required}: no longer required")));
            return;
        }
        if (before.System != after.System)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, "platform", $"{before.System ?? "none"} → {after.System ?? "none"}: another system's loader"));
            return;
        }
        if (before.MinimumVersion is { } from && after.MinimumVersion is { } to)
        {
            Version(changes, $"minimum {after.System}", after.System!, from, to);
        }
    }

    private static void Version(List<AbiChange> changes, string subject, string system, string from, string to)
    {
        int order = VersionedNamespace.Compare(from, to);
        if (order < 0)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"{from} → {to}: raised, no longer loads on {system} before {to}"));
        }
        else if (order > 0)
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"{from} → {to}: lowered, now loads on {system} {to} too"));
        }
    }
}
