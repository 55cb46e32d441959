using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib build -p:NAME=VALUE</c> hands MSBuild properties to dotnet as <c>dotnet publish</c> takes them. The
/// real command runs with a stand-in <c>dotnet</c> first on its PATH that records its arguments and fails, so
/// what reaches dotnet is seen exactly, with no Native AOT build (EndToEnd's BuildPropertiesTests builds for real).
/// The command is started through its apphost: started as <c>dotnet cdylib.dll</c>, it would find the real
/// dotnet beside its own executable before looking on PATH.
/// </summary>
public sealed class CliBuildPropertiesTests
{
    [Fact]
    public void Build_passes_every_property_form_to_dotnet_publish_before_its_own()
    {
        var build = new StandIn();

        ProcessResult result = build.Cdylib("build", build.Project, "-p:CdylibProfile=minimal", "--property:A=1;B=2", "-p", "C=3", "--property", "D=", "--release");

        Assert.True(result.ExitCode == 3, result.Transcript); // dotnet's own exit code
        Assert.Contains($"cdylib: error: could not build {build.ProjectFile} (dotnet publish exited with 3)", result.Error);
        string[] arguments = build.DotnetArguments();
        Assert.Equal(
            ["publish", build.ProjectFile, "--configuration", "Release", "--runtime", arguments[5], "--nologo",
             "-p:CdylibProfile=minimal", "-p:A=1;B=2", "-p:C=3", "-p:D=",
             "-p:PublishDir=" + Path.Combine(build.Project, "target", "release") + Path.DirectorySeparatorChar,
             "-p:CdylibFingerprintInputs=" + Path.Combine(build.Project, "target", ".fingerprint", $"{Path.GetFileNameWithoutExtension(build.ProjectFile)}-{arguments[5]}-release.inputs")],
            arguments);
        // It failed, so the next build is not fresh.
        Assert.Empty(Directory.GetFiles(Path.Combine(build.Project, "target", ".fingerprint"), "*.hash"));
    }

    [Fact]
    public void Build_for_another_operating_system_passes_them_to_dotnet_build()
    {
        var build = new StandIn();
        string rid = OperatingSystem.IsWindows() ? "linux-x64" : "win-x64";

        ProcessResult result = build.Cdylib("build", build.Project, "-r", rid, "-p:CdylibAbiVersion=2");

        Assert.True(result.ExitCode == 3, result.Transcript);
        Assert.Equal(
            ["build", build.ProjectFile, "--configuration", "Debug", "--nologo", "-p:CdylibAbiVersion=2",
             "-p:CdylibArtifactsFor=" + rid, "-p:CdylibArtifactsDir=" + Path.Combine(build.Project, "target", rid, "debug") + Path.DirectorySeparatorChar],
            build.DotnetArguments());
    }

    [Theory]
    [InlineData("-p:CdylibProfile", "CdylibProfile")]
    [InlineData("--property:=minimal", "=minimal")]
    public void A_property_without_NAME_equals_VALUE_is_bad_usage_and_nothing_runs(string option, string value)
    {
        var build = new StandIn();

        ProcessResult result = build.Cdylib("build", build.Project, option);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"-p needs NAME=VALUE (as in -p:CdylibProfile=minimal), not '{value}'.", result.Error);
        Assert.False(File.Exists(build.ArgumentsFile), "dotnet ran");
    }

    [Fact]
    public void A_missing_project_folder_is_named_as_given()
    {
        var build = new StandIn();

        ProcessResult result = build.Cdylib("build", "no-such-project", "-p:CdylibProfile=minimal");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("cdylib: error: no-such-project: no such file or folder\n", result.Error);
        Assert.False(File.Exists(build.ArgumentsFile), "dotnet ran");
    }

    /// <summary>A project folder and a <c>dotnet</c> stand-in that writes its arguments, one a line, and exits with 3.</summary>
    private sealed class StandIn
    {
        /// <summary>Where the apphost finds the .NET runtime: the folder of the real dotnet (PATH's may be a link to it).</summary>
        private static readonly string DotnetRoot = Path.GetDirectoryName(
            new FileInfo(Toolchain.Find("dotnet")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Toolchain.Find("dotnet"))!;

        // Deleted with the other fixtures when the test run ends.
        private readonly string _folder = NativeFixtures.Shared.PathFor("build-properties-" + Guid.NewGuid().ToString("N")[..8]);

        public StandIn()
        {
            Directory.CreateDirectory(Project);
            File.WriteAllText(ProjectFile, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            string bin = Path.Combine(_folder, "bin");
            Directory.CreateDirectory(bin);
            string script = Path.Combine(bin, "dotnet");
            File.WriteAllText(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$CDYLIB_TEST_ARGUMENTS\"\nexit 3\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Project => Path.Combine(_folder, "mylib");

        public string ProjectFile => Path.Combine(Project, "mylib.csproj");

        public string ArgumentsFile => Path.Combine(_folder, "arguments.txt");

        /// <summary>The cdylib command with the stand-in first on its PATH.</summary>
        public ProcessResult Cdylib(params string[] arguments) => ProcessRunner.Run(
            Path.Combine(AppContext.BaseDirectory, "cdylib"),
            arguments,
            _folder,
            new Dictionary<string, string>
            {
                ["DOTNET_ROOT"] = DotnetRoot,
                ["PATH"] = Path.Combine(_folder, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["CDYLIB_TEST_ARGUMENTS"] = ArgumentsFile,
            },
            timeoutSeconds: 60);

        public string[] DotnetArguments() => File.ReadAllText(ArgumentsFile).TrimEnd('\n').Split('\n');
    }
}
