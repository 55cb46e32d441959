using System.Runtime.InteropServices;

namespace Checksum;

/// <summary>
/// The C library minicrc, compiled from minicrc/src by the project's CdylibCSource item and linked into
/// this library: "minicrc" is the item's Library, so these calls are direct (no dlopen at run time).
/// </summary>
internal static unsafe partial class MiniCrc
{
    private const string Library = "minicrc";

    [LibraryImport(Library, EntryPoint = "minicrc_crc32")]
    public static partial uint Crc32(uint crc, byte* data, nuint length);

    [LibraryImport(Library, EntryPoint = "minicrc_fnv1a32")]
    public static partial uint Fnv1a32(byte* data, nuint length);

    /// <summary>A static C string: read, never freed.</summary>
    [LibraryImport(Library, EntryPoint = "minicrc_version")]
    public static partial byte* Version();
}
