using System;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;
using Cdylib.ObjectFile;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/hello_world once for all the walkthrough tests.</summary>
public sealed class HelloWorldFixture : ExampleFixture
{
    public HelloWorldFixture()
        : base("hello_world", "hello_world")
    {
        Consumer = Run.Consumer("g++", "c++17", Path.Combine(Library.ProjectDirectory, "hello_world.cpp"),
            Library.Directory, "hello_world", Path.Combine(Library.Directory, "hello_world"));
    }

    internal string Consumer { get; }
}

/// <summary>
/// The seed walkthrough, step for step: one build command drops the library and its companions into
/// target/debug/, a C++ program calls it through the generated header, and the inspector lists the
/// library's exports and the program's imports.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class WalkthroughTests : IClassFixture<HelloWorldFixture>
{
    private readonly HelloWorldFixture _fixture;

    public WalkthroughTests(HelloWorldFixture fixture) => _fixture = fixture;

    private BuiltLibrary Library => _fixture.Library;

    [Fact]
    public void Build_lays_out_the_library_and_its_companions_like_cargo()
    {
        string[] files = Directory.GetFiles(Library.Directory).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(
            new[]
            {
                "hello_world", "hello_world.abi.json", "hello_world.d", "hello_world.h", "hello_world.pc",
                "hello_worldConfig.cmake", "hello_worldConfigVersion.cmake", "libhello_world.so", "libhello_world.so.dbg",
            },
            files);
        Assert.Contains("Finished `debug` profile", Library.BuildOutput);
    }

    [Fact]
    public void The_cpp_consumer_prints_123()
    {
        ProcessResult run = Run.Program(_fixture.Consumer, System.Array.Empty<string>()).Succeeded();
        Assert.Equal("123\n", run.Output);
    }

    [Fact]
    public void The_export_table_is_exactly_the_declared_functions_and_the_helpers()
    {
        string[] expected =
        {
            "DotNetRuntimeDebugHeader", // Native AOT's own, read by debuggers and dump tools
            "HelloWorld",
            "hello_world_abi_version",
            "hello_world_api_hash",
            "hello_world_clear_last_error",
            "hello_world_free_buffer",
            "hello_world_free_string",
            "hello_world_init",
            "hello_world_last_error_code",
            "hello_world_last_error_message",
            "hello_world_live_allocations",
            "hello_world_live_handles",
        };
        Assert.Equal(expected, Library.ExportedNames());
        Assert.Equal(expected, Library.ExportedNamesByNm());
        Assert.Equal(
            expected.Where(name => name != "DotNetRuntimeDebugHeader"),
            Library.Abi.Functions.Select(function => function.Name).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void A_cmake_project_finds_the_library_with_find_package()
    {
        string project = Run.TemporaryDirectory("cmake");
        File.Copy(Path.Combine(Library.ProjectDirectory, "hello_world.cpp"), Path.Combine(project, "hello_world.cpp"));
        File.WriteAllText(Path.Combine(project, "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.16)
            project(consumer CXX)
            find_package(hello_world 1 CONFIG REQUIRED)
            add_executable(consumer hello_world.cpp)
            target_link_libraries(consumer PRIVATE hello_world::hello_world)
            """);
        string build = Path.Combine(project, "build");
        Run.Program("cmake", new[] { "-S", project, "-B", build, "-Dhello_world_DIR=" + Library.Directory }).Succeeded();
        Run.Program("cmake", new[] { "--build", build }).Succeeded();
        Assert.Equal("123\n", Run.Program(Path.Combine(build, "consumer"), System.Array.Empty<string>()).Succeeded().Output);

        // The config version is the ABI version: asking for another one is refused.
        File.WriteAllText(Path.Combine(project, "CMakeLists.txt"), "cmake_minimum_required(VERSION 3.16)\nproject(other CXX)\nfind_package(hello_world 2 CONFIG REQUIRED)\n");
        ProcessResult mismatch = Run.Program("cmake", new[] { "-S", project, "-B", Path.Combine(project, "build2"), "-Dhello_world_DIR=" + Library.Directory });
        Assert.NotEqual(0, mismatch.ExitCode);
        Assert.Contains("version: 1.0.0", mismatch.Error + mismatch.Output);
    }

    [Fact]
    public void Pkg_config_gives_the_flags_to_compile_and_link_against_the_library()
    {
        var environment = new System.Collections.Generic.Dictionary<string, string> { ["PKG_CONFIG_PATH"] = Library.Directory };
        string flags = Run.Program("pkg-config", new[] { "--cflags", "--libs", "hello_world" }, environment).Succeeded().Output.Trim();
        Assert.Contains("-lhello_world", flags);
        string output = Path.Combine(Run.TemporaryDirectory("pkg-config"), "consumer");
        var arguments = new System.Collections.Generic.List<string> { "-std=c++17", "-Wall", "-Werror", Path.Combine(Library.ProjectDirectory, "hello_world.cpp"), "-o", output };
        arguments.AddRange(flags.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));
        Run.Program("g++", arguments).Succeeded();
        Assert.Equal("123\n", Run.Program(output, System.Array.Empty<string>()).Succeeded().Output);
    }

    [Fact]
    public void The_library_records_its_soname_and_keeps_debug_symbols_apart()
    {
        BinaryFile library = BinaryFile.Open(Library.LibraryPath);
        Assert.Equal("libhello_world.so", library.Summary.OwnName);
        string readelf = Run.Program("readelf", new[] { "-d", Library.LibraryPath }).Succeeded().Output;
        Assert.Contains("Library soname: [libhello_world.so]", readelf);
        string debugLink = Run.Program("readelf", new[] { "--string-dump=.gnu_debuglink", Library.LibraryPath }).Succeeded().Output;
        Assert.Contains("libhello_world.so.dbg", debugLink);
        Assert.True(new FileInfo(Library.LibraryPath + ".dbg").Length > new FileInfo(Library.LibraryPath).Length);
    }

    [Fact]
    public void The_header_declares_HelloWorld_with_the_system_convention_and_its_docs()
    {
        string header = File.ReadAllText(Library.HeaderPath);
        Assert.Contains("HELLO_WORLD_API int32_t HELLO_WORLD_CALL_SYSTEM HelloWorld(void);", header);
        Assert.Contains(" * Returns 123: the walkthrough's first exported function.", header);
        Assert.Contains("#define HELLO_WORLD_CALL_SYSTEM __stdcall", header);
        Assert.Contains("#ifndef HELLO_WORLD_H", header);
        Assert.Contains("extern \"C\" {", header);
    }

    [Fact]
    public void The_dep_info_file_names_the_outputs_and_the_csharp_sources()
    {
        string depInfo = File.ReadAllText(Path.Combine(Library.Directory, "hello_world.d"));
        string[] sides = depInfo.TrimEnd('\n').Split(": ");
        Assert.Equal(2, sides.Length);
        Assert.StartsWith(Library.LibraryPath, sides[0]);
        Assert.Contains(Path.Combine(Library.ProjectDirectory, "Lib.cs"), sides[1]);
        Assert.Contains(Path.Combine(Library.ProjectDirectory, "hello_world.csproj"), sides[1]);
        Assert.DoesNotContain("/obj/", sides[1]);
    }

    [Fact]
    public void Cdylib_exports_lists_the_library_like_dumpbin()
    {
        ProcessResult result = Run.Cdylib("exports", Library.LibraryPath).Succeeded();
        Assert.Contains("File Type: SHARED LIBRARY", result.Output);
        Assert.Matches(@"function\s+@@V1\.0\s+HelloWorld", result.Output);
        ProcessResult json = Run.Cdylib("exports", "--format", "json", Library.LibraryPath).Succeeded();
        Assert.Contains("\"HelloWorld\"", json.Output);
    }

    [Fact]
    public void Cdylib_imports_shows_the_consumer_takes_HelloWorld_from_the_library()
    {
        ProcessResult result = Run.Cdylib("imports", _fixture.Consumer).Succeeded();
        int section = result.Output.IndexOf("    libhello_world.so", System.StringComparison.Ordinal);
        Assert.True(section > 0, result.Output);
        Assert.Matches(@"function\s+V1\.0\s+HelloWorld", result.Output[section..]);
        BinaryFile consumer = BinaryFile.Open(_fixture.Consumer);
        Import import = Assert.Single(consumer.Imports, import => import.Name == "HelloWorld");
        Assert.Equal("libhello_world.so", import.Library);
    }

    [Fact]
    public void Cdylib_check_passes_on_the_library_and_names_what_a_tampered_copy_lost_and_gained()
    {
        ProcessResult ok = Run.Cdylib("check", Library.LibraryPath).Succeeded();
        Assert.StartsWith($"ok: {Library.LibraryPath} exports the 11 functions hello_world.abi.json declares", ok.Output);
        Run.Cdylib("check", Library.LibraryPath, "--header", Library.HeaderPath).Succeeded();

        // Rename one exported symbol in a copy of the binary (same length, so the file stays well-formed).
        string copy = Run.TemporaryDirectory("tampered");
        string tampered = Path.Combine(copy, "libhello_world.so");
        byte[] bytes = File.ReadAllBytes(Library.LibraryPath);
        byte[] name = System.Text.Encoding.ASCII.GetBytes("HelloWorld\0");
        for (int at = bytes.AsSpan().IndexOf(name); at >= 0; at = Next(bytes, name, at))
        {
            bytes[at + 9] = (byte)'e';
        }
        File.WriteAllBytes(tampered, bytes);
        File.Copy(Path.ChangeExtension(Library.HeaderPath, ".abi.json"), Path.Combine(copy, "hello_world.abi.json"));

        ProcessResult failed = Run.Cdylib("check", tampered);
        Assert.True(failed.ExitCode == 3, failed.Transcript);
        Assert.Contains("missing     HelloWorld", failed.Output);
        Assert.Contains("undeclared  HelloWorle", failed.Output);
        ProcessResult json = Run.Cdylib("check", tampered, "--format", "json");
        Assert.Contains("\"missing\": [\n    \"HelloWorld\"\n  ]", json.Output);
    }

    private static int Next(byte[] bytes, byte[] name, int at)
    {
        int next = bytes.AsSpan(at + 1).IndexOf(name);
        return next < 0 ? -1 : at + 1 + next;
    }

    [Fact]
    public void A_second_build_without_changes_is_fresh_and_leaves_the_companions_untouched()
    {
        string[] companions = { Library.HeaderPath, Path.ChangeExtension(Library.HeaderPath, ".abi.json"), Path.ChangeExtension(Library.HeaderPath, ".d") };
        System.DateTime[] before = companions.Select(File.GetLastWriteTimeUtc).ToArray();
        // Decided from the fingerprint the first build recorded, without starting MSBuild (as cargo says "Fresh").
        BuiltLibrary again = BuiltLibrary.Build(Library.ProjectDirectory, "hello_world");
        Assert.StartsWith("       Fresh hello_world (linux-x64, debug)\n    Finished `debug` profile in ", again.BuildOutput);
        Assert.DoesNotContain("Compiling", again.BuildOutput);
        Assert.Equal(before, companions.Select(File.GetLastWriteTimeUtc).ToArray());

        // And dotnet publish itself (what runs when something did change) rewrites none of them either.
        Run.Program("dotnet", ["publish", Library.ProjectDirectory, "-c", "Debug", "-r", "linux-x64", "--nologo", "-p:PublishDir=" + Library.Directory + Path.DirectorySeparatorChar]).Succeeded();
        Assert.Equal(before, companions.Select(File.GetLastWriteTimeUtc).ToArray());
    }
}
