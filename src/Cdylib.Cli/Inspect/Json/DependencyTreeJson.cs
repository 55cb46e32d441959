using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// deps --tree as JSON: the file's <c>tree</c> object — <c>loadOrder</c> (every library once: path,
/// index, the path of the library that loaded it, its dependencies resolved, its imports bound) and
/// <c>notes</c>. The same facts as the text; the tree shape follows from <c>loadedBy</c>, so nothing is
/// nested and a cycle cannot recurse.
/// </summary>
internal static class DependencyTreeJson
{
    public static void Write(Utf8JsonWriter json, DependencyTree tree)
    {
        json.WriteStartObject("tree");
        json.WriteString("root", tree.Root.Path);
        json.WriteStartArray("loadOrder");
        foreach (var library in tree.LoadOrder)
        {
            json.WriteStartObject();
            json.WriteString("path", library.Path);
            json.WriteNumber("index", library.LoadIndex);
            WriteStringOrNull(json, "loadedBy", library.LoadedBy?.Path);
            json.WriteStartArray("dependencies");
            foreach (var dependency in library.Dependencies)
            {
                WriteDependency(json, dependency);
            }

            json.WriteEndArray();
            json.WriteStartArray("imports");
            foreach (var import in library.Imports)
            {
                json.WriteStartObject();
                json.WriteString("name", import.Import.Name);
                if (import.Import.Ordinal is uint ordinal)
                {
                    json.WriteNumber("ordinal", ordinal);
                }

                WriteStringOrNull(json, "version", import.Import.Version?.Name);
                WriteStringOrNull(json, "library", import.Import.Library);
                json.WriteBoolean("weak", import.Import.IsWeak);
                json.WriteString("status", ModelNames.Provider(import.Status));
                WriteStringOrNull(json, "provider", import.Provider?.Path);
                WriteStringOrNull(json, "detail", import.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (string note in tree.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDependency(Utf8JsonWriter json, ResolvedDependency dependency)
    {
        json.WriteStartObject();
        json.WriteString("name", dependency.Dependency.Name);
        json.WriteString("kind", ModelNames.DependencyKind(dependency.Dependency.Kind));
        json.WriteString("status", ModelNames.Resolution(dependency.Status));
        WriteStringOrNull(json, "path", dependency.Path);
        WriteStringOrNull(json, "rule", dependency.Rule);
        WriteStringOrNull(json, "problem", dependency.Problem);
        json.WriteStartArray("attempts");
        foreach (var attempt in dependency.Attempts)
        {
            json.WriteStartObject();
            json.WriteString("candidate", attempt.Candidate);
            json.WriteString("rule", attempt.Rule);
            WriteStringOrNull(json, "rejected", attempt.Rejection);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
