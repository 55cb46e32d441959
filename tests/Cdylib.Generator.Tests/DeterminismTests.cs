using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The same sources always give the same bytes, whatever the order the compiler hands over the
/// files; exports are listed helpers first, then in source order (file path, then position).
/// </summary>
public sealed class DeterminismTests
{
    private const string FileA = """
        using Cdylib;

        public static partial class Api
        {
            [CExport]
            public static int Zeta() => 1;

            [CExport]
            public static int Alpha() => 2;
        }

        public static class Later
        {
            [CExport]
            public static int Middle() => 3;
        }
        """;

    private const string FileB = """
        using Cdylib;

        public static partial class Api
        {
            [CExport]
            public static int Beta() => 4;

            [CExport("aaa_first_alphabetically")]
            public static int Last() => 5;
        }
        """;

    private static Compilation Build(bool reversed)
    {
        var trees = new[] { GeneratorHarness.Parse(FileA, "/src/A.cs"), GeneratorHarness.Parse(FileB, "/src/B.cs") };
        return GeneratorHarness.Compilation("lib", reversed ? trees.Reverse() : trees);
    }

    [Fact]
    public void Two_runs_from_scratch_give_identical_bytes()
    {
        GeneratorRun first = GeneratorHarness.Run(Build(reversed: false));
        GeneratorRun second = GeneratorHarness.Run(Build(reversed: false));
        AssertSameOutput(first, second);
    }

    [Fact]
    public void The_order_of_the_files_in_the_compilation_does_not_matter()
    {
        AssertSameOutput(GeneratorHarness.Run(Build(reversed: false)), GeneratorHarness.Run(Build(reversed: true)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exports_are_ordered_helpers_first_then_by_source_position(bool reversed)
    {
        GeneratorRun run = GeneratorHarness.Run(Build(reversed));
        run.AssertNoDiagnostics();
        string[] expected = GeneratorHarness.Helpers("lib").Concat(new[] { "Zeta", "Alpha", "Middle", "Beta", "aaa_first_alphabetically" }).ToArray();
        Assert.Equal(expected, run.ExportNames);
        Assert.Equal(expected, DiagnosticTests.Entries(run.Shims));

        // The header declares them in the same order.
        string header = run.Header;
        int[] positions = expected.Select(name => System.Text.RegularExpressions.Regex.Match(header, @"_CALL_[A-Z]+ " + name + @"\(").Index).ToArray();
        Assert.All(positions, position => Assert.True(position > 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Diagnostics_are_reported_in_source_order()
    {
        Compilation compilation = GeneratorHarness.Compilation("lib", new[]
        {
            GeneratorHarness.Parse("using Cdylib;\npublic static class B { [CExport] public static decimal Second() => 0; }", "/src/B.cs"),
            GeneratorHarness.Parse("using Cdylib;\npublic static class A { [CExport] public static decimal First() => 0; }", "/src/A.cs"),
        });
        GeneratorRun run = GeneratorHarness.Run(compilation);
        Assert.Equal(new[] { "/src/A.cs", "/src/B.cs" }, run.Diagnostics.Select(d => d.Location.GetLineSpan().Path).ToArray());
    }

    private static void AssertSameOutput(GeneratorRun first, GeneratorRun second)
    {
        var a = first.Result.GeneratedSources.Select(source => (source.HintName, Text: source.SourceText.ToString())).ToList();
        var b = second.Result.GeneratedSources.Select(source => (source.HintName, Text: source.SourceText.ToString())).ToList();
        Assert.Equal(a.Select(s => s.HintName), b.Select(s => s.HintName));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.True(a[i].Text == b[i].Text, $"{a[i].HintName} differs between runs:\n" + LineDiff.Unified(a[i].Text, b[i].Text));
        }
        Assert.Equal(first.Header, second.Header);
        Assert.Equal(first.AbiJsonText, second.AbiJsonText);
    }
}
