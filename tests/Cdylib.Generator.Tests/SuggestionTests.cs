using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Every alternative a diagnostic proposes compiles when applied: the refused signature, with the
/// suggestion put in its place, goes through the generator with no diagnostic and the generated code
/// compiles (issue 13: a <c>string[]</c> parameter suggested <c>ReadOnlySpan&lt;string&gt;</c>, itself
/// refused; <c>out int[]</c> suggested <c>int[]*</c>; <c>ref string</c> suggested <c>string*</c>).
/// </summary>
/// <remarks>
/// Where one C# type replaces the refused parameter (its modifiers and type) or return type, the
/// message quotes it and the diagnostic carries it as the property <c>Replacement</c>: those cases
/// apply the property mechanically. Where the fix is larger (return the value instead, mark a class
/// [CExport], change a struct field), the table holds the signature the message describes.
/// </remarks>
public sealed class SuggestionTests
{
    private const string Usings = "using System;\nusing System.Runtime.InteropServices;\nusing Cdylib;\n\n";

    // Types the cases use.
    private const string Types = """

        public enum Größe : byte { Small }
        public struct Point { public int X; }
        [CExport] public sealed class Counter { }
        public class Plain { }
        """;

    // ---- one type replaces the parameter -----------------------------------------------------

    [Theory]
    [InlineData("char value", "ushort")]
    [InlineData("decimal value", "double")]
    [InlineData("int[] value", "System.ReadOnlySpan<int>")]
    [InlineData("params long[] value", "System.ReadOnlySpan<long>")]
    [InlineData("Point[] value", "System.ReadOnlySpan<Point>")]
    [InlineData("int[,] value", "System.ReadOnlySpan<int>")]
    [InlineData("string[] value", "System.ReadOnlySpan<nint>")]
    [InlineData("bool[] value", "System.ReadOnlySpan<byte>")]
    [InlineData("char[] value", "System.ReadOnlySpan<ushort>")]
    [InlineData("DateTime[] value", "System.ReadOnlySpan<long>")]
    [InlineData("ReadOnlySpan<string> value", "System.ReadOnlySpan<nint>")]
    [InlineData("ReadOnlySpan<bool> value", "System.ReadOnlySpan<byte>")]
    [InlineData("Span<char> value", "System.Span<ushort>")]
    [InlineData("Span<decimal> value", "System.Span<double>")]
    [InlineData("bool? value", "byte?")]
    [InlineData("char? value", "ushort?")]
    [InlineData("decimal? value", "double?")]
    [InlineData("ref string value", "string")]
    [InlineData("in string value", "string")]
    [InlineData("ref int[] value", "System.Span<int>")]
    [InlineData("in int[] value", "System.ReadOnlySpan<int>")]
    [InlineData("ref bool[] value", "System.Span<byte>")]
    [InlineData("ref Counter value", "Counter")]
    [InlineData("in Counter value", "Counter")]
    [InlineData("ref char value", "ref ushort")]
    [InlineData("out decimal value", "out double")]
    [InlineData("ref int? value", "ref int")]
    [InlineData("out bool? value", "out byte")]
    [InlineData("ref Span<int> value", "System.Span<int>")]
    [InlineData("in ReadOnlySpan<byte> value", "System.ReadOnlySpan<byte>")]
    [InlineData("ref delegate* unmanaged[Cdecl]<int, int> value", "ref void*")]
    [InlineData("out delegate* unmanaged[Cdecl]<int, int> value", "out void*")]
    [InlineData("in delegate* unmanaged[Cdecl]<int, int> value", "delegate* unmanaged[Cdecl]<int, int>")]
    [InlineData("ref Func<int> value", "delegate* unmanaged[Cdecl]<void*, int>")]
    [InlineData("char* value", "ushort*")]
    [InlineData("decimal* value", "double*")]
    [InlineData("Action value", "delegate* unmanaged[Cdecl]<void*, void>")]
    [InlineData("Func<int, bool> value", "delegate* unmanaged[Cdecl]<int, void*, byte>")]
    [InlineData("Action<string, Point> value", "delegate* unmanaged[Cdecl]<byte*, Point, void*, void>")]
    [InlineData("delegate*<int, int> value", "delegate* unmanaged[Cdecl]<int, int>")]
    [InlineData("delegate* unmanaged<string, int> value", "delegate* unmanaged<byte*, int>")]
    [InlineData("delegate* unmanaged[Cdecl]<bool, char> value", "delegate* unmanaged[Cdecl]<byte, ushort>")]
    [InlineData("delegate* unmanaged[Stdcall]<int> value", "delegate* unmanaged[Cdecl]<int>")]
    [InlineData("delegate* unmanaged<ref int, void> value", "delegate* unmanaged<int*, void>")]
    [InlineData("delegate* unmanaged<Int128, void> value", "delegate* unmanaged<System.Int128*, void>")]
    [InlineData("Int128 value", "in System.Int128")]
    [InlineData("UInt128 value", "in System.UInt128")]
    [InlineData("Größe value", "byte")]
    [InlineData("DateTime value", "long")]
    [InlineData("DateTimeOffset value", "long")]
    [InlineData("TimeSpan value", "long")]
    [InlineData("TimeOnly value", "long")]
    [InlineData("DateOnly value", "int")]
    [InlineData("Index value", "int")]
    [InlineData("GCHandle value", "nint")]
    [InlineData("System.Numerics.BigInteger value", "System.ReadOnlySpan<byte>")]
    public void A_parameter_replacement_compiles_through_the_generator(string declaration, string replacement)
    {
        string parameter = declaration.Substring(0, declaration.LastIndexOf(' '));
        string before = Parameter(declaration);
        Diagnostic diagnostic = Refused(before, "CDY0005");
        AssertReplacement(diagnostic, replacement);

        AssertAccepted(Parameter(declaration.Replace(parameter, replacement)));
    }

