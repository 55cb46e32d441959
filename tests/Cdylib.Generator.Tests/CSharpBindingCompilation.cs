using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cdylib.Generator.Tests;

/// <summary>
/// A C# binding compiled as a .NET program compiles it, less the [LibraryImport] bodies, which the SDK's own
/// generator writes: without them a raw declaration has no body (CS8795) and its address cannot be taken
/// (CS0762). The tests that run a real program against a real library are the end-to-end ones.
/// </summary>
internal static class CSharpBindingCompilation
{
    /// <summary>Asserts that <paramref name="binding"/> compiles without a warning, and that the only bodies missing are the raw declarations'.</summary>
    public static void AssertCompiles(string binding)
    {
        var compilation = CSharpCompilation.Create(
            "consumer",
            new[] { CSharpSyntaxTree.ParseText(binding, GeneratorHarness.ParseOptions()) },
            GeneratorHarness.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        List<Diagnostic> problems = compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Id is not ("CS8795" or "CS0762"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + binding);
        Assert.All(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Id is "CS8795" or "CS0762"),
            diagnostic => Assert.Contains("Raw.", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
