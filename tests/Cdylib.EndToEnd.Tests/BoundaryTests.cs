using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Emitters.Bindings;
using Cdylib.Abi.Model;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/boundary once.</summary>
public sealed class BoundaryFixture() : ExampleFixture("boundary", "bnd");

/// <summary>
/// Idiomatic C# signatures — strings, spans, arrays, out/ref/in, enums, optional values, callbacks,
/// the status form — through a real Native AOT library, checked from C (including 8 threads and
/// 1,000,000 calls), C++ and Python, with nothing leaked at the end.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class BoundaryTests : IClassFixture<BoundaryFixture>
{
    private readonly BuiltLibrary _library;

    public BoundaryTests(BoundaryFixture fixture) => _library = fixture.Library;

    [Theory]
    [InlineData("gcc", "c99")]
    [InlineData("clang", "c11")]
    public void The_C_program_checks_every_shape_every_error_and_the_threaded_load(string compiler, string standard)
    {
        string program = Run.Consumer(compiler, standard, Path.Combine(_library.ProjectDirectory, "boundary.c"),
            _library.Directory, "bnd", Path.Combine(_library.Directory, $"boundary-{compiler}"));
        ProcessResult run = Run.Program(program, System.Array.Empty<string>());
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("boundary: all checks passed (8 threads x 125000 calls)\n", run.Output);
    }

    [Fact]
    public void The_cpp_program_holds_library_memory_in_smart_pointers_and_throws_on_errors()
    {
        string program = Run.Consumer("g++", "c++17", Path.Combine(_library.ProjectDirectory, "boundary.cpp"),
            _library.Directory, "bnd", Path.Combine(_library.Directory, "boundary-cpp"));
        Assert.Equal("boundary.cpp: all checks passed\n", Run.Program(program, System.Array.Empty<string>()).Succeeded().Output);
    }

    [Fact]
    public void The_python_script_uses_ctypes_and_raises_recorded_errors()
    {
        ProcessResult run = Run.Program("python3", new[] { Path.Combine(_library.ProjectDirectory, "boundary.py"), _library.LibraryPath }).Succeeded();
        Assert.Equal("boundary.py: all checks passed\n", run.Output);
    }

    [Fact]
    public void The_generated_python_module_wraps_every_shape_in_python_values()
    {
        // The module the build wrote into target/debug/bindings/ (the project sets CdylibBindings, so the
        // other languages' too) finds the library the build put one folder up: no copy, no BND_LIBRARY.
        string built = Path.Combine(_library.Directory, "bindings");
        Assert.True(File.Exists(Path.Combine(built, "bnd.Native.cs")));
        Assert.True(File.Exists(Path.Combine(built, "bnd", "Cargo.toml")));
        ProcessResult run = Run.Program("python3", new[] { Path.Combine(_library.ProjectDirectory, "boundary_bindings.py") }, Python(built)).Succeeded();
        Assert.Equal("boundary_bindings.py: all checks passed\n", run.Output);
    }

    [Fact]
    public void Bindings_and_check_take_the_project_folder_and_the_module_works_from_beside_the_library()
    {
        // A copy of the project folder as the build left it (only target/debug/), so the newer-build rule has one answer.
        string project = Run.TemporaryDirectory("boundary-project");
        string debug = Path.Combine(project, "target", "debug");
        Directory.CreateDirectory(debug);
        File.Copy(Path.Combine(_library.ProjectDirectory, "boundary.csproj"), Path.Combine(project, "boundary.csproj"));
        File.Copy(_library.LibraryPath, Path.Combine(debug, "libbnd.so"));
        File.Copy(Path.Combine(_library.Directory, "bnd.abi.json"), Path.Combine(debug, "bnd.abi.json"));

        Assert.Equal($"    Wrote {Path.Combine(debug, "bnd.py")}\n", Run.Cdylib("bindings", "--lang", "python", project).Succeeded().Output);
        var environment = new System.Collections.Generic.Dictionary<string, string> { ["PYTHONPATH"] = debug };
        ProcessResult run = Run.Program("python3", new[] { Path.Combine(_library.ProjectDirectory, "boundary_bindings.py") }, environment).Succeeded();
        Assert.Equal("boundary_bindings.py: all checks passed\n", run.Output);

        Assert.StartsWith($"ok: {Path.Combine(debug, "libbnd.so")} exports the ", Run.Cdylib("check", project).Succeeded().Output);
        ProcessResult unbuilt = Run.Cdylib("check", project, "--release");
        Assert.Equal(2, unbuilt.ExitCode);
        Assert.Equal($"cdylib: error: {project} has no release build (no library in {Path.Combine(project, "target", "release")}): run `cdylib build {project} --release`\n", unbuilt.Error);
    }

    [Fact]
    public void The_python_module_finds_the_library_wherever_it_was_written_and_after_the_tree_moves()
    {
        const string Loaded = "import bnd; print(bnd.bnd_greet('py'), bnd._lib._name)";

        // cdylib bindings --output elsewhere: the same module, recording the library's folder relative to DIR.
        string folder = Run.TemporaryDirectory("python-bindings");
        Run.Cdylib("bindings", "--lang", "python", _library.LibraryPath, "--output", folder).Succeeded();
        string module = File.ReadAllText(Path.Combine(folder, "bnd.py"));
        string relative = Path.GetRelativePath(folder, _library.Directory);
        Assert.Equal(File.ReadAllText(Path.Combine(_library.Directory, "bindings", "bnd.py")).Replace("_LIBRARY_FOLDER = \"..\"", $"_LIBRARY_FOLDER = \"{relative}\""), module);
        Assert.Equal($"Hello, py! {_library.LibraryPath}\n", Run.Program("python3", ["-c", Loaded], Python(folder)).Succeeded().Output);

        // The whole output folder moved: the library beside it is the one loaded, not the original.
        string moved = Path.Combine(Run.TemporaryDirectory("python-moved"), "debug");
        Directory.CreateDirectory(Path.Combine(moved, "bindings"));
        File.Copy(_library.LibraryPath, Path.Combine(moved, "libbnd.so"));
        File.Copy(Path.Combine(_library.Directory, "bindings", "bnd.py"), Path.Combine(moved, "bindings", "bnd.py"));
        Assert.Equal($"Hello, py! {Path.Combine(moved, "libbnd.so")}\n", Run.Program("python3", ["-c", Loaded], Python(Path.Combine(moved, "bindings"))).Succeeded().Output);

        // Beside the module wins over the recorded folder; BND_LIBRARY over both.
        File.Copy(_library.LibraryPath, Path.Combine(moved, "bindings", "libbnd.so"));
        Assert.Equal($"Hello, py! {Path.Combine(moved, "bindings", "libbnd.so")}\n", Run.Program("python3", ["-c", Loaded], Python(Path.Combine(moved, "bindings"))).Succeeded().Output);
        var chosen = new System.Collections.Generic.Dictionary<string, string>(Python(Path.Combine(moved, "bindings"))) { ["BND_LIBRARY"] = _library.LibraryPath };
        Assert.Equal($"Hello, py! {_library.LibraryPath}\n", Run.Program("python3", ["-c", Loaded], chosen).Succeeded().Output);

        // Nowhere to be found: one error naming the places tried and the variable.
        File.Delete(Path.Combine(moved, "libbnd.so"));
        File.Delete(Path.Combine(moved, "bindings", "libbnd.so"));
        ProcessResult missing = Run.Program("python3", ["-c", Loaded], Python(Path.Combine(moved, "bindings")));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains($"OSError: cannot load libbnd.so: not at {Path.Combine(moved, "bindings", "libbnd.so")} or {Path.Combine(moved, "libbnd.so")}", missing.Transcript);
        Assert.Contains("Set BND_LIBRARY to the library's path.", missing.Transcript);
    }

    /// <summary>A Python run importing from <paramref name="folder"/>, with BND_LIBRARY and LD_LIBRARY_PATH empty.</summary>
    private static System.Collections.Generic.Dictionary<string, string> Python(string folder) =>
        new() { ["PYTHONPATH"] = folder, ["BND_LIBRARY"] = "", ["LD_LIBRARY_PATH"] = "" };

    [Fact]
    public void A_dotnet_program_calls_every_function_through_the_generated_csharp_binding()
    {
        // examples/boundary/bindings_consumer.cs is the program: delegates, handle methods, a counter
        // shared by four tasks, strings C would mangle refused with ArgumentException.
        string folder = Run.TemporaryDirectory("csharp-binding");
        Run.Cdylib("bindings", "--lang", "csharp", _library.LibraryPath, "--output", folder).Succeeded();
        Assert.Equal(File.ReadAllText(Path.Combine(_library.Directory, "bindings", "bnd.Native.cs")), File.ReadAllText(Path.Combine(folder, "bnd.Native.cs")));
        File.Copy(_library.LibraryPath, Path.Combine(folder, "libbnd.so"));
        File.WriteAllText(Path.Combine(folder, "consumer.csproj"), Run.DotnetConsumerProject("libbnd.so"));
        File.Copy(Path.Combine(_library.ProjectDirectory, "bindings_consumer.cs"), Path.Combine(folder, "Program.cs"));
        ProcessResult run = Run.Program("dotnet", new[] { "run", "--project", folder }).Succeeded();
        Assert.Equal("bindings_consumer.cs: all checks passed\n", run.Output);
    }

    [Fact]
    public void A_rust_program_calls_every_function_through_the_generated_crate()
    {
        // cdylib bindings --output elsewhere writes the crate the build wrote into target/debug/bindings/bnd/,
        // recording the library's folder relative to the crate instead.
        string folder = Run.TemporaryDirectory("rust-crate");
        Run.Cdylib("bindings", "--lang", "rust", _library.LibraryPath, "--output", folder).Succeeded();
        string built = Path.Combine(_library.Directory, "bindings");
        string relative = Path.GetRelativePath(Path.Combine(folder, "bnd"), _library.Directory);
        Assert.Equal(File.ReadAllText(Path.Combine(built, "bnd", "build.rs")).Replace("LIBRARY_FOLDER: &str = \"../..\"", $"LIBRARY_FOLDER: &str = \"{relative}\""),
            File.ReadAllText(Path.Combine(folder, "bnd", "build.rs")));
        Assert.Equal(File.ReadAllText(Path.Combine(built, "bnd", "src", "lib.rs")), File.ReadAllText(Path.Combine(folder, "bnd", "src", "lib.rs")));

        // The crate the build wrote links the library where the build put it, with no BND_LIB_DIR, and
        // tells the program's build script that folder (DEP_BND_LIB_DIR) for an rpath: no LD_LIBRARY_PATH either.
        // examples/boundary/bindings_consumer.rs is the program: closures, handle methods, a counter shared
        // by four threads (Send + Sync), a closure's panic resumed, a NUL refused with an Err.
        const string Rpath = """
            fn main() {
                println!("cargo:rustc-link-arg=-Wl,-rpath,{}", std::env::var("DEP_BND_LIB_DIR").unwrap());
            }
            """;
        ProcessResult run = Run.RustConsumer(built, "bnd", null, null, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "bindings_consumer.rs")), Rpath);
        Assert.Equal("bindings_consumer.rs: all checks passed\n", run.Output);
    }

    /// <summary>
    /// Each binding's consumer calls every function of the ABI file through that binding's wrapper (the
    /// helpers a binding uses itself aside: last error, free functions, a handle's free), so a function
    /// added to the example cannot go untested in any language. A call is the wrapper's name and "(".
    /// </summary>
    [Theory]
    [InlineData("boundary_bindings.py", "python")]
    [InlineData("bindings_consumer.rs", "rust")]
    [InlineData("bindings_consumer.cs", "csharp")]
    [InlineData("bindings_consumer.js", "node")]
    public void Every_function_of_the_abi_file_is_called_by_each_binding_consumer(string consumer, string language)
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, consumer)), language);
        Assert.True(uncalled.Count == 0, $"{consumer} does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_export_table_is_the_abi_file_and_the_header_carries_its_hash()
    {
        string[] declared = _library.Abi.Functions.Select(function => function.Name).Append("DotNetRuntimeDebugHeader").Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(declared, _library.ExportedNames());
        Assert.Equal(declared, _library.ExportedNamesByNm());

        string header = File.ReadAllText(_library.HeaderPath);
        Assert.Contains($"#define BND_API_HASH 0x{_library.Abi.ApiHash:x16}ULL", header);
        Assert.Contains("#define BND_ABI_VERSION 3u", header);
        Assert.Equal(3u, _library.Abi.AbiVersion);
    }

    [Fact]
    public void Cdylib_check_passes_and_cdylib_diff_classifies_a_changed_interface()
    {
        Run.Cdylib("check", _library.LibraryPath).Succeeded();

        string directory = Run.TemporaryDirectory("diff");
        string before = Path.Combine(directory, "before.abi.json");
        string after = Path.Combine(directory, "after.abi.json");
        AbiLibrary abi = _library.Abi;
        File.WriteAllText(before, AbiJson.Write(abi));
        AbiFunction parse = abi.Functions.Single(f => f.Name == "bnd_parse");
        var functions = abi.Functions
            .Where(f => f.Name != "bnd_greet")                                  // removed: breaking
            .Select(f => f == parse ? f with { ReturnsStatus = false } : f)     // signature changed: breaking
            .Append(parse with { Name = "bnd_parse2" })                          // added: compatible
            .ToEquatableArray();
        File.WriteAllText(after, AbiJson.Write(abi with { Functions = functions }));

        // A breaking change exits 6 (a CI gate), and says the ABI version was not raised.
        ProcessResult diff = Run.Cdylib("diff", before, after);
        Assert.True(diff.ExitCode == 6, diff.Transcript);
        string text = diff.Output;
        Assert.Contains("breaking   function bnd_greet removed", text);
        Assert.Contains("breaking   function bnd_parse: signature int32_t(const char*, int32_t*) → int32_t(const char*)", text);
        Assert.Contains("compatible function bnd_parse2 added", text);
        Assert.EndsWith("implied version bump: major\nABI version: 3\nverdict: breaking, exit code 6\n", text);
        Assert.StartsWith("cdylib: warning: breaking changes, but the ABI version is still 3: raise CdylibAbiVersion (to 4)", diff.Error);
        ProcessResult json = Run.Cdylib("diff", before, after, "--format", "json");
        Assert.Equal(6, json.ExitCode);
        Assert.Contains("\"bump\": \"major\"", json.Output);
        Assert.Contains("\"verdict\": \"breaking\"", json.Output);
        Assert.Equal("no changes: the interfaces are the same\n", Run.Cdylib("diff", before, before).Succeeded().Output);
    }

    [Fact]
    public void The_header_spells_each_shape_as_the_conventions_say()
    {
        string header = File.ReadAllText(_library.HeaderPath);
        Assert.Contains("BND_API char* BND_CALL_C bnd_greet(const char* name);", header);
        Assert.Contains("BND_API uint32_t BND_CALL_C bnd_checksum(const uint8_t* data, size_t data_len);", header);
        Assert.Contains("BND_API void BND_CALL_C bnd_double_all(double* values, size_t values_len);", header);
        Assert.Contains("BND_API int32_t* BND_CALL_C bnd_squares(int32_t count, size_t* out_len);", header);
        Assert.Contains("BND_API bool BND_CALL_C bnd_split(const char* pair, char** key, char** value);", header);
        Assert.Contains("BND_API int32_t BND_CALL_C bnd_parse(const char* text, int32_t* out_result);", header);
        Assert.Contains("BND_API void BND_CALL_C bnd_bump(int64_t* counter, const int64_t* step);", header);
        Assert.Contains("BND_API int64_t BND_CALL_C bnd_increment_optional(const int64_t* value);", header);
        Assert.Contains("BND_API int64_t BND_CALL_C bnd_for_each(int32_t count, int32_t (*visit)(int32_t, void*), void* userData);", header);
        Assert.Contains("typedef uint8_t bnd_Color;", header);
        Assert.Contains("#define BND_OUTCOME_WORST ((bnd_Outcome)(-2147483647 - 1))", header);
        Assert.Contains("#define BND_WIDE_HIGH ((bnd_Wide)9223372036854775808ull)", header);
        Assert.Matches(new Regex(@"BND_API void BND_CALL_C bnd_free_string\(char\* text\);"), header);
        Assert.Contains("BND_API bnd_Box BND_CALL_C bnd_translate(bnd_Box box, bnd_Point by);", header);
        Assert.Contains("BND_API bnd_Point BND_CALL_C bnd_centroid(const bnd_Point* points, size_t points_len);", header);
        Assert.Contains("BND_API bnd_Point* BND_CALL_C bnd_corners(bnd_Box box, size_t* out_len);", header);
        Assert.Contains("BND_API double BND_CALL_C bnd_samples_sum(const bnd_Samples* samples);", header);
        Assert.Contains("#pragma pack(push, 1)\ntypedef struct bnd_Packed {", header);
        Assert.Contains("typedef struct bnd_Counter bnd_Counter;", header);
        Assert.Contains("BND_API int64_t BND_CALL_C bnd_counter_add(bnd_Counter* self, int64_t amount);", header);
        Assert.Contains("BND_API void BND_CALL_C bnd_counter_free(bnd_Counter* handle);", header);
        Assert.Contains("BND_STATIC_ASSERT(sizeof(bnd_Box) == 20, \"bnd_Box has the size the library uses\");", header);
    }
}
