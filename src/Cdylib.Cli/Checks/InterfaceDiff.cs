using System.Text.Json;
using Cdylib.Abi.Checks;
using Cdylib.Abi.Model;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Checks;

/// <summary><c>cdylib diff</c>: two versions of an interface, change by change.</summary>
internal static class InterfaceDiff
{
    /// <param name="beforeGiven">OLD as the user gave it: an ABI file, a library or a project folder (see <see cref="LibraryArgument"/>).</param>
    public static int Run(string beforeGiven, string afterGiven, bool release, bool json, TextWriter output, TextWriter error)
    {
        string? beforePath = null, afterPath = null, unresolved = null;
        if (!LibraryArgument.TryResolve(beforeGiven, release, out beforePath, out unresolved)
            || !LibraryArgument.TryResolve(afterGiven, release, out afterPath, out unresolved))
        {
            error.WriteLine($"cdylib: error: {unresolved}");
            return 2;
        }
        IReadOnlyList<AbiChange> changes;
        try
        {
            changes = Compare(beforePath, afterPath);
        }
        catch (CheckException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return 2;
        }
        string bump = AbiDiff.ImpliedBump(changes);
        if (json)
        {
            WriteJson(output, beforePath, afterPath, changes, bump);
            return 0;
        }
        if (changes.Count == 0)
        {
            output.WriteLine("no changes: the interfaces are the same");
            return 0;
        }
        foreach (AbiChange change in changes.OrderByDescending(change => change.Kind).ThenBy(change => change.Subject, StringComparer.Ordinal))
        {
            // "added" and "removed" say it all; anything else says what changed.
            string what = change.Description is "added" or "removed" ? change.Description : Label(change.Kind);
            output.WriteLine(change.Description is "added" or "removed"
                ? $"  {Label(change.Kind),-10} {change.Subject} {what}"
                : $"  {Label(change.Kind),-10} {change.Subject}: {change.Description}");
        }
        output.WriteLine($"implied version bump: {bump}");
        return 0;
    }

    // ABI files compare in full; a library is compared through the ABI file beside it, or else by its export table alone.
    private static IReadOnlyList<AbiChange> Compare(string beforePath, string afterPath)
    {
        AbiLibrary? before = ModelOf(beforePath);
        AbiLibrary? after = ModelOf(afterPath);
        if (before is not null && after is not null)
        {
            return AbiDiff.Compare(before, after);
        }
        var old = Exports(beforePath, before);
        var now = Exports(afterPath, after);
        return old.Except(now).Order(StringComparer.Ordinal).Select(name => new AbiChange(ChangeKind.Breaking, $"export {name}", "removed"))
            .Concat(now.Except(old).Order(StringComparer.Ordinal).Select(name => new AbiChange(ChangeKind.Compatible, $"export {name}", "added")))
            .ToList();
    }

    private static AbiLibrary? ModelOf(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return DeclaredInterface.ReadAbi(path);
        }
        string beside = DeclaredInterface.AbiFileBeside(path);
        return File.Exists(beside) ? DeclaredInterface.ReadAbi(beside) : null;
    }

    private static HashSet<string> Exports(string path, AbiLibrary? model) =>
        (model?.Functions.Select(function => function.Name) ?? DeclaredInterface.ReadExports(path).Where(name => !DeclaredInterface.RuntimeSymbols.Contains(name)))
            .ToHashSet(StringComparer.Ordinal);

    private static string Label(ChangeKind kind) => kind switch
    {
        ChangeKind.Breaking => "breaking",
        ChangeKind.Compatible => "added",
        _ => "cosmetic",
    };

    private static void WriteJson(TextWriter output, string before, string after, IReadOnlyList<AbiChange> changes, string bump)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteString("old", before);
            json.WriteString("new", after);
            json.WriteString("bump", bump);
            json.WriteStartArray("changes");
            foreach (AbiChange change in changes)
            {
                json.WriteStartObject();
                json.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
                json.WriteString("subject", change.Subject);
                json.WriteString("description", change.Description);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
