using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The generator is incremental: an edit that changes no export leaves the per-method results
/// (<see cref="TrackingNames.Exports"/>) and the library model (<see cref="TrackingNames.Model"/>)
/// cached, so nothing is re-emitted; an edit to an export's signature, name or docs changes the model.
/// </summary>
public sealed class IncrementalTests
{
    private const string ApiSource = """
        using System.Runtime.InteropServices;
        using Cdylib;

        namespace Incremental;

        public static class Api
        {
            /// <summary>Adds.</summary>
            [CExport]
            public static int Add(int a, int b) => a + b;

            [CExport("api_scale", CallingConvention = CallingConvention.Winapi)]
            public static double Scale(double value) => value * 2;

            public static int NotExported() => 1;
        }
        """;

    private const string OtherSource = """
        namespace Incremental;

        public static class Other
        {
            public static int Helper() => 1;
        }
        """;

    private const string MoreExportsSource = """
        using Cdylib;

        namespace Incremental;

        public static class More
        {
            [CExport]
            public static long Twice(long value) => value * 2;
        }
        """;

    [Fact]
    public void Running_again_on_the_same_compilation_caches_everything()
    {
        (GeneratorDriver driver, Compilation compilation) = Start();
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertReasons(result, TrackingNames.Exports, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Library, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Cached);
        AssertOutputsNotRegenerated(result);
    }

    [Fact]
    public void Editing_a_method_body_in_another_file_changes_nothing()
    {
        GeneratorRunResult result = Edit("/src/Other.cs", "Helper() => 1", "Helper() => 2 + 40");
        // The compilation changed, so the semantic transform runs again, and finds the same exports.
        AssertReasons(result, TrackingNames.Exports, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Library, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertOutputsNotRegenerated(result);
    }

    [Fact]
    public void Adding_a_comment_after_the_exports_changes_nothing()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "public static int NotExported() => 1;", "public static int NotExported() => 1; // a comment");
        AssertReasons(result, TrackingNames.Exports, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertOutputsNotRegenerated(result);
    }

