using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>The value spellings every part of the JSON report shares (used with <c>using static</c>).</summary>
internal static class JsonValues
{
    /// <summary>Addresses, offsets and flags as "0x…" strings: 64-bit values do not survive a JSON number in JavaScript.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
