using System;
using System.IO;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// ld.so's first look at a candidate (open_verify): a file shorter than an ELF header is "file too
/// short", one without the ELF magic has an "invalid ELF header" — both end the load, in ld.so's words.
/// </summary>
internal static class ElfIdentification
{
    public static bool IsElf(string path, bool is64, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        Span<byte> header = stackalloc byte[4];
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length < (is64 ? 64 : 52))
            {
                problem = "file too short";
                return false;
            }

            stream.ReadExactly(header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read file data: {e.Message}";
            return false;
        }

        problem = header.SequenceEqual("\u007fELF"u8) ? null : "invalid ELF header";
        return problem is null;
    }
}
