using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cdylib.Generator.Tests;

/// <summary>
/// Inputs that once produced generated code or a header that did not compile, or a wrong
/// diagnostic. Each test names the problem it keeps fixed.
/// </summary>
public sealed class RegressionTests
{
    private static GeneratorRun Generate(string body) => GeneratorHarness.Run("lib", $$"""
        using System;
        using System.Runtime.InteropServices;
        using Cdylib;

        public static class Api
        {
        {{body}}
        }

        [CExport]
        public sealed class Counter { }
        """);

    private static void AssertHeaderCompiles(GeneratorRun run)
    {
        using var directory = new TempDirectory();
        directory.Write("lib.h", run.Header);
        string source = directory.Write("use.c", "#include \"lib.h\"\n");
        foreach (string compiler in new[] { CCompiler.Gcc, CCompiler.Clang })
        {
            // gcc's default (GNU) mode predefines macros such as `linux`, so it is part of the check.
            foreach (string standard in new[] { "-std=c99", "-std=gnu11" })
            {
                (int exitCode, string output) = CCompiler.Compile(compiler, directory.Path, source,
                    new[] { standard, "-Wall", "-Wextra", "-Werror", "-pedantic", "-c", "-o", "/dev/null" });
                Assert.True(exitCode == 0, output + "\n" + run.Header);
            }
        }
    }

    private static void AssertHeaderContains(GeneratorRun run, string text) =>
        Assert.True(run.Header.Contains(text), $"the header lacks:\n{text}\n--- header:\n{run.Header}");

    [Fact]
    public void A_comment_opener_in_a_doc_comment_does_not_nest_comments_in_the_header()
    {
        GeneratorRun run = Generate("""
            /// <summary>Matches src/*.c and stops at */ too.</summary>
            [CExport] public static int F() => 1;
            """);
        run.AssertNoDiagnostics();
        Assert.Contains(" * Matches src/ *.c and stops at * / too.", run.Header);
        AssertHeaderCompiles(run);
    }

    [Fact]
    public void An_export_named_like_the_shim_class_compiles()
    {
        GeneratorRun run = Generate("""[CExport("CExports")] public static int F() => 1;""");
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
    }