    // ---- one type replaces the result --------------------------------------------------------

    [Theory]
    [InlineData("char", "ushort")]
    [InlineData("decimal", "double")]
    [InlineData("bool[]", "byte[]")]
    [InlineData("char[]", "ushort[]")]
    [InlineData("decimal[]", "double[]")]
    [InlineData("DateTime[]", "long[]")]
    [InlineData("int[,]", "int[]")]
    [InlineData("bool[,]", "byte[]")]
    [InlineData("ReadOnlySpan<int>", "int[]")]
    [InlineData("Span<Point>", "Point[]")]
    [InlineData("ReadOnlySpan<bool>", "byte[]")]
    [InlineData("delegate* unmanaged<int>", "nint")]
    [InlineData("Func<int>", "nint")]
    [InlineData("ref int", "int")]
    [InlineData("ref readonly long", "long")]
    [InlineData("ref Point", "Point")]
    [InlineData("Größe", "byte")]
    [InlineData("DateTime", "long")]
    [InlineData("TimeSpan", "long")]
    [InlineData("System.Numerics.BigInteger", "byte[]")]
    public void A_result_replacement_compiles_through_the_generator(string type, string replacement)
    {
        Diagnostic diagnostic = Refused(Result(type), "CDY0006");
        AssertReplacement(diagnostic, replacement);

        AssertAccepted(Result(replacement));
    }

    // ---- a larger fix: the message describes the signature -----------------------------------

    [Theory]
    [MemberData(nameof(Rewrites))]
    public void A_described_rewrite_compiles_through_the_generator(string id, string before, string after, string[] fragments)
    {
        Diagnostic diagnostic = Refused(before, id);
        Assert.False(diagnostic.Properties.ContainsKey("Replacement"), $"{diagnostic.Id} carries a Replacement although its fix is not one type:\n{diagnostic}");
        string message = diagnostic.GetMessage();
        foreach (string fragment in fragments)
        {
            Assert.True(message.Contains(fragment, StringComparison.Ordinal), $"the {diagnostic.Id} message lacks \"{fragment}\":\n{message}");
        }
        AssertAccepted(after);
    }

