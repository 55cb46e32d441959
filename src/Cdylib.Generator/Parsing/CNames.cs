using System.Collections.Generic;
using System.Linq;

namespace Cdylib.Generator.Parsing;

/// <summary>What may be a C symbol or parameter name, in both C and C++ consumers.</summary>
internal static class CNames
{
    // C11 and C++17 keywords together: the header must compile as both.
    private static readonly HashSet<string> Keywords = new(new[]
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
        "_Static_assert", "_Thread_local",
        "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char16_t", "char32_t",
        "char8_t", "class", "compl", "concept", "const_cast", "consteval", "constexpr", "constinit", "co_await",
        "co_return", "co_yield", "decltype", "delete", "dynamic_cast", "explicit", "export", "false", "friend",
        "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
        "protected", "public", "reinterpret_cast", "requires", "static_assert", "static_cast", "template", "this",
        "thread_local", "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq",
    });

    /// <summary>Why <paramref name="name"/> cannot be a C symbol, or null when it can.</summary>
    public static string? WhyInvalid(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty";
        }
        if (!IsStart(name[0]) || !name.All(IsPart))
        {
            return "a C identifier has only ASCII letters, digits and '_', and does not start with a digit; choose such a name with [CExport(\"name\")]";
        }
        if (Keywords.Contains(name))
        {
            return "it is a C or C++ keyword; choose another name";
        }
        if (name.StartsWith("__", System.StringComparison.Ordinal) || (name.Length > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z'))
        {
            return "names starting with '__' or '_' and a capital letter are reserved for the C implementation; choose another name";
        }
        if (CLibraryNames.Contains(name))
        {
            return "it is a function of the C library, and exporting it would replace that function for the whole process; prefix it with the library's name";
        }
        return null;
    }

    /// <summary>Why <paramref name="name"/> cannot be the C name of a struct, enum or handle type, or null when it can.</summary>
    public static string? WhyInvalidTypeName(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty";
        }
        if (!IsStart(name[0]) || !name.All(IsPart))
        {
            return "a C identifier has only ASCII letters, digits and '_', and does not start with a digit";
        }
        if (Keywords.Contains(name))
        {
            return "it is a C or C++ keyword";
        }
        if (name.StartsWith("__", System.StringComparison.Ordinal) || (name.Length > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z'))
        {
            return "names starting with '__' or '_' and a capital letter are reserved for the C implementation";
        }
        if (TakenInHeaders.Contains(name) || CLibraryNames.Contains(name))
        {
            return "the header, the C library or the compiler already gives that name a meaning";
        }
        return null;
    }

    // Names a header parameter must not take although they are identifiers: the types the header
    // itself uses and macros compilers predefine in their default (GNU) modes.
    private static readonly HashSet<string> TakenInHeaders = new(new[]
    {
        "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
        "intptr_t", "uintptr_t", "intmax_t", "uintmax_t", "size_t", "ptrdiff_t", "NULL", "offsetof",
        "linux", "unix", "i386", "__linux__", "__unix__",
        Cdylib.Abi.Model.WellKnownTypes.Int128C, Cdylib.Abi.Model.WellKnownTypes.UInt128C, Cdylib.Abi.Model.WellKnownTypes.NFloatC,
    });

    /// <summary>
    /// C spellings of C# parameter names, distinct from each other: a C or C++ keyword, a type the
    /// header uses or a predefined macro gets a trailing '_', and so does a name already taken.
    /// </summary>
    /// <remarks>
    /// A span parameter also claims its length's name (<c>data_len</c>), and the names the C
    /// signature adds (<c>out_len</c>, <c>out_result</c>) are never given to a parameter.
    /// </remarks>
    public static IReadOnlyList<string> Parameters(IEnumerable<(string Name, bool HasLength)> parameters)
    {
        var result = new List<string>();
        var used = new HashSet<string>(Cdylib.Abi.Model.CSignature.ReservedNames);
        bool Taken(string name) => Keywords.Contains(name) || TakenInHeaders.Contains(name) || used.Contains(name);
        foreach ((string name, bool hasLength) in parameters)
        {
            // C# allows letters C does not (größe): such a name becomes argN, N its position.
            string cName = name.All(c => c < 128) ? name : $"arg{result.Count}";
            while (Taken(cName) || (hasLength && Taken(Cdylib.Abi.Model.CSignature.LengthOf(cName))))
            {
                cName += "_";
            }
            used.Add(cName);
            if (hasLength)
            {
                used.Add(Cdylib.Abi.Model.CSignature.LengthOf(cName));
            }
            result.Add(cName);
        }
        return result;
    }

    /// <summary>NullArgument → NULL_ARGUMENT, InvalidUtf8 → INVALID_UTF8, HTTPCode → HTTPCODE.</summary>
    public static string UpperSnake(string name)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]) && name[i - 1] != '_')
            {
                text.Append('_');
            }
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>
    /// The helper prefix for a library name: <c>hello-world</c> and <c>Hello.World</c> become
    /// <c>hello_world</c> and <c>Hello_World</c>, as cargo turns crate names into identifiers.
    /// </summary>
    public static string Prefix(string libraryName)
    {
        var chars = libraryName.Select(c => IsPart(c) ? c : '_').ToArray();
        string prefix = new(chars);
        return prefix.Length == 0 || !IsStart(prefix[0]) ? "_" + prefix : prefix;
    }

    private static bool IsStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsPart(char c) => IsStart(c) || (c >= '0' && c <= '9');
}
