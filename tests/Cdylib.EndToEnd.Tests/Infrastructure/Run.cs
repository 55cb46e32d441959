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