    [Fact]
    public void A_parameter_named_like_the_catch_variable_compiles()
    {
        GeneratorRun run = Generate("""[CExport] public static int F(int __exception, int __exception_) => __exception + __exception_;""");
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Exporting_an_obsolete_method_raises_no_warning_in_generated_code()
    {
        GeneratorRun run = Generate("""[Obsolete("old")] [CExport] public static int F() => 1;""");
        run.AssertNoDiagnostics();
        Assert.DoesNotContain(run.Output.GetDiagnostics(),
            diagnostic => diagnostic.Location.SourceTree?.FilePath.EndsWith(GeneratorHarness.ShimsHintName) == true);
    }

    [Fact]
    public void A_method_in_a_file_local_type_is_reported_as_unreachable()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;
            file static class Hidden
            {
                [CExport] public static int F() => 1;
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0004", diagnostic.Id);
        Assert.Contains("'Hidden' is file-local", diagnostic.GetMessage());
        run.AssertOutputCompiles();
    }

    [Fact]
    public void A_static_interface_method_with_a_body_is_exported()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;
            public interface IApi
            {
                [CExport] static int F() => 1;
            }
            """);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.Contains("F", run.ExportNames);
    }

    [Fact]
    public void A_static_abstract_interface_method_is_refused()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;
            public interface IApi
            {
                [CExport] static abstract int F();
            }
            """);
        Assert.Equal("CDY0001", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void Parameter_names_that_clash_in_C_get_distinct_C_spellings()
    {
        GeneratorRun run = Generate("""
            [CExport] public static int F(int @class, int class_, int int32_t, int linux, int größe) => 0;
            """);
        run.AssertNoDiagnostics();
        AssertHeaderContains(run, "int32_t LIB_CALL_C F(int32_t class_, int32_t class__, int32_t int32_t_, int32_t linux_, int32_t arg4);");
        AssertHeaderCompiles(run);
    }

    [Fact]
    public void Export_order_does_not_depend_on_the_directory_separator()
    {
        string first = "using Cdylib; public static class A { [CExport] public static int FromFoo() => 1; }";
        string second = "using Cdylib; public static class B { [CExport] public static int FromFooBar() => 2; }";
        string[] Order(string separator) => GeneratorHarness.Run(GeneratorHarness.Compilation("lib", new[]
            {
                GeneratorHarness.Parse(first, $"{separator}src{separator}Foo{separator}X.cs"),
                GeneratorHarness.Parse(second, $"{separator}src{separator}FooBar{separator}Y.cs"),
            })).ExportNames.Skip(GeneratorHarness.HelperCount).ToArray();
        Assert.Equal(new[] { "FromFoo", "FromFooBar" }, Order("/"));
        Assert.Equal(Order("/"), Order("\\"));
    }

    [Fact]
    public void Error_code_comments_come_from_the_runtime_even_without_its_xml_docs()
    {
        GeneratorRun run = Generate("[CExport] public static int F() => 1;");
        Assert.Contains("#define LIB_ERROR_NULL_ARGUMENT 3 /* A required pointer or handle argument was NULL. */", run.Header);
        Assert.All(run.Abi.ErrorCodes, code => Assert.False(string.IsNullOrEmpty(code.Doc), code.Name));
    }

    [Fact]
    public void Unsafe_code_turned_off_is_reported_instead_of_failing_in_generated_code()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("lib", "using Cdylib; public static class Api { [CExport] public static int F() => 1; }");
        GeneratorRun run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithAllowUnsafe(false)));
        Assert.Contains(run.Diagnostics, diagnostic => diagnostic.Id == "CDY0014" && diagnostic.GetMessage().Contains("AllowUnsafeBlocks"));
    }

    [Fact]
    public void A_generic_method_gets_one_diagnostic_not_one_per_type_parameter_use()
    {
        GeneratorRun run = Generate("[CExport] public static T G<T>(T value) => value;");
        Assert.Equal("CDY0002", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void The_generic_type_named_is_the_one_with_the_type_parameters()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;
            public static class Outer<T>
            {
                public static class Inner
                {
                    [CExport] public static int F() => 1;
                }
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0003", diagnostic.Id);
        Assert.Contains("generic type 'Outer<T>'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("System.Span<string>", "a span's elements must be fixed-width numbers, enums or blittable structs")]
    [InlineData("bool?", "use 'byte?' instead")]
    public void Suggestions_fit_the_type(string type, string suggestion)
    {
        GeneratorRun run = Generate($"[CExport] public static void F({type} value) {{ }}");
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0005", diagnostic.Id);
        Assert.Contains(suggestion, diagnostic.GetMessage());
    }

    [Fact]
    public void List_items_in_docs_stay_on_their_own_lines()
    {
        GeneratorRun run = Generate("""
            /// <summary>Modes:
            /// <list type="bullet"><item><description>First item.</description></item><item><description>Second item.</description></item></list>
            /// </summary>
            [CExport] public static int F() => 1;
            """);
        AssertHeaderContains(run, " * Modes:\n * - First item.\n * - Second item.\n");
    }

    [Theory]
    [InlineData("free", "function of the C library")]
    [InlineData("memcpy", "function of the C library")]
    [InlineData("__hidden", "reserved for the C implementation")]
    [InlineData("_Capital", "reserved for the C implementation")]
    public void Names_that_would_clash_with_the_C_implementation_are_refused(string name, string why)
    {
        GeneratorRun run = Generate($$"""[CExport("{{name}}")] public static int F() => 1;""");
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0007", diagnostic.Id);
        Assert.Contains($"'{name}' cannot be the exported name of 'Api.F'", diagnostic.GetMessage());
        Assert.Contains(why, diagnostic.GetMessage());
        Assert.DoesNotContain(name, run.ExportNames);
    }

    [Theory]
    [InlineData("public static class Tools { }", "Tools", "make it a non-static class")]
    [InlineData("public class Box<T> { }", "Box<T>", "export a non-generic class")]
    [InlineData("public class Outer { [CExport] private class Inner { } }", "Outer.Inner", "the class must be internal or public")]
    public void A_class_that_cannot_be_a_handle_type_is_reported(string declaration, string display, string why)
    {
        GeneratorRun run = GeneratorHarness.Run("lib", "using Cdylib;\n" + (declaration.Contains("[CExport]") ? declaration : "[CExport] " + declaration));
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0017", diagnostic.Id);
        Assert.Contains($"'{display}' cannot be exported as an opaque handle type", diagnostic.GetMessage());
        Assert.Contains(why, diagnostic.GetMessage());
    }

    [Fact]
    public void An_instance_method_of_a_class_that_is_not_a_handle_type_is_refused()
    {
        GeneratorRun run = Generate("[CExport] public static int Fine() => 1;").Input is var _ ? GeneratorHarness.Run("lib", """
            using Cdylib;
            public class Plain
            {
                [CExport] public int Instance() => 1;
            }
            """) : null!;
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0001", diagnostic.Id);
    }

    [Fact]
    public void Handle_types_get_a_typedef_a_free_function_and_self_parameters()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", """
            using Cdylib;
            [CExport]
            public sealed class Session
            {
                [CExport("lib_open")] public static Session Open() => new();
                [CExport("lib_session_ping")] public int Ping(Session? other, int self) => self;
            }
            """);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.Contains("typedef struct lib_Session lib_Session;", run.Header);
        Assert.Contains("LIB_API void LIB_CALL_C lib_session_free(lib_Session* handle);", run.Header);
        Assert.Contains("LIB_API int32_t LIB_CALL_C lib_session_ping(lib_Session* self, lib_Session* other, int32_t self_);", run.Header);
        Assert.Equal("lib_session_free", Assert.Single(run.Abi.Handles).FreeFunction);
    }

    [Theory]
    [InlineData("public static int F() => 123;")]
    [InlineData("public static void F() { }")]
    [InlineData("public static int F(int a, int b) => unchecked(a * 31 + (b << 2) ^ ~a);")]
    [InlineData("public static bool F(int a, bool b) => a > 0 && !b;")]
    [InlineData("public static double F(double a, double b) { return b == 0 ? a / 3.0 : a / b; }")]
    [InlineData("public static byte F(long a) => (byte)a;")]
    [InlineData("public static int F(int a) => a + int.MaxValue;")]
    public void A_body_that_cannot_throw_gets_no_try_catch(string method)
    {
        GeneratorRun run = Generate($"[CExport] {method}");
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.DoesNotContain("catch", ShimOf(run, "F"));
    }

    [Theory]
    [InlineData("public static int F(int a, int b) => a / b;")]
    [InlineData("public static int F(int a, int b) => a % b;")]
    [InlineData("public static int F(int a, int b) => checked(a + b);")]
    [InlineData("public static int F(int a) => checked(-a);")]
    [InlineData("public static int F(long a) => checked((int)a);")]
    [InlineData("public static int F(int a) => Math.Abs(a);")]
    [InlineData("public static int F(int a) { a++; return a; }")]
    [InlineData("public static int F(int a) => a > 0 ? a : throw new InvalidOperationException();")]
    [InlineData("public static int F(string s) => 1;")]
    [InlineData("public static string F() => \"text\";")]
    [InlineData("public static int F(Counter c) => 1;")]
    [InlineData("public static int F(int a) => Twice(a); static int Twice(int x) => x * 2;")]
    public void A_body_that_might_throw_keeps_its_try_catch(string method)
    {
        GeneratorRun run = Generate($"[CExport] {method}");
        run.AssertNoDiagnostics();
        Assert.Contains("catch (global::System.Exception", ShimOf(run, "F"));
    }

    [Fact]
    public void A_project_that_checks_overflow_keeps_the_try_catch_on_arithmetic()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("lib", "using Cdylib; public static class Api { [CExport] public static int F(int a, int b) => a + b; }");
        GeneratorRun run = GeneratorHarness.Run(compilation.WithOptions(compilation.Options.WithOverflowChecks(true)));
        Assert.Contains("catch (global::System.Exception", ShimOf(run, "F"));
    }

    private static string ShimOf(GeneratorRun run, string entryPoint)
    {
        string shims = run.Shims;
        int start = shims.IndexOf($"EntryPoint = \"{entryPoint}\"", System.StringComparison.Ordinal);
        Assert.True(start >= 0, shims);
        int end = shims.IndexOf("[global::System.Runtime.InteropServices.UnmanagedCallersOnly", start + 1, System.StringComparison.Ordinal);
        return end < 0 ? shims[start..] : shims[start..end];
    }
}
