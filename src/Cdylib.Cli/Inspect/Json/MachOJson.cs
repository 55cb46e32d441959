using System.Text.Json;
using Cdylib.ObjectFile;

using static Cdylib.Cli.Inspect.Json.JsonValues;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The Mach-O-only properties of exports and imports in the JSON report: "forwardedTo" and "resolver"
/// on exports and "libraryOrdinal" on imports. Written only for Mach-O files, so ELF and PE documents
/// keep exactly their shape. (The "macho" object is <see cref="Report.MachOReport"/>.)
/// </summary>
internal static class MachOJson
{
    /// <summary>After the neutral properties of a Mach-O export: "forwardedTo" ("LIB:name" for a re-export, else null) and "resolver" (hex, or null).</summary>
    public static void WriteExport(Utf8JsonWriter json, Export export)
    {
        WriteStringOrNull(json, "forwardedTo", export.ForwardedTo);
        WriteStringOrNull(json, "resolver", export.ResolverAddress is ulong resolver ? Hex(resolver) : null);
    }

    /// <summary>After the neutral properties of a Mach-O import: "libraryOrdinal" (1.. a dylib, 0 self, -1 main executable, -2 flat, -3 weak lookup; null without two-level namespace).</summary>
    public static void WriteImport(Utf8JsonWriter json, Import import)
    {
        if (import.LibraryOrdinal is int ordinal)
        {
            json.WriteNumber("libraryOrdinal", ordinal);
        }
        else
        {
            json.WriteNull("libraryOrdinal");
        }
    }

    private static void WriteDylibFields(Utf8JsonWriter json, MachODylib dylib)
    {
        json.WriteString("name", dylib.Name);
        json.WriteString("currentVersion", dylib.CurrentVersionText);
        json.WriteString("compatibilityVersion", dylib.CompatibilityVersionText);
        json.WriteNumber("timestamp", dylib.Timestamp);
    }
}
