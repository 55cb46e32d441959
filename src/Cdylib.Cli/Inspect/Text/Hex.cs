using System.Globalization;

namespace Cdylib.Cli.Inspect.Text;

/// <summary>Hex spellings shared by the reports.</summary>
internal static class Hex
{
    /// <summary>Zero-padded to the address width of the file, as readelf prints values (16 digits for 64-bit, 8 for 32-bit).</summary>
    public static string Address(ulong value, bool is64Bit) =>
        value.ToString(is64Bit ? "x16" : "x8", CultureInfo.InvariantCulture);
}
