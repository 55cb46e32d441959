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
public static partial class AbiDiff
{
    public static IReadOnlyList<AbiChange> Compare(AbiLibrary before, AbiLibrary after)
    {
        var changes = new List<AbiChange>();
        if (before.Name != after.Name)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, "library", $"name {before.Name} → {after.Name}: programs linked against the old file no longer find it"));
        }
        CompareNamed(changes, "function", before.Functions, after.Functions, f => f.Name, CompareFunction);
        CompareNamed(changes, "enum", before.Enums, after.Enums, e => e.Name, CompareEnum);
        CompareNamed(changes, "struct", before.Structs, after.Structs, s => s.Name, CompareStruct);
        CompareNamed(changes, "handle type", before.Handles, after.Handles, h => h.Name, (_, _, _) => { });
        CompareNamed(changes, "error code", before.ErrorCodes, after.ErrorCodes, c => c.Name, CompareErrorCode);
        // The ABI version (and the hash, which covers it) is the author's statement about the changes, not one of them.
        if (changes.Count == 0 && before with { AbiVersion = after.AbiVersion, ApiHash = after.ApiHash } != after)
        {
            changes.Add(new AbiChange(ChangeKind.Cosmetic, "library", "documentation or parameter names changed"));
        }
        return changes;
    }

    /// <summary>
    /// The worst change: <see cref="ChangeKind.Breaking"/> or <see cref="ChangeKind.Compatible"/>, else
    /// <see cref="ChangeKind.Cosmetic"/> (also when there are no changes at all: the interfaces are the same to a caller).
    /// </summary>
    public static ChangeKind Worst(IReadOnlyList<AbiChange> changes) =>
        changes.Count == 0 ? ChangeKind.Cosmetic : changes.Max(change => change.Kind);

    /// <summary>
    /// A warning when the changes break callers but the ABI version (MSBuild <c>CdylibAbiVersion</c>) was not
    /// raised: consumers that check <c>NAME_abi_version()</c>, <c>find_package(NAME N)</c> or the versioned
    /// SONAME would take the new library for the old one. Null when there is nothing to warn about.
    /// </summary>
    /// <param name="listed">Say which changes break (the first few), for a reader who has no list beside the warning.</param>
    public static string? VersionWarning(AbiLibrary before, AbiLibrary after, IReadOnlyList<AbiChange> changes, bool listed = false)
    {
        if (Worst(changes) != ChangeKind.Breaking || after.AbiVersion > before.AbiVersion)
        {
            return null;
        }
        string version = after.AbiVersion == before.AbiVersion
            ? $"the ABI version is still {after.AbiVersion}"
            : $"the ABI version went from {before.AbiVersion} down to {after.AbiVersion}";
        var breaking = changes.Where(change => change.Kind == ChangeKind.Breaking).ToList();
        string which = !listed ? ""
            : " (" + string.Join("; ", breaking.Take(3).Select(change => change.Description is "added" or "removed" ? $"{change.Subject} {change.Description}" : $"{change.Subject}: {change.Description}"))
                + (breaking.Count > 3 ? $"; {breaking.Count - 3} more" : "") + ")";
        return $"breaking changes{which}, but {version}: raise CdylibAbiVersion (to {before.AbiVersion + 1}) so consumers that check it "
            + $"({after.Prefix}_abi_version(), find_package({after.Name} {before.AbiVersion}), a versioned SONAME) do not take this library for the old one";
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
            return;
        }
        if (before.CallingConvention != after.CallingConvention)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"calling convention {before.CallingConvention} → {after.CallingConvention}"));
            return;
        }
        // The same C declaration can still mean something else to a caller: what may be NULL, and whether an
        // out pointer is read first. Those are told from the model's kinds and managed spellings.
        int count = changes.Count;
        CompareResult(changes, subject, before.ReturnType, after.ReturnType, before.ReturnsStatus ? "'out_result'" : "the result");
        if (before.Parameters.Count == after.Parameters.Count)
        {
            for (int i = 0; i < after.Parameters.Count; i++)
            {
                CompareParameter(changes, subject, before.Parameters[i].Type, after.Parameters[i]);
            }
        }
        // An async export's C declaration stays the same when its method gains or loses a CancellationToken,
        // but NAME_op_cancel changes meaning: it reaches the method, or ends the operation at once.
        if (before.Operation is { } was && after.Operation is { } now && was.Cancellable != now.Cancellable)
        {
            changes.Add(new AbiChange(ChangeKind.Compatible, subject, now.Cancellable
                ? "its operation's cancel now sets the method's CancellationToken (the method decides how it ends)"
                : "its operation's cancel now ends the operation at once (the method takes no CancellationToken)"));
        }
        // An iterator's item and an operation's result are told where they show, at next and at the callback.
        if (changes.Count == count && before with { Iterator = null, Operation = null } != after with { Iterator = null, Operation = null })
        {
            changes.Add(new AbiChange(ChangeKind.Cosmetic, subject, "documentation or parameter names changed"));
        }
    }

    // NULL for null where there was none is news a caller may not handle; never NULL where it was allowed is a promise added.
    private static void CompareResult(List<AbiChange> changes, string subject, AbiType before, AbiType after, string what)
    {
        bool was = AbiNullability.IsNullable(before);
        bool now = AbiNullability.IsNullable(after);
        if (was != now)
        {
            changes.Add(now
                ? new AbiChange(ChangeKind.Breaking, subject, $"{what} may now be NULL for null, not only on failure ({Describe(before)} → {Describe(after)})")
                : new AbiChange(ChangeKind.Compatible, subject, $"{what} is now NULL only on failure ({Describe(before)} → {Describe(after)})"));
        }
    }

    private static void CompareParameter(List<AbiChange> changes, string subject, AbiType before, AbiParameter parameter)
    {
        AbiType after = parameter.Type;
        string name = $"parameter '{parameter.Name}'";
        bool? accepted = AbiNullability.ParameterAcceptsNull(before);
        bool? accepts = AbiNullability.ParameterAcceptsNull(after);
        // A raw pointer meant whatever the library made of NULL; an out/ref/in pointer refuses it.
        if (accepted != accepts && accepts is bool refusesOrAccepts && (accepted is not null || !refusesOrAccepts))
        {
            changes.Add(refusesOrAccepts
                ? new AbiChange(ChangeKind.Compatible, subject, $"{name} now accepts NULL ({Describe(before)} → {Describe(after)})")
                : new AbiChange(ChangeKind.Breaking, subject, $"{name} no longer accepts NULL ({Describe(before)} → {Describe(after)})"));
        }
        if (before is ReferenceType wasReference && after is ReferenceType reference)
        {
            bool wasOut = wasReference.Kind == ReferenceKind.Out;
            bool isOut = reference.Kind == ReferenceKind.Out;
            if (wasOut && !isOut)
            {
                changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"{name} is now read before it is written ({Describe(before)} → {Describe(after)})"));
            }
            else if (!wasOut && isOut)
            {
                changes.Add(new AbiChange(ChangeKind.Compatible, subject, $"{name} is no longer read, only written ({Describe(before)} → {Describe(after)})"));
            }
            CompareResult(changes, subject, wasReference.Target, reference.Target, $"what {name} receives");
        }
    }

    private static string Signature(AbiFunction function) =>
        $"{CSpelling.Of(CSignature.ReturnType(function))}({string.Join(", ", CSignature.Parameters(function).Select(p => p.C))})";

    /// <summary>A type as C# wrote it, for the reader of a change (<c>string?</c>, <c>out int</c>); named types by their C names.</summary>
    private static string Describe(AbiType type) => type switch
    {
        PrimitiveType primitive => CSharpSpelling.Of(primitive.Primitive),
        PointerType pointer => Describe(pointer.Pointee) + "*",
        FunctionPointerType function => $"delegate* unmanaged[Cdecl]<{string.Join(", ", function.Parameters.Append(function.Returns).Select(Describe))}>",
        StringType text => text.Nullable ? "string?" : "string",
        SpanType span => $"{(span.Writable ? "Span" : "ReadOnlySpan")}<{Describe(span.Element)}>",
        OwnedArrayType array => Describe(array.Element) + "[]" + (array.Nullable ? "?" : ""),
        ReferenceType reference => $"{reference.Kind.ToString().ToLowerInvariant()} {Describe(reference.Target)}",
        OptionalType optional => Describe(optional.Value) + "?",
        EnumRef enumeration => enumeration.Name,
        StructRef structure => structure.Name,
        HandleRef handle => handle.Name + (handle.Nullable ? "?" : ""),
        _ => CSpelling.Of(type),
    };

    private static void CompareEnum(List<AbiChange> changes, AbiEnum before, AbiEnum after)
    {
        string subject = $"enum {after.Name}";
        if (CSpelling.Of(before.Underlying) != CSpelling.Of(after.Underlying))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, subject, $"underlying type {CSpelling.Of(before.Underlying)} → {CSpelling.Of(after.Underlying)}"));
            return;
        }
        var old = before.Members.ToDictionary(m => m.CName, m => CSpelling.Literal(m.Value, before.Underlying));
        var now = after.Members.ToDictionary(m => m.CName, m => CSpelling.Literal(m.Value, after.Underlying));
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

    private static void CompareErrorCode(List<AbiChange> changes, AbiErrorCode before, AbiErrorCode after)
    {
        if (before.Value != after.Value)
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, $"error code {after.Name}", $"value {before.Value} → {after.Value}"));
        }
    }

    // Any change to a struct's fields or layout moves bytes under existing callers.
    private static void CompareStruct(List<AbiChange> changes, AbiStruct before, AbiStruct after)
    {
        if (before.Interface is not null && after.Interface is not null)
        {
            CompareInterface(changes, before, after);
            return;
        }
        string Layout(AbiStruct s) => string.Join("; ", s.Fields.Select(f => $"{CSpelling.Of(f.Type)} {f.Name} @{f.Offset64}/{f.Offset32}"))
            + $" | {s.Layout64.Size}/{s.Layout32.Size} pack {s.Pack}";
        if (Layout(before) != Layout(after))
        {
            changes.Add(new AbiChange(ChangeKind.Breaking, $"struct {after.Name}", $"layout {Layout(before)} → {Layout(after)}"));
        }
    }
}