    // (An edit that changes the length of a body moves the exports after it, see below.)
    [Fact]
    public void Editing_an_exported_method_body_changes_nothing()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "=> value * 2;", "=> value + value;");
        AssertReasons(result, TrackingNames.Exports, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertOutputsNotRegenerated(result);
    }

    // Exports move down: their source positions change, the library they describe does not.
    [Theory]
    [InlineData("namespace Incremental;", "// A new first comment.\n\nnamespace Incremental;")]
    [InlineData("=> a + b;", "=> unchecked(b + a);")]
    public void Moving_exports_without_changing_them_does_not_change_the_model(string oldText, string newText)
    {
        GeneratorRunResult result = Edit("/src/Api.cs", oldText, newText);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertOutputsNotRegenerated(result);
    }

    [Fact]
    public void Changing_an_exported_signature_modifies_the_model()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "public static int Add(int a, int b)", "public static long Add(long a, int b)");
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, TrackingNames.Exports));
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("private static long Shim_Add(long a, int b)", Shims(result));
    }

    [Fact]
    public void Changing_an_export_name_modifies_the_model()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "[CExport(\"api_scale\"", "[CExport(\"api_scale2\"");
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("EntryPoint = \"api_scale2\"", Shims(result));
    }

    [Fact]
    public void Changing_an_export_calling_convention_modifies_the_model()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "CallingConvention.Winapi", "CallingConvention.StdCall");
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("CallConvStdcall", Shims(result));
    }

    // The docs are part of the ABI model: the header shows them.
    [Fact]
    public void Changing_an_export_doc_comment_modifies_the_model()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "/// <summary>Adds.</summary>", "/// <summary>Adds two numbers.</summary>");
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("Adds two numbers.", Manifest(result));
    }

    [Fact]
    public void Adding_an_export_in_a_new_file_modifies_the_model()
    {
        (GeneratorDriver driver, Compilation compilation) = Start();
        compilation = compilation.AddSyntaxTrees(GeneratorHarness.Parse(MoreExportsSource, "/src/More.cs"));
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Contains(IncrementalStepRunReason.New, Reasons(result, TrackingNames.Exports));
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("EntryPoint = \"Twice\"", Shims(result));
    }

    [Fact]
    public void Removing_an_export_modifies_the_model()
    {
        GeneratorRunResult result = Edit("/src/Api.cs", "[CExport]\n    public static int Add", "public static int Add");
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.DoesNotContain("EntryPoint = \"Add\"", Shims(result));
    }

    [Fact]
    public void Changing_CdylibName_modifies_the_library_and_the_model()
    {
        (GeneratorDriver driver, Compilation compilation) = Start();
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.Options(cdylibName: "renamed"));
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        // The C names of the exports' types follow the library's name, so the exports are read again;
        // these use no struct, enum or handle, so they come out the same.
        AssertReasons(result, TrackingNames.Naming, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Exports, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.Library, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Model, IncrementalStepRunReason.Modified);
        AssertOutputsRegenerated(result);
        Assert.Contains("EntryPoint = \"renamed_last_error_code\"", Shims(result));
    }

    // The pipeline carries plain values: a Roslyn symbol, node, compilation or location held in a
    // step output would keep old compilations alive and break the equality the caching relies on.
    [Fact]
    public void Pipeline_values_hold_no_Roslyn_objects()
    {
        (GeneratorDriver driver, _) = Start();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.Naming, TrackingNames.Exports, TrackingNames.Library, TrackingNames.Model })
        {
            foreach (object value in result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Value))
            {
                AssertPlain(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static (GeneratorDriver Driver, Compilation Compilation) Start()
    {
        Compilation compilation = GeneratorHarness.Compilation("lib", new[]
        {
            GeneratorHarness.Parse(ApiSource, "/src/Api.cs"),
            GeneratorHarness.Parse(OtherSource, "/src/Other.cs"),
        });
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        AssertReasons(first, TrackingNames.Model, IncrementalStepRunReason.New);
        return (driver, compilation);
    }

    /// <summary>Runs, replaces <paramref name="oldText"/> by <paramref name="newText"/> in one file, and runs again.</summary>
    private static GeneratorRunResult Edit(string path, string oldText, string newText)
    {
        (GeneratorDriver driver, Compilation compilation) = Start();
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        string text = tree.GetText().ToString();
        int at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in {path}");
        SyntaxTree edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, oldText.Length), newText)));
        compilation = compilation.ReplaceSyntaxTree(tree, edited);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return driver.RunGenerators(compilation).GetRunResult().Results.Single();
    }

    private static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"no tracked step '{step}'; steps: {string.Join(", ", result.TrackedSteps.Keys)}");
        return result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        IReadOnlyList<IncrementalStepRunReason> reasons = Reasons(result, step);
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains),
            $"step {step}: expected only {string.Join("/", allowed)}, got {string.Join(", ", reasons)}");
    }

    /// <summary>The source outputs were not produced again: the emitters did not run.</summary>
    private static void AssertOutputsNotRegenerated(GeneratorRunResult result)
    {
        var reasons = result.TrackedOutputSteps.Values.SelectMany(steps => steps).SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(reason => reason == IncrementalStepRunReason.Cached),
            "source outputs: " + string.Join(", ", reasons));
    }

    private static void AssertOutputsRegenerated(GeneratorRunResult result)
    {
        var reasons = result.TrackedOutputSteps.Values.SelectMany(steps => steps).SelectMany(run => run.Outputs).Select(output => output.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    private static string Shims(GeneratorRunResult result) =>
        result.GeneratedSources.Single(source => source.HintName == GeneratorHarness.ShimsHintName).SourceText.ToString();

    private static string Manifest(GeneratorRunResult result) =>
        result.GeneratedSources.Single(source => source.HintName == GeneratorHarness.ManifestHintName).SourceText.ToString();

    private static readonly Type[] RoslynTypes =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
    };

    private static void AssertPlain(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 12)
        {
            return;
        }
        Type type = value.GetType();
        Assert.False(RoslynTypes.Any(roslyn => roslyn.IsAssignableFrom(type)), $"step {step} holds a {type.FullName}");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }
        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertPlain(item, step, seen, depth + 1);
            }
        }
        if (type.Namespace?.StartsWith("Cdylib", StringComparison.Ordinal) != true && value is not ITuple)
        {
            return; // framework values (TextSpan, LinePositionSpan, DiagnosticDescriptor) are immutable data
        }
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            {
                AssertPlain(property.GetValue(value), step, seen, depth + 1);
            }
        }
    }
}
