using System;

namespace Cdylib.ObjectFile.Demangling.Itanium;

/// <summary>Where an operator code may appear.</summary>
[Flags]
internal enum OperatorRoles : byte
{
    None = 0,

    /// <summary>As an &lt;operator-name&gt;: <c>operator+</c>.</summary>
    Name = 1,

    /// <summary>As a binary operator in an expression: <c>(a) + (b)</c>.</summary>
    Binary = 2,

    /// <summary>As a unary prefix operator in an expression: <c>-(a)</c>.</summary>
    Prefix = 4,

    /// <summary>In a fold expression: <c>(... + (pack))</c>.</summary>
    Fold = 8,
}

/// <summary>One two-letter operator code: its C++ spelling, the node naming it, and where it may appear.</summary>
internal sealed class OperatorInfo(string symbol, OperatorRoles roles)
{
    public string Symbol { get; } = symbol;

    public OperatorRoles Roles { get; } = roles;

    /// <summary>The &lt;operator-name&gt; (<c>operator new[]</c>, <c>operator&lt;=&gt;</c>), one node shared by every name.</summary>
    public NameType NameNode { get; } = new("operator" + symbol);

    public bool Is(OperatorRoles role) => (Roles & role) != 0;
}

/// <summary>
/// The Itanium ABI's operator codes (section 5.1.5). <c>cv</c>, <c>li</c> and <c>v&lt;digit&gt;</c>
/// carry operands and are parsed apart; <c>pp</c>, <c>mm</c>, <c>cl</c>, <c>ix</c>, <c>qu</c> and the
/// casts have their own expression forms.
/// </summary>
internal static class OperatorTable
{
    private const OperatorRoles NameBinaryFold = OperatorRoles.Name | OperatorRoles.Binary | OperatorRoles.Fold;
    private const OperatorRoles NamePrefix = OperatorRoles.Name | OperatorRoles.Prefix;

    // Indexed by the two code letters (both ASCII letters, so 7 bits each).
    private static readonly OperatorInfo?[] s_byCode = Build();

    /// <summary>The operator the two letters name, or null.</summary>
    public static OperatorInfo? Find(char first, char second) =>
        first < 128 && second < 128 ? s_byCode[(first << 7) | second] : null;

    private static OperatorInfo?[] Build()
    {
        var table = new OperatorInfo?[128 * 128];
        void Add(string code, string symbol, OperatorRoles roles) => table[(code[0] << 7) | code[1]] = new OperatorInfo(symbol, roles);

        Add("aa", "&&", NameBinaryFold);
        Add("ad", "&", NamePrefix);
        Add("an", "&", NameBinaryFold);
        Add("aN", "&=", NameBinaryFold);
        Add("aS", "=", NameBinaryFold);
        Add("cl", "()", OperatorRoles.Name);
        Add("cm", ",", NameBinaryFold);
        Add("co", "~", NamePrefix);
        Add("da", " delete[]", OperatorRoles.Name);
        Add("de", "*", NamePrefix);
        Add("dl", " delete", OperatorRoles.Name);
        Add("ds", ".*", OperatorRoles.Fold);
        Add("dv", "/", NameBinaryFold);
        Add("dV", "/=", NameBinaryFold);
        Add("eo", "^", NameBinaryFold);
        Add("eO", "^=", NameBinaryFold);
        Add("eq", "==", NameBinaryFold);
        Add("ge", ">=", NameBinaryFold);
        Add("gt", ">", NameBinaryFold);
        Add("ix", "[]", OperatorRoles.Name);
        Add("le", "<=", NameBinaryFold);
        Add("ls", "<<", NameBinaryFold);
        Add("lS", "<<=", NameBinaryFold);
        Add("lt", "<", NameBinaryFold);
        Add("mi", "-", NameBinaryFold);
        Add("mI", "-=", NameBinaryFold);
        Add("ml", "*", NameBinaryFold);
        Add("mL", "*=", NameBinaryFold);
        Add("mm", "--", OperatorRoles.Name);
        Add("na", " new[]", OperatorRoles.Name);
        Add("ne", "!=", NameBinaryFold);
        Add("ng", "-", NamePrefix);
        Add("nt", "!", NamePrefix);
        Add("nw", " new", OperatorRoles.Name);
        Add("oo", "||", NameBinaryFold);
        Add("or", "|", NameBinaryFold);
        Add("oR", "|=", NameBinaryFold);
        Add("pm", "->*", OperatorRoles.Name | OperatorRoles.Binary);
        Add("pl", "+", NameBinaryFold);
        Add("pL", "+=", NameBinaryFold);
        Add("pp", "++", OperatorRoles.Name);
        Add("ps", "+", NamePrefix);
        Add("pt", "->", OperatorRoles.Name);
        Add("qu", "?", OperatorRoles.Name);
        Add("rm", "%", NameBinaryFold);
        Add("rM", "%=", NameBinaryFold);
        Add("rs", ">>", NameBinaryFold);
        Add("rS", ">>=", NameBinaryFold);
        Add("ss", "<=>", OperatorRoles.Name);
        return table;
    }
}
