using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the cdylib command, compilers and the built consumers.</summary>
internal static class Run
{
    /// <summary>Fails the test with everything the process said unless it exited with 0.</summary>
    public static ProcessResult Succeeded(this ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.Transcript);
        return result;
    }

    public static ProcessResult Program(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.Run(file, arguments, Repo.Root, environment);

    /// <summary>The cdylib command, started the way a user starts the built tool.</summary>
    public static ProcessResult Cdylib(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Program("dotnet", arguments.Prepend(Repo.CdylibDll), environment);

    public static ProcessResult Cdylib(params string[] arguments) => Cdylib(null, arguments);

    /// <summary>Compiles and links a C or C++ consumer against a library in <paramref name="libraryDirectory"/>.</summary>
    public static string Consumer(string compiler, string standard, string source, string libraryDirectory, string library, string output)
    {
        Program(Toolchain.Find(compiler), new[]
        {
            $"-std={standard}", "-Wall", "-Wextra", "-Werror", "-pedantic",
            "-I", libraryDirectory, source, "-L", libraryDirectory, "-l" + library, "-lm", "-lpthread",
            "-Wl,-rpath," + libraryDirectory, "-o", output,
        }).Succeeded();
        return output;
    }

    public static string TemporaryDirectory(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "cdylib-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Builds (offline) and runs a Rust program, <paramref name="main"/>, in a folder of its own, that
    /// uses the crate <c>cdylib bindings --lang rust</c> (or the build) wrote to
    /// <paramref name="bindings"/>/<paramref name="crate"/>. The crate's <c>NAME_LIB_DIR</c> variable,
    /// <paramref name="libraryVariable"/>, names <paramref name="libraryDirectory"/> for the build, and
    /// <paramref name="libraryDirectory"/> is the run's <c>LD_LIBRARY_PATH</c>; left null, each is set
    /// empty, so the crate has to find the library itself. <paramref name="buildScript"/> is the
    /// program's own build.rs, if it needs one. <paramref name="denyWarnings"/> fails the build on any
    /// warning, in the crate as in the program (<c>RUSTFLAGS=-D warnings</c>).
    /// </summary>
    public static ProcessResult RustConsumer(string bindings, string crate, string? libraryVariable, string? libraryDirectory, string main, string? buildScript = null, bool denyWarnings = false)
    {
        string consumer = TemporaryDirectory("rust-consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "src"));
        File.WriteAllText(Path.Combine(consumer, "Cargo.toml"), $$"""
            [package]
            name = "consumer"
            version = "0.1.0"
            edition = "2021"

            [dependencies]
            {{crate}} = { path = "{{Path.GetFullPath(Path.Combine(bindings, crate)).Replace('\\', '/')}}" }
            """);
        File.WriteAllText(Path.Combine(consumer, "src", "main.rs"), main);
        if (buildScript is not null)
        {
            File.WriteAllText(Path.Combine(consumer, "build.rs"), buildScript);
        }
        var environment = new Dictionary<string, string>
        {
            [libraryVariable ?? crate.ToUpperInvariant() + "_LIB_DIR"] = libraryDirectory ?? "",
            ["LD_LIBRARY_PATH"] = libraryDirectory ?? "",
            ["CARGO_TARGET_DIR"] = Path.Combine(consumer, "target"),
        };
        if (denyWarnings)
        {
            environment["RUSTFLAGS"] = "-D warnings";
        }
        Program("cargo", ["build", "--offline", "--quiet", "--manifest-path", Path.Combine(consumer, "Cargo.toml")], environment).Succeeded();
        return Program(Path.Combine(consumer, "target", "debug", "consumer"), [], environment).Succeeded();
    }

    /// <summary>
    /// The project file of a .NET console program that calls a native library through a generated
    /// C# binding (warnings as errors), with <paramref name="nativeLibrary"/> copied beside the program.
    /// </summary>
    public static string DotnetConsumerProject(string nativeLibrary) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <None Include="{nativeLibrary}" CopyToOutputDirectory="PreserveNewest" />
          </ItemGroup>
        </Project>
        """;
}
