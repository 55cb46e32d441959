using System;
using Cdylib.ObjectFile.Demangling.Rust;

namespace Cdylib.ObjectFile.Demangling;

/// <summary>
/// Rust names: the legacy scheme (an Itanium-style <c>_ZN…E</c> path whose last segment is the hash
/// <c>17h&lt;16 hex digits&gt;</c>) and v0 (<c>_R…</c>, RFC 2603, <see cref="RustV0Demangler"/>);
/// the Mach-O forms <c>__ZN…</c> and <c>__R…</c> carry one more underscore.
/// </summary>
/// <remarks>
/// The output is <c>c++filt</c>'s (binutils' libiberty, which c++filt runs with its verbose flag): the
/// legacy hash stays as the last segment (<c>demo::apply::h0123456789abcdef</c>) and each v0 crate name
/// carries its disambiguator in hexadecimal (<c>demo[5b9c0f9a2e2d4c1a]::apply</c>), so the demangled name
/// loses nothing that tells two instances apart. A <c>.suffix</c> after the name (<c>.llvm.123</c>,
/// added by LLVM to local copies) is dropped, as c++filt does.
/// </remarks>
internal static class RustDemangler
{
    /// <summary>The demangled name, or null when <paramref name="name"/> is not such a name.</summary>
    public static string? Demangle(ReadOnlySpan<char> name)
    {
        if (name.Length > DemangleLimits.MaxNameLength)
        {
            return null;
        }

        // One leading underscore more on Mach-O.
        ReadOnlySpan<char> symbol = name.StartsWith("__", StringComparison.Ordinal) ? name[1..] : name;
        if (symbol.StartsWith("_R"))
        {
            return RustV0Demangler.Demangle(symbol[2..]);
        }

        return symbol.StartsWith("_ZN") ? DemangleLegacy(symbol[3..]) : null;
    }

