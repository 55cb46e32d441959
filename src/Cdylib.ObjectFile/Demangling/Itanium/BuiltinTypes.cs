namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>
/// The builtin types (one letter, or D and a letter) as shared nodes: they are never substitution
/// candidates, and a name node is immutable, so every name can use the same ones.
/// </summary>
internal static class BuiltinTypes
{
    private static readonly NameType?[] s_oneLetter = BuildOneLetter();
    private static readonly NameType?[] s_afterD = BuildAfterD();

    /// <summary>The builtin type of the letter, or null.</summary>
    public static NameType? OneLetter(char code) => code < 128 ? s_oneLetter[code] : null;

    /// <summary>The builtin type of D and the letter (Dd, Di, Dn…), or null.</summary>
    public static NameType? AfterD(char code) => code < 128 ? s_afterD[code] : null;

    private static NameType?[] BuildOneLetter()
    {
        var table = new NameType?[128];
        table['v'] = new("void");
        table['w'] = new("wchar_t");
        table['b'] = new("bool");
        table['c'] = new("char");
        table['a'] = new("signed char");
        table['h'] = new("unsigned char");
        table['s'] = new("short");
        table['t'] = new("unsigned short");
        table['i'] = new("int");
        table['j'] = new("unsigned int");
        table['l'] = new("long");
        table['m'] = new("unsigned long");
        table['x'] = new("long long");
        table['y'] = new("unsigned long long");
        table['n'] = new("__int128");
        table['o'] = new("unsigned __int128");
        table['f'] = new("float");
        table['d'] = new("double");
        table['e'] = new("long double");
        table['g'] = new("__float128");
        table['z'] = new("...");
        return table;
    }

    private static NameType?[] BuildAfterD()
    {
        var table = new NameType?[128];
        table['d'] = new("decimal64");
        table['e'] = new("decimal128");
        table['f'] = new("decimal32");
        table['h'] = new("half");
        table['i'] = new("char32_t");
        table['s'] = new("char16_t");
        table['u'] = new("char8_t");
        table['a'] = new("auto");
        table['c'] = new("decltype(auto)");
        table['n'] = new("std::nullptr_t");
        return table;
    }
}

/// <summary>Fixed names the parser produces, shared for the same reason as <see cref="BuiltinTypes"/>.</summary>
internal static class FixedNames
{
    public static readonly NameType AnonymousNamespace = new("(anonymous namespace)");
    public static readonly NameType StringLiteral = new("string literal");
    public static readonly NameType BlockLiteral = new("'block-literal'");
    public static readonly NameType Std = new("std");
    public static readonly NameType Auto = new("auto");
    public static readonly NameType Noexcept = new("noexcept");
    public static readonly NameType This = new("this");
    public static readonly NameType Throw = new("throw");
    public static readonly NameType Nullptr = new("nullptr");
    public static readonly BoolExpr True = new(true);
    public static readonly BoolExpr False = new(false);
}
