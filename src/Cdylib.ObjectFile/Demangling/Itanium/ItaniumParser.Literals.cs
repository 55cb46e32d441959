using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Literals: integers, booleans, floating values, nullptr, string literals, lambdas and external names as template arguments.</summary>
internal sealed partial class ItaniumParser
{
    /// <summary>&lt;expr-primary&gt; ::= L &lt;type&gt; &lt;value&gt; E | L &lt;string type&gt; E | LDnE | L &lt;lambda&gt; E | L_Z &lt;encoding&gt; E.</summary>
    private Node? ParseExprPrimary()
    {
        if (!ConsumeIf('L'))
        {
            return null;
        }
        char code = Look();
        switch (code)
        {
            case 'b':
                if (ConsumeIf("b0E"))
                {
                    return FixedNames.False;
                }
                return ConsumeIf("b1E") ? FixedNames.True : null;
            case 'f':
                _pos++;
                return ParseFloatingLiteral(FloatKind.Float);
            case 'd':
                _pos++;
                return ParseFloatingLiteral(FloatKind.Double);
            case 'e':
                _pos++;
                return ParseFloatingLiteral(FloatKind.LongDouble);
            case '_':
                if (ConsumeIf("_Z"))
                {
                    Node? encoding = ParseEncoding();
                    if (encoding is not null && ConsumeIf('E'))
                    {
                        return encoding;
                    }
                }
                return null;
            case 'A':
            {
                Node? type = ParseType();
                return type is not null && ConsumeIf('E') ? new StringLiteral(type) : null;
            }
            case 'D':
                return ConsumeIf("DnE") ? FixedNames.Nullptr : null;
            case 'T':
                // Not a valid literal (cxx-abi-dev, August 2011).
                return null;
            case 'U':
            {
                if (Look(1) != 'l')
                {
                    return null;
                }
                Node? closure = ParseUnnamedTypeName(null);
                return closure is not null && ConsumeIf('E') ? new LambdaExpr(closure) : null;
            }
        }

        string? literalType = IntegerLiteralType(code);
        if (literalType is not null)
        {
            _pos++;
            ReadOnlyMemory<char> value = ParseNumber(allowNegative: true);
            return !value.IsEmpty && ConsumeIf('E') ? new IntegerLiteral(literalType, value) : null;
        }

        // Any other type: an enumerator's value, printed as a cast.
        Node? enumType = ParseType();
        if (enumType is null)
        {
            return null;
        }
        ReadOnlyMemory<char> number = ParseNumber(allowNegative: true);
        return !number.IsEmpty && ConsumeIf('E') ? new EnumLiteral(enumType, number) : null;
    }

    /// <summary>How an integer literal of the builtin type names its type: a suffix (u, l, ul, ll, ull), nothing for int, or a cast.</summary>
    private static string? IntegerLiteralType(char code) => code switch
    {
        'w' => "wchar_t",
        'c' => "char",
        'a' => "signed char",
        'h' => "unsigned char",
        's' => "short",
        't' => "unsigned short",
        'i' => "",
        'j' => "u",
        'l' => "l",
        'm' => "ul",
        'x' => "ll",
        'y' => "ull",
        'n' => "__int128",
        'o' => "unsigned __int128",
        _ => null,
    };

    /// <summary>The hex digits of a floating literal's bytes, exactly as many as the type has, then E.</summary>
    private Node? ParseFloatingLiteral(FloatKind kind)
    {
        int digits = FloatLiteral.DigitCount(kind);
        if (NumLeft <= digits)
        {
            return null;
        }
        ReadOnlyMemory<char> data = Slice(_pos, _pos + digits);
        foreach (char c in data.Span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }
        _pos += digits;
        return ConsumeIf('E') ? new FloatLiteral(kind, data) : null;
    }
}
