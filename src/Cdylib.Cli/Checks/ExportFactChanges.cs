using Cdylib.Abi.Checks;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Checks;

/// <summary>
/// The changes to exports both images have, beyond their names: ELF symbol versions and version nodes,
/// the kind and (for data) the size a program bound to, PE ordinals and forwarders (Mach-O re-exports).
/// </summary>
internal static class ExportFactChanges
{
    public static void Compare(List<AbiChange> changes, ImageFacts old, ImageFacts now)
    {
        VersionNodes(changes, old, now);
        var renumbered = new List<string>();
        foreach (var (name, after) in now.Exports.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!old.Exports.TryGetValue(name, out var before))
            {
                continue;
            }
            string subject = $"export {name}";
            Versions(changes, subject, name, before, after, now.Summary.OwnName);
            Kind(changes, subject, before, after);
            Forwarder(changes, subject, before, after);
            if (before.Ordinal is uint from && after.Ordinal is uint to && from != to)
            {
                renumbered.Add($"{name} {from} → {to}");
            }
        }
        // Every PE toolchain imports a named export by its name (the hint only speeds the search), so a new
        // ordinal breaks nobody; adding one function usually renumbers half the table, said here in one line.
        if (renumbered.Count > 0)
        {
            changes.Add(new AbiChange(ChangeKind.Cosmetic, "ordinals",
                $"{renumbered.Count} named {(renumbered.Count == 1 ? "export has" : "exports have")} another ordinal ({renumbered[0]}{(renumbered.Count > 1 ? ", …" : "")}): importers bind a named export by its name"));
        }
        // An export without a name is bound by its ordinal alone: the ordinal is its name.
        changes.AddRange(old.OrdinalOnly.Except(now.OrdinalOnly).Order()
            .Select(ordinal => new AbiChange(ChangeKind.Breaking, $"export ordinal {ordinal}", "removed: importers bind this export by its ordinal")));
        changes.AddRange(now.OrdinalOnly.Except(old.OrdinalOnly).Order()
            .Select(ordinal => new AbiChange(ChangeKind.Compatible, $"export ordinal {ordinal}", "added")));
    }

    // A program linked against a versioned library requires each version node it used; glibc refuses to load it without one.
    private static void VersionNodes(List<AbiChange> changes, ImageFacts old, ImageFacts now)
    {
        string of = now.Summary.OwnName is string soname ? $" of {soname}" : "";
        changes.AddRange(old.VersionNodes.Except(now.VersionNodes).Order(StringComparer.Ordinal)
            .Select(node => new AbiChange(ChangeKind.Breaking, $"version {node}", $"removed: programs that require {node}{of} no longer load")));
        changes.AddRange(now.VersionNodes.Except(old.VersionNodes).Order(StringComparer.Ordinal)
            .Select(node => new AbiChange(ChangeKind.Compatible, $"version {node}", "added")));
    }

    /// <summary>
    /// A program records the version it bound to (<c>foo@V1</c>) and the loader looks for exactly that one:
    /// a version gone is breaking, a new one compatible, a new default compatible (only new links bind to it);
    /// an unversioned name that gains a version is compatible (an unversioned reference binds to the default).
    /// </summary>
    private static void Versions(List<AbiChange> changes, string subject, string name, ExportFacts old, ExportFacts now, string? library)
    {
        var before = old.Versions.Select(version => version.Name).ToHashSet(StringComparer.Ordinal);
        var after = now.Versions.Select(version => version.Name).ToHashSet(StringComparer.Ordinal);
        string of = library is null ? "" : $" of {library}";
        if (before.Count == 0 && after.Count > 0)
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"now versioned ({string.Join(", ", now.Versions.Select(version => version.Decorate(name)))})"));
            return;
        }
        foreach (string version in before.Except(after).Order(StringComparer.Ordinal))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"version {version} removed: programs linked against {name}@{version}{of} no longer find it"));
        }
        foreach (string version in after.Except(before).Order(StringComparer.Ordinal))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"version {version} added"));
        }
        string? wasDefault = old.Versions.FirstOrDefault(version => version.IsDefault)?.Name;
        string? isDefault = now.Versions.FirstOrDefault(version => version.IsDefault)?.Name;
        if (wasDefault != isDefault && wasDefault is not null && isDefault is not null && after.Contains(wasDefault))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"default version {wasDefault} → {isDefault}: new links bind to {name}@@{isDefault}"));
        }
    }

    /// <summary>
    /// A function that became data (or the reverse) is another thing at the same name. Data whose size changed
    /// breaks programs that copied it into their own image at link time (ELF copy relocations keep the old size).
    /// </summary>
    private static void Kind(List<AbiChange> changes, string subject, ExportFacts old, ExportFacts now)
    {
        string? before = KindName(old.Kind), after = KindName(now.Kind);
        if (before is null || after is null)
        {
            return;
        }
        if (before != after)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"{before} → {after}"));
        }
        else if (old.Kind == SymbolKind.Data && old.Size != now.Size && old.Size > 0 && now.Size > 0)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"size {old.Size} → {now.Size} bytes: programs that copied it at link time keep {old.Size}"));
        }
    }

    // A resolver-picked function (ELF IFUNC) is called as a function; a symbol of no stated kind compares with nothing.
    private static string? KindName(SymbolKind kind) => kind switch
    {
        SymbolKind.Function or SymbolKind.IndirectFunction => "function",
        SymbolKind.Data => "data",
        SymbolKind.ThreadLocal => "thread-local data",
        _ => null,
    };

    // A forwarder sends the caller's loader to another library, as a new needed library would: compatible either way.
    private static void Forwarder(List<AbiChange> changes, string subject, ExportFacts old, ExportFacts now)
    {
        if (old.ForwardedTo == now.ForwardedTo)
        {
            return;
        }
        string what = (old.ForwardedTo, now.ForwardedTo) switch
        {
            (null, string to) => $"now forwarded to {to}",
            (string from, null) => $"no longer forwarded (was {from})",
            var (from, to) => $"forwarded to {from} → {to}",
        };
        changes.Add(new AbiChange(ChangeKind.Compatible, subject, what + ": the loader now resolves it " + (now.ForwardedTo is null ? "in this library" : "through another library")));
    }
}
