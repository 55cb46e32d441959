using System.Globalization;
using System.Text.Json;

namespace Cdylib.Cli.Inspect.Json;

/// <summary>The value spellings every part of the JSON report shares (used with <c>using static</c>).</summary>
internal static class JsonValues
{
    /// <summary>Addresses, offsets and flags as "0x…" strings: 64-bit values do not survive a JSON number in JavaScript.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary><see cref="Hex"/> written without making a string (a listing writes one per symbol).</summary>
    public static void WriteHex(Utf8JsonWriter json, JsonEncodedText name, ulong value)
    {
        System.Span<byte> utf8 = stackalloc byte[18];
        utf8[0] = (byte)'0';
        utf8[1] = (byte)'x';
        value.TryFormat(utf8[2..], out int digits, "x", CultureInfo.InvariantCulture);
        json.WriteString(name, utf8[..(2 + digits)]);
    }

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
}