    public static TheoryData<string, string, string, string[]> Rewrites => new()
    {
        // The shape of the method (CDY0001–CDY0004, CDY0007, CDY0010, CDY0011).
        { "CDY0001", "public class Api { [CExport] public int Instance() => 1; }", "public class Api { [CExport] public static int Instance() => 1; }", new[] { "make it static" } },
        { "CDY0001", "public class Api { [CExport] public int Instance() => 1; }", "[CExport] public class Api { [CExport] public int Instance() => 1; }", new[] { "marking its (non-static) class [CExport]" } },
        { "CDY0002", Method("[CExport] public static T Echo<T>(T value) => value;"), Method("[CExport] public static int Echo(int value) => value;"), new[] { "export a non-generic method for each type argument you need" } },
        { "CDY0003", "public static class Box<T> { [CExport] public static int F() => 0; }", "public static class Box { [CExport] public static int F() => 0; }", new[] { "move it to a non-generic type" } },
        { "CDY0004", Method("[CExport] private static int Hidden() => 0;"), Method("[CExport] internal static int Hidden() => 0;"), new[] { "make it internal or public" } },
        { "CDY0007", Method("[CExport(\"has space\")] public static int F() => 0;"), Method("[CExport(\"has_space\")] public static int F() => 0;"), new[] { "choose such a name with [CExport(\"name\")]" } },
        { "CDY0007", Method("[CExport(\"free\")] public static int F() => 0;"), Method("[CExport(\"lib_free\")] public static int F() => 0;"), new[] { "prefix it with the library's name" } },
        { "CDY0010", Method("[CExport(CallingConvention = CallingConvention.FastCall)] public static int F() => 0;"), Method("[CExport(CallingConvention = CallingConvention.Winapi)] public static int F() => 0;"), new[] { "use Cdecl (Rust's \"C\", the default), Winapi (Rust's \"system\") or StdCall" } },
        { "CDY0011", Method("[CExport, UnmanagedCallersOnly] public static int F() => 0;"), Method("[CExport] public static int F() => 0;"), new[] { "remove [UnmanagedCallersOnly]" } },
        // Managed objects: a class of one's own, marked [CExport].
        { "CDY0005", Parameter("object value"), Parameter("Box value") + "\n[CExport] public sealed class Box { }", new[] { "wrap it in a class of yours marked [CExport]" } },
        { "CDY0005", Parameter("Plain value"), Parameter("Marked value") + "\n[CExport] public class Marked { }", new[] { "mark the class [CExport] to pass its objects as opaque handles" } },
        { "CDY0006", Result("object"), Result("Box") + "\n[CExport] public sealed class Box { }", new[] { "wrap it in a class of yours marked [CExport]" } },
        // What cannot come back through a parameter is returned.
        { "CDY0005", Parameter("out int[] value"), Method("public static int[] Take(int first) => new int[0];"), new[] { "make 'int[]' the method's result" } },
        { "CDY0005", Parameter("out bool[] value"), Method("public static byte[] Take(int first) => new byte[0];"), new[] { "make 'byte[]' the method's result" } },
        { "CDY0005", Parameter("out Counter value"), Method("public static Counter Take(int first) => new Counter();"), new[] { "make 'Counter' the method's result" } },
        { "CDY0005", Parameter("out Span<int> value"), Method("public static int[] Take(int first) => new int[0];"), new[] { "make 'int[]' the method's result" } },
        { "CDY0006", Result("Int128"), Method("public static void Give(out Int128 value) { value = 0; }"), new[] { "'out System.Int128'" } },
        { "CDY0006", Result("int?"), Method("public static bool Give(out int value) { value = 0; return false; }"), new[] { "as 'bool'", "an 'out int' parameter" } },
        { "CDY0006", Result("bool?"), Method("public static bool Give(out byte value) { value = 0; return false; }"), new[] { "as 'bool'", "an 'out byte' parameter" } },
        { "CDY0006", Result("string[]"), Result("string"), new[] { "return one string that C splits" } },
        { "CDY0006", Method("[CExport(ReturnsStatus = true)] public static int[] Give() => new int[0];"), Method("[CExport] public static int[] Give() => new int[0];"), new[] { "drop ReturnsStatus" } },
        // A struct is fixed where it is declared.
        { "CDY0005", Parameter("Flagged value") + Struct("Flagged", "bool On;"), Parameter("Flagged value") + Struct("Flagged", "byte On;"), new[] { "field 'On' has type 'bool'", "declare it as 'byte'" } },
        { "CDY0005", Parameter("Flagged* value") + Struct("Flagged", "bool On;"), Parameter("Flagged* value") + Struct("Flagged", "byte On;"), new[] { "a pointer to 'Flagged' has no C form", "declare it as 'byte'" } },
        { "CDY0005", Parameter("Letter value") + Struct("Letter", "char C;"), Parameter("Letter value") + Struct("Letter", "ushort C;"), new[] { "declare it as 'ushort'" } },
        { "CDY0005", Parameter("Holder value") + Struct("Holder", "string Name;"), Parameter("Holder value") + Struct("Holder", "byte* Name;"), new[] { "declare it as 'byte*'" } },
        { "CDY0005", Parameter("Maybe value") + Struct("Maybe", "int? Value;"), Parameter("Maybe value") + Struct("Maybe", "int Value; public byte HasValue;"), new[] { "use the value and a byte field saying whether it is there" } },
        { "CDY0005", Parameter("Money value") + Struct("Money", "decimal Amount;"), Parameter("Money value") + Struct("Money", "double Amount;"), new[] { "use 'double' instead" } },
        { "CDY0005", Parameter("Stamp value") + Struct("Stamp", "DateTime When;"), Parameter("Stamp value") + Struct("Stamp", "long When;"), new[] { "use 'long' instead: DateTime.Ticks" } },
        { "CDY0005", Parameter("Pair<int> value") + "\npublic struct Pair<T> { public T A; }", Parameter("Pair value") + "\npublic struct Pair { public int A; }", new[] { "declare a non-generic struct" } },
        { "CDY0005", Parameter("Empty value") + "\npublic struct Empty { }", Method("public static void Take(int first) { }"), new[] { "give it a field, or leave the parameter out" } },
        { "CDY0005", Parameter("Overlay value") + "\n[StructLayout(LayoutKind.Explicit)] public struct Overlay { [FieldOffset(0)] public int X; }", Parameter("Overlay value") + "\npublic struct Overlay { public int X; }", new[] { "remove the explicit layout" } },
        { "CDY0005", Parameter("Padded value") + "\n[StructLayout(LayoutKind.Sequential, Size = 16)] public struct Padded { public int X; }", Parameter("Padded value") + "\npublic struct Padded { public int X; public int P1; public long P2; }", new[] { "remove Size, or add the padding as fields" } },
        { "CDY0005", Parameter("Range value"), Method("public static void Take(int first, int start, int end) { }"), new[] { "pass its start and end as two ints" } },
        { "CDY0005", Parameter("System.Numerics.Vector3 value"), Parameter("Vector value") + Struct("Vector", "float X; public float Y; public float Z;"), new[] { "declare a struct of your own with its float fields (X, Y, Z)" } },
        { "CDY0005", Parameter("CLong value"), Parameter("long value"), new[] { "use 'int' or 'long'" } },
        { "CDY0005", Parameter("CLong value"), Parameter("int value"), new[] { "use 'int' or 'long'" } },
        // Callbacks whose types have no C value: the message names the rule.
        { "CDY0005", Parameter("Func<object> value"), Parameter("delegate* unmanaged[Cdecl]<void*, void*> value"), new[] { "pass a 'delegate* unmanaged[Cdecl]<…>'", "a 'void*' for its state" } },
    };

