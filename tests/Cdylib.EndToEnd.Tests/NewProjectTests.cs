using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// As a new user would: outside the repository, <c>cdylib new</c> makes a project that references
/// the Cdylib package (from the folder the command ships with, not from project references), and
/// <c>cdylib build</c> turns it into a working library.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class NewProjectTests
{
    [Fact]
    public void A_new_project_builds_from_the_package_into_a_library_C_can_call()
    {
        string workspace = Run.TemporaryDirectory("new-user");
        IReadOnlyDictionary<string, string> environment = UserHome.IsolatedPackageCache(workspace);

        Run.Cdylib(environment, "new", "adder", "--path", Path.Combine(workspace, "adder")).Succeeded();
        string project = Path.Combine(workspace, "adder");
        Assert.Contains("<PackageReference Include=\"Cdylib\"", File.ReadAllText(Path.Combine(project, "adder.csproj")));
        Assert.DoesNotContain("ProjectReference", File.ReadAllText(Path.Combine(project, "adder.csproj")));

        BuiltLibrary library = BuiltLibrary.Build(project, "adder", environment, release: true);
        Assert.True(File.Exists(Path.Combine(environment["NUGET_PACKAGES"], "cdylib", "0.1.0", "cdylib.0.1.0.nupkg")),
            "the Cdylib package was not restored from the command's own folder");

        string source = Path.Combine(workspace, "main.c");
        File.WriteAllText(source, """
            #include <stdio.h>
            #include <string.h>
            #include "adder.h"
            int main(void) {
                adder_init();
                adder_init();
                if (adder_add(2, 3) != 5) return 1;
                if (adder_add(INT32_MAX, 1) != 0) return 2;
                if (adder_last_error_code() != ADDER_ERROR_OVERFLOW) return 3;
                if (strstr(adder_last_error_message(), "OverflowException") == NULL) return 4;
                puts("adder works");
                return 0;
            }
            """);
        string program = Run.Consumer("gcc", "c99", source, library.Directory, "adder", Path.Combine(workspace, "main"));
        Assert.Equal("adder works\n", Run.Program(program, System.Array.Empty<string>()).Succeeded().Output);
        Assert.Equal(new[]
            {
                "DotNetRuntimeDebugHeader", "adder_abi_version", "adder_add", "adder_api_hash", "adder_clear_last_error", "adder_free_buffer",
                "adder_free_string", "adder_init", "adder_last_error_code", "adder_last_error_message", "adder_live_allocations", "adder_live_handles",
            },
            library.ExportedNames());
        Assert.Matches(@"libadder\.so\s+[0-9,]+ B", library.BuildOutput);

        // A rebuild that changes the export table says so; one that breaks callers (adder_add now takes and
        // returns long) without a new CdylibAbiVersion is warned about, as cdylib diff would.
        string lib = Path.Combine(project, "Lib.cs");
        File.WriteAllText(lib, File.ReadAllText(lib).Replace("public static int Add(int left, int right)", "public static long Add(long left, long right)", System.StringComparison.Ordinal));
        File.AppendAllText(lib, """

            public static class More
            {
                [Cdylib.CExport("adder_sub")]
                public static int Sub(int left, int right) => left - right;
            }
            """);
        BuiltLibrary rebuilt = BuiltLibrary.Build(project, "adder", environment, release: true);
        Assert.Contains("warning: the export table of libadder.so changed: +adder_sub", rebuilt.BuildOutput);
        Assert.Contains("warning: adder.abi.json since the previous build: breaking changes (function adder_add: signature int32_t(int32_t, int32_t) → "
            + "int64_t(int64_t, int64_t)), but the ABI version is still 1: raise CdylibAbiVersion (to 2)", rebuilt.BuildOutput);
        Assert.Contains("adder_sub", rebuilt.ExportedNames());
    }

    /// <summary>
    /// The release workflow <c>cdylib new</c> writes (.github/workflows/release.yml): it parses, builds on
    /// each RID's own runner, and packages every build in a last job. What can run here runs: the
    /// linux-x64 build job's commands and the package job's, with this repository's cdylib command in
    /// place of the installed tool and the build artifact copied where download-artifact puts it.
    /// </summary>
    [Fact]
    public void The_release_workflow_of_a_new_project_parses_and_its_linux_jobs_build_check_and_package()
    {
        string workspace = Run.TemporaryDirectory("new-release");
        var environment = new Dictionary<string, string>(UserHome.IsolatedPackageCache(workspace));
        string project = Path.Combine(workspace, "adder");
        Run.Cdylib(environment, "new", "adder", "--path", project).Succeeded();

        string workflow = Path.Combine(project, ".github", "workflows", "release.yml");
        using JsonDocument parsed = Workflows.Parse(workflow);
        JsonElement jobs = parsed.RootElement.GetProperty("jobs");
        JsonElement build = jobs.GetProperty("build");
        Assert.Equal(["linux-x64", "linux-arm64", "win-x64", "win-arm64", "osx-x64", "osx-arm64"], Workflows.MatrixRids(build));
        Assert.Equal("build", jobs.GetProperty("package").GetProperty("needs").GetString());
        Assert.Contains($"\"{LocalPackageVersion()}\"", File.ReadAllText(workflow));

        // The cdylib command on PATH, as `dotnet tool install --global` leaves it.
        string tools = Path.Combine(workspace, "tools");
        Directory.CreateDirectory(tools);
        File.WriteAllText(Path.Combine(tools, "cdylib"), $"#!/bin/sh\nexec dotnet \"{Repo.CdylibDll}\" \"$@\"\n");
        Run.Program("chmod", ["+x", Path.Combine(tools, "cdylib")]).Succeeded();
        environment["PATH"] = tools + ":" + System.Environment.GetEnvironmentVariable("PATH");

        RunSteps(build, project, environment, ("${{ matrix.rid }}", "linux-x64"));
        Assert.True(File.Exists(Path.Combine(project, "target", "release", "libadder.so")));
        // upload-artifact (name: the RID, path: target/release/), then download-artifact (path: builds).
        string artifact = Path.Combine(project, "builds", "linux-x64");
        Directory.CreateDirectory(artifact);
        foreach (string file in Directory.GetFiles(Path.Combine(project, "target", "release")))
        {
            File.Copy(file, Path.Combine(artifact, Path.GetFileName(file)));
        }

        RunSteps(jobs.GetProperty("package"), project, environment);
        string[] packages = Directory.GetFiles(Path.Combine(project, "packages")).Select(Path.GetFileName).OfType<string>().Order(System.StringComparer.Ordinal).ToArray();
        Assert.Contains("adder.1.0.0.nupkg", packages);
        Assert.Contains(packages, file => file.StartsWith("adder-1.0.0-py3-none-manylinux_2_", System.StringComparison.Ordinal) && file.EndsWith("_x86_64.whl", System.StringComparison.Ordinal));
        Assert.Contains(packages, file => file.StartsWith("adder-1.0.0-linux-x64", System.StringComparison.Ordinal) && file.EndsWith(".tar.gz", System.StringComparison.Ordinal));
        Assert.Contains(packages, file => file.EndsWith(".tgz", System.StringComparison.Ordinal));
    }

    // A job's `run` steps in order, in bash as the workflow says, except the two that set up a runner
    // (NuGet sources, installing the tool) and the GitHub release itself.
    private static void RunSteps(JsonElement job, string folder, IReadOnlyDictionary<string, string> environment, params (string Expression, string Value)[] values)
    {
        Assert.Equal("bash", job.GetProperty("defaults").GetProperty("run").GetProperty("shell").GetString());
        foreach (JsonElement step in job.GetProperty("steps").EnumerateArray())
        {
            if (!step.TryGetProperty("run", out JsonElement run) || step.GetProperty("name").GetString() is "Package sources" or "Install the cdylib command" or "Release")
            {
                continue;
            }
            string script = values.Aggregate(run.GetString()!, (text, value) => text.Replace(value.Expression, value.Value, System.StringComparison.Ordinal));
            Assert.DoesNotContain("${{", script);
            Run.Program("bash", ["-euo", "pipefail", "-c", $"cd \"{folder}\" && {script}"], environment).Succeeded();
        }
    }

    private static string LocalPackageVersion() =>
        Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Repo.CdylibDll)!, "packages"), "Cdylib.*.nupkg").Single())["Cdylib.".Length..];

    /// <summary>
    /// The seed walkthrough as a user of the package writes it, for every supported target framework:
    /// .NET 10 (LTS, what <c>cdylib new</c> writes), .NET 9 and .NET 8.
    /// </summary>
    [Theory]
    [InlineData("net10.0")]
    [InlineData("net9.0")]
    [InlineData("net8.0")]
    public void The_seed_library_builds_for_each_supported_framework_and_its_cpp_consumer_prints_123(string framework)
    {
        string workspace = Run.TemporaryDirectory("seed-" + framework);
        IReadOnlyDictionary<string, string> environment = UserHome.IsolatedPackageCache(workspace);
        string project = Path.Combine(workspace, "hello_world");
        Run.Cdylib(environment, "new", "hello_world", "--path", project).Succeeded();
        string projectFile = Path.Combine(project, "hello_world.csproj");
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(projectFile));
        File.WriteAllText(projectFile, File.ReadAllText(projectFile).Replace("net10.0", framework, System.StringComparison.Ordinal));
        File.Copy(Path.Combine(Repo.Examples, "hello_world", "Lib.cs"), Path.Combine(project, "Lib.cs"), overwrite: true);

        BuiltLibrary library = BuiltLibrary.Build(project, "hello_world", environment);
        Assert.Contains("HelloWorld", library.ExportedNames());
        string consumer = Run.Consumer("g++", "c++17", Path.Combine(Repo.Examples, "hello_world", "hello_world.cpp"),
            library.Directory, "hello_world", Path.Combine(workspace, "hello_world-cpp"));
        Assert.Equal("123\n", Run.Program(consumer, System.Array.Empty<string>()).Succeeded().Output);
    }

    [Fact]
    public void New_refuses_a_name_that_cannot_name_a_library_and_a_folder_in_use()
    {
        string workspace = Run.TemporaryDirectory("new-bad");
        ProcessResult badName = Run.Cdylib("new", "9lives", "--path", Path.Combine(workspace, "x"));
        Assert.Equal(1, badName.ExitCode);
        Assert.Contains("cannot be a library name", badName.Error);

        // The name is the C# namespace too: a keyword would not compile, so it is refused before any file is written.
        ProcessResult keyword = Run.Cdylib("new", "my.class", "--path", Path.Combine(workspace, "kw"));
        Assert.Equal(1, keyword.ExitCode);
        Assert.Contains("'class' is a C# keyword", keyword.Error);
        Assert.False(Directory.Exists(Path.Combine(workspace, "kw")));

        Directory.CreateDirectory(Path.Combine(workspace, "taken"));
        File.WriteAllText(Path.Combine(workspace, "taken", "keep.txt"), "mine");
        ProcessResult taken = Run.Cdylib("new", "taken", "--path", Path.Combine(workspace, "taken"));
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("not empty", taken.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(workspace, "taken", "keep.txt")));
    }

    [Fact]
    public void Build_explains_what_is_wrong_with_its_argument()
    {
        string workspace = Run.TemporaryDirectory("build-bad");
        ProcessResult empty = Run.Cdylib("build", workspace);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("has no .csproj file", empty.Error);

        // Another operating system: the linker-free files are written (OtherPlatformsTests reads them), then exit code 4.
        ProcessResult windows = Run.Cdylib("build", Path.Combine(Repo.Examples, "hello_world"), "-r", "win-x64");
        Assert.Equal(4, windows.ExitCode);
        Assert.Contains("Native AOT does not compile for another operating system", windows.Error);
    }
}
