using System.Linq;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The library name comes from MSBuild's <c>CdylibName</c>, else its <c>AssemblyName</c>, else the
/// compilation's; the helper prefix is that name as a C identifier, as cargo turns crate names into
/// identifiers.
/// </summary>
public sealed class LibraryNameTests
{
    private const string Source = "using Cdylib;\npublic static class Api { [CExport] public static int F() => 0; }";

    [Theory]
    [InlineData("lib", null, null, "lib", "lib", "lib")]
    [InlineData("hello-world", null, null, "hello-world", "hello_world", "hello-world")]
    [InlineData("Hello.World", null, null, "Hello.World", "Hello_World", "Hello.World")]
    [InlineData("1lib", null, null, "1lib", "_1lib", "1lib")]
    [InlineData("compiled", "my-lib", null, "my-lib", "my_lib", "compiled")]
    [InlineData("compiled", "  spaced  ", null, "spaced", "spaced", "compiled")]
    [InlineData("compiled", "   ", null, "compiled", "compiled", "compiled")]
    [InlineData("libmsbuild", null, "msbuild", "msbuild", "msbuild", "msbuild")]
    [InlineData("libmsbuild", "native", "msbuild", "native", "native", "msbuild")]
    public void Name_prefix_and_assembly(string compilationName, string? cdylibName, string? msbuildAssemblyName, string name, string prefix, string assembly)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Driver(cdylibName, msbuildAssemblyName), GeneratorHarness.Compilation(compilationName, Source));
        run.AssertNoDiagnostics();
        Assert.Equal(name, run.Abi.Name);
        Assert.Equal(prefix, run.Abi.Prefix);
        Assert.Equal(assembly, run.Abi.AssemblyName);
        Assert.Equal(GeneratorHarness.Helpers(prefix).Append("F"), run.ExportNames);
        Assert.Contains($"#define {prefix.ToUpperInvariant()}_ERROR_NULL_ARGUMENT 3 /* A required pointer or handle argument was NULL. */\n", run.Header);
        Assert.Contains($"#ifndef {prefix.ToUpperInvariant()}_H\n", run.Header);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void Error_codes_come_from_the_runtime_ErrorCode_enum()
    {
        GeneratorRun run = GeneratorHarness.Run("lib", Source);
        var expected = System.Enum.GetValues<ErrorCode>().Select(code => ((int)code, code.ToString())).ToList();
        var actual = run.Abi.ErrorCodes.Select(code => (code.Value, code.Name)).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(e => e.Item1), actual.Select(a => a.Value));
        Assert.Equal(
            new[] { "NONE", "EXCEPTION", "INVALID_ARGUMENT", "NULL_ARGUMENT", "INVALID_UTF8", "INVALID_HANDLE", "OUT_OF_MEMORY", "OVERFLOW", "NOT_SUPPORTED", "INVALID_OPERATION", "CANCELLED", "TIMEOUT", "FIRST_USER_CODE" },
            actual.Select(a => a.Name));
    }
}