    // ---- a C name of the type's own ----------------------------------------------------------

    [Fact]
    public void A_type_whose_name_is_no_C_identifier_crosses_under_the_name_the_message_asks_for()
    {
        Diagnostic diagnostic = Refused(Parameter("Größe value"), "CDY0005");
        Assert.Contains("give it another with [CExport(\"name\")] on the enum", diagnostic.GetMessage());
        AssertAccepted(Parameter("Größe3 value") + "\n[CExport(\"Size\")] public enum Größe3 : byte { Small }");
    }

    [Fact]
    public void Two_types_of_one_C_name_cross_once_one_has_another_as_the_message_asks()
    {
        const string types = "\nnamespace Mine { public struct Spot { public int X; } }\nnamespace Theirs { public struct Spot { public long X; } }";
        Diagnostic diagnostic = Refused(Parameter("Mine.Spot value, Theirs.Spot other") + types, "CDY0015");
        Assert.Contains("give one another C name with [CExport(\"name\")]", diagnostic.GetMessage());
        AssertAccepted(Parameter("Mine.Spot value, Theirs.Spot other") + types.Replace("namespace Theirs { public struct", "namespace Theirs { [CExport(\"their_Spot\")] public struct"));
    }

    [Fact]
    public void An_enum_constant_named_like_the_headers_macro_crosses_once_renamed_as_the_message_asks()
    {
        Diagnostic diagnostic = Refused(Parameter("Error value") + "\npublic enum Error { None }", "CDY0020");
        Assert.Contains("'LIB_ERROR_NONE', the C name of the member 'Error.None', is already a name the header itself defines", diagnostic.GetMessage());
        Assert.Contains("give the type another C name with [CExport(\"name\")]", diagnostic.GetMessage());
        AssertAccepted(Parameter("Error value") + "\n[CExport(\"lib_Failure\")] public enum Error { None }");
    }

