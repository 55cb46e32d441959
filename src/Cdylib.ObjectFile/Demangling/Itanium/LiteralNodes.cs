using System;
using System.Globalization;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed class BoolExpr(bool value) : Node
{
    protected override void WriteLeft(ItaniumOutput output) => output.Append(value ? "true" : "false");
}

/// <summary>An enumerator or other non-builtin-typed integer: <c>(E)3</c>.</summary>
internal sealed class EnumLiteral(Node type, ReadOnlyMemory<char> integer) : Node
{
    protected override void WriteLeft(ItaniumOutput output)
    {
        output.Append('(');
        type.Print(output);
        output.Append(')');
        IntegerLiteral.AppendSigned(output, integer.Span);
    }
}

/// <summary>
/// An integer of a builtin type: a short suffix where C++ has one (<c>3u</c>, <c>3ul</c>), otherwise a
/// cast (<c>(char)97</c>); plain <c>int</c> has neither.
/// </summary>
internal sealed class IntegerLiteral(string type, ReadOnlyMemory<char> value) : Node
{
    /// <summary>The mangled number with its <c>n</c> sign written as <c>-</c>.</summary>
    public static void AppendSigned(ItaniumOutput output, ReadOnlySpan<char> number)
    {
        if (number[0] == 'n')
        {
            output.Append('-');
            output.Append(number[1..]);
        }
        else
        {
            output.Append(number);
        }
    }

    protected override void WriteLeft(ItaniumOutput output)
    {
        if (type.Length > 3)
        {
            output.Append('(');
            output.Append(type);
            output.Append(')');
        }
        AppendSigned(output, value.Span);
        if (type.Length <= 3)
        {
            output.Append(type);
        }
    }
}

/// <summary>The floating types a literal's bytes can be.</summary>
internal enum FloatKind
{
    Float,
    Double,
    LongDouble,
}

/// <summary>
/// A floating literal, mangled as the hex digits of its bytes (most significant first) and printed
/// as C's <c>printf("%a")</c> prints it (<c>0x1.8p+1</c>; <c>f</c> after a float, <c>L</c> after an
/// x87 long double, whose explicit integer bit makes glibc print it as <c>0x8p-3</c> for 1.0).
/// </summary>
internal sealed class FloatLiteral(FloatKind kind, ReadOnlyMemory<char> hexDigits) : Node
{
    /// <summary>How many hex digits the mangling gives each type (x86: the long double is the 80-bit x87 format).</summary>
    public static int DigitCount(FloatKind kind) => kind switch
    {
        FloatKind.Float => 8,
        FloatKind.Double => 16,
        _ => 20,
    };

    protected override void WriteLeft(ItaniumOutput output)
    {
        ReadOnlySpan<char> digits = hexDigits.Span;
        switch (kind)
        {
            case FloatKind.Float:
            {
                uint bits = uint.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                HexFloat.AppendDouble(output, BitConverter.Int32BitsToSingle((int)bits));
                output.Append('f');
                break;
            }
            case FloatKind.Double:
            {
                ulong bits = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                HexFloat.AppendDouble(output, BitConverter.Int64BitsToDouble((long)bits));
                break;
            }
            default:
            {
                ushort signAndExponent = ushort.Parse(digits[..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                ulong mantissa = ulong.Parse(digits[4..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                HexFloat.AppendX87(output, signAndExponent, mantissa);
                output.Append('L');
                break;
            }
        }
    }
}
