using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Every diagnostic the generator reports (CDY0001–CDY0013): its ID, severity, location (the
/// offending member, parameter, return type or attribute), and a message that names the member
/// (and parameter) and says what to do instead. A method that cannot be exported gets no shim,
/// and the valid methods beside it are exported as usual.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing System.Runtime.InteropServices;\nusing Cdylib;\n\n";

    // Types the parameter and return cases use, declared after the class so line numbers stay simple.
    private const string Helpers = "\npublic enum Color : byte { Red }\npublic struct Point { public int X; }\npublic struct Holder { public string Name; }\npublic struct Flagged { public bool On; }\n";

    // ---- CDY0001 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0001_instance_method()
    {
        Diagnostic diagnostic = Expect("CDY0001", """
            public class Api
            {
                [CExport]
                public int Instance() => 1;
            }
            """, at: "Instance");
        AssertMessage(diagnostic, "'Api.Instance' must be a static method", "make it static (not abstract or virtual), or export a static method that calls it");
    }

    // ---- CDY0002 / CDY0003 ------------------------------------------------------------------

    [Fact]
    public void CDY0002_generic_method()
    {
        Diagnostic diagnostic = Expect("CDY0002", """
            public static class Api
            {
                [CExport]
                public static int Generic<T>() => 0;
            }
            """, at: "Generic");
        AssertMessage(diagnostic, "'Api.Generic<T>' is generic", "export a non-generic method for each type argument you need");
    }

    [Fact]
    public void CDY0003_method_in_a_generic_type()
    {
        Diagnostic diagnostic = Expect("CDY0003", """
            public static class Box<T>
            {
                [CExport]
                public static int InGeneric() => 0;
            }
            """, at: "InGeneric");
        AssertMessage(diagnostic, "'Box<T>.InGeneric' is declared in the generic type 'Box<T>'", "move it to a non-generic type");
    }

    [Fact]
    public void CDY0003_method_in_a_type_nested_in_a_generic_type()
    {
        Diagnostic diagnostic = Expect("CDY0003", """
            public static class Outer<T>
            {
                public static class Inner
                {
                    [CExport]
                    public static int Deep() => 0;
                }
            }
            """, at: "Deep");
        AssertMessage(diagnostic, "'Outer<T>.Inner.Deep'", "is declared in the generic type 'Outer<T>", "move it to a non-generic type");
    }

    // ---- CDY0004 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0004_private_method()
    {
        Diagnostic diagnostic = Expect("CDY0004", """
            public static class Api
            {
                [CExport]
                private static int Hidden() => 0;
            }
            """, at: "Hidden");
        AssertMessage(diagnostic, "'Api.Hidden' cannot be called by its generated entry point because 'Hidden' is private", "make it internal or public");
    }

    [Fact]
    public void CDY0004_method_in_a_private_nested_type()
    {
        Diagnostic diagnostic = Expect("CDY0004", """
            public static class Outer
            {
                private static class Inner
                {
                    [CExport]
                    public static int InPrivateType() => 0;
                }
            }
            """, at: "InPrivateType");
        AssertMessage(diagnostic, "'Outer.Inner.InPrivateType'", "because 'Inner' is private", "make it internal or public");
    }

    [Theory]
    [InlineData("protected", "protected")]
    [InlineData("private protected", "private protected")]
    public void CDY0004_protected_method(string modifier, string described)
    {
        Diagnostic diagnostic = Expect("CDY0004", $$"""
            public class Base
            {
                [CExport]
                {{modifier}} static int Guarded() => 0;
            }
            """, at: "Guarded");
        AssertMessage(diagnostic, "'Base.Guarded'", $"because 'Guarded' is {described}", "make it internal or public");
    }

    // ---- CDY0005 ----------------------------------------------------------------------------

    [Theory]
    [InlineData("char", "char", "use 'ushort' instead (or 'string' for text, UTF-8 in C)")]
    [InlineData("decimal", "decimal", "C has no decimal type; use 'double' instead (or a scaled 'long' where every digit counts)")]
    [InlineData("object", "object", "wrap it in a class of yours marked [CExport] and pass that class's handles")]
    [InlineData("int[]", "int[]", "use 'System.ReadOnlySpan<int>' instead ('System.Span<int>' to write into the caller's memory)")]
    [InlineData("params long[]", "long[]", "use 'System.ReadOnlySpan<long>' instead")]
    [InlineData("string[]", "string[]", "use 'System.ReadOnlySpan<nint>' instead")]
    [InlineData("Action", "System.Action", "use 'delegate* unmanaged[Cdecl]<void*, void>' instead (and add a 'void*' parameter for the state")]
    [InlineData("Holder", "Holder", "field 'Name' has type 'string'; struct fields must be fixed-width integers, float, double, enums, pointers or such structs")]
    [InlineData("Flagged*", "Flagged*", "a pointer to 'Flagged' has no C form: field 'On' has type 'bool'", "declare it as 'byte'")]
    [InlineData("delegate* managed<int, int>", "delegate*<int, int>", "a managed function pointer cannot be called from C; use 'delegate* unmanaged[Cdecl]<int, int>' instead")]
    [InlineData("delegate* unmanaged<string, int>", "delegate* unmanaged<string, int>", "a callback's parameters and result must be fixed-width numbers, enums, blittable structs or pointers", "use 'delegate* unmanaged<byte*, int>' instead")]
    [InlineData("ref string", "string", "'ref string' has no C form", "use 'string' instead", "or use 'out string' when only the new value matters")]
    [InlineData("out int[]", "int[]", "an array cannot come back through a parameter; return it instead: make 'int[]' the method's result")]
    [InlineData("ReadOnlySpan<string>", "System.ReadOnlySpan<string>", "a span's elements must be fixed-width numbers, enums or blittable structs", "use 'System.ReadOnlySpan<nint>' instead")]
    [InlineData("ReadOnlySpan<bool>", "System.ReadOnlySpan<bool>", "a span's elements must be fixed-width numbers, enums or blittable structs", "use 'System.ReadOnlySpan<byte>' instead")]
    public void CDY0005_unsupported_parameter_type(string declaration, string displayed, params string[] suggestion)
    {
        string body = declaration.StartsWith("out ") ? "{ value = default!; }" : "{ }";
        Diagnostic diagnostic = Expect("CDY0005", $$"""
            public static unsafe class Api
            {
                [CExport]
                public static void Take(int first, {{declaration}} value) {{body}}
            }
            """, at: "value");
        AssertMessage(diagnostic, suggestion.Prepend($"Parameter 'value' of 'Api.Take' has type '{displayed}', which cannot cross the C ABI: ").ToArray());
    }

    [Fact]
    public void CDY0005_is_reported_for_each_bad_parameter()
    {
        GeneratorRun run = RunValid("""
            public static class Api
            {
                [CExport]
                public static void Two(decimal name, int ok, char letter) { }
            }
            """);
        var diagnostics = run.Diagnostics.Where(d => d.Id == "CDY0005").ToList();
        Assert.Equal(2, diagnostics.Count);
        AssertMessage(diagnostics[0], "Parameter 'name' of 'Api.Two'");
        AssertMessage(diagnostics[1], "Parameter 'letter' of 'Api.Two'");
        Assert.DoesNotContain("Two", run.ExportNames);
    }

    // ---- CDY0006 ----------------------------------------------------------------------------

    [Theory]
    [InlineData("char", "char", "use 'ushort' instead")]
    [InlineData("decimal", "decimal", "use 'double' instead (or a scaled 'long'")]
    [InlineData("object", "object", "wrap it in a class of yours marked [CExport] and pass that class's handles")]
    [InlineData("string[]", "string[]", "an array of strings has no C form", "return one string that C splits")]
    [InlineData("bool[]", "bool[]", "an array result's elements must be fixed-width numbers, enums or blittable structs", "use 'byte[]' instead")]
    [InlineData("int[,]", "int[*,*]", "a multi-dimensional array has no C form; use 'int[]' instead (its elements in row-major order)")]
    [InlineData("Flagged", "Flagged", "declare it as 'byte' (use byte for bool")]
    [InlineData("delegate* unmanaged<int>", "delegate* unmanaged<int>", "returning a function pointer is not supported; use 'nint' instead")]
    [InlineData("System.Threading.Tasks.Task<int[]>", "System.Threading.Tasks.Task<int[]>", "an async export's result arrives as one value through its completion callback, and an array needs a length too", "return a [CExport] class holding the array")]
    [InlineData("System.Threading.Tasks.Task<object>", "System.Threading.Tasks.Task<object>", "its result 'object' cannot: ", "wrap it in a class of yours marked [CExport]")]
    [InlineData("System.Threading.Tasks.ValueTask<char>", "System.Threading.Tasks.ValueTask<char>", "its result 'char' cannot: ", "use 'ushort' instead")]
    public void CDY0006_unsupported_return_type(string type, string displayed, params string[] suggestion)
    {
        Diagnostic diagnostic = Expect("CDY0006", $$"""
            public static unsafe class Api
            {
                [CExport]
                public static {{type}} Give() => default!;
            }
            """, at: type);
        AssertMessage(diagnostic, suggestion.Prepend($"'Api.Give' returns '{displayed}', which cannot cross the C ABI: ").ToArray());
    }

    [Theory]
    [InlineData("[CExport(ReturnsStatus = true)]", "ReturnsStatus does not apply to an async export, whose status arrives with its result through the completion callback; remove ReturnsStatus")]
    [InlineData("[CExport, System.Runtime.InteropServices.SuppressGCTransition]", "an async export starts an operation on the runtime, so it cannot be transition-free; remove [SuppressGCTransition]")]
    public void CDY0006_an_async_export_refuses_what_does_not_apply(string attributes, string why)
    {
        Diagnostic diagnostic = Expect("CDY0006", $$"""
            public static class Api
            {
                {{attributes}}
                public static System.Threading.Tasks.Task<int> Give() => System.Threading.Tasks.Task.FromResult(1);
            }
            """, at: "System.Threading.Tasks.Task<int>");
        AssertMessage(diagnostic, "'Api.Give' returns 'System.Threading.Tasks.Task<int>', which cannot cross the C ABI: " + why);
    }

    [Fact]
    public void CDY0005_a_cancellation_token_that_is_not_last()
    {
        Diagnostic diagnostic = Expect("CDY0005", """
            public static class Api
            {
                [CExport]
                public static System.Threading.Tasks.Task Give(System.Threading.CancellationToken cancel, int value) => System.Threading.Tasks.Task.CompletedTask;
            }
            """, at: "cancel");
        AssertMessage(diagnostic, "Parameter 'cancel' of 'Api.Give'", "a CancellationToken is taken as the last parameter of an async export");
    }

    [Theory]
    [InlineData("ref int")]
    [InlineData("ref readonly int")]
    public void CDY0006_ref_return(string type)
    {
        Diagnostic diagnostic = Expect("CDY0006", $$"""
            public static class Api
            {
                private static int s_value;

                [CExport]
                public static {{type}} Give() => ref s_value;
            }
            """, at: type);
        AssertMessage(diagnostic, "'Api.Give' returns 'int'", "a ref return has no C form; use 'int' instead (the value; or a pointer to it, 'int*')");
    }

    // ---- CDY0007 ----------------------------------------------------------------------------

    [Theory]
    [InlineData("1abc", "a C identifier has only ASCII letters, digits and '_', and does not start with a digit")]
    [InlineData("has space", "a C identifier has only ASCII letters, digits and '_'")]
    [InlineData("dash-ed", "a C identifier has only ASCII letters, digits and '_'")]
    [InlineData("naïve", "a C identifier has only ASCII letters, digits and '_'")]
    [InlineData("", "the name is empty")]
    [InlineData("int", "it is a C or C++ keyword")]
    [InlineData("_Bool", "it is a C or C++ keyword")]
    [InlineData("class", "it is a C or C++ keyword")]
    [InlineData("template", "it is a C or C++ keyword")]
    public void CDY0007_invalid_export_name(string name, string reason)
    {
        Diagnostic diagnostic = Expect("CDY0007", $$"""
            public static class Api
            {
                [CExport("{{name}}")]
                public static int Named() => 0;
            }
            """, at: $"CExport(\"{name}\")");
        AssertMessage(diagnostic, $"'{name}' cannot be the exported name of 'Api.Named': {reason}");
    }

    // Without a name argument the method's own name is exported, so it must be a C identifier too.
    [Theory]
    [InlineData("@int", "int", "it is a C or C++ keyword")]
    [InlineData("Größe", "Größe", "a C identifier has only ASCII letters")]
    public void CDY0007_invalid_method_name(string declared, string exported, string reason)
    {
        Diagnostic diagnostic = Expect("CDY0007", $$"""
            public static class Api
            {
                [CExport]
                public static int {{declared}}() => 0;
            }
            """, at: "CExport");
        AssertMessage(diagnostic, $"'{exported}' cannot be the exported name of 'Api.{exported}': {reason}");
    }

    // ---- CDY0008 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0008_two_methods_export_the_same_name()
    {
        const string source = """
            public static class First
            {
                [CExport("same")]
                public static int One() => 1;
            }

            public static class Second
            {
                [CExport("same")]
                public static int Two() => 2;
            }
            """;
        Diagnostic diagnostic = Expect("CDY0008", source, at: "Two", exports: GeneratorHarness.HelperCount + 1);
        AssertMessage(diagnostic, "'same' is exported by both 'First.One' and 'Second.Two'", "give one of them another name with [CExport(\"name\")]");

        // The first one keeps the name.
        GeneratorRun run = RunValid(source);
        Assert.Equal("First.One", run.Abi.Functions.Single(function => function.Name == "same").ManagedName);
        Assert.Single(Entries(run.Shims, "same"));
        run.AssertOutputCompiles();
    }

    [Fact]
    public void CDY0008_a_method_name_and_an_explicit_name_clash()
    {
        Diagnostic diagnostic = Expect("CDY0008", """
            public static class Api
            {
                [CExport]
                public static int Value() => 1;

                [CExport("Value")]
                public static int Other() => 2;
            }
            """, at: "Other", exports: GeneratorHarness.HelperCount + 1);
        AssertMessage(diagnostic, "'Value' is exported by both 'Api.Value' and 'Api.Other'");
    }

    // ---- CDY0009 ----------------------------------------------------------------------------

    [Theory]
    [InlineData("lib_last_error_code")]
    [InlineData("lib_last_error_message")]
    [InlineData("lib_clear_last_error")]
    public void CDY0009_export_named_like_a_helper(string name)
    {
        Diagnostic diagnostic = Expect("CDY0009", $$"""
            public static class Api
            {
                [CExport("{{name}}")]
                public static int Mine() => 0;
            }
            """, at: "Mine");
        AssertMessage(diagnostic, $"'{name}', the exported name of 'Api.Mine', is the name of a function Cdylib generates for library 'lib'", "choose another name with [CExport(\"name\")]");
    }

    [Fact]
    public void CDY0009_uses_the_prefix_of_CdylibName()
    {
        const string source = """
            public static class Api
            {
                [CExport]
                public static int my_lib_last_error_code() => 0;

                [CExport]
                public static int lib_last_error_code() => 0;
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation("lib", Usings + source), cdylibName: "my-lib");
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0009", diagnostic.Id);
        AssertLocation(run, diagnostic, Usings + source, "my_lib_last_error_code");
        AssertMessage(diagnostic, "for library 'my-lib'");
        // The assembly's own prefix is free once CdylibName renames the library.
        Assert.Contains("lib_last_error_code", run.ExportNames);
        Assert.Equal(1, run.ExportNames.Count(name => name == "my_lib_last_error_code"));
    }

    // ---- CDY0010 ----------------------------------------------------------------------------

    [Theory]
    [InlineData("ThisCall")]
    [InlineData("FastCall")]
    public void CDY0010_unsupported_calling_convention(string convention)
    {
        Diagnostic diagnostic = Expect("CDY0010", $$"""
            public static class Api
            {
                [CExport(CallingConvention = CallingConvention.{{convention}})]
                public static int Convention() => 0;
            }
            """, at: $"CExport(CallingConvention = CallingConvention.{convention})");
        AssertMessage(diagnostic, $"'Api.Convention' asks for CallingConvention.{convention}", "use Cdecl (Rust's \"C\", the default), Winapi (Rust's \"system\") or StdCall");
    }

    // ---- CDY0011 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0011_already_UnmanagedCallersOnly()
    {
        Diagnostic diagnostic = Expect("CDY0011", """
            public static class Api
            {
                [CExport]
                [UnmanagedCallersOnly]
                public static int Both() => 0;
            }
            """, at: "Both");
        AssertMessage(diagnostic, "'Api.Both' has both [CExport] and [UnmanagedCallersOnly]", "remove [UnmanagedCallersOnly]");
    }

    // ---- CDY0012 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0012_local_function()
    {
        Diagnostic diagnostic = Expect("CDY0012", """
            public static class Api
            {
                public static int Host()
                {
                    [CExport]
                    static int Local() => 1;

                    return Local();
                }
            }
            """, at: "Local");
        AssertMessage(diagnostic, "'Local' is a local function", "move it to a static method of a class to export it");
    }

    // ---- CDY0013 ----------------------------------------------------------------------------

    [Fact]
    public void CDY0013_Cdylib_runtime_not_referenced()
    {
        // The generator alone, without the Cdylib library: the user declared the attribute themselves.
        const string source = """
            namespace Cdylib
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class CExportAttribute : System.Attribute
                {
                }
            }

            public static class Api
            {
                [Cdylib.CExport]
                public static int Exported() => 0;
            }
            """;
        Compilation compilation = GeneratorHarness.Compilation("lib", new[] { GeneratorHarness.Parse(source) }, withRuntime: false);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        AssertMessage(diagnostic, "('Cdylib.ErrorCode' was not found)", "reference the Cdylib package instead of the generator alone");
    }

    [Fact]
    public void CDY0013_is_reported_even_without_exports()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compilation("lib", new[] { GeneratorHarness.Parse("public static class Api { }") }, withRuntime: false));
        Assert.Equal("CDY0013", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void No_diagnostic_when_the_runtime_is_referenced_and_nothing_is_exported()
    {
        GeneratorRun run = RunValid("public static class Api { public static int NotExported() => 0; }");
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.Equal(GeneratorHarness.Helpers("lib"), run.ExportNames);
    }

    // ---- Several problems, and valid methods beside invalid ones -----------------------------

    [Fact]
    public void Every_problem_of_a_method_is_reported()
    {
        GeneratorRun run = RunValid("""
            public class Api
            {
                [CExport("has space", CallingConvention = CallingConvention.ThisCall)]
                private int Everything(decimal text) => 0;
            }
            """);
        Assert.Equal(new[] { "CDY0001", "CDY0004", "CDY0005", "CDY0007", "CDY0010" }, run.Diagnostics.Select(d => d.Id).Order().ToArray());
        Assert.DoesNotContain("Everything", run.Shims);
    }

    [Fact]
    public void Invalid_methods_get_no_shim_and_do_not_break_valid_ones()
    {
        const string source = """
            public unsafe class Api
            {
                [CExport]
                public static int GoodBefore(int value) => value;

                [CExport]
                public int Instance() => 1;

                [CExport]
                public static int Generic<T>() => 0;

                [CExport]
                private static int Hidden() => 0;

                [CExport]
                public static void TakesString(decimal text) { }

                [CExport]
                public static decimal ReturnsString() => 0;

                [CExport("1abc")]
                public static int BadName() => 0;

                [CExport("GoodBefore")]
                public static int Duplicate() => 0;

                [CExport("lib_clear_last_error")]
                public static void Reserved() { }

                [CExport(CallingConvention = CallingConvention.FastCall)]
                public static int Fast() => 0;

                [CExport]
                [UnmanagedCallersOnly]
                public static int Both() => 0;

                public static int Host()
                {
                    [CExport]
                    static int Local() => 1;

                    return Local();
                }

                [CExport]
                public static bool GoodAfter(bool flag, byte* bytes) => flag;
            }

            public static class Box<T>
            {
                [CExport]
                public static int InGeneric() => 0;
            }
            """;
        GeneratorRun run = RunValid(source);
        Assert.Equal(
            Enumerable.Range(1, 12).Select(i => $"CDY{i:D4}").ToArray(),
            run.Diagnostics.Select(d => d.Id).Distinct().Order().ToArray());
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));

        Assert.Equal(GeneratorHarness.Helpers("lib").Append("GoodBefore").Append("GoodAfter"), run.ExportNames);
        Assert.Equal(GeneratorHarness.Helpers("lib").Append("GoodBefore").Append("GoodAfter"), Entries(run.Shims));
        Assert.Contains("var __result = global::Api.GoodAfter(flag != 0, bytes);", run.Shims);
        Assert.Contains("return __result ? (byte)1 : (byte)0;", run.Shims);
        run.AssertOutputCompiles();
    }

    // ---- Descriptor facts -------------------------------------------------------------------

    [Fact]
    public void Every_diagnostic_has_a_stable_id_the_Cdylib_category_and_is_enabled()
    {
        GeneratorRun run = RunValid("""
            public class Api
            {
                [CExport("has space", CallingConvention = CallingConvention.ThisCall)]
                private int Everything(string text) => 0;
            }
            """);
        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, diagnostic =>
        {
            Assert.Matches("^CDY[0-9]{4}$", diagnostic.Id);
            Assert.Equal("Cdylib", diagnostic.Descriptor.Category);
            Assert.True(diagnostic.Descriptor.IsEnabledByDefault);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Descriptor.Title.ToString()));
        });
    }

    // ---- helpers ----------------------------------------------------------------------------

    /// <summary>Runs the generator over <paramref name="body"/> (valid C#, assembly "lib").</summary>
    private static GeneratorRun RunValid(string body)
    {
        string source = Usings + body + Helpers;
        GeneratorRun run = GeneratorHarness.Run("lib", source);
        var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "the test source itself does not compile:\n" + string.Join("\n", inputErrors));
        return run;
    }

    /// <summary>
    /// Asserts the generator reports exactly one diagnostic, <paramref name="id"/>, as an error at the
    /// first occurrence of <paramref name="at"/> after the <c>[CExport]</c> line, and exports only
    /// <paramref name="exports"/> functions (the helpers, unless the case has a valid export too).
    /// </summary>
    private static Diagnostic Expect(string id, string body, string at, int exports = GeneratorHarness.HelperCount)
    {
        GeneratorRun run = RunValid(body);
        Assert.True(run.Diagnostics.Length == 1 && run.Diagnostics[0].Id == id,
            $"expected exactly {id}, got:\n" + string.Join("\n", run.Diagnostics));
        Diagnostic diagnostic = run.Diagnostics[0];
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertLocation(run, diagnostic, Usings + body + Helpers, at);

        // No shim for the invalid method; the generated code still compiles.
        Assert.Equal(exports, run.ExportNames.Count);
        Assert.Equal(exports, Entries(run.Shims).Count);
        run.AssertOutputCompiles();
        return diagnostic;
    }

    /// <summary>The diagnostic points at the first <paramref name="text"/> at or after the [CExport] attribute.</summary>
    private static void AssertLocation(GeneratorRun run, Diagnostic diagnostic, string source, string text)
    {
        int attribute = source.IndexOf("[CExport", StringComparison.Ordinal);
        int start = source.IndexOf(text, attribute, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{text}' is not in the test source");
        int expectedLine = source.Substring(0, start).Count(c => c == '\n');

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/Api.cs", span.Path);
        Assert.True(expectedLine == span.StartLinePosition.Line,
            $"{diagnostic.Id} is on line {span.StartLinePosition.Line + 1}, expected line {expectedLine + 1} ('{text}'):\n{diagnostic}");
        string located = run.Input.SyntaxTrees.Single(tree => tree.FilePath == span.Path).GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Equal(text, located);
    }

    private static void AssertMessage(Diagnostic diagnostic, params string[] fragments)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string fragment in fragments)
        {
            Assert.True(message.Contains(fragment, StringComparison.Ordinal), $"the {diagnostic.Id} message lacks \"{fragment}\":\n{message}");
        }
    }

    /// <summary>The EntryPoint of every generated [UnmanagedCallersOnly] shim, in order.</summary>
    internal static List<string> Entries(string shims, string? only = null) =>
        System.Text.RegularExpressions.Regex.Matches(shims, "EntryPoint = \"([^\"]*)\"")
            .Select(match => match.Groups[1].Value)
            .Where(name => only is null || name == only)
            .ToList();
}