    // ---- the property and the message agree --------------------------------------------------

    [Fact]
    public void A_replacement_is_quoted_in_the_message_and_carried_as_a_property()
    {
        Diagnostic diagnostic = Refused(Parameter("string[] value"), "CDY0005");
        Assert.Equal("System.ReadOnlySpan<nint>", diagnostic.Properties["Replacement"]);
        Assert.Contains("use 'System.ReadOnlySpan<nint>' instead", diagnostic.GetMessage());
        Assert.DoesNotContain("ReadOnlySpan<string>", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("ReadOnlySpan<Point> value")]
    [InlineData("Span<Point> value")]
    public void Spans_of_blittable_structs_are_accepted_as_the_messages_say(string declaration) =>
        AssertAccepted(Parameter(declaration));

    [Fact]
    public void The_span_message_says_blittable_structs_are_allowed()
    {
        Diagnostic diagnostic = Refused(Parameter("ReadOnlySpan<object> value"), "CDY0005");
        Assert.Contains("fixed-width numbers, enums or blittable structs", diagnostic.GetMessage());
        Assert.DoesNotContain("primitives or enums", diagnostic.GetMessage());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static string Parameter(string declaration)
    {
        string body = declaration.StartsWith("out ", StringComparison.Ordinal) ? "{ value = default; }" : "{ }";
        return Method($"[CExport] public static void Take(int first, {declaration}) {body}");
    }

    private static string Result(string type) => Method($"[CExport] public static {type} Give() {{ throw null!; }}");

    private static string Method(string method) => $$"""
        public static unsafe class Api
        {
            {{method}}
        }
        """;

    private static string Struct(string name, string fields) => $"\npublic unsafe struct {name} {{ public {fields} }}";

    private static GeneratorRun Run(string body)
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Usings + body + Types);
        var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "the test source itself does not compile:\n" + string.Join("\n", inputErrors) + "\n" + body);
        return run;
    }

    private static Diagnostic Refused(string body, string id)
    {
        GeneratorRun run = Run(body);
        Assert.True(run.Diagnostics.Length == 1 && run.Diagnostics[0].Id == id, $"expected exactly {id}, got:\n" + string.Join("\n", run.Diagnostics) + "\n" + body);
        return run.Diagnostics[0];
    }

    private static void AssertReplacement(Diagnostic diagnostic, string replacement)
    {
        Assert.True(diagnostic.Properties.TryGetValue("Replacement", out string? carried), $"{diagnostic.Id} carries no Replacement:\n{diagnostic}");
        Assert.Equal(replacement, carried);
        Assert.True(diagnostic.GetMessage().Contains($"'{replacement}'", StringComparison.Ordinal), $"the message does not quote '{replacement}':\n{diagnostic.GetMessage()}");
    }

    private static void AssertAccepted(string body)
    {
        GeneratorRun run = Run(body);
        Assert.True(run.Diagnostics.IsEmpty, "the suggestion, applied, is refused:\n" + string.Join("\n", run.Diagnostics) + "\n" + body);
        run.AssertOutputCompiles();
    }
}
