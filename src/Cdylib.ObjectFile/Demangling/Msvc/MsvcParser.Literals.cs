using System;
using System.Text;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>
/// String literals, <c>??_C@_0</c> (narrow) or <c>??_C@_1</c> (wide), length, CRC, then up to 32 bytes of
/// the text, escaped. The length and the bytes decide how llvm-undname prints it: <c>"…"</c>, <c>u"…"</c>,
/// <c>U"…"</c> or <c>L"…"</c>, the terminating NUL left out, <c>...</c> after a text that was cut short.
/// </summary>
internal sealed partial class MsvcParser
{
    // Compilers should store at most 32 bytes; some store more, so up to four times that is read.
    private const int MaxStringBytes = 32 * 4;

    private MsvcStringLiteralSymbol StringLiteral()
    {
        if (!Consume("@_"))
        {
            throw Invalid();
        }
        bool isWide = Next() switch
        {
            '0' => false,
            '1' => true,
            _ => throw Invalid(),
        };
        var (byteSize, negative) = Number();
        if (negative || byteSize < (isWide ? 2UL : 1UL))
        {
            throw Invalid();
        }

        // The CRC, which the text does not show.
        int crcEnd = name.IndexOf('@', pos);
        if (crcEnd < 0)
        {
            throw Invalid();
        }
        pos = crcEnd + 1;
        if (Empty)
        {
            throw Invalid();
        }

        var decoded = new StringBuilder();
        return isWide ? WideLiteral(byteSize, decoded) : NarrowLiteral(byteSize, decoded);
    }

    private MsvcStringLiteralSymbol WideLiteral(ulong byteSize, StringBuilder decoded)
    {
        bool isTruncated = byteSize > 64;
        while (!Consume('@'))
        {
            if (byteSize % 2 != 0 || byteSize == 0 || Remaining < 2)
            {
                throw Invalid();
            }
            int high = CharLiteral();
            if (Empty)
            {
                throw Invalid();
            }
            int wide = (high << 8) | CharLiteral();
            if (byteSize != 2 || isTruncated)
            {
                AppendEscaped(decoded, (uint)wide);
            }
            byteSize -= 2;
        }
        return new MsvcStringLiteralSymbol("L\"", decoded.ToString(), isTruncated);
    }

    private MsvcStringLiteralSymbol NarrowLiteral(ulong byteSize, StringBuilder decoded)
    {
        Span<byte> bytes = stackalloc byte[MaxStringBytes];
        int count = 0;
        while (!Consume('@'))
        {
            if (Empty || count >= MaxStringBytes)
            {
                throw Invalid();
            }
            bytes[count++] = (byte)CharLiteral();
        }
        bytes = bytes[..count];
        bool isTruncated = byteSize > (ulong)count;

        int charSize = GuessCharSize(bytes, byteSize);
        int chars = count / charSize;
        for (int i = 0; i < chars; i++)
        {
            uint c = 0;
            for (int b = 0; b < charSize; b++)
            {
                c |= (uint)bytes[(i * charSize) + b] << (8 * b);
            }
            if (i + 1 < chars || isTruncated)
            {
                AppendEscaped(decoded, c);
            }
        }
        string prefix = charSize switch
        {
            1 => "\"",
            2 => "u\"",
            _ => "U\"",
        };
        return new MsvcStringLiteralSymbol(prefix, decoded.ToString(), isTruncated);
    }

    /// <summary>1, 2 or 4: an odd length is a char string; a short one shows its NUL terminator's width;
    /// a long one is judged by how many of its bytes are zero.</summary>
    private static int GuessCharSize(ReadOnlySpan<byte> bytes, ulong byteSize)
    {
        if (byteSize % 2 == 1)
        {
            return 1;
        }
        if (byteSize < 32)
        {
            int trailingNulls = bytes.Length - bytes.TrimEnd((byte)0).Length;
            if (trailingNulls >= 4 && byteSize % 4 == 0)
            {
                return 4;
            }
            return trailingNulls >= 2 ? 2 : 1;
        }
        int nulls = bytes.Count((byte)0);
        if (nulls >= 2 * bytes.Length / 3 && byteSize % 4 == 0)
        {
            return 4;
        }
        return nulls >= bytes.Length / 3 ? 2 : 1;
    }

    /// <summary>One byte of a literal: itself, or ? then a digit (punctuation), a letter (a high byte) or $ and two A-P digits.</summary>
    private int CharLiteral()
    {
        char c = Next();
        if (c != '?')
        {
            return c <= 0xFF ? c : throw Invalid();
        }
        if (Consume('$'))
        {
            if (Remaining < 2 || name[pos] is < 'A' or > 'P' || name[pos + 1] is < 'A' or > 'P')
            {
                throw Invalid();
            }
            int value = ((name[pos] - 'A') << 4) | (name[pos + 1] - 'A');
            pos += 2;
            return value;
        }
        int escaped = MsvcTables.EscapedByte(Next());
        return escaped >= 0 ? escaped : throw Invalid();
    }

    /// <summary>A character as C writes it in a literal: \n, \", printable ASCII, else \x and hex digits in pairs.</summary>
    private static void AppendEscaped(StringBuilder decoded, uint c)
    {
        string? escape = c switch
        {
            0 => "\\0",
            '\'' => "\\'",
            '"' => "\\\"",
            '\\' => "\\\\",
            '\a' => "\\a",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\v' => "\\v",
            _ => null,
        };
        if (escape is not null)
        {
            decoded.Append(escape);
            return;
        }
        if (c is > 0x1F and < 0x7F)
        {
            decoded.Append((char)c);
            return;
        }

        Span<char> hex = stackalloc char[16];
        int at = hex.Length;
        while (c != 0)
        {
            for (int i = 0; i < 2; i++)
            {
                uint digit = c % 16;
                hex[--at] = (char)(digit < 10 ? '0' + digit : 'A' + digit - 10);
                c /= 16;
            }
        }
        decoded.Append("\\x").Append(hex[at..]);
    }
}
