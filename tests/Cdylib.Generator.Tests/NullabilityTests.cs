using System.Linq;
using Cdylib.Abi.Checks;
using Cdylib.Abi.Model;

namespace Cdylib.Generator.Tests;

/// <summary>
/// What may be NULL, from the C# annotations to the ABI file, the header's comments and <c>cdylib diff</c>:
/// a nullable parameter is spelled once (<c>string?</c>, never <c>string??</c>), the header says which
/// pointers accept NULL, and tightening a parameter is a breaking change the diff sees in generated models.
/// </summary>
public sealed class NullabilityTests
{
    private static GeneratorRun Generate(string parameter, string returns = "int", string body = "0") => GeneratorHarness.Run("lib", $$"""
        #nullable enable
        using Cdylib;

        public static class Api
        {
            [CExport("f")]
            public static {{returns}} F({{parameter}}) => {{body}};
        }

        [CExport]
        public sealed class Counter { }
        """);

    // The header wraps doc comments: each tag with its continuation lines, as one line.
    private static string[] Tags(string header)
    {
        var tags = new System.Collections.Generic.List<string>();
        foreach (string line in header.Split('\n'))
        {
            if (line.StartsWith(" * @", System.StringComparison.Ordinal))
            {
                tags.Add(line[3..]);
            }
            else if (tags.Count > 0 && line.StartsWith(" * ", System.StringComparison.Ordinal) && !tags[^1].EndsWith('\n'))
            {
                tags[^1] += " " + line[3..];
            }
            else if (tags.Count > 0)
            {
                tags[^1] += "\n";
            }
        }
        return tags.Select(tag => tag.TrimEnd('\n')).ToArray();
    }

    private static AbiFunction F(GeneratorRun run) => run.Abi.Functions.Single(function => function.Name == "f");

    [Theory]
    [InlineData("string? text", true)]
    [InlineData("string text", false)]
    [InlineData("Counter? counter", true)]
    [InlineData("Counter counter", false)]
    public void A_nullable_parameter_is_nullable_in_the_model(string parameter, bool nullable)
    {
        GeneratorRun run = Generate(parameter);
        run.AssertNoDiagnostics();
        Assert.Equal(nullable, AbiNullability.IsNullable(F(run).Parameters.Single().Type));
        Assert.DoesNotContain("??", run.AbiJsonText);
    }

    [Theory]
    [InlineData("string text", "@param text NUL-terminated UTF-8, borrowed for the call; must not be NULL.")]
    [InlineData("string? text", "@param text NUL-terminated UTF-8, borrowed for the call; may be NULL.")]
    [InlineData("Counter counter", "@param counter Must not be NULL.")]
    [InlineData("Counter? counter", "@param counter May be NULL.")]
    [InlineData("out int value", "@param value Must not be NULL.")]
    [InlineData("int? value", "@param value May be NULL for no value.")]
    [InlineData("System.ReadOnlySpan<byte> data", "@param data data_len elements, borrowed for the call; may be NULL only when data_len is 0.")]
    [InlineData("int* raw", "@param raw Passed as is, not checked for NULL.")]
    public void The_header_says_whether_each_pointer_parameter_accepts_NULL(string parameter, string line)
    {
        string body = parameter.StartsWith("out ", System.StringComparison.Ordinal) ? "value = 0" : "0";
        GeneratorRun run = Generate(parameter, body: body);
        run.AssertNoDiagnostics();
        Assert.Contains(line, Tags(run.Header));
    }

    [Theory]
    [InlineData("string", "@return NUL-terminated UTF-8 owned by the library. Free it with lib_free_string(). NULL only on failure.")]
    [InlineData("string?", "@return NUL-terminated UTF-8 owned by the library. Free it with lib_free_string(). NULL for null or on failure.")]
    [InlineData("Counter?", "@return NULL for null or on failure.")]
    public void The_header_says_whether_a_result_may_be_NULL_for_null(string returns, string line)
    {
        GeneratorRun run = Generate("int unused", returns, body: returns.StartsWith("string", System.StringComparison.Ordinal) ? "\"\"" : "null");
        run.AssertNoDiagnostics();
        Assert.Contains(line, Tags(run.Header));
    }

    [Fact]
    public void Tightening_a_generated_parameter_is_breaking_and_loosening_it_compatible()
    {
        AbiLibrary nullable = Generate("string? text").Abi;
        AbiLibrary strict = Generate("string text").Abi;
        Assert.Equal(ChangeKind.Breaking, AbiDiff.Worst(AbiDiff.Compare(nullable, strict)));
        Assert.Equal(ChangeKind.Compatible, AbiDiff.Worst(AbiDiff.Compare(strict, nullable)));
    }
}
