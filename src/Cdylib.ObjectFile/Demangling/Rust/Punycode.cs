using System;
using System.Collections.Generic;
using System.Text;

namespace Cdylib.ObjectFile.Demangling.Rust;

/// <summary>
/// Punycode (RFC 3492) as Rust v0 uses it for identifiers that are not ASCII: the ASCII characters,
/// then the encoded insertions of the others, with '_' in place of the RFC's '-' delimiter.
/// </summary>
internal static class Punycode
{
    /// <summary>
    /// No real identifier comes near this; it keeps the insertions (each a move of what follows) bounded
    /// for a hostile name.
    /// </summary>
    private const int MaxLength = 4096;

    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int InitialDamp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 0x80;

    /// <summary>The identifier's text, or null when the encoding is invalid or decodes to something that is not a character.</summary>
    public static string? Decode(ReadOnlySpan<char> ascii, ReadOnlySpan<char> encoded)
    {
        if (ascii.Length + encoded.Length > MaxLength)
        {
            return null;
        }

        var output = new List<int>(ascii.Length + encoded.Length);
        foreach (char c in ascii)
        {
            output.Add(c);
        }

        long n = InitialN;
        long i = 0;
        int bias = InitialBias;
        bool first = true;
        int at = 0;
        while (at < encoded.Length)
        {
            long previous = i;
            long weight = 1;
            for (int k = Base; ; k += Base)
            {
                if (at >= encoded.Length)
                {
                    return null;
                }

                int digit = Digit(encoded[at++]);
                if (digit < 0)
                {
                    return null;
                }

                i += digit * weight;
                int t = Math.Clamp(k - bias, TMin, TMax);
                if (i > int.MaxValue)
                {
                    return null;
                }

                if (digit < t)
                {
                    break;
                }

                weight *= Base - t;
            }

            int length = output.Count + 1;
            bias = Adapt(i - previous, length, first);
            first = false;
            n += i / length;
            i %= length;
            if (n > 0x10FFFF || n is >= 0xD800 and <= 0xDFFF)
            {
                return null;
            }

            output.Insert((int)i, (int)n);
            i++;
        }

        var text = new StringBuilder(output.Count);
        foreach (int codePoint in output)
        {
            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }

    /// <summary>Lowercase letters are 0–25, digits 26–35 (the RFC's encoder writes lowercase).</summary>
    private static int Digit(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => c - '0' + 26,
        _ => -1,
    };

    private static int Adapt(long delta, int length, bool first)
    {
        delta = first ? delta / InitialDamp : delta / 2;
        delta += delta / length;
        int k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + (((Base - TMin + 1) * delta) / (delta + Skew)));
    }
}
