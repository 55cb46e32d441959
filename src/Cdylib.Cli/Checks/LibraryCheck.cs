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
        IReadOnlyList<string> exported;
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
            exported = DeclaredInterface.ReadExports(library);
        }
        catch (CheckException problem)
        {
            error.WriteLine($"cdylib: error: {problem.Message}");
            return 2;
        }

        var exportedSet = exported.ToHashSet(StringComparer.Ordinal);
        var declaredSet = declared.ToHashSet(StringComparer.Ordinal);
        var missing = declared.Where(name => !exportedSet.Contains(name)).Order(StringComparer.Ordinal).ToList();
        var undeclared = exported.Where(name => !declaredSet.Contains(name) && !DeclaredInterface.RuntimeSymbols.Contains(name)).Order(StringComparer.Ordinal).ToList();
        bool ok = missing.Count == 0 && undeclared.Count == 0;

        if (json)
        {
            WriteJson(output, library, source, declared.Count, missing, undeclared, ok);
        }
        else if (ok)
        {
            output.WriteLine($"ok: {library} exports the {declared.Count} functions {Path.GetFileName(source)} declares, and nothing else but the runtime's {string.Join(", ", DeclaredInterface.RuntimeSymbols)}");
        }
        else
        {
            output.WriteLine($"{library} does not match {source}:");
            foreach (string name in missing)
            {
                output.WriteLine($"  missing     {name}   (declared, not exported)");
            }
            foreach (string name in undeclared)
            {
                output.WriteLine($"  undeclared  {name}   (exported, not declared)");
            }
        }
        return ok ? 0 : Mismatch;
    }

    private static void WriteJson(TextWriter output, string library, string source, int declared, List<string> missing, List<string> undeclared, bool ok)
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
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
