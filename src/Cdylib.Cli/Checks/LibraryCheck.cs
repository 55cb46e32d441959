using System.Text.Json;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Checks;

/// <summary><c>cdylib check</c>: the export table against the declared functions, both ways.</summary>
internal static class LibraryCheck
{
    public const int Mismatch = 3;

    /// <param name="given">The library, or its project folder (see <see cref="LibraryArgument"/>; <paramref name="release"/> picks target/release/).</param>
    public static int Run(string given, bool release, string? abiPath, string? headerPath, bool json, TextWriter output, TextWriter error)
    {
        if (abiPath is not null && headerPath is not null)
        {
            error.WriteLine("cdylib: error: give --abi or --header, not both");
            return 1;
        }
        if (!LibraryArgument.TryResolve(given, release, out string? library, out string? unresolved))
        {
            error.WriteLine($"cdylib: error: {unresolved}");
            return 2;
        }
        IReadOnlyList<string> declared;
        string source;
        IReadOnlyList<LibraryImage> images;
        try
        {
            if (headerPath is not null)
            {
                declared = DeclaredInterface.ReadHeader(headerPath);
                source = headerPath;
            }
            else
            {
                source = abiPath ?? DeclaredInterface.ExistingAbiFileBeside(library, "give --abi or --header");
                declared = DeclaredInterface.ReadAbi(source).Functions.Select(function => function.Name).ToList();
            }
            images = LibraryImages.Read(library, sourceNames: true);
        }
        catch (CheckException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return 2;
        }

        // Every image against the declaration: a fat file's slices are loaded one at a time, and each must match.
        var declaredSet = declared.ToHashSet(StringComparer.Ordinal);
        var slices = images.Select(image => new SliceResult(
            image.Architecture,
            declaredSet.Where(name => !image.Names.Contains(name)).Order(StringComparer.Ordinal).ToList(),
            image.Names.Where(name => !declaredSet.Contains(name) && !DeclaredInterface.RuntimeSymbols.Contains(name)).Order(StringComparer.Ordinal).ToList())).ToList();
        var missing = slices.SelectMany(slice => slice.Missing).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var undeclared = slices.SelectMany(slice => slice.Undeclared).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        bool ok = missing.Count == 0 && undeclared.Count == 0;

        if (json)
        {
            WriteJson(output, library, source, declared.Count, missing, undeclared, ok, images.Count > 1 ? slices : null);
        }
        else if (ok)
        {
            string every = images.Count > 1 ? $", in each of its slices ({string.Join(", ", images.Select(image => image.Architecture))})" : "";
            output.WriteLine($"ok: {library} exports the {declared.Count} functions {Path.GetFileName(source)} declares, and nothing else but the runtime's {string.Join(", ", DeclaredInterface.RuntimeSymbols)}{every}");
        }
        else
        {
            output.WriteLine($"{library} does not match {source}:");
            foreach (string name in missing)
            {
                string where = LibraryImages.Where(images, image => !image.Names.Contains(name));
                output.WriteLine($"  missing     {name}   (declared, not exported{(where.Length == 0 ? "" : " by " + LibraryImages.Slices(where))})");
            }
            foreach (string name in undeclared)
            {
                string where = LibraryImages.Where(images, image => image.Names.Contains(name));
                output.WriteLine($"  undeclared  {name}   (exported{(where.Length == 0 ? "" : " by " + LibraryImages.Slices(where))}, not declared)");
            }
        }
        return ok ? 0 : Mismatch;
    }

    /// <summary>One image's mismatches: what it lacks and what it adds.</summary>
    private sealed record SliceResult(string? Architecture, List<string> Missing, List<string> Undeclared);

    /// <param name="slices">A fat file's slices, each with its own mismatches ("slices" in the JSON); null for a file of one image.</param>
    private static void WriteJson(TextWriter output, string library, string source, int declared, List<string> missing, List<string> undeclared, bool ok, List<SliceResult>? slices)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteString("library", library);
            json.WriteString("declaredBy", source);
            json.WriteNumber("declared", declared);
            json.WriteBoolean("ok", ok);
            json.WriteStartArray("missing");
            missing.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("undeclared");
            undeclared.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            if (slices is not null)
            {
                json.WriteStartArray("slices");
                foreach (var slice in slices)
                {
                    json.WriteStartObject();
                    json.WriteString("architecture", slice.Architecture);
                    json.WriteBoolean("ok", slice.Missing.Count == 0 && slice.Undeclared.Count == 0);
                    json.WriteStartArray("missing");
                    slice.Missing.ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteStartArray("undeclared");
                    slice.Undeclared.ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
