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
            return "a C identifier has only ASCII letters, digits and '_', and does not start with a digit";
        }
        if (Keywords.Contains(name))
        {
            return "it is a C or C++ keyword";
        }
        return null;
    }

    /// <summary>A C-safe spelling of a C# parameter name: keywords of C or C++ get a trailing '_'.</summary>
    public static string Parameter(string name) => Keywords.Contains(name) ? name + "_" : name;

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
