using System;

namespace Cdylib.ObjectFile.Demangling.Rust;

/// <summary>
/// Rust's v0 scheme (RFC 2603): <c>_R</c>, a path (crate roots, nested names, inherent and trait
/// impls, generic arguments, back-references), an optional instantiating crate, an optional
/// <c>.suffix</c>. Printed as <c>c++filt</c> prints it (<see cref="RustDemangler"/>).
/// </summary>
/// <remarks>
/// A recursive-descent reader with c++filt's rules: the impl path of an inherent or trait impl and
/// the instantiating crate are read but not printed (and back-references in them not followed), so
/// only printed text can grow by following back-references, and <see cref="BoundedText"/> stops that.
/// Depth and the number of steps are bounded too; a name that breaks a bound is not demangled.
/// </remarks>
internal ref struct RustV0Demangler
{
    /// <summary>Every parsing step counts; a real name takes a few hundred at most.</summary>
    private const int MaxSteps = 1_000_000;

    private readonly ReadOnlySpan<char> _symbol;
    private readonly BoundedText _output = new();
    private int _next;
    private int _depth;
    private int _steps;
    private bool _failed;
    private bool _skipping;
    private ulong _boundLifetimes;

    private RustV0Demangler(ReadOnlySpan<char> symbol) => _symbol = symbol;

    /// <summary>The demangled name, or null; <paramref name="symbol"/> is what follows <c>_R</c>.</summary>
    public static string? Demangle(ReadOnlySpan<char> symbol)
    {
        // A ".suffix" (LLVM's ".llvm.123") is not part of the name; the name itself is ASCII letters, digits and '_'.
        int dot = symbol.IndexOf('.');
        if (dot >= 0)
        {
            symbol = symbol[..dot];
        }

        foreach (char c in symbol)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }

        // An encoding version after _R would be a decimal number; none but the first exists.
        if (symbol.IsEmpty || char.IsAsciiDigit(symbol[0]))
        {
            return null;
        }

        var demangler = new RustV0Demangler(symbol);
        demangler.Path(inValue: true);

        // What follows is the instantiating crate, read and not printed.
        if (!demangler._failed && demangler._next < symbol.Length)
        {
            demangler._skipping = true;
            demangler.Path(inValue: false);
        }

        return demangler._failed || demangler._next != symbol.Length || demangler._output.Overflowed ? null : demangler._output.ToString();
    }

    private void Path(bool inValue)
    {
        if (!Enter())
        {
            return;
        }

        char tag = Next();
        switch (tag)
        {
            case 'C':
            {
                ulong disambiguator = Disambiguator();
                var name = Identifier();
                PrintIdentifier(name);
                Print('[');
                Print(disambiguator, "x");
                Print(']');
                break;
            }

            case 'N':
            {
                char ns = Next();
                if (!char.IsAsciiLetter(ns))
                {
                    Fail();
                    break;
                }

                Path(inValue);
                ulong disambiguator = Disambiguator();
                var name = Identifier();
                if (char.IsAsciiLetterUpper(ns))
                {
                    // Special namespaces: closures, shims, and others by their letter.
                    Print("::{");
                    Print(ns switch { 'C' => "closure", 'S' => "shim", _ => ns.ToString() });
                    if (!name.IsEmpty)
                    {
                        Print(':');
                        PrintIdentifier(name);
                    }

                    Print('#');
                    Print(disambiguator, "D");
                    Print('}');
                }
                else if (!name.IsEmpty)
                {
                    Print("::");
                    PrintIdentifier(name);
                }

                break;
            }

            case 'M' or 'X':
            {
                // The impl's own path tells the impls of one crate apart; c++filt does not print it.
                Disambiguator();
                bool wasSkipping = _skipping;
                _skipping = true;
                Path(inValue);
                _skipping = wasSkipping;
                ImplTarget(tag);
                break;
            }

            case 'Y':
                ImplTarget(tag);
                break;

            case 'I':
                Path(inValue);
                if (inValue)
                {
                    Print("::");
                }

                Print('<');
                GenericArguments();
                Print('>');
                break;

            case 'B':
                FollowBackReference(static (ref RustV0Demangler d, bool inValue) => d.Path(inValue), inValue);
                break;

            default:
                Fail();
                break;
        }

        _depth--;
    }

    /// <summary>"&lt;Type&gt;" (inherent impl) or "&lt;Type as Trait&gt;".</summary>
    private void ImplTarget(char tag)
    {
        Print('<');
        Type();
        if (tag != 'M')
        {
            Print(" as ");
            Path(inValue: false);
        }

        Print('>');
    }

    /// <summary>Generic arguments up to their 'E', comma-separated.</summary>
    private void GenericArguments()
    {
        for (int i = 0; !_failed && !Eat('E'); i++)
        {
            if (i > 0)
            {
                Print(", ");
            }

            GenericArgument();
        }
    }

    private void GenericArgument()
    {
        if (Eat('L'))
        {
            Lifetime(Base62());
        }
        else if (Eat('K'))
        {
            Constant();
        }
        else
        {
            Type();
        }
    }

    private void Type()
    {
        if (!Enter())
        {
            return;
        }

        char tag = Next();
        if (BasicType(tag) is string basic)
        {
            Print(basic);
            _depth--;
            return;
        }

        switch (tag)
        {
            case 'R' or 'Q':
                Print('&');
                if (Eat('L'))
                {
                    ulong lifetime = Base62();
                    if (lifetime != 0)
                    {
                        Lifetime(lifetime);
                        Print(' ');
                    }
                }

                if (tag == 'Q')
                {
                    Print("mut ");
                }

                Type();
                break;

            case 'P' or 'O':
                Print(tag == 'P' ? "*const " : "*mut ");
                Type();
                break;

            case 'A' or 'S':
                Print('[');
                Type();
                if (tag == 'A')
                {
                    Print("; ");
                    Constant();
                }

                Print(']');
                break;

            case 'T':
            {
                int count = 0;
                Print('(');
                for (; !_failed && !Eat('E'); count++)
                {
                    if (count > 0)
                    {
                        Print(", ");
                    }

                    Type();
                }

                Print(count == 1 ? ",)" : ")");
                break;
            }

            case 'F':
                FunctionType();
                break;

            case 'D':
                DynType();
                break;

            case 'B':
                FollowBackReference(static (ref RustV0Demangler d, bool _) => d.Type(), false);
                break;

            default:
                // A named type is a path; let the path read its own tag.
                _next--;
                Path(inValue: false);
                break;
        }

        _depth--;
    }

    /// <summary>"for&lt;'a&gt; unsafe extern "C" fn(A, B) -> R".</summary>
    private void FunctionType()
    {
        ulong outside = _boundLifetimes;
        Binder();
        if (Eat('U'))
        {
            Print("unsafe ");
        }

        if (Eat('K'))
        {
            // The ABI: 'C', or an identifier whose '-' the mangler wrote as '_'.
            string abi = "C";
            if (!Eat('C'))
            {
                var name = Identifier();
                if (name.IsEmpty || name.IsPunycode)
                {
                    Fail();
                    return;
                }

                abi = name.Ascii.ToString().Replace('_', '-');
            }

            Print("extern \"");
            Print(abi);
            Print("\" ");
        }

        Print("fn(");
        for (int i = 0; !_failed && !Eat('E'); i++)
        {
            if (i > 0)
            {
                Print(", ");
            }

            Type();
        }

        Print(')');

        // A unit return type is not printed.
        if (!Eat('u'))
        {
            Print(" -> ");
            Type();
        }

        _boundLifetimes = outside;
    }

    /// <summary>"dyn for&lt;'a&gt; Trait&lt;Arg, Assoc = T&gt; + Other + 'a".</summary>
    private void DynType()
    {
        Print("dyn ");
        ulong outside = _boundLifetimes;
        Binder();
        for (int i = 0; !_failed && !Eat('E'); i++)
        {
            if (i > 0)
            {
                Print(" + ");
            }

            DynTrait();
        }

        _boundLifetimes = outside;
        if (!Eat('L'))
        {
            Fail();
            return;
        }

        ulong lifetime = Base62();
        if (lifetime != 0)
        {
            Print(" + ");
            Lifetime(lifetime);
        }
    }

    /// <summary>A trait with its generic arguments and associated type bindings in one pair of angle brackets.</summary>
    private void DynTrait()
    {
        bool open = PathMaybeOpenGenerics();
        while (!_failed && Eat('p'))
        {
            Print(open ? ", " : "<");
            open = true;
            PrintIdentifier(Identifier());
            Print(" = ");
            Type();
        }

        if (open)
        {
            Print('>');
        }
    }

    /// <summary>A path whose generic arguments, if any, are left open for the bindings that follow.</summary>
    private bool PathMaybeOpenGenerics()
    {
        if (!Enter())
        {
            return false;
        }

        bool open = false;
        if (Eat('B'))
        {
            int start = _next - 1;
            int target = BackReferenceTarget(start);
            if (!_failed && !_skipping)
            {
                int resume = _next;
                _next = target;
                open = PathMaybeOpenGenerics();
                _next = resume;
            }
        }
        else if (Eat('I'))
        {
            Path(inValue: false);
            Print('<');
            open = true;
            GenericArguments();
        }
        else
        {
            Path(inValue: false);
        }

        _depth--;
        return open;
    }

    /// <summary>"for&lt;'a, 'b&gt; " for the lifetimes a binder introduces.</summary>
    private void Binder()
    {
        ulong count = Eat('G') ? Base62() + 1 : 0;
        if (count == 0)
        {
            return;
        }

        if (count > (ulong)_symbol.Length)
        {
            Fail();
            return;
        }

        Print("for<");
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0)
            {
                Print(", ");
            }

            _boundLifetimes++;
            Lifetime(1);
        }

        Print("> ");
    }

    /// <summary>A lifetime by its De Bruijn index: 0 is '_, the innermost bound one 'a, then 'b…, past 'z '_26….</summary>
    private void Lifetime(ulong index)
    {
        Print('\'');
        if (index == 0)
        {
            Print('_');
            return;
        }

        if (index > _boundLifetimes)
        {
            // Not bound by any binder around it: a broken name (c++filt prints a wrapped-around number).
            Fail();
            return;
        }

        ulong depth = _boundLifetimes - index;
        if (depth < 26)
        {
            Print((char)('a' + (int)depth));
        }
        else
        {
            Print('_');
            Print(depth, "D");
        }
    }

    /// <summary>A constant generic argument: an integer, bool or char of the given type, '_' for a placeholder.</summary>
    private void Constant()
    {
        if (!Enter())
        {
            return;
        }

        if (Eat('B'))
        {
            FollowBackReference(static (ref RustV0Demangler d, bool _) => d.Constant(), false);
            _depth--;
            return;
        }

        char type = Next();
        switch (type)
        {
            case 'p':
                Print('_');
                _depth--;
                return;
            case 'h' or 't' or 'm' or 'y' or 'o' or 'j':
                UnsignedConstant();
                break;
            case 'a' or 's' or 'l' or 'x' or 'n' or 'i':
                if (Eat('n'))
                {
                    Print('-');
                }

                UnsignedConstant();
                break;
            case 'b':
                BoolConstant();
                break;
            case 'c':
                CharConstant();
                break;
            default:
                Fail();
                break;
        }

        // c++filt's verbose form names the constant's type.
        if (!_failed)
        {
            Print(": ");
            Print(BasicType(type)!);
        }

        _depth--;
    }

    private void UnsignedConstant()
    {
        int start = _next;
        int digits = HexDigits(out ulong value);
        if (digits > 16)
        {
            // Past 64 bits: the digits as written.
            Print("0x");
            Print(_symbol.Slice(start, digits));
        }
        else if (digits > 0)
        {
            Print(value, "D");
        }
        else
        {
            Fail();
        }
    }

    private void BoolConstant()
    {
        if (HexDigits(out ulong value) != 1 || value > 1)
        {
            Fail();
            return;
        }

        Print(value == 0 ? "false" : "true");
    }

    /// <summary>As c++filt writes it: \t \r \n, printable ASCII but space and '~' as they are, the rest as \u{…}.</summary>
    private void CharConstant()
    {
        int digits = HexDigits(out ulong value);
        if (digits is 0 or > 8)
        {
            Fail();
            return;
        }

        Print('\'');
        switch (value)
        {
            case '\t':
                Print("\\t");
                break;
            case '\r':
                Print("\\r");
                break;
            case '\n':
                Print("\\n");
                break;
            case > ' ' and < '~':
                Print((char)value);
                break;
            default:
                Print("\\u{");
                Print(value, "x");
                Print('}');
                break;
        }

        Print('\'');
    }

    /// <summary>Lowercase hex digits up to '_': how many, and their value (meaningful up to 16 digits).</summary>
    private int HexDigits(out ulong value)
    {
        value = 0;
        int count = 0;
        while (!_failed && !Eat('_'))
        {
            int nibble = RustDemangler.LowerHexNibble(Next());
            if (nibble < 0)
            {
                Fail();
                return count;
            }

            value = (value << 4) | (uint)nibble;
            count++;
        }

        return count;
    }

    private delegate void Reader(ref RustV0Demangler demangler, bool inValue);

    /// <summary>
    /// A back-reference: read again what starts at an earlier position (printing it again), unless
    /// nothing is printed here. Only backwards, so a chain of them ends.
    /// </summary>
    private void FollowBackReference(Reader read, bool inValue)
    {
        int start = _next - 1;
        int target = BackReferenceTarget(start);
        if (_failed || _skipping)
        {
            return;
        }

        int resume = _next;
        _next = target;
        read(ref this, inValue);
        _next = resume;
    }

    /// <summary>The position a back-reference whose 'B' is at <paramref name="start"/> names: earlier than itself.</summary>
    private int BackReferenceTarget(int start)
    {
        ulong target = Base62();
        if (target >= (ulong)start)
        {
            Fail();
            return 0;
        }

        return (int)target;
    }

    private static string? BasicType(char tag) => tag switch
    {
        'b' => "bool",
        'c' => "char",
        'e' => "str",
        'u' => "()",
        'a' => "i8",
        's' => "i16",
        'l' => "i32",
        'x' => "i64",
        'n' => "i128",
        'i' => "isize",
        'h' => "u8",
        't' => "u16",
        'm' => "u32",
        'y' => "u64",
        'o' => "u128",
        'j' => "usize",
        'f' => "f32",
        'd' => "f64",
        'z' => "!",
        'p' => "_",
        'v' => "...",
        _ => null,
    };

    /// <summary>An identifier: ['u'] decimal length ['_'] bytes; with 'u', ASCII '_' punycode.</summary>
    private Identifier Identifier()
    {
        bool punycode = Eat('u');
        char first = Next();
        if (!char.IsAsciiDigit(first))
        {
            Fail();
            return default;
        }

        long length = first - '0';
        if (first != '0')
        {
            while (char.IsAsciiDigit(Peek()))
            {
                length = (length * 10) + (Next() - '0');
                if (length > _symbol.Length)
                {
                    Fail();
                    return default;
                }
            }
        }

        // The separator, written when the identifier itself starts with a digit or '_'.
        Eat('_');
        if (_failed || length > _symbol.Length - _next)
        {
            Fail();
            return default;
        }

        var text = _symbol.Slice(_next, (int)length);
        _next += (int)length;
        if (!punycode)
        {
            return new Identifier(text, default);
        }

        // The last '_' divides the ASCII characters from the encoded rest; without one, all is encoded.
        int split = text.LastIndexOf('_');
        var encoded = split < 0 ? text : text[(split + 1)..];
        if (encoded.IsEmpty)
        {
            Fail();
            return default;
        }

        return new Identifier(split < 0 ? default : text[..split], encoded);
    }

    private void PrintIdentifier(Identifier name)
    {
        if (_failed || _skipping)
        {
            return;
        }

        if (!name.IsPunycode)
        {
            Print(name.Ascii);
            return;
        }

        if (Punycode.Decode(name.Ascii, name.Encoded) is string decoded)
        {
            Print(decoded);
        }
        else
        {
            Fail();
        }
    }

    /// <summary>"s" base-62 number, plus one; 0 when absent.</summary>
    private ulong Disambiguator() => Eat('s') ? Base62() + 1 : 0;

    /// <summary>A base-62 number ending in '_': "_" is 0, "0_" is 1, "a_" 11, "A_" 37, "10_" 63.</summary>
    private ulong Base62()
    {
        if (Eat('_'))
        {
            return 0;
        }

        ulong value = 0;
        while (!_failed && !Eat('_'))
        {
            char c = Next();
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 36,
                _ => -1,
            };
            if (digit < 0 || value > (ulong.MaxValue - 61) / 62)
            {
                Fail();
                return 0;
            }

            value = (value * 62) + (ulong)digit;
        }

        return value + 1;
    }

    /// <summary>One level deeper and one step more, or false (and failed) past the bounds.</summary>
    private bool Enter()
    {
        if (_failed || ++_steps > MaxSteps || _output.Overflowed)
        {
            _failed = true;
            return false;
        }

        if (++_depth > DemangleLimits.MaxDepth)
        {
            _failed = true;
            _depth--;
            return false;
        }

        return true;
    }

    private char Peek() => _next < _symbol.Length ? _symbol[_next] : '\0';

    /// <summary>The next character; at the end, '\0' and failed.</summary>
    private char Next()
    {
        if (_failed || _next >= _symbol.Length)
        {
            _failed = true;
            return '\0';
        }

        return _symbol[_next++];
    }

    private bool Eat(char c)
    {
        if (!_failed && Peek() == c)
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Fail() => _failed = true;

    private readonly void Print(char c)
    {
        if (!_skipping && !_failed)
        {
            _output.Append(c);
        }
    }

    private readonly void Print(ReadOnlySpan<char> text)
    {
        if (!_skipping && !_failed)
        {
            _output.Append(text);
        }
    }

    private readonly void Print(ulong value, string format)
    {
        if (!_skipping && !_failed)
        {
            _output.Append(value, format);
        }
    }
}

/// <summary>An identifier as written: its ASCII part and, for a punycode one, the encoded rest.</summary>
internal readonly ref struct Identifier(ReadOnlySpan<char> ascii, ReadOnlySpan<char> encoded)
{
    public ReadOnlySpan<char> Ascii { get; } = ascii;

    public ReadOnlySpan<char> Encoded { get; } = encoded;

    public bool IsPunycode => !Encoded.IsEmpty;

    public bool IsEmpty => Ascii.IsEmpty && Encoded.IsEmpty;
}
