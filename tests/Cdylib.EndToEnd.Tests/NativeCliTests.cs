using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The `cdylib` command published as one Native AOT executable by scripts/publish-cli.sh on a fresh
/// clone: it needs no .NET runtime and says, byte for byte, what the .NET tool says.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class NativeCliTests : IClassFixture<NativeCliTests.PublishedCommand>
{
    private readonly PublishedCommand _command;

    public NativeCliTests(PublishedCommand command) => _command = command;

    public static TheoryData<string> Verbs() => new() { "exports", "imports", "deps", "headers" };

    /// <summary>ELF libraries and programs of the system, and the repository's PE and Mach-O fixtures.</summary>
    private static IEnumerable<string> Files() =>
        new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/bin/ls" }
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests", "fixtures", "pe")).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".lib", StringComparison.Ordinal)))
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests", "fixtures", "macho")).Where(f => f.EndsWith(".dylib", StringComparison.Ordinal)))
            .Where(File.Exists);

    [Theory]
    [MemberData(nameof(Verbs))]
    public void The_native_command_prints_what_the_dotnet_tool_prints(string verb)
    {
        foreach (string format in new[] { "text", "json" })
        {
            string[] arguments = [verb, "--format", format, .. Files()];
            var native = Run.Program(_command.Path, arguments).Succeeded();
            var managed = Run.Cdylib(arguments).Succeeded();
            Assert.Equal(managed.Output, native.Output);
            Assert.Equal(managed.Error, native.Error);
        }
    }

    [Fact]
    public void It_is_one_native_executable_that_needs_no_dotnet_runtime()
    {
        var file = BinaryFile.Open(_command.Path);
        Assert.Equal(BinaryKind.Executable, file.Summary.Kind);
        Assert.DoesNotContain(file.Dependencies, d => d.Name.Contains("hostfxr", StringComparison.Ordinal) || d.Name.Contains("coreclr", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_command.Path)!, "cdylib.dll")));

        // Run with no way to find a .NET installation.
        var environment = new Dictionary<string, string> { ["DOTNET_ROOT"] = "/nonexistent", ["PATH"] = "/usr/bin:/bin" };
        var result = Run.Program(_command.Path, ["exports", "/usr/bin/ls"], environment).Succeeded();
        Assert.Contains("Section contains the following exports", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_are_the_documented_ones()
    {
        Assert.Equal(2, Run.Program(_command.Path, ["exports", "/nonexistent.so"]).ExitCode);
        Assert.Equal(1, Run.Program(_command.Path, ["exports", "--format", "xml", "/usr/bin/ls"]).ExitCode);
        Assert.Equal(0, Run.Program(_command.Path, ["deps", "/usr/bin/ls"]).ExitCode);
    }

    [Fact]
    public void Publish_cli_sh_publishes_from_a_fresh_clone_for_net10_0_into_artifacts_cli()
    {
        // The README's command, from the clone's root with no arguments: the path it prints is the executable.
        Assert.Equal("artifacts/cli/linux-x64/cdylib", _command.Published.Output.Trim().Split('\n')[^1]);
        Assert.True(File.Exists(Path.Combine(_command.Clone, "artifacts", "cli", "linux-x64", "cdylib")));

        // Everything was built in the script's own artifacts folder: nothing in the projects' bin/ or obj/,
        // so nothing was taken from an earlier ordinary build.
        Assert.Empty(Directory.GetDirectories(Path.Combine(_command.Clone, "src"), "bin", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_command.Clone, "src"), "obj", SearchOption.AllDirectories));

        // Published for net10.0 with .NET 10's Native AOT compiler.
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(_command.Build, "obj", "Cdylib.Cli", "project.assets.json")));
        Assert.Equal(["net10.0/linux-x64"], assets.RootElement.GetProperty("targets").EnumerateObject().Select(t => t.Name).Where(t => t.Contains('/')));
        string compiler = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name)
            .Single(l => l.StartsWith("runtime.linux-x64.Microsoft.DotNet.ILCompiler/", StringComparison.Ordinal));
        Assert.StartsWith("runtime.linux-x64.Microsoft.DotNet.ILCompiler/10.", compiler);
    }

    [Fact]
    public void The_Cdylib_package_beside_it_carries_what_the_script_s_own_build_compiled()
    {
        string[] packages = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(_command.Path)!, "packages"));
        string package = Assert.Single(packages);
        Assert.Equal("Cdylib.0.1.0.nupkg", Path.GetFileName(package));

        // The generator, the build task and the ABI model beside each: byte for byte the files built in
        // artifacts/cli-build (not in bin/, which a fresh clone does not have).
        using ZipArchive archive = ZipFile.OpenRead(package);
        foreach ((string entry, string built) in new[]
                 {
                     ("analyzers/dotnet/cs/Cdylib.Generator.dll", "Cdylib.Generator/release/Cdylib.Generator.dll"),
                     ("analyzers/dotnet/cs/Cdylib.Abi.dll", "Cdylib.Generator/release/Cdylib.Abi.dll"),
                     ("tasks/netstandard2.0/Cdylib.Build.dll", "Cdylib.Build/release/Cdylib.Build.dll"),
                     ("tasks/netstandard2.0/Cdylib.Abi.dll", "Cdylib.Build/release/Cdylib.Abi.dll"),
                 })
        {
            ZipArchiveEntry? packed = archive.GetEntry(entry);
            Assert.True(packed is not null, $"the package has no {entry}");
            using var content = new MemoryStream();
            packed.Open().CopyTo(content);
            Assert.Equal(File.ReadAllBytes(Path.Combine(_command.Build, "bin", built)), content.ToArray());
        }
        Assert.NotNull(archive.GetEntry("lib/net8.0/Cdylib.dll"));
        Assert.NotNull(archive.GetEntry("build/Cdylib.targets"));
    }

    /// <summary>
    /// Runs scripts/publish-cli.sh once for the class as the README shows it — from the root of a fresh
    /// clone, with no arguments — so the Native AOT command is compiled once per test run.
    /// </summary>
    public sealed class PublishedCommand
    {
        public PublishedCommand()
        {
            Clone = FreshClone.Create("native-cli");
            Published = ProcessRunner.Run(System.IO.Path.Combine(Clone, "scripts", "publish-cli.sh"), [], Clone, timeoutSeconds: 1800).Succeeded();
            Path = System.IO.Path.Combine(Clone, "artifacts", "cli", "linux-x64", "cdylib");
            Build = System.IO.Path.Combine(Clone, "artifacts", "cli-build", "linux-x64");
            Assert.True(File.Exists(Path), Published.Transcript);
        }

        /// <summary>The fresh clone the command was published from.</summary>
        public string Clone { get; }

        /// <summary>What scripts/publish-cli.sh said.</summary>
        internal ProcessResult Published { get; }

        /// <summary>The script's build folder (its --artifacts-path).</summary>
        public string Build { get; }

        /// <summary>The published executable.</summary>
        public string Path { get; }
    }
}
