using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The generated shims, header and ABI file of each <see cref="GoldenCase"/> against the committed
/// golden files (<c>CDYLIB_UPDATE_GOLDEN=1</c> rewrites them), and the generated code compiles.
/// </summary>
public sealed class GoldenTests
{
    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Shims_match_the_golden_file(string name)
    {
        GoldenCase golden = GoldenCase.Get(name);
        GeneratorRun run = golden.Run();
        run.AssertNoDiagnostics();
        Golden.Verify(name, GeneratorHarness.ShimsHintName, run.Shims);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Header_matches_the_golden_file(string name)
    {
        GoldenCase golden = GoldenCase.Get(name);
        Golden.Verify(name, golden.HeaderFile, golden.Run().Header);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Abi_json_matches_the_golden_file(string name)
    {
        GoldenCase golden = GoldenCase.Get(name);
        Golden.Verify(name, golden.AbiFile, golden.Run().AbiJsonText);
    }

    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Generated_code_compiles_without_errors_or_warnings(string name)
    {
        GeneratorRun run = GoldenCase.Get(name).Run();
        run.AssertOutputCompiles();

        // Users build with TreatWarningsAsErrors: the generated files must not warn either.
        var generatedTrees = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToList();
        Assert.Equal(2, generatedTrees.Count);
        var warnings = run.Output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToList();
        Assert.True(warnings.Count == 0, "diagnostics in generated code:\n" + string.Join("\n", warnings));

        using var image = new MemoryStream();
        EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Abi_json_round_trips_through_the_model(string name)
    {
        GeneratorRun run = GoldenCase.Get(name).Run();
        Assert.Equal(run.AbiJsonText, AbiJson.Write(AbiJson.Read(run.AbiJsonText)));
    }

    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Library_is_named_after_CdylibName_or_the_assembly(string name)
    {
        GoldenCase golden = GoldenCase.Get(name);
        var abi = golden.Run().Abi;
        Assert.Equal(golden.LibraryName, abi.Name);
        Assert.Equal(golden.AssemblyName, abi.AssemblyName);
        Assert.Equal(golden.LibraryName.Replace('-', '_'), abi.Prefix);
    }

    // Without <GenerateDocumentationFile> MSBuild parses no doc comments (DocumentationMode.None) and
    // the generator reads the /// lines itself: the header must not depend on the project setting.
    [Theory]
    [MemberData(nameof(GoldenCase.Names), MemberType = typeof(GoldenCase))]
    public void Documentation_mode_does_not_change_the_output(string name)
    {
        GoldenCase golden = GoldenCase.Get(name);
        string expected = golden.Run(DocumentationMode.Parse).AbiJsonText;
        Assert.Equal(expected, golden.Run(DocumentationMode.None).AbiJsonText);
        Assert.Equal(expected, golden.Run(DocumentationMode.Diagnose).AbiJsonText);
    }
}
