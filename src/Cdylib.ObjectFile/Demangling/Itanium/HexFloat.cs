using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Hexadecimal floating-point text as glibc's <c>printf("%a")</c> and <c>printf("%La")</c> write it.</summary>
internal static class HexFloat
{
    /// <summary><c>%a</c> of a double: <c>0x1.8p+1</c>, <c>0x0p+0</c>, <c>0x0.0000000000001p-1022</c>, <c>inf</c>, <c>-nan</c>.</summary>
    public static void AppendDouble(ItaniumOutput output, double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        bool negative = (bits >> 63) != 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        ulong fraction = bits & 0xF_FFFF_FFFF_FFFFUL;
        if (exponent == 0x7FF)
        {
            AppendSpecial(output, negative, fraction != 0);
            return;
        }
        if (negative)
        {
            output.Append('-');
        }
        if (exponent == 0 && fraction == 0)
        {
            output.Append("0x0p+0");
            return;
        }
        output.Append(exponent == 0 ? "0x0" : "0x1");
        AppendFraction(output, fraction, 13);
        AppendExponent(output, exponent == 0 ? -1022 : exponent - 1023);
    }

    /// <summary><c>%La</c> of an x87 80-bit long double: the explicit integer bit leads (<c>0x8p-3</c> is 1.0).</summary>
    public static void AppendX87(ItaniumOutput output, ushort signAndExponent, ulong mantissa)
    {
        bool negative = (signAndExponent & 0x8000) != 0;
        int exponent = signAndExponent & 0x7FFF;
        if (exponent == 0x7FFF)
        {
            AppendSpecial(output, negative, (mantissa << 1) != 0);
            return;
        }
        if (negative)
        {
            output.Append('-');
        }
        if (exponent == 0 && mantissa == 0)
        {
            output.Append("0x0p+0");
            return;
        }
        output.Append("0x");
        output.Append(HexDigit((uint)(mantissa >> 60)));
        AppendFraction(output, mantissa & 0x0FFF_FFFF_FFFF_FFFFUL, 15);
        AppendExponent(output, (exponent == 0 ? 1 : exponent) - 16383 - 3);
    }

    private static void AppendSpecial(ItaniumOutput output, bool negative, bool isNaN)
    {
        if (negative)
        {
            output.Append('-');
        }
        output.Append(isNaN ? "nan" : "inf");
    }

    /// <summary>".digits" of a <paramref name="digitCount"/>-digit fraction without its trailing zeros; nothing when zero.</summary>
    private static void AppendFraction(ItaniumOutput output, ulong fraction, int digitCount)
    {
        if (fraction == 0)
        {
            return;
        }
        while ((fraction & 0xF) == 0)
        {
            fraction >>= 4;
            digitCount--;
        }
        output.Append('.');
        for (int shift = (digitCount - 1) * 4; shift >= 0; shift -= 4)
        {
            output.Append(HexDigit((uint)(fraction >> shift) & 0xF));
        }
    }

    private static void AppendExponent(ItaniumOutput output, int exponent)
    {
        output.Append('p');
        output.Append(exponent < 0 ? '-' : '+');
        output.Append((uint)Math.Abs(exponent));
    }

    private static char HexDigit(uint value) => "0123456789abcdef"[(int)value];
}
