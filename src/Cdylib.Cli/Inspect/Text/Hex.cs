using System;
using System.Globalization;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>Hex spellings shared by the reports.</summary>
internal static class Hex
{
    /// <summary>Zero-padded to the address width of the file, as readelf prints values (16 digits for 64-bit, 8 for 32-bit).</summary>
    public static string Address(ulong value, bool is64Bit) =>
        value.ToString(is64Bit ? "x16" : "x8", CultureInfo.InvariantCulture);

    /// <summary><see cref="Address"/> as UTF-8 into <paramref name="destination"/> (at least 16 bytes): a listing writes one per row.</summary>
    public static ReadOnlySpan<byte> Utf8Address(ulong value, bool is64Bit, Span<byte> destination)
    {
        if (!is64Bit && value > uint.MaxValue)
        {
            // Not in a 32-bit file's own fields; "x8" then prints every digit.
            value.TryFormat(destination, out int written, "x8", CultureInfo.InvariantCulture);
            return destination[..written];
        }

        int digits = is64Bit ? 16 : 8;
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[i] = "0123456789abcdef"u8[(int)(value & 0xf)];
            value >>= 4;
        }

        return destination[..digits];
    }
}
