using System;

namespace Cdylib.ObjectFile.Demangling.Msvc;

/// <summary>Qualifiers on a type, a pointer or a member function (only const, volatile and __restrict are printed).</summary>
[Flags]
internal enum MsvcQualifiers
{
    None = 0,
    Const = 1,
    Volatile = 2,
    Unaligned = 4,
    Restrict = 8,
    Pointer64 = 16,
}

/// <summary>What a function is: access, static/virtual, this-adjusting thunks, extern "C".</summary>
[Flags]
internal enum MsvcFunctionClass
{
    None = 0,
    Public = 1,
    Protected = 2,
    Private = 4,
    Global = 8,
    Static = 16,
    Virtual = 32,
    Far = 64,
    ExternC = 128,
    NoParameterList = 256,
    VirtualThisAdjust = 512,
    VirtualThisAdjustEx = 1024,
    StaticThisAdjust = 2048,
}

/// <summary>The fixed vocabularies of the Microsoft scheme: operator codes, primitive types, calling conventions, function classes.</summary>
internal static class MsvcTables
{
    /// <summary>The operator a code names after <c>?</c> (codes 0-9, A-Z); null where the code is not an operator
    /// (constructors, conversions and special names are handled by the parser).</summary>
    private static readonly string?[] Basic =
    [
        null, null, "operator new", "operator delete", "operator=", "operator>>", "operator<<", "operator!",
        "operator==", "operator!=", "operator[]", null, "operator->", "operator*", "operator++", "operator--",
        "operator-", "operator+", "operator&", "operator->*", "operator/", "operator%", "operator<", "operator<=",
        "operator>", "operator>=", "operator,", "operator()", "operator~", "operator^", "operator|", "operator&&",
        "operator||", "operator*=", "operator+=", "operator-=",
    ];

    /// <summary>Codes after <c>?_</c>.</summary>
    private static readonly string?[] Under =
    [
        "operator/=", "operator%=", "operator>>=", "operator<<=", "operator&=", "operator|=", "operator^=",
        null, null, null, null, null, null,
        "`vbase dtor'", "`vector deleting dtor'", "`default ctor closure'", "`scalar deleting dtor'",
        "`vector ctor iterator'", "`vector dtor iterator'", "`vector vbase ctor iterator'",
        "`virtual displacement map'", "`eh vector ctor iterator'", "`eh vector dtor iterator'",
        "`eh vector vbase ctor iterator'", "`copy ctor closure'", null, null, null, null,
        "`local vftable ctor closure'", "operator new[]", "operator delete[]", null, null, null, null,
    ];

    /// <summary>Codes after <c>?__</c>.</summary>
    private static readonly string?[] DoubleUnder =
    [
        null, null, null, null, null, null, null, null, null, null,
        "`managed vector ctor iterator'", "`managed vector dtor iterator'", "`EH vector copy ctor iterator'",
        "`EH vector vbase copy ctor iterator'", null, null, "`vector copy ctor iterator'",
        "`vector vbase copy constructor iterator'", "`managed vector vbase copy constructor iterator'",
        null, null, "operator co_await", "operator<=>", null, null, null, null, null, null, null, null, null,
        null, null, null, null,
    ];

    /// <summary>The operator for <paramref name="code"/> in group 0 (<c>?X</c>), 1 (<c>?_X</c>) or 2 (<c>?__X</c>);
    /// null for a code with no operator text; throws for a character that is no code.</summary>
    public static string? Operator(char code, int group)
    {
        int index = code is >= '0' and <= '9' ? code - '0'
            : code is >= 'A' and <= 'Z' ? code - 'A' + 10
            : throw new MsvcDemangleException("bad operator code");
        return group switch
        {
            0 => Basic[index],
            1 => Under[index],
            _ => DoubleUnder[index],
        };
    }

    /// <summary>A one-letter primitive type, or null.</summary>
    public static string? Primitive(char code) => code switch
    {
        'X' => "void",
        'D' => "char",
        'C' => "signed char",
        'E' => "unsigned char",
        'F' => "short",
        'G' => "unsigned short",
        'H' => "int",
        'I' => "unsigned int",
        'J' => "long",
        'K' => "unsigned long",
        'M' => "float",
        'N' => "double",
        'O' => "long double",
        _ => null,
    };

    /// <summary>A primitive type written <c>_X</c>, or null.</summary>
    public static string? ExtendedPrimitive(char code) => code switch
    {
        'N' => "bool",
        'J' => "__int64",
        'K' => "unsigned __int64",
        'W' => "wchar_t",
        'Q' => "char8_t",
        'S' => "char16_t",
        'U' => "char32_t",
        'P' => "auto",
        'T' => "decltype(auto)",
        _ => null,
    };

    /// <summary>The calling convention a letter names; null (printed as nothing) for a letter llvm-undname does
    /// not know, which it accepts all the same.</summary>
    public static string? CallingConvention(char code) => code switch
    {
        'A' or 'B' => "__cdecl",
        'C' or 'D' => "__pascal",
        'E' or 'F' => "__thiscall",
        'G' or 'H' => "__stdcall",
        'I' or 'J' => "__fastcall",
        'M' or 'N' => "__clrcall",
        'O' or 'P' => "__eabi",
        'Q' => "__vectorcall",
        'S' => "__attribute__((__swiftcall__)) ",
        'W' => "__attribute__((__swiftasynccall__)) ",
        _ => null,
    };

    /// <summary>The function class a letter names (A-Z, 9), or null for a letter that is none.</summary>
    public static MsvcFunctionClass? FunctionClass(char code)
    {
        const MsvcFunctionClass Far = MsvcFunctionClass.Far;
        if (code == '9')
        {
            return MsvcFunctionClass.ExternC | MsvcFunctionClass.NoParameterList;
        }
        if (code is 'Y' or 'Z')
        {
            return MsvcFunctionClass.Global | (code == 'Z' ? Far : 0);
        }
        if (code is < 'A' or > 'X')
        {
            return null;
        }

        // A-H private, I-P protected, Q-X public; in each group of eight: plain, static, virtual,
        // static-this-adjusting thunk, each as near then far.
        int offset = code - 'A';
        MsvcFunctionClass access = (offset / 8) switch
        {
            0 => MsvcFunctionClass.Private,
            1 => MsvcFunctionClass.Protected,
            _ => MsvcFunctionClass.Public,
        };
        MsvcFunctionClass kind = (offset % 8 / 2) switch
        {
            0 => MsvcFunctionClass.None,
            1 => MsvcFunctionClass.Static,
            2 => MsvcFunctionClass.Virtual,
            _ => access == MsvcFunctionClass.Private
                ? MsvcFunctionClass.StaticThisAdjust
                : MsvcFunctionClass.Virtual | MsvcFunctionClass.StaticThisAdjust,
        };
        return access | kind | (offset % 2 == 1 ? Far : 0);
    }

    /// <summary>The byte a <c>?</c>-escaped character in a string literal stands for (after the <c>?</c>):
    /// a digit for one of ten punctuation bytes, a letter for a byte of 0xC1-0xDA or 0xE1-0xFA.</summary>
    public static int EscapedByte(char code) => code switch
    {
        >= '0' and <= '9' => ",/\\:. \n\t'-"[code - '0'],
        >= 'a' and <= 'z' => 0xE1 + (code - 'a'),
        >= 'A' and <= 'Z' => 0xC1 + (code - 'A'),
        _ => -1,
    };
}
