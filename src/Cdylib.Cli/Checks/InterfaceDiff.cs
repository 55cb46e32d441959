using System.Text.Json;
using Cdylib.Abi.Checks;
using Cdylib.Abi.Model;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Checks;

/// <summary><c>cdylib diff</c>: two versions of an interface, change by change, and an exit code a CI job can gate on.</summary>
internal static class InterfaceDiff
{
    /// <summary>The exit code when NEW only adds to OLD: every existing caller still works (a minor version).</summary>
    public const int Compatible = 5;

    /// <summary>The exit code when NEW breaks callers of OLD (a major version).</summary>
    public const int Breaking = 6;

    /// <summary>What <c>--allow</c> takes: change kinds that exit 0.</summary>
    public static readonly string[] Allowable = ["compatible"];

    /// <param name="beforeGiven">OLD as the user gave it: an ABI file, a library or a project folder (see <see cref="LibraryArgument"/>).</param>
    /// <param name="allowCompatible"><c>--allow compatible</c>: compatible changes exit 0, so only breaking ones fail a CI job.</param>
    public static int Run(string beforeGiven, string afterGiven, bool release, bool allowCompatible, bool json, TextWriter output, TextWriter error)
    {
        string? beforePath = null, afterPath = null, unresolved = null;
        if (!LibraryArgument.TryResolve(beforeGiven, release, out beforePath, out unresolved)
            || !LibraryArgument.TryResolve(afterGiven, release, out afterPath, out unresolved))
        {
            error.WriteLine($"cdylib: error: {unresolved}");
            return 2;
        }
        Comparison comparison;
        try
        {
            comparison = Compare(beforePath, afterPath);
        }
        catch (CheckException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return 2;
        }
        IReadOnlyList<AbiChange> changes = comparison.Changes;
        string bump = AbiDiff.ImpliedBump(changes);
        ChangeKind worst = AbiDiff.Worst(changes);
        string verdict = Verdict(worst);
        int exitCode = worst switch
        {
            ChangeKind.Breaking => Breaking,
            ChangeKind.Compatible when !allowCompatible => Compatible,
            _ => 0,
        };
        string? warning = comparison.Before is { } old && comparison.After is { } now ? AbiDiff.VersionWarning(old, now, changes) : null;
        if (warning is not null)
        {
            error.WriteLine($"cdylib: warning: {warning}");
        }
        if (json)
        {
            WriteJson(output, beforePath, afterPath, comparison, bump, verdict, exitCode, warning);
            return exitCode;
        }
        if (changes.Count == 0)
        {
            output.WriteLine("no changes: the interfaces are the same");
            return exitCode;
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
        if (comparison.Before is { } from && comparison.After is { } to)
        {
            output.WriteLine(from.AbiVersion == to.AbiVersion ? $"ABI version: {to.AbiVersion}" : $"ABI version: {from.AbiVersion} → {to.AbiVersion}");
        }
        output.WriteLine($"verdict: {verdict}{(worst == ChangeKind.Compatible && allowCompatible ? " (allowed)" : "")}, exit code {exitCode}");
        return exitCode;
    }

    /// <summary>The verdict as JSON and the text say it: cosmetic changes are none to a caller.</summary>
    private static string Verdict(ChangeKind worst) => worst switch
    {
        ChangeKind.Breaking => "breaking",
        ChangeKind.Compatible => "compatible",
        _ => "same",
    };

    /// <summary>The changes, and the two models when both sides had an ABI file (null when compared as binaries).</summary>
    private sealed record Comparison(IReadOnlyList<AbiChange> Changes, AbiLibrary? Before, AbiLibrary? After);

    // ABI files compare in full, and two libraries with them also as binaries (names aside: the ABI files said
    // which functions came and went); a library without its ABI file is compared as a binary, names included.
    private static Comparison Compare(string beforePath, string afterPath)
    {
        AbiLibrary? before = ModelOf(beforePath);
        AbiLibrary? after = ModelOf(afterPath);
        if (before is not null && after is not null)
        {
            var changes = AbiDiff.Compare(before, after).ToList();
            if (!IsAbiFile(beforePath) && !IsAbiFile(afterPath))
            {
                changes.AddRange(ImagesChanges(Images(beforePath, null), Images(afterPath, null), names: false));
            }
            return new Comparison(changes, before, after);
        }
        return new Comparison(ImagesChanges(Images(beforePath, before), Images(afterPath, after), names: true), null, null);
    }

    private static bool IsAbiFile(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The images compared pair by pair (<see cref="ImageChanges"/>): Mach-O images by architecture (a slice gone
    /// is breaking, a new one compatible), or an image without one (ELF, PE, an ABI file) against every image
    /// of the other side. A change found in some pairs only says which ("removed from arm64").
    /// </summary>
    private static List<AbiChange> ImagesChanges(IReadOnlyList<LibraryImage> old, IReadOnlyList<LibraryImage> now, bool names)
    {
        var pairs = new List<(LibraryImage Old, LibraryImage New)>();
        var changes = new List<AbiChange>();
        if (old is [{ Architecture: null }] || now is [{ Architecture: null }])
        {
            // An image of no particular architecture stands for the whole library.
            pairs.AddRange(old.Count == 1 ? now.Select(image => (old[0], image)) : old.Select(image => (image, now[0])));
        }
        else
        {
            foreach (var image in old)
            {
                var match = now.FirstOrDefault(other => other.Architecture == image.Architecture);
                if (match is null)
                {
                    changes.Add(new AbiChange(ChangeKind.Breaking, $"architecture {image.Architecture}", "removed"));
                    continue;
                }
                pairs.Add((image, match));
            }
            changes.AddRange(now.Where(image => old.All(other => other.Architecture != image.Architecture))
                .Select(image => new AbiChange(ChangeKind.Compatible, $"architecture {image.Architecture}", "added")));
        }

        // The same change in several pairs is one change; in some pairs only, it names their architectures.
        var found = pairs.Select(pair => (Pair: pair, Changes: ImageChanges.Compare(pair.Old, pair.New, names))).ToList();
        foreach (AbiChange change in found.SelectMany(entry => entry.Changes).Distinct()
            .OrderByDescending(change => change.Kind).ThenBy(change => change.Subject, StringComparer.Ordinal))
        {
            var hits = found.Where(entry => entry.Changes.Contains(change)).ToList();
            if (hits.Count == pairs.Count)
            {
                changes.Add(change);
                continue;
            }
            string where = string.Join(", ", hits.Select(hit => hit.Pair.New.Architecture ?? hit.Pair.Old.Architecture));
            changes.Add(change with
            {
                Description = change.Description switch
                {
                    "removed" => $"removed from {where}",
                    "added" => $"added to {where}",
                    string description => $"{description} (in {where})",
                },
            });
        }
        return changes;
    }

    private static AbiLibrary? ModelOf(string path)
    {
        if (IsAbiFile(path))
        {
            return DeclaredInterface.ReadAbi(path);
        }
        string beside = DeclaredInterface.AbiFileBeside(path);
        return File.Exists(beside) ? DeclaredInterface.ReadAbi(beside) : null;
    }

    /// <summary>What a side exports: its ABI file's functions as one image, or every image of the library without the runtime's own symbols.</summary>
    private static IReadOnlyList<LibraryImage> Images(string path, AbiLibrary? model)
    {
        var none = new HashSet<string>(StringComparer.Ordinal);
        if (model is not null)
        {
            return [new LibraryImage(null, model.Functions.Select(function => function.Name).ToHashSet(StringComparer.Ordinal), none)];
        }
        return LibraryImages.Read(path, sourceNames: true)
            .Select(image => image with { Names = image.Names.Where(name => !DeclaredInterface.RuntimeSymbols.Contains(name)).ToHashSet(StringComparer.Ordinal) })
            .ToList();
    }

    private static string Label(ChangeKind kind) => kind switch
    {
        ChangeKind.Breaking => "breaking",
        ChangeKind.Compatible => "compatible",
        _ => "cosmetic",
    };

    private static void WriteJson(TextWriter output, string before, string after, Comparison comparison, string bump, string verdict, int exitCode, string? warning)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteString("old", before);
            json.WriteString("new", after);
            json.WriteString("bump", bump);
            json.WriteString("verdict", verdict);
            json.WriteNumber("exitCode", exitCode);
            if (comparison.Before is { } from && comparison.After is { } to)
            {
                json.WriteStartObject("abiVersion");
                json.WriteNumber("old", from.AbiVersion);
                json.WriteNumber("new", to.AbiVersion);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("abiVersion");
            }
            json.WriteStartArray("warnings");
            if (warning is not null)
            {
                json.WriteStringValue(warning);
            }
            json.WriteEndArray();
            json.WriteStartArray("changes");
            foreach (AbiChange change in comparison.Changes)
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
