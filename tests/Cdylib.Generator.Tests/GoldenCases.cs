using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The representative sources whose generated shims, header and ABI file are committed under
/// <c>Golden/CASE/</c>: <c>Input.cs</c> is the C# the generator reads.
/// </summary>
/// <param name="LibraryName">The library name the output files are named after (<c>NAME.h</c>, <c>NAME.abi.json</c>).</param>
/// <param name="CdylibName">The <c>CdylibName</c> MSBuild property, when the case sets one.</param>
internal sealed record GoldenCase(string Name, string AssemblyName, string LibraryName, string? CdylibName = null)
{
    public static IReadOnlyList<GoldenCase> All { get; } = new[]
    {
        // The seed walkthrough: HelloWorld with the "system" calling convention.
        new GoldenCase("HelloWorld", "hello_world", "hello_world"),
        // Every integer width, nint/nuint, float/double, bool in and out, pointers, every convention.
        new GoldenCase("Primitives", "primitives", "primitives"),
        // Keywords as names, nested and internal types, and CdylibName "my-lib" (prefix my_lib).
        new GoldenCase("Names", "Samples.Names", "my-lib", CdylibName: "my-lib"),
        // XML doc comments: summary, param, returns, remarks, see cref, paramref, para, langword.
        new GoldenCase("Docs", "docs", "docs"),
        // Strings, spans, arrays, out/ref/in, enums, optional values, callbacks, the status form.
        new GoldenCase("Boundary", "boundary", "bnd", CdylibName: "bnd"),
        // .NET structs with a C form of their own (Guid, Int128/UInt128, Half, NFloat) and structs holding them.
        new GoldenCase("Layout", "layout", "lay", CdylibName: "lay"),
    };

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static GoldenCase Get(string name) => All.Single(c => c.Name == name);

    public string Input => Golden.Read(Name, "Input.cs");

    public string HeaderFile => LibraryName + ".h";

    public string AbiFile => LibraryName + ".abi.json";

    public GeneratorRun Run(DocumentationMode documentation = DocumentationMode.Parse) =>
        GeneratorHarness.Run(
            GeneratorHarness.Compilation(AssemblyName, new[] { GeneratorHarness.Parse(Input, $"/src/{Name}/Input.cs", documentation) }),
            CdylibName,
            documentation);
}
