using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The command block of docs/packages.md (the README's "Packages" section before), run exactly as written, line by line in one
/// shell, from the folder it says (the root of a fresh clone), by a user with nothing of ours installed:
/// HOME (and with it the global tools, the template store, the user's NuGet.Config and NuGet cache) is
/// a folder of the test's own. That user's NuGet.Config is the machine's, plus the machine's NuGet cache
/// as a read-only fallback so that the Native AOT packs are not downloaded again.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class ReadmePackagesTests
{
    private const string Page = "docs/packages.md";

    [Fact]
    public void The_README_s_package_commands_work_as_written_on_a_fresh_clone()
    {
        string[] commands = CommandBlock();
        Assert.Equal("scripts/pack.sh", commands[0]);

        string workspace = Run.TemporaryDirectory("readme-packages");
        string clone = FreshClone.Create("readme-packages-clone");
        string home = Path.Combine(workspace, "home");
        string machineCache = UserHome.MachineNuGetCache();
        UserHome.WriteNuGetConfig(home, machineCache);
        string machineTools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "cdylib");
        bool machineHadTool = File.Exists(machineTools);
        const string Version = "0.1.0-dev.0";   // no git history in the clone
        bool machineCacheHadPackage = Directory.Exists(Path.Combine(machineCache, "cdylib", Version));

        // Each line in its own group, so a failing command stops the run and is named (`a && b` included);
        // then where the commands ended (the folder `mktemp -d` made for the projects).
        string script = Path.Combine(workspace, "readme-packages.sh");
        string finalFolder = Path.Combine(workspace, "final-folder");
        File.WriteAllText(script, string.Concat(commands.Select((command, i) => $"{{\n{command}\n}} || {{ echo \"README command {i} failed\" >&2; exit 1; }}\n"))
            + $"pwd > '{finalFolder}'\n");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        ProcessResult result = ProcessRunner.Run("bash", [script], clone, environment, timeoutSeconds: 1800);
        string failed = result.Error.Split('\n').FirstOrDefault(line => line.StartsWith("README command ", StringComparison.Ordinal)) ?? "";
        Assert.True(result.ExitCode == 0, $"{Page}: {failed}: {(failed.Length > 0 ? commands[int.Parse(failed.Split(' ')[2])] : "")}\n{result.Transcript}");

        // scripts/pack.sh: the four packages, as a prerelease.
        string feed = Path.Combine(clone, "artifacts", "packages");
        foreach (string id in new[] { "Cdylib", "Cdylib.ObjectFile", "Cdylib.Tool", "Cdylib.Templates" })
        {
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{Version}.nupkg")), $"no {id}.{Version}.nupkg in {feed}");
        }

        // The global tool, the template and the NuGet source went to the user's home, which here is the test's.
        Assert.True(File.Exists(Path.Combine(home, ".dotnet", "tools", "cdylib")));
        Assert.True(File.Exists(Path.Combine(home, ".templateengine", "packages", $"Cdylib.Templates.{Version}.nupkg")));
        XElement source = XDocument.Load(Path.Combine(home, ".nuget", "NuGet", "NuGet.Config")).Descendants("add")
            .Single(add => add.Attribute("key")?.Value == "cdylib-local");
        Assert.Equal(feed, source.Attribute("value")?.Value);
        Assert.True(machineHadTool || !File.Exists(machineTools), "the README run installed the tool into the machine's own ~/.dotnet/tools");

        // Both libraries were built outside the repository (in the folder mktemp made) and export their function;
        // the Cdylib package came from the feed through the user's own NuGet cache, never the machine's.
        string madeIn = File.ReadAllText(finalFolder).Trim();
        Assert.False(madeIn.StartsWith(clone, StringComparison.Ordinal), $"the projects were made inside the repository, in {madeIn}");
        string projects = Path.Combine(workspace, "projects");
        Directory.Move(madeIn, projects);   // kept with the test's other files, not left in the machine's temporary folder
        foreach (string name in new[] { "mylib", "other" })
        {
            string library = Path.Combine(projects, name, "target", "debug", $"lib{name}.so");
            Assert.True(File.Exists(library), $"{library} was not built\n{result.Transcript}");
            Assert.Contains(BinaryFile.Open(library).Exports, export => export.Name == $"{name}_add");
            Assert.True(File.Exists(Path.Combine(projects, name, "target", "debug", $"{name}.h")));
        }
        Assert.True(File.Exists(Path.Combine(home, ".nuget", "packages", "cdylib", Version, $"cdylib.{Version}.nupkg")));
        Assert.True(machineCacheHadPackage || !Directory.Exists(Path.Combine(machineCache, "cdylib", Version)), $"{machineCache} got the Cdylib package");
    }

    /// <summary>The commands of the shell block docs/packages.md marks as run by this test, one per line.</summary>
    private static string[] CommandBlock()
    {
        DocBlock block = Assert.Single(Docs.Blocks(Page), block => block.IsShell && block.Marker == "run by: " + nameof(ReadmePackagesTests));
        return block.Lines.Where(line => line.Trim().Length > 0).ToArray();
    }
}
