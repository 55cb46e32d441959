using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// examples/hello_world built once for this machine (linux-x64) and once for linux-arm64 by the cross
/// toolchain (as <see cref="Arm64Tests"/> does), and copied into two <c>--from</c> folders: one RID, and
/// both RIDs.
/// </summary>
public sealed class PackageFixture
{
    public PackageFixture()
    {
        Host = BuiltLibrary.Build(Path.Combine(Repo.Examples, "hello_world"), "hello_world");
        Arm64 = BuiltLibrary.Build(Path.Combine(Repo.Examples, "hello_world"), "hello_world", runtime: "linux-arm64");
        Single = Run.TemporaryDirectory("package-single");
        Copy(Host.Directory, Path.Combine(Single, "linux-x64"));
        Both = Run.TemporaryDirectory("package-both");
        Copy(Host.Directory, Path.Combine(Both, "linux-x64"));
        // A copy of target/linux-arm64/ (its debug/ inside), as an artifact from another machine would come.
        Copy(Arm64.Directory, Path.Combine(Both, "linux-arm64", "debug"));
    }

    internal BuiltLibrary Host { get; }

    internal BuiltLibrary Arm64 { get; }

    /// <summary>--from folder with linux-x64/ only.</summary>
    public string Single { get; }

    /// <summary>--from folder with linux-x64/ and linux-arm64/debug/.</summary>
    public string Both { get; }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}

