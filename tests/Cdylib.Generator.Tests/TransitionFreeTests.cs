using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Cdylib.Generator.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cdylib.Generator.Tests;

/// <summary>
/// <c>[CExport, SuppressGCTransition]</c>: what is exported without the GC transition (a
/// <c>RuntimeExport</c> entry point that only calls the method), every construct that is refused
/// with CDY0021 where it stands, CDY0023 on a 32-bit target, and the CDY0022 suggestion.
/// </summary>
public sealed class TransitionFreeTests
{
    private const string Usings = "using System;\nusing System.Numerics;\nusing System.Runtime.InteropServices;\nusing System.Runtime.Intrinsics;\nusing Cdylib;\n\n";

    private const string Types = """

        public enum Mode : int { Fast, Slow }
        public struct Pair { public int A; public int B; }
        """;

    [Fact]
    public void Plain_exports_become_runtime_exports_that_only_call_the_method()
    {
        GeneratorRun run = Run("""
            public static unsafe class Api
            {
                private const int Scale = 3;

                [CExport("tf_add"), SuppressGCTransition]
                public static int Add(int a, int b) => unchecked(a + b);

                [CExport("tf_sum"), SuppressGCTransition]
                public static long Sum(int* values, nint count)
                {
                    long total = 0;
                    for (nint i = 0; i < count; i++)
                    {
                        total += values[i];
                    }
                    return total;
                }

                [CExport("tf_pair"), SuppressGCTransition]
                public static Pair Swap(Pair pair) => new Pair { A = pair.B, B = pair.A };

                [CExport("tf_mode"), SuppressGCTransition]
                public static int Cost(Mode mode, double x) => mode switch
                {
                    Mode.Fast => (int)Math.Sqrt(Math.Max(x, 0.0)),
                    _ => Helpers.Scaled(BitOperations.PopCount((uint)x)) / Scale,
                };

                [CExport("tf_vector"), SuppressGCTransition]
                public static int VectorSum(int* four) => Vector128.Sum(Vector128.Load(four) + Vector128<int>.One);

                [CExport("tf_ordinary")]
                public static int Ordinary(int a) => a;
            }

            public static class Helpers
            {
                public static int Scaled(int value) => Twice(value) + 1;

                private static int Twice(int value) => value << 1;
            }
            """);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        foreach (string name in new[] { "tf_add", "tf_sum", "tf_pair", "tf_mode", "tf_vector" })
        {
            Assert.Contains($"[global::System.Runtime.RuntimeExport(\"{name}\")]", run.Shims);
            Assert.DoesNotContain($"UnmanagedCallersOnly(EntryPoint = \"{name}\"", run.Shims);
        }
        Assert.Contains("UnmanagedCallersOnly(EntryPoint = \"tf_ordinary\"", run.Shims);
        // No try/catch and no conversion: the entry point is the call.
        Assert.Contains("private static int Shim_tf_add(int a, int b)\n        {\n            var __result = global::Api.Add(a, b);\n            return __result;\n        }", run.Shims);
        // The attribute ILC looks for, declared once by the generated code.
        Assert.Single(run.Output.GetTypeByMetadataName("System.Runtime.RuntimeExportAttribute")!.Locations);
        Assert.Contains("tf_sum", run.ExportNames);
    }

    [Fact]
    public void An_assembly_that_declares_RuntimeExportAttribute_keeps_its_own()
    {
        GeneratorRun run = Run("""
            namespace System.Runtime
            {
                internal sealed class RuntimeExportAttribute : Attribute { public RuntimeExportAttribute(string entry) { } }
            }

            public static class Api
            {
                [CExport, SuppressGCTransition]
                public static int Add(int a, int b) => unchecked(a + b);
            }
            """);
        run.AssertNoDiagnostics();
        run.AssertOutputCompiles();
        Assert.DoesNotContain("class RuntimeExportAttribute", run.Shims);
    }

