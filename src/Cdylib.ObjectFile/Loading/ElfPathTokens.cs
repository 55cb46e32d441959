using System;
using System.Text;

namespace Cdylib.ObjectFile.Loading;

/// <summary>
/// The dynamic string tokens ld.so expands in DT_RPATH, DT_RUNPATH, DT_NEEDED and LD_LIBRARY_PATH
/// (elf/dl-load.c, _dl_dst_substitute): $ORIGIN / ${ORIGIN} (the directory of the object), $LIB / ${LIB}
/// and $PLATFORM / ${PLATFORM}. Any other '$' is kept as it is.
/// </summary>
internal sealed class ElfPathTokens(string? platform, string lib)
{
    public string Expand(string value, string origin)
    {
        var result = new StringBuilder(value.Length + origin.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && Token(value, i + 1, out string? token, out int length))
            {
                string? replacement = token switch
                {
                    "ORIGIN" => origin,
                    "LIB" => lib,
                    "PLATFORM" => platform,
                    _ => null,
                };
                if (replacement is not null)
                {
                    result.Append(replacement);
                    i += length;
                    continue;
                }
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    /// <summary>A known token name at <paramref name="at"/>, braced or not, ending where a name character cannot follow.</summary>
    private static bool Token(string value, int at, out string? token, out int length)
    {
        foreach (string name in (ReadOnlySpan<string>)["ORIGIN", "LIB", "PLATFORM"])
        {
            if (string.CompareOrdinal(value, at, "{" + name + "}", 0, name.Length + 2) == 0)
            {
                token = name;
                length = name.Length + 2;
                return true;
            }

            int end = at + name.Length;
            if (string.CompareOrdinal(value, at, name, 0, name.Length) == 0 && (end == value.Length || !(char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_')))
            {
                token = name;
                length = name.Length;
                return true;
            }
        }

        token = null;
        length = 0;
        return false;
    }
}