    /// <summary>The legacy form, from after its <c>_ZN</c>: length-prefixed ASCII segments up to the <c>E</c>.</summary>
    private static string? DemangleLegacy(ReadOnlySpan<char> symbol)
    {
        // Most _ZN names are C++: without the hash segment's "17h" anywhere there is nothing to do, and
        // one vectorized search says so faster than the character checks below.
        if (!symbol.Contains("17h", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (char c in symbol)
        {
            // Segments are ASCII letters, digits and '_', with '$' escapes and '.'; ':' and '@' only in a suffix.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.' or ':' or '@'))
            {
                return null;
            }
        }

        // The name ends at an 'E' that is the last character or is followed by a ".suffix".
        int end = symbol.Length;
        bool afterDot = true;
        while (end > 0 && !(afterDot && symbol[end - 1] == 'E'))
        {
            afterDot = symbol[end - 1] == '.';
            end--;
        }

        if (end == 0)
        {
            return null;
        }

        var path = symbol[..(end - 1)];

        // The cheap test that turns away almost every C++ name before any parsing: the hash segment.
        if (path.Length <= 19 || !path[^19..^16].SequenceEqual("17h"))
        {
            return null;
        }

        var output = new BoundedText();
        int at = 0;
        var segment = (Start: 0, Length: 0);
        while (at < path.Length)
        {
            if (!TryReadSegment(path, ref at, out segment))
            {
                return null;
            }

            if (output.Length > 0)
            {
                output.Append("::");
            }

            AppendUnescaped(output, path.Slice(segment.Start, segment.Length));
        }

        return IsHash(path.Slice(segment.Start, segment.Length)) && !output.Overflowed ? output.ToString() : null;
    }

    /// <summary>A decimal length, then that many characters: where they start, and how many.</summary>
    private static bool TryReadSegment(ReadOnlySpan<char> path, ref int at, out (int Start, int Length) segment)
    {
        segment = default;
        if (!char.IsAsciiDigit(path[at]))
        {
            return false;
        }

        long length = path[at++] - '0';
        if (length != 0)
        {
            while (at < path.Length && char.IsAsciiDigit(path[at]))
            {
                length = (length * 10) + (path[at++] - '0');
                if (length > path.Length)
                {
                    return false;
                }
            }
        }

        if (length > path.Length - at)
        {
            return false;
        }

        segment = (at, (int)length);
        at += (int)length;
        return true;
    }

    /// <summary>
    /// 'h' and 16 lowercase hex digits, at least 5 of them distinct: libiberty's test, which keeps a
    /// C++ name that merely looks like one for the Itanium scheme.
    /// </summary>
    private static bool IsHash(ReadOnlySpan<char> segment)
    {
        if (segment.Length != 17 || segment[0] != 'h')
        {
            return false;
        }

        int seen = 0;
        foreach (char c in segment[1..])
        {
            int nibble = LowerHexNibble(c);
            if (nibble < 0)
            {
                return false;
            }

            seen |= 1 << nibble;
        }

        return int.PopCount(seen) >= 5;
    }

    /// <summary>
    /// A legacy segment as Rust wrote it: "$LT$" and the other escapes, ".." as "::". The mangler puts an
    /// underscore before a segment that starts with an escape; it is not part of the name. An escape
    /// that is not one prints the rest of the segment as it is (as c++filt does).
    /// </summary>
    private static void AppendUnescaped(BoundedText output, ReadOnlySpan<char> segment)
    {
        if (segment.Length >= 2 && segment[0] == '_' && segment[1] == '$')
        {
            segment = segment[1..];
        }

        while (segment.Length > 0)
        {
            int length;
            if (segment[0] == '$')
            {
                string? unescaped = LegacyEscape(segment, out length);
                if (unescaped is null)
                {
                    output.Append(segment);
                    return;
                }

                output.Append(unescaped);
            }
            else if (segment[0] == '.')
            {
                length = segment.Length >= 2 && segment[1] == '.' ? 2 : 1;
                output.Append(length == 2 ? "::" : ".");
            }
            else
            {
                length = segment.IndexOfAny('$', '.');
                if (length < 0)
                {
                    length = segment.Length;
                }

                output.Append(segment[..length]);
            }

            segment = segment[length..];
        }
    }

    /// <summary>
    /// The text a "$…$" escape stands for, or null when it is none; its length through the closing '$'.
    /// "$u…$" is a character by its code point in lowercase hex: c++filt (binutils 2.40) takes only two
    /// digits of printable ASCII and prints an escaped "é" ("$ue9$") or "辺" ("$u8fba$") as it is;
    /// rustc-demangle, Rust's own, takes any character but a control one, and so do we.
    /// </summary>
    private static string? LegacyEscape(ReadOnlySpan<char> escape, out int length)
    {
        length = 0;
        int close = escape.Length > 1 ? escape[1..].IndexOf('$') + 1 : 0;
        if (close <= 1)
        {
            return null;
        }

        length = close + 1;
        var code = escape[1..close];
        switch (code)
        {
            case "C": return ",";
            case "SP": return "@";
            case "BP": return "*";
            case "RF": return "&";
            case "LT": return "<";
            case "GT": return ">";
            case "LP": return "(";
            case "RP": return ")";
        }

        if (code.Length < 3 || code.Length > 7 || code[0] != 'u')
        {
            return null;
        }

        int value = 0;
        foreach (char digit in code[1..])
        {
            int nibble = LowerHexNibble(digit);
            if (nibble < 0)
            {
                return null;
            }

            value = (value << 4) | nibble;
        }

        // Below 0x80, two digits for printable ASCII and DEL, as c++filt; above, any character that is not a control one.
        bool ascii = code.Length == 3 && value is >= 0x20 and <= 0x7F;
        bool other = value > 0x7F && value <= 0x10FFFF && value is < 0xD800 or > 0xDFFF
            && !char.IsControl(char.ConvertFromUtf32(value), 0);
        return ascii || other ? char.ConvertFromUtf32(value) : null;
    }

    internal static int LowerHexNibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