    /// <summary>Each refused construct: CDY0021 at the construct (its source text), naming it and what to do.</summary>
    [Theory]
    [InlineData("object o = new object(); return 0;", "new object()", "creates an object")]
    [InlineData("int[] array = new int[4]; return 0;", "new int[4]", "allocates an array")]
    [InlineData("return \"text\".Length;", "\"text\"", "a string literal is an object")]
    [InlineData("return s_counter;", "s_counter", "is a static field")]
    [InlineData("return Environment.ProcessorCount;", "Environment.ProcessorCount", "is a static property")]
    [InlineData("if (a < 0) throw new ArgumentException(); return a;", "throw new ArgumentException();", "a throw")]
    [InlineData("try { return a; } finally { }", "try { return a; } finally { }", "nothing to catch")]
    [InlineData("lock (Gate) { return a; }", "lock (Gate) { return a; }", "a lock waits")]
    [InlineData("return checked(a + 1);", "a + 1", "checked arithmetic")]
    [InlineData("return a / b;", "a / b", "divides integers by a value that may be zero")]
    [InlineData("return a % -1;", "a % -1", "divides by -1")]
    [InlineData("return a / 0;", "a / 0", "divides by zero")]
    [InlineData("Span<int> s = stackalloc int[4]; return s[0];", "stackalloc int[4]", "stackalloc")]
    [InlineData("Func<int> f = () => a; return f();", "() => a", "a lambda allocates")]
    [InlineData("return ((delegate* unmanaged<int>)p)();", "((delegate* unmanaged<int>)p)()", "calls through a function pointer")]
    [InlineData("Console.WriteLine(a); return a;", "Console.WriteLine(a)", "not a method of this assembly")]
    [InlineData("return Math.Abs(a);", "Math.Abs(a)", "not a method of this assembly")]
    [InlineData("return Math.Clamp(a, 0, b);", "Math.Clamp(a, 0, b)", "not a method of this assembly")]
    [InlineData("object o = a; return 0;", "a", "is boxed")]
    [InlineData("foreach (int x in new[] { a }) { } return 0;", "foreach (int x in new[] { a }) { }", "foreach")]
    [InlineData("return Other.Allocates();", "new int[1]", "allocates an array")]
    [InlineData("return Other.Allocates();", "Other.Allocates()", "see the other errors")]
    [InlineData("return Native();", "Native()", "is extern")]
    [InlineData("return Imported();", "__PInvoke()", "is extern")]
    [InlineData("static extern int Local(); return Local();", "Local()", "is extern")]
    [InlineData("return Precise.Get();", "Precise.Get()", "has a static constructor")]
    [InlineData("return $\"{a}\".Length;", "$\"{a}\"", "interpolated string")]
    [InlineData("return a switch { 0 => 1, 1 => 2 };", "a switch { 0 => 1, 1 => 2 }", "without a '_ =>' arm")]
    [InlineData("using var h = new Holder(); return 0;", "using var h = new Holder();", "using declaration")]
    [InlineData("return (int)checked((uint)a);", "(uint)a", "checked conversion")]
    public void A_refused_construct_is_named_where_it_stands(string body, string construct, string fragment)
    {
        GeneratorRun run = Run($$"""
            public static unsafe partial class Api
            {
                private static int s_counter;
                private static readonly object Gate = new();

                [CExport, SuppressGCTransition]
                public static int Body(int a, int b, nint p)
                {
                    {{body}}
                }

                [DllImport("native")]
                private static extern int Native();

                // As LibraryImport's generated code implements it: a partial method whose body P/Invokes.
                private static partial int Imported();

                private static partial int Imported()
                {
                    return __PInvoke();

                    [DllImport("native", EntryPoint = "imported")]
                    static extern int __PInvoke();
                }
            }

            public static class Other
            {
                public static int Allocates() => new int[1].Length;
            }

            public static class Precise
            {
                static Precise() { }
                public static int Get() => 1;
            }

            public struct Holder : IDisposable { public void Dispose() { } }
            """);
        Diagnostic[] errors = run.Diagnostics.Where(d => d.Id == "CDY0021").ToArray();
        Diagnostic? match = errors.FirstOrDefault(d => Located(d, run.Input) == construct && d.GetMessage().Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected CDY0021 at '{construct}' saying '{fragment}', got:\n" + string.Join("\n", errors.Select(d => $"{Located(d, run.Input)}: {d.GetMessage()}")));
        Assert.StartsWith("'Api.Body' is marked [SuppressGCTransition], so it is exported without the GC transition, but ", match!.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, match.Severity);
        Assert.DoesNotContain("\"Body\"", run.Shims); // refused: no entry point at all, never a slower one
    }

    [Theory]
    [InlineData("string text", "text", "which the shim converts from its C form (const char*)")]
    [InlineData("bool flag", "flag", "use 'byte' (0 or 1)")]
    [InlineData("ref int value", "value", "use a pointer")]
    [InlineData("ReadOnlySpan<int> values", "values", "the shim converts")]
    public void A_parameter_the_shim_would_convert_is_refused(string parameter, string name, string fragment)
    {
        GeneratorRun run = Run($$"""
            public static class Api
            {
                [CExport, SuppressGCTransition]
                public static int Take({{parameter}}) => 0;
            }
            """);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "CDY0021");
        Assert.Equal(name, Located(diagnostic, run.Input));
        Assert.Contains($"parameter '{name}' ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(fragment, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_methods_and_the_status_form_are_refused()
    {
        GeneratorRun run = Run("""
            [CExport]
            public sealed class Counter
            {
                [CExport, SuppressGCTransition]
                public int Get() => 1;
            }

            public static class Api
            {
                [CExport(ReturnsStatus = true), SuppressGCTransition]
                public static int Status() => 1;

                [CExport, SuppressGCTransition]
                public static string Text() => "";
            }
            """);
        string[] messages = run.Diagnostics.Where(d => d.Id == "CDY0021").Select(d => d.GetMessage()).ToArray();
        Assert.Contains(messages, m => m.Contains("an instance method is called on the object behind its handle", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("drop ReturnsStatus", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'Api.Text'", StringComparison.Ordinal) && m.Contains("its result is 'string'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("linux-x86")]
    [InlineData("win-x86")]
    [InlineData("linux-arm")]
    public void A_32_bit_target_refuses_transition_free_exports(string runtimeIdentifier)
    {
        Compilation compilation = GeneratorHarness.Compilation("lib", Usings + """
            public static class Api
            {
                [CExport, SuppressGCTransition]
                public static int Add(int a, int b) => unchecked(a + b);
            }
            """);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Driver(runtimeIdentifier: runtimeIdentifier), compilation);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CDY0023", diagnostic.Id);
        Assert.Contains($"on {runtimeIdentifier} the managed calling convention is not the C one", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("Add", run.ExportNames);
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    [InlineData("osx-arm64")]
    [InlineData("win-x64")]
    public void A_64_bit_target_takes_them(string runtimeIdentifier)
    {
        Compilation compilation = GeneratorHarness.Compilation("lib", Usings + """
            public static class Api
            {
                [CExport, SuppressGCTransition]
                public static int Add(int a, int b) => unchecked(a + b);
            }
            """);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Driver(runtimeIdentifier: runtimeIdentifier), compilation);
        run.AssertNoDiagnostics();
        Assert.Contains("Add", run.ExportNames);
    }

    [Fact]
    public async Task Exports_that_would_qualify_are_suggested_and_no_others()
    {
        ImmutableArray<Diagnostic> suggestions = await Suggestions("""
            public static unsafe class Api
            {
                [CExport]
                public static int Qualifies(int a, int* b) => a + *b;

                [CExport(ReturnsStatus = true)]
                public static int StatusForm(int a) => a;

                [CExport]
                public static int Divides(int a, int b) => a / b;

                [CExport]
                public static int TakesText(string text) => 0;

                [CExport]
                public static byte TakesBool(bool flag) => 0;

                [CExport, SuppressGCTransition]
                public static int AlreadyMarked(int a) => a;

                public static int NotExported(int a) => a;
            }
            """, runtimeIdentifier: null);
        Diagnostic suggestion = Assert.Single(suggestions);
        Assert.Equal("CDY0022", suggestion.Id);
        Assert.Equal(DiagnosticSeverity.Info, suggestion.Severity);
        Assert.Equal("Qualifies", Located(suggestion, compilation: null));
        Assert.StartsWith("'Api.Qualifies' takes and returns only plain values and cannot allocate or throw: mark it [SuppressGCTransition]", suggestion.GetMessage(), StringComparison.Ordinal);

        Assert.Empty(await Suggestions("""
            public static class Api
            {
                [CExport]
                public static int Qualifies(int a) => a;
            }
            """, runtimeIdentifier: "win-x86"));
    }

    private static GeneratorRun Run(string source)
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Usings + source + Types);
        var inputErrors = run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "the test source itself does not compile:\n" + string.Join("\n", inputErrors));
        return run;
    }

    private static async Task<ImmutableArray<Diagnostic>> Suggestions(string source, string? runtimeIdentifier)
    {
        Compilation compilation = GeneratorHarness.Compilation("lib", Usings + source + Types);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, GeneratorHarness.Options(runtimeIdentifier: runtimeIdentifier));
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TransitionFreeSuggestion()), options)
            .GetAnalyzerDiagnosticsAsync();
    }

    // The generator reports locations as file and span (they must not hold a syntax tree): read the text back from the file's tree.
    private static string Located(Diagnostic diagnostic, Compilation? compilation)
    {
        SyntaxTree tree = diagnostic.Location.SourceTree
            ?? compilation!.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
