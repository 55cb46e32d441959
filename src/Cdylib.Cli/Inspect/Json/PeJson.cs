using System.Text.Json;
using Cdylib.ObjectFile;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>
/// The PE-only properties of exports and imports in the JSON report: ordinal, hint, forwarder and
/// delay-load. Written only for PE files, so ELF and Mach-O documents keep exactly their schema-1
/// shape. (The "pe" object is <see cref="Report.PeReport"/>.)
/// </summary>
internal static class PeJson
{
    /// <summary>After the neutral properties of a PE export: "ordinal", "hint" (null for ordinal-only), "forwardedTo" (null unless forwarded).</summary>
    public static void WriteExport(Utf8JsonWriter json, Export export)
    {
        WriteNumberOrNull(json, "ordinal", export.Ordinal);
        WriteNumberOrNull(json, "hint", export.Hint);
        if (export.ForwardedTo is null)
        {
            json.WriteNull("forwardedTo");
        }
        else
        {
            json.WriteString("forwardedTo", export.ForwardedTo);
        }
    }

    /// <summary>After the neutral properties of a PE import: "ordinal" (null for an import by name), "hint" (null for one by ordinal), "delayLoad".</summary>
    public static void WriteImport(Utf8JsonWriter json, Import import)
    {
        WriteNumberOrNull(json, "ordinal", import.Ordinal);
        WriteNumberOrNull(json, "hint", import.Hint);
        json.WriteBoolean("delayLoad", import.IsDelayLoad);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, uint? value)
    {
        if (value is uint number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