/// <summary>
/// <c>cdylib package</c>: each format installed the way its ecosystem installs it, in a fresh place, and
/// the library called through it — a CMake project on CMAKE_PREFIX_PATH and pkg-config, pip into a venv,
/// a console app from a local NuGet feed, npm from local tarballs — for one RID and for linux-x64 merged
/// with linux-arm64; and builds whose ABI files differ refused.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed partial class PackageTests(PackageFixture fixture) : IClassFixture<PackageFixture>
{
    [Fact]
    public void The_prefix_archive_is_found_by_cmake_and_pkg_config_and_its_c_consumer_runs()
    {
        string output = Package("prefix", fixture.Single);
        string archive = Assert.Single(Directory.GetFiles(output));
        Assert.Equal("hello_world-1.0.0-linux-x64.tar.gz", Path.GetFileName(archive));

        string prefix = Run.TemporaryDirectory("prefix");
        Run.Program("tar", ["-xzf", archive, "-C", prefix]).Succeeded();
        foreach (string file in new[] { "include/hello_world.h", "lib/libhello_world.so", "lib/pkgconfig/hello_world.pc", "lib/cmake/hello_world/hello_worldConfig.cmake", "lib/cmake/hello_world/hello_worldConfigVersion.cmake", "share/hello_world/hello_world.abi.json" })
        {
            Assert.True(File.Exists(Path.Combine(prefix, file)), $"{file} is missing from the prefix");
        }

        string project = Run.TemporaryDirectory("prefix-consumer");
        File.WriteAllText(Path.Combine(project, "main.c"), """
            #include <stdio.h>
            #include "hello_world.h"
            int main(void) { printf("%d\n", HelloWorld()); return 0; }
            """);
        // find_package asks for ABI version 1: the version file must accept it.
        File.WriteAllText(Path.Combine(project, "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.16)
            project(consumer C)
            find_package(hello_world 1 CONFIG REQUIRED)
            message(STATUS "hello_world ABI version ${hello_world_ABI_VERSION}")
            add_executable(consumer main.c)
            target_compile_options(consumer PRIVATE -Wall -Werror)
            target_link_libraries(consumer PRIVATE hello_world::hello_world)
            """);
        string build = Path.Combine(project, "build");
        ProcessResult configure = Run.Program("cmake", ["-S", project, "-B", build, "-DCMAKE_PREFIX_PATH=" + prefix]).Succeeded();
        Assert.Contains("hello_world ABI version 1", configure.Output);
        Run.Program("cmake", ["--build", build]).Succeeded();
        Assert.Equal("123\n", Run.Program(Path.Combine(build, "consumer"), []).Succeeded().Output);

        // A newer ABI version is not this one.
        File.WriteAllText(Path.Combine(project, "CMakeLists.txt"), File.ReadAllText(Path.Combine(project, "CMakeLists.txt")).Replace("hello_world 1 CONFIG", "hello_world 2 CONFIG"));
        Assert.NotEqual(0, Run.Program("cmake", ["-S", project, "-B", Path.Combine(project, "build2"), "-DCMAKE_PREFIX_PATH=" + prefix]).ExitCode);

        // pkg-config, with the prefix moved: every path is relative to the .pc file.
        string moved = prefix + "-moved";
        Directory.Move(prefix, moved);
        var pkgConfig = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = Path.Combine(moved, "lib", "pkgconfig") };
        Assert.Equal("1.0.0\n", Run.Program("pkg-config", ["--modversion", "hello_world"], pkgConfig).Succeeded().Output);
        string flags = Run.Program("pkg-config", ["--cflags", "--libs", "hello_world"], pkgConfig).Succeeded().Output.Trim();
        string program = Path.Combine(project, "by-pkg-config");
        Run.Program("sh", ["-c", $"gcc -Wall -Werror {Path.Combine(project, "main.c")} {flags} -o {program}"]).Succeeded();
        Assert.Equal("123\n", Run.Program(program, []).Succeeded().Output);
    }

    [Fact]
    public void The_wheel_is_tagged_from_the_glibc_floor_installs_with_pip_and_calls_the_library()
    {
        string output = Package("wheel", fixture.Single);
        string wheel = Assert.Single(Directory.GetFiles(output));
        Assert.Equal($"hello_world-1.0.0-py3-none-manylinux_2_{HighestGlibcMinor(fixture.Host.LibraryPath)}_x86_64.whl", Path.GetFileName(wheel));
        AssertRecordMatches(wheel);

        string venv = Run.TemporaryDirectory("wheel-venv");
        Run.Program("python3", ["-m", "venv", venv]).Succeeded();
        Run.Program(Path.Combine(venv, "bin", "pip"), ["install", "--no-index", "--quiet", wheel]).Succeeded();
        // Run from elsewhere, with nothing pointing at the library: the installed package finds its own copy.
        var environment = new Dictionary<string, string> { ["HELLO_WORLD_LIBRARY"] = "", ["LD_LIBRARY_PATH"] = "", ["PYTHONPATH"] = "" };
        ProcessResult call = Run.Program(Path.Combine(venv, "bin", "python"), ["-c", "import hello_world; print(hello_world.HelloWorld(), hello_world.hello_world_abi_version())"], environment).Succeeded();
        Assert.Equal("123 1\n", call.Output);
    }

    [Fact]
    public void Merged_wheels_are_one_per_rid_the_aarch64_one_tagged_from_its_own_floor()
    {
        // No aarch64 Python here: the aarch64 wheel is checked by its tag, contents and RECORD, not installed.
        string output = Package("wheel", fixture.Both);
        var wheels = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                $"hello_world-1.0.0-py3-none-manylinux_2_{HighestGlibcMinor(fixture.Arm64.LibraryPath)}_aarch64.whl",
                $"hello_world-1.0.0-py3-none-manylinux_2_{HighestGlibcMinor(fixture.Host.LibraryPath)}_x86_64.whl",
            },
            wheels);
        string aarch64 = Path.Combine(output, wheels[0]!);
        AssertRecordMatches(aarch64);
        using var zip = ZipFile.OpenRead(aarch64);
        string library = Path.Combine(Run.TemporaryDirectory("wheel-aarch64"), "libhello_world.so");
        zip.GetEntry("hello_world/libhello_world.so")!.ExtractToFile(library);
        Assert.Equal("aarch64", BinaryFile.Open(library).Summary.Machine);
        Assert.Contains("Tag: py3-none-" + Regex.Match(wheels[0]!, "manylinux_2_\\d+_aarch64").Value, new StreamReader(zip.GetEntry("hello_world-1.0.0.dist-info/WHEEL")!.Open()).ReadToEnd());
    }

    [Fact]
    public void The_nuget_package_holds_both_rids_and_a_console_app_calls_the_library_through_it()
    {
        string feed = Package("nuget", fixture.Both);
        string package = Assert.Single(Directory.GetFiles(feed));
        Assert.Equal("hello_world.1.0.0.nupkg", Path.GetFileName(package));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("runtimes/linux-x64/native/libhello_world.so", entries);
            Assert.Contains("runtimes/linux-arm64/native/libhello_world.so", entries);
            Assert.Contains("lib/net8.0/HelloWorld.Native.dll", entries);
            Assert.Contains("hello_world.abi.json", entries);
            string nuspec = new StreamReader(zip.GetEntry("hello_world.nuspec")!.Open()).ReadToEnd();
            Assert.Contains("<version>1.0.0</version>", nuspec);
            Assert.Contains("ABI version 1", nuspec);
        }

        string app = Run.TemporaryDirectory("nuget-consumer");
        UserHome.WriteLocalFeedConfig(app, "local", feed);
        File.WriteAllText(Path.Combine(app, "consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="hello_world" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(HelloWorld.Native.HelloWorldLibrary.HelloWorld());\n");
        // A cache of its own: the package comes from the feed, not from an earlier run.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(app, "packages"), ["LD_LIBRARY_PATH"] = "" };
        ProcessResult run = Run.Program("dotnet", ["run", "--project", app], environment).Succeeded();
        Assert.Equal("123\n", run.Output);
    }

    [Fact]
    public void The_npm_packages_install_offline_from_their_tarballs_and_node_calls_the_library()
    {
        // koffi comes from npm's cache, filled once per run by the Node binding tests' own install.
        _ = NodePackages.NodeModules;
        string output = Package("npm", fixture.Both);
        Assert.Equal(
            new[] { "hello_world-1.0.0.tgz", "hello_world-linux-arm64-gnu-1.0.0.tgz", "hello_world-linux-x64-gnu-1.0.0.tgz" },
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string arm64Manifest = Run.Program("tar", ["-xzOf", Path.Combine(output, "hello_world-linux-arm64-gnu-1.0.0.tgz"), "package/package.json"]).Succeeded().Output;
        Assert.Contains("\"os\": [\"linux\"]", arm64Manifest);
        Assert.Contains("\"cpu\": [\"arm64\"]", arm64Manifest);
        Assert.Contains("\"libc\": [\"glibc\"]", arm64Manifest);
        string mainManifest = Run.Program("tar", ["-xzOf", Path.Combine(output, "hello_world-1.0.0.tgz"), "package/package.json"]).Succeeded().Output;
        Assert.Contains("\"hello_world-linux-x64-gnu\": \"1.0.0\"", mainManifest);
        Assert.Contains("\"hello_world-linux-arm64-gnu\": \"1.0.0\"", mainManifest);
        Assert.Contains("\"abiVersion\": 1", mainManifest);

        string project = Run.TemporaryDirectory("npm-consumer");
        File.WriteAllText(Path.Combine(project, "package.json"), "{ \"private\": true }\n");
        Run.Program("npm", ["install", "--offline", "--no-audit", "--no-fund", "--prefix", project,
            Path.Combine(output, "hello_world-1.0.0.tgz"), Path.Combine(output, "hello_world-linux-x64-gnu-1.0.0.tgz")]).Succeeded();
        File.WriteAllText(Path.Combine(project, "main.js"), "const h = require('hello_world');\nconsole.log(h.HelloWorld(), h.ABI_VERSION, require('path').relative(__dirname, h.LIBRARY_PATH));\n");
        var environment = new Dictionary<string, string> { ["NODE_PATH"] = "", ["HELLO_WORLD_LIBRARY"] = "", ["LD_LIBRARY_PATH"] = "" };
        ProcessResult run = Run.Program("node", [Path.Combine(project, "main.js")], environment).Succeeded();
        Assert.Equal("123 1 node_modules/hello_world-linux-x64-gnu/libhello_world.so\n", run.Output);
    }

    [Fact]
    public void The_project_folder_packages_every_rid_its_target_holds()
    {
        string output = Run.TemporaryDirectory("package-project");
        ProcessResult result = Run.Cdylib("package", fixture.Host.ProjectDirectory, "--format", "prefix", "-o", output).Succeeded();
        Assert.Contains("Packaging hello_world 1.0.0 (ABI version 1) for linux-arm64, linux-x64", result.Output);
        Assert.Equal(
            new[] { "hello_world-1.0.0-linux-arm64.tar.gz", "hello_world-1.0.0-linux-x64.tar.gz" },
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Builds_whose_abi_files_differ_are_refused_and_nothing_is_written()
    {
        string from = Run.TemporaryDirectory("package-mismatch");
        PackageFixture.Copy(fixture.Host.Directory, Path.Combine(from, "linux-x64"));
        PackageFixture.Copy(fixture.Arm64.Directory, Path.Combine(from, "linux-arm64"));
        string abi = Path.Combine(from, "linux-arm64", "hello_world.abi.json");
        string hash = $"0x{fixture.Host.Abi.ApiHash:x16}";
        File.WriteAllText(abi, File.ReadAllText(abi).Replace(hash, "0x0123456789abcdef", StringComparison.Ordinal));

        string output = Path.Combine(from, "out");
        ProcessResult result = Run.Cdylib("package", "--from", from, "--format", "wheel", "-o", output);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains($"cdylib: error: the libraries' ABI files differ (linux-arm64: {abi}; linux-x64: ", result.Error);
        Assert.Contains($"API hash 0x0123456789abcdef vs {hash}", result.Error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "a refused package wrote files");
    }

    [Fact]
    public void A_rid_folder_whose_library_is_for_another_rid_is_an_error()
    {
        string from = Run.TemporaryDirectory("package-misnamed");
        PackageFixture.Copy(fixture.Host.Directory, Path.Combine(from, "linux-arm64"));
        ProcessResult result = Run.Cdylib("package", "--from", from, "--format", "prefix", "-o", Path.Combine(from, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the folder says linux-arm64, but libhello_world.so is a linux-x64 library", result.Error);
    }

    /// <summary>Runs <c>cdylib package --from FROM --format FORMAT -o OUT</c> into a fresh OUT and returns it.</summary>
    private static string Package(string format, string from)
    {
        string output = Run.TemporaryDirectory("package-" + format);
        Run.Cdylib("package", "--from", from, "--format", format, "-o", output).Succeeded();
        return output;
    }

    /// <summary>The X of the highest GLIBC_2.X <c>readelf -V</c> lists for the library (what auditwheel checks).</summary>
    private static int HighestGlibcMinor(string library) =>
        Regex.Matches(Run.Program("readelf", ["-V", "-W", library]).Succeeded().Output, @"Name: GLIBC_2\.(\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Max();

    /// <summary>Every file of the wheel is in its RECORD with its size and sha256 (base64url, no padding), and nothing else is.</summary>
    private static void AssertRecordMatches(string wheel)
    {
        using var zip = ZipFile.OpenRead(wheel);
        var record = zip.Entries.Single(e => e.FullName.EndsWith(".dist-info/RECORD", StringComparison.Ordinal));
        var rows = new StreamReader(record.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
        Assert.Equal(zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var row in rows.Where(r => r[0] != record.FullName))
        {
            using var content = new MemoryStream();
            using (var stream = zip.GetEntry(row[0])!.Open())
            {
                stream.CopyTo(content);
            }
            string digest = Convert.ToBase64String(SHA256.HashData(content.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal($"sha256={digest}", row[1]);
            Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), row[2]);
        }
    }
}
