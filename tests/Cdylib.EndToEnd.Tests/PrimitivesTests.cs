using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/primitives once.</summary>
public sealed class PrimitivesFixture() : ExampleFixture("primitives", "prim");

/// <summary>
/// Every primitive C type and every failure path, through a real Native AOT library and a C99
/// program that checks each result and each recorded error.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class PrimitivesTests : IClassFixture<PrimitivesFixture>
{
    private readonly BuiltLibrary _library;

    public PrimitivesTests(PrimitivesFixture fixture) => _library = fixture.Library;

    [Theory]
    [InlineData("gcc", "c99")]
    [InlineData("gcc", "c11")]
    [InlineData("clang", "c99")]
    public void The_C_consumer_checks_every_value_and_every_error(string compiler, string standard)
    {
        string program = Run.Consumer(compiler, standard, Path.Combine(_library.ProjectDirectory, "primitives.c"),
            _library.Directory, "prim", Path.Combine(_library.Directory, $"primitives-{compiler}-{standard}"));
        ProcessResult run = Run.Program(program, System.Array.Empty<string>());
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal("primitives: all checks passed\n", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Dotnet_publish_gives_what_cdylib_build_gives_and_a_second_build_rewrites_nothing()
    {
        string project = Path.Combine(_library.ProjectDirectory, "primitives.csproj");
        string publish = Run.TemporaryDirectory("primitives-publish");
        Run.Program("dotnet", ["publish", project, "-c", "Debug", "-r", "linux-x64", "--nologo", "-p:PublishDir=" + publish + Path.DirectorySeparatorChar]).Succeeded();

        // Every file the plain publish writes is in target/debug with the same bytes; the dep-info
        // file differs only by the folder it names.
        string[] published = Directory.GetFiles(publish).Select(Path.GetFileName).OfType<string>().Order(System.StringComparer.Ordinal).ToArray();
        Assert.Contains("libprim.so", published);
        Assert.Contains("prim.h", published);
        foreach (string file in published)
        {
            string ours = Path.Combine(_library.Directory, file);
            Assert.True(File.Exists(ours), $"cdylib build did not write {file}");
            if (file.EndsWith(".d", System.StringComparison.Ordinal))
            {
                Assert.Equal(File.ReadAllText(Path.Combine(publish, file)).Replace(publish, _library.Directory.TrimEnd('/') + "/", System.StringComparison.Ordinal).Replace("//", "/", System.StringComparison.Ordinal),
                    File.ReadAllText(ours).Replace("//", "/", System.StringComparison.Ordinal));
            }
            else
            {
                Assert.True(File.ReadAllBytes(Path.Combine(publish, file)).SequenceEqual(File.ReadAllBytes(ours)), $"{file} differs between dotnet publish and cdylib build");
            }
        }

        // The library exports exactly what its ABI file declares.
        Run.Cdylib("check", Path.Combine(_library.Directory, "libprim.so")).Succeeded();

        // A second build with nothing changed rewrites none of the companions (their timestamps stay).
        var companions = published.Where(f => !f.StartsWith("libprim.so", System.StringComparison.Ordinal)).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(_library.Directory, f)));
        BuiltLibrary.Build(_library.ProjectDirectory, "prim");
        foreach (var (file, written) in companions)
        {
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(_library.Directory, file)));
        }
    }

    [Fact]
    public void An_exception_never_ends_the_process_even_without_the_C_program()
    {
        // A throwing export called straight from Python's ctypes: the host survives and reads the error.
        string script = $$"""
            import ctypes, sys
            lib = ctypes.CDLL({{Quote(_library.LibraryPath)}})
            lib.prim_divide.restype = ctypes.c_int32
            lib.prim_last_error_code.restype = ctypes.c_int32
            lib.prim_last_error_message.restype = ctypes.c_char_p
            for i in range(1000):
                assert lib.prim_divide(i, 0) == 0
            assert lib.prim_last_error_code() == 1, lib.prim_last_error_code()
            print(lib.prim_last_error_message().decode())
            """;
        ProcessResult run = Run.Program("python3", new[] { "-c", script }).Succeeded();
        Assert.StartsWith("System.DivideByZeroException: ", run.Output);
    }

    [Fact]
    public void The_export_table_matches_the_abi_file_exactly()
    {
        string[] declared = _library.Abi.Functions.Select(function => function.Name).Append("DotNetRuntimeDebugHeader").Order().ToArray();
        Assert.Equal(declared, _library.ExportedNames());
        Assert.Equal(declared, _library.ExportedNamesByNm());
        Assert.Contains("prim_add_u64", declared);
        Assert.Contains("prim_last_error_message", declared);
    }

    [Fact]
    public void The_header_compiles_as_strict_cpp()
    {
        string source = Path.Combine(Run.TemporaryDirectory("prim-cpp"), "uses_header.cpp");
        File.WriteAllText(source, """
            #include "prim.h"
            #include "prim.h"
            int main() { return prim_add_i32(2, 3) == 5 && prim_not(false) ? 0 : 1; }
            """);
        foreach (string standard in new[] { "c++11", "c++17", "c++20" })
        {
            string program = Run.Consumer("g++", standard, source, _library.Directory, "prim", source + "." + standard);
            Run.Program(program, System.Array.Empty<string>()).Succeeded();
        }
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
