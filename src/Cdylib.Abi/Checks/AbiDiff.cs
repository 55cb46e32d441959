using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Checks;

/// <summary>Whether a change keeps existing callers working.</summary>
public enum ChangeKind
{
    /// <summary>Nothing a caller can see (docs, parameter names).</summary>
    Cosmetic,

    /// <summary>Something new; every existing caller still works (a minor version bump).</summary>
    Compatible,

    /// <summary>An existing caller breaks: it no longer links, loads or means the same (a major bump).</summary>
    Breaking,
}

/// <summary>One difference between two versions of a library's interface.</summary>
/// <param name="Subject">What changed: <c>function foo</c>, <c>enum Color</c>, <c>struct Point</c>.</param>
public sealed record AbiChange(ChangeKind Kind, string Subject, string Description);

/// <summary>
/// Compares two ABI models: functions added, removed or changed in signature or calling
/// convention; enums, structs and handle types added, removed or changed — each classified, and the
/// version bump the worst of them implies.
/// </summary>
public static class AbiDiff
{
    public static IReadOnlyList<AbiChange> Compare(AbiLibrary before, AbiLibrary after)
    {
        var changes = new List<AbiChange>();
        CompareNamed(changes, "function", before.Functions, after.Functions, f => f.Name, CompareFunction);
        CompareNamed(changes, "enum", before.Enums, after.Enums, e => e.Name, CompareEnum);
        CompareNamed(changes, "struct", before.Structs, after.Structs, s => s.Name, CompareStruct);
        CompareNamed(changes, "handle type", before.Handles, after.Handles, h => h.Name, (_, _, _) => { });
        if (changes.Count == 0 && before != after)
        {
            changes.Add(new AbiChange(ChangeKind.Cosmetic, "library", "documentation or parameter names changed"));
        }
        return changes;
    }

    /// <summary>"major", "minor", "patch" or "none" for the worst change.</summary>
    public static string ImpliedBump(IReadOnlyList<AbiChange> changes) =>
        changes.Any(c => c.Kind == ChangeKind.Breaking) ? "major"
        : changes.Any(c => c.Kind == ChangeKind.Compatible) ? "minor"
        : changes.Count > 0 ? "patch"
        : "none";

    private static void CompareNamed<T>(List<AbiChange> changes, string kind, IEnumerable<T> before, IEnumerable<T> after,
        System.Func<T, string> name, System.Action<List<AbiChange>, T, T> compare)
    {
        var old = before.ToDictionary(name);
        var now = after.ToDictionary(name);
        foreach (T removed in old.Values.Where(item => !now.ContainsKey(name(item))))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, $"{kind} {name(removed)}", "removed"));
        }
        foreach (T added in now.Values.Where(item => !old.ContainsKey(name(item))))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, $"{kind} {name(added)}", "added"));
        }
        foreach (T item in now.Values.Where(item => old.ContainsKey(name(item))))
        {
            compare(changes, old[name(item)], item);
        }
    }

    private static void CompareFunction(List<AbiChange> changes, AbiFunction before, AbiFunction after)
    {
        string subject = $"function {after.Name}";
        string oldSignature = Signature(before);
        string newSignature = Signature(after);
        if (oldSignature != newSignature)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"signature {oldSignature} → {newSignature}"));
        }
        else if (before.CallingConvention != after.CallingConvention)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"calling convention {before.CallingConvention} → {after.CallingConvention}"));
        }
        else if (before != after)
        {
            changes.Add(new AbiChange(ChangeKind.Cosmetic, subject, "documentation or parameter names changed"));
        }
    }

    private static string Signature(AbiFunction function) =>
        $"{CSignature.ReturnType(function)}({string.Join(", ", CSignature.Parameters(function).Select(p => p.Type))})";

    private static void CompareEnum(List<AbiChange> changes, AbiEnum before, AbiEnum after)
    {
        string subject = $"enum {after.Name}";
        if (before.Underlying.C != after.Underlying.C)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"underlying type {before.Underlying.C} → {after.Underlying.C}"));
            return;
        }
        var old = before.Members.ToDictionary(m => m.CName, m => m.Value);
        var now = after.Members.ToDictionary(m => m.CName, m => m.Value);
        foreach (string removed in old.Keys.Where(key => !now.ContainsKey(key)))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"constant {removed} removed"));
        }
        foreach (string changed in old.Keys.Where(key => now.TryGetValue(key, out string? value) && value != old[key]))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"constant {changed} changed from {old[changed]} to {now[changed]}"));
        }
        foreach (string added in now.Keys.Where(key => !old.ContainsKey(key)))
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"constant {added} added"));
        }
    }

    // Any change to a struct's fields or layout moves bytes under existing callers.
    private static void CompareStruct(List<AbiChange> changes, AbiStruct before, AbiStruct after)
    {
        string Layout(AbiStruct s) => string.Join("; ", s.Fields.Select(f => $"{f.Type.C} {f.Name} @{f.Offset64}/{f.Offset32}"))
            + $" | {s.Layout64.Size}/{s.Layout32.Size} pack {s.Pack}";
        if (Layout(before) != Layout(after))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, $"struct {after.Name}", $"layout {Layout(before)} → {Layout(after)}"));
        }
    }
}
