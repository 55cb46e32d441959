using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/layout once.</summary>
public sealed class LayoutFixture() : ExampleFixture("layout", "lay");

/// <summary>
/// .NET structs with a C form of their own through a real Native AOT library (issue 13): a struct
/// holding a <c>Guid</c> by value both ways (it was laid out from a reference assembly's placeholder,
/// so <c>rec_n</c> read garbage and <c>make_rec</c> ended the process), <c>Guid</c>'s field order,
/// <c>Int128</c>/<c>UInt128</c> extremes and a struct that holds them, <c>Half</c>'s bits and
/// <c>NFloat</c>, each checked by a C program and through each generated binding (Python, Rust, .NET).
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class LayoutTests : IClassFixture<LayoutFixture>
{
    private readonly BuiltLibrary _library;

    public LayoutTests(LayoutFixture fixture) => _library = fixture.Library;

    [Theory]
    [InlineData("gcc", "c99")]
    [InlineData("gcc", "c11")]
    [InlineData("clang", "c11")]
    public void The_C_program_checks_every_value_of_every_layout(string compiler, string standard)
    {
        string program = Run.Consumer(compiler, standard, Path.Combine(_library.ProjectDirectory, "layout.c"),
            _library.Directory, "lay", Path.Combine(_library.Directory, $"layout-{compiler}-{standard}"));
        ProcessResult run = Run.Program(program, System.Array.Empty<string>());
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("layout: all checks passed\n", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void A_struct_result_crosses_whole_and_its_failure_path_leaves_the_host_alive()
    {
        // The 20-byte Rec as Python declares it by hand: make_rec returns it through the caller's buffer.
        string script = $$"""
            import ctypes
            class Guid(ctypes.Structure):
                _fields_ = [("a", ctypes.c_uint32), ("b", ctypes.c_uint16), ("c", ctypes.c_uint16)] + [(n, ctypes.c_uint8) for n in "defghijk"]
            class Rec(ctypes.Structure):
                _fields_ = [("Id", Guid), ("N", ctypes.c_int32)]
            assert ctypes.sizeof(Rec) == 20
            lib = ctypes.CDLL({{Quote(_library.LibraryPath)}})
            lib.lay_make_rec.restype = Rec
            lib.lay_make_rec_checked.restype = Rec
            lib.lay_rec_n.argtypes = [Rec]
            lib.lay_last_error_code.restype = ctypes.c_int32
            for i in range(1000):
                rec = lib.lay_make_rec(i)
                assert rec.N == i and rec.Id.a == 0x00112233 and rec.Id.k == 0xff, (rec.N, hex(rec.Id.a))
                assert lib.lay_rec_n(rec) == i
                failed = lib.lay_make_rec_checked(-1)
                assert failed.N == 0 and failed.Id.a == 0
            assert lib.lay_last_error_code() == 2, lib.lay_last_error_code()
            print("ok")
            """;
        Assert.Equal("ok\n", Run.Program("python3", new[] { "-c", script }).Succeeded().Output);
    }

    [Fact]
    public void The_header_compiles_as_strict_cpp()
    {
        string source = Path.Combine(Run.TemporaryDirectory("lay-cpp"), "uses_header.cpp");
        File.WriteAllText(source, """
            #include "lay.h"
            #include "lay.h"
            int main() {
                cdylib_int128_t max = 0;
                lay_int128_max(&max);
                LayWide wide;
                lay_wide_make(1, &wide);
                return lay_make_rec(3).N == 3 && max > 0 && wide.Tag == 1 && sizeof(LayWide) == 48 ? 0 : 1;
            }
            """);
        foreach (string standard in new[] { "c++11", "c++17", "c++20" })
        {
            string program = Run.Consumer("g++", standard, source, _library.Directory, "lay", source + "." + standard);
            Run.Program(program, System.Array.Empty<string>()).Succeeded();
        }
    }

    // Each generated binding carries these types as its language does: Python's int (the 128-bit
    // integers, range-checked), float (Half, NFloat) and uuid.UUID; Rust's i128/u128, f64 and a Guid
    // struct, Half as its bits with conversions checked against .NET's for all 65,536 of them; .NET's
    // own Guid, Int128, UInt128, Half and NFloat. Each program checks the values both ways.
    [Fact]
    public void The_generated_python_module_gives_python_values_for_every_layout()
    {
        Assert.Equal("layout_bindings.py: all checks passed\n", BindingConsumers.Python(_library, "layout_bindings.py").Output);
    }

    [Fact]
    public void A_rust_program_checks_every_layout_through_the_generated_crate()
    {
        Assert.Equal("bindings_consumer.rs: all checks passed\n", BindingConsumers.Rust(_library, "bindings_consumer.rs").Output);
    }

    [Fact]
    public void A_dotnet_program_checks_every_layout_through_the_generated_csharp_binding()
    {
        Assert.Equal("bindings_consumer.cs: all checks passed\n", BindingConsumers.Dotnet(_library, "bindings_consumer.cs").Output);
    }

    [Theory]
    [InlineData("layout_bindings.py", "python")]
    [InlineData("bindings_consumer.rs", "rust")]
    [InlineData("bindings_consumer.cs", "csharp")]
    [InlineData("bindings_consumer.js", "node")]
    public void Every_function_of_the_abi_file_is_called_by_each_binding_consumer(string consumer, string language)
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, consumer)), language);
        Assert.True(uncalled.Count == 0, $"{consumer} does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_export_table_matches_the_abi_file_exactly()
    {
        string[] declared = _library.Abi.Functions.Select(function => function.Name).Append("DotNetRuntimeDebugHeader").Order().ToArray();
        Assert.Equal(declared, _library.ExportedNames());
        Assert.Contains("lay_make_rec", declared);
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
