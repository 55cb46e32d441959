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
/// The command block of the README's "Packages" section, run exactly as written, line by line in one
/// shell, from the folder it says (the root of a fresh clone), by a user with nothing of ours installed:
/// HOME (and with it the global tools, the template store, the user's NuGet.Config and NuGet cache) is
/// a folder of the test's own. That user's NuGet.Config is the machine's, plus the machine's NuGet cache
/// as a read-only fallback so that the Native AOT packs are not downloaded again.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class ReadmePackagesTests
{
    [Fact]
    public void The_README_s_package_commands_work_as_written_on_a_fresh_clone()
    {
        string[] commands = CommandBlock("## Packages");
        Assert.Equal("scripts/pack.sh", commands[0]);

        string workspace = Run.TemporaryDirectory("readme-packages");
        string clone = FreshClone.Create("readme-packages-clone");
        string home = Path.Combine(workspace, "home");
        string machineCache = MachineNuGetCache();
        WriteUserNuGetConfig(home, machineCache);
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
        Assert.True(result.ExitCode == 0, $"{failed}: {(failed.Length > 0 ? commands[int.Parse(failed.Split(' ')[2])] : "")}\n{result.Transcript}");

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

    /// <summary>The commands of the first <c>```sh</c> block under <paramref name="heading"/> in README.md, one per line.</summary>
    private static string[] CommandBlock(string heading)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        int start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"README.md has no {heading}");
        int open = Array.FindIndex(lines, start, line => line == "```sh");
        int close = Array.FindIndex(lines, open + 1, line => line == "```");
        Assert.True(open > start && close > open, $"no ```sh block under {heading}");
        return lines[(open + 1)..close].Where(line => line.Trim().Length > 0).ToArray();
    }

    private static string MachineNuGetCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// The user's NuGet.Config in the test's home: the machine user's package sources (nuget.org when
    /// there is no such file) and the machine's NuGet cache as a fallback folder.
    /// </summary>
    private static void WriteUserNuGetConfig(string home, string machineCache)
    {
        string machineConfig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        XDocument config = File.Exists(machineConfig)
            ? XDocument.Load(machineConfig)
            : XDocument.Parse("""
                <configuration>
                  <packageSources>
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                </configuration>
                """);
        XElement fallbacks = config.Root!.Element("fallbackPackageFolders") ?? new XElement("fallbackPackageFolders");
        if (fallbacks.Parent is null)
        {
            config.Root.Add(fallbacks);
        }
        fallbacks.Add(new XElement("add", new XAttribute("key", "machine-cache"), new XAttribute("value", machineCache)));
        string path = Path.Combine(home, ".nuget", "NuGet", "NuGet.Config");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        config.Save(path);
    }
}
