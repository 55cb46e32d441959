using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The `cdylib` command published as one Native AOT executable by scripts/publish-cli.sh: it needs no
/// .NET runtime and says, byte for byte, what the .NET tool says.
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

    /// <summary>Runs scripts/publish-cli.sh once for the class, into a temporary folder.</summary>
    public sealed class PublishedCommand
    {
        public PublishedCommand()
        {
            string output = Run.TemporaryDirectory("native-cli");
            var result = Run.Program(System.IO.Path.Combine(Repo.Root, "scripts", "publish-cli.sh"), ["--output", output]).Succeeded();
            Path = System.IO.Path.Combine(output, "cdylib");
            Assert.True(File.Exists(Path), result.Transcript);
        }

        /// <summary>The published executable.</summary>
        public string Path { get; }
    }
}
