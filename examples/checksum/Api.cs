using System;
using System.Runtime.InteropServices;
using Cdylib;

namespace Checksum;

/// <summary>Checksums for C callers, computed by the C library minicrc inside this library.</summary>
public static unsafe class Checksums
{
    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    [CExport("checksum_crc32")]
    public static uint Crc32(ReadOnlySpan<byte> data) => Crc32Update(0, data);

    /// <summary>The CRC-32 of <paramref name="data"/> continuing from <paramref name="crc"/> (0 to start), for data that comes in pieces.</summary>
    [CExport("checksum_crc32_update")]
    public static uint Crc32Update(uint crc, ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            return MiniCrc.Crc32(crc, bytes, (nuint)data.Length);
        }
    }

    /// <summary>The 32-bit FNV-1a hash of <paramref name="data"/>.</summary>
    [CExport("checksum_fnv1a")]
    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            return MiniCrc.Fnv1a32(bytes, (nuint)data.Length);
        }
    }

    /// <summary>The CRC-32 of <paramref name="text"/>'s UTF-8 bytes as eight lower-case hex digits: C# and C in one call.</summary>
    [CExport("checksum_crc32_hex")]
    public static string Crc32Hex(string text) => Crc32(System.Text.Encoding.UTF8.GetBytes(text)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"minicrc MAJOR.MINOR": the version of the C code linked in.</summary>
    [CExport("checksum_engine")]
    public static string Engine() => "minicrc " + Marshal.PtrToStringUTF8((nint)MiniCrc.Version());
}
