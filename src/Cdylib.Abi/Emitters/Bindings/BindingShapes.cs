using System;
using System.Collections.Generic;
using System.Linq;
using Cdylib.Abi.Model;

namespace Cdylib.Abi.Emitters.Bindings;

/// <summary>
/// What every binding reads the same way from the ABI model: which functions are methods of a handle
/// type, which callback parameters come with a <c>void* user_data</c> (so a closure can stand for
/// both), the parts of a callback's C signature, and the module, crate and namespace names.
/// </summary>
public static class BindingShapes
{
    /// <summary>
    /// The handle type <paramref name="function"/> is an instance method of: the generator passes the
    /// object of a <c>[CExport]</c> instance method first, as a handle parameter named <c>self</c>.
    /// </summary>
    public static AbiHandle? InstanceOf(AbiFunction function, AbiLibrary library) =>
        function.Origin == AbiFunctionOrigin.Declared && function.Parameters.Count > 0 && function.Parameters[0] is { Name: "self", Type: HandleRef self }
            ? library.Handles.FirstOrDefault(handle => handle.Name == self.Name)
            : null;

    /// <summary>
    /// The handle type whose C# class declares <paramref name="function"/> as a static method (a
    /// factory such as <c>Counter.Create</c>), or null: the class named in <see cref="AbiFunction.ManagedName"/>
    /// must be exactly one handle type's class.
    /// </summary>
    public static AbiHandle? StaticOf(AbiFunction function, AbiLibrary library)
    {
        if (function.Origin != AbiFunctionOrigin.Declared || InstanceOf(function, library) is not null)
        {
            return null;
        }
        int dot = function.ManagedName.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }
        string type = function.ManagedName.Substring(0, dot);
        var owners = library.Handles.Where(handle => handle.Managed == type || handle.Managed.EndsWith("." + type, StringComparison.Ordinal)).ToList();
        return owners.Count == 1 ? owners[0] : null;
    }

    /// <summary>The C# method's own name: <c>Counter.Add</c> → <c>Add</c>.</summary>
    public static string MethodName(AbiFunction function) =>
        function.ManagedName.Substring(function.ManagedName.LastIndexOf('.') + 1);

    /// <summary>
    /// The methods of <paramref name="handle"/>, instance and static, in export order, each with the name <paramref name="name"/> gives it; a name that two methods would share, or that
    /// <paramref name="reserved"/> holds, falls back to <paramref name="fallback"/> (made from the C
    /// function's name, which is unique), so no method hides another or a member the binding needs.
    /// </summary>
    public static IReadOnlyList<(AbiFunction Function, bool IsInstance, string Name)> Methods(
        AbiHandle handle, AbiLibrary library, Func<string, string> name, Func<AbiFunction, string> fallback, ICollection<string> reserved)
    {
        var methods = library.Functions
            .Select(function => (Function: function, IsInstance: InstanceOf(function, library) == handle, IsStatic: StaticOf(function, library) == handle))
            .Where(method => method.IsInstance || method.IsStatic)
            .Select(method => (method.Function, method.IsInstance, Name: name(MethodName(method.Function))))
            .ToList();
        var counts = methods.GroupBy(method => method.Name).ToDictionary(group => group.Key, group => group.Count());
        return methods
            .Select(method => counts[method.Name] > 1 || reserved.Contains(method.Name) ? (method.Function, method.IsInstance, fallback(method.Function)) : method)
            .ToList();
    }

    /// <summary>
    /// The first struct <paramref name="function"/> takes or returns by value whose layout is not C's natural
    /// one (a <c>Pack</c> that moves a field, in it or in a struct it holds), or null. A binding that hands
    /// structs by value to libffi (ctypes, JNA, koffi) cannot pass it: libffi lays a struct out from its field types
    /// with natural alignment, whatever the packing, so the values would arrive in the wrong places (or a
    /// returned one be written where nothing was reserved). Such a binding refuses the function instead.
    /// </summary>
    public static AbiStruct? PackedByValue(AbiFunction function, AbiLibrary library) =>
        function.Parameters.Select(parameter => parameter.Type)
            .Concat(function.ReturnsStatus ? Enumerable.Empty<AbiType>() : new[] { function.ReturnType })
            .OfType<StructRef>()
            .Select(type => library.StructNamed(type.Name))
            .FirstOrDefault(structure => structure is not null && !HasNaturalLayout(structure, library));

    /// <summary>
    /// Whether <paramref name="structure"/> (and every struct inside it) is laid out as C lays it out
    /// with no packing, on 64- and 32-bit targets alike: then its packing changes nothing.
    /// </summary>
    public static bool HasNaturalLayout(AbiStruct structure, AbiLibrary library)
    {
        Func<string, AbiStruct?> structs = name => library.StructNamed(name);
        foreach (int pointerSize in new[] { 8, 4 })
        {
            var layouts = structure.Fields.Select(field => CLayout.Of(field.Type, pointerSize, structs)).ToList();
            (int[] offsets, AbiLayout layout) = CLayout.Compute(layouts, 0);
            var actual = structure.Fields.Select(field => pointerSize == 8 ? field.Offset64 : field.Offset32);
            if (layout != (pointerSize == 8 ? structure.Layout64 : structure.Layout32) || !offsets.SequenceEqual(actual))
            {
                return false;
            }
        }
        return structure.Fields.All(field => field.Type is not StructRef nested || structs(nested.Name) is not { } inner || HasNaturalLayout(inner, library));
    }

    /// <summary>
    /// An enum's members as constants, in upper snake case (<c>DeepBlue</c> → <c>DEEP_BLUE</c>); a member whose
    /// name another would share, or that <paramref name="refused"/> picks, keeps its C# name (through <paramref name="identifier"/>).
    /// </summary>
    public static IReadOnlyList<(AbiEnumMember Member, string Name)> ConstantNames(AbiEnum enumeration, Func<string, bool> refused, Func<string, string> identifier)
    {
        var upper = enumeration.Members.Select(member => UpperSnakeCase(member.Name)).ToList();
        var counts = upper.GroupBy(name => name).ToDictionary(group => group.Key, group => group.Count());
        return enumeration.Members
            .Select((member, i) => (member, counts[upper[i]] > 1 || refused(upper[i]) ? identifier(member.Name) : upper[i]))
            .ToList();
    }

    /// <summary>The callback parameters a closure can stand for, with their user data's index (see <see cref="Lowering.CallPlan.ClosuresOf"/>).</summary>
    public static IReadOnlyDictionary<int, int> Closures(AbiFunction function) => Lowering.CallPlan.ClosuresOf(function);

    /// <summary>
    /// The simple C# name of a type (<c>Geometry.Point</c> → <c>Point</c>, <c>Outer.Inner</c> → <c>Inner</c>):
    /// what a binding calls an enum, struct or handle type, whatever the C name (which may carry the
    /// library's prefix, <c>BndPoint</c>).
    /// </summary>
    public static string SimpleName(string managed)
    {
        int generic = managed.IndexOf('<');
        string name = generic >= 0 ? managed.Substring(0, generic) : managed;
        return name.Substring(name.LastIndexOfAny(new[] { '.', '+' }) + 1);
    }

    /// <summary>The upper snake case of a C# name: <c>DeepBlue</c> → <c>DEEP_BLUE</c> (Python's enum members).</summary>
    public static string UpperSnakeCase(string name) => SnakeCase(name).ToUpperInvariant();

    /// <summary>The Python module's name: the C prefix (an identifier), so <c>my-lib</c> gives <c>import my_lib</c>.</summary>
    public static string PythonModule(AbiLibrary library) =>
        PythonKeywords.Contains(library.Prefix) ? library.Prefix + "_" : library.Prefix;

    /// <summary>
    /// The Rust crate's name (and folder): the C prefix in lower case, as cargo turns <c>my-lib</c>
    /// into the identifier <c>my_lib</c>; a Rust keyword, which cargo refuses, gets a trailing <c>_</c>.
    /// </summary>
    public static string RustCrate(AbiLibrary library)
    {
        string crate = library.Prefix.ToLowerInvariant();
        return RustKeywords.Contains(crate) ? crate + "_" : crate;
    }

    /// <summary>
    /// The Go package's name (its module's, and its folder's): the C prefix in lower case, with a <c>_</c>
    /// after a Go keyword or <c>main</c> (which no program can import).
    /// </summary>
    public static string GoPackage(AbiLibrary library)
    {
        string package = library.Prefix.ToLowerInvariant();
        return GoKeywords.Keywords.Contains(package) || package == "main" ? package + "_" : package;
    }

    /// <summary>The Node package's name (and folder): the C prefix in lower case, as npm takes names, like the Rust crate.</summary>
    public static string NodePackage(AbiLibrary library) => library.Prefix.ToLowerInvariant();

    /// <summary>The C# name the binding's types start with (<c>MyLib</c>: <c>MyLib.Native</c>, <c>MyLibLibrary</c>): the C prefix in Pascal case.</summary>
    public static string CSharpName(AbiLibrary library) => Pascal(library.Prefix);

    /// <summary><c>my_lib</c>, <c>my-lib</c>, <c>my.lib</c> → <c>MyLib</c>; a leading digit gets a <c>_</c> in front.</summary>
    public static string Pascal(string name)
    {
        string pascal = string.Concat(name.Split(new[] { '_', '-', '.' }, StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));
        return pascal.Length == 0 || char.IsDigit(pascal[0]) ? "_" + pascal : pascal;
    }

    public static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]) && name[i - 1] != '_')
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    public static readonly HashSet<string> PythonKeywords = new(new[]
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    });

    /// <summary>Rust's strict and reserved keywords (2021 edition, and <c>gen</c> of 2024).</summary>
    public static readonly HashSet<string> RustKeywords = new(new[]
    {
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let",
        "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
        "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
    });

    /// <summary>C#'s reserved keywords (contextual ones are valid identifiers).</summary>
    public static readonly HashSet<string> CSharpKeywords = new(new[]
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
        "virtual", "void", "volatile", "while",
    });

    /// <summary>
    /// The library with each iterator handle named as its class is (Python, Node): an iterator handle's C#
    /// name is its method's and "sequence" (<c>Api.Range sequence</c>), its class <c>RangeSequence</c>.
    /// </summary>
    internal static AbiLibrary WithSequenceClassNames(AbiLibrary library)
    {
        var sequences = new HashSet<string>(library.Functions.Select(function => function.Iterator?.Handle).OfType<string>());
        const string Suffix = " sequence";
        return library with
        {
            Handles = library.Handles
                .Select(handle => sequences.Contains(handle.Name) && handle.Managed.EndsWith(Suffix, StringComparison.Ordinal)
                    ? handle with { Managed = handle.Managed.Substring(0, handle.Managed.Length - Suffix.Length) + "Sequence" }
                    : handle)
                .ToEquatableArray(),
        };
    }
}
