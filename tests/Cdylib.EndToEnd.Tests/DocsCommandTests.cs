using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// Every shell block of README.md and docs/*.md that has no marker, run as written: in one bash session
/// (so a page goes on from where the README's worked example left off: its folder, its built library),
/// README.md first, then the pages in the order of its "Read more" list, with <c>set -eo pipefail</c>.
/// The session starts at the root of a fresh clone, as a user with nothing of ours installed but the
/// <c>cdylib</c> command on the PATH (the one built with these tests): HOME, the NuGet cache and the
/// temporary folder (<c>mktemp</c>) are the test's own. Each block marked <c>&lt;!-- output --&gt;</c>
/// must match what the shell block before it printed (stdout and stderr together).
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class DocsCommandTests
{
    [Fact]
    public void The_shell_blocks_run_as_written_and_print_what_the_docs_show()
    {
        var runs = new List<DocBlock>();
        var outputs = new List<(DocBlock Output, int Run)>();
        foreach (string page in Docs.Pages())
        {
            IReadOnlyList<DocBlock> blocks = Docs.Blocks(page);
            for (int i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Runs)
                {
                    runs.Add(blocks[i]);
                }
                else if (blocks[i].Marker == "output" && i > 0 && blocks[i - 1].Runs)
                {
                    outputs.Add((blocks[i], runs.Count - 1));
                }
            }
        }
        Assert.NotEmpty(runs);

        string workspace = Run.TemporaryDirectory("docs-commands");
        string clone = FreshClone.Create("docs-commands-clone");
        string home = Path.Combine(workspace, "home");
        UserHome.WriteNuGetConfig(home, UserHome.MachineNuGetCache());
        string bin = Path.Combine(workspace, "bin");
        string temporary = Path.Combine(workspace, "tmp");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(temporary);
        string command = Path.Combine(bin, "cdylib");
        File.WriteAllText(command, $"#!/bin/sh\nexec dotnet '{Repo.CdylibDll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var script = new StringBuilder("set -eo pipefail\nexec 2>&1\n");
        for (int i = 0; i < runs.Count; i++)
        {
            script.Append($"printf '\\n@@docs-begin {i}\\n'\n");
            foreach (string line in runs[i].Lines)
            {
                script.Append(line).Append('\n');
            }
            script.Append($"printf '\\n@@docs-end {i}\\n'\n");
        }
        string scriptFile = Path.Combine(workspace, "docs-commands.sh");
        File.WriteAllText(scriptFile, script.ToString());

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["TMPDIR"] = temporary,
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
        };
        ProcessResult result = ProcessRunner.Run("bash", [scriptFile], clone, environment, timeoutSeconds: 1800);
        string output = result.Output.Replace("\r\n", "\n");

        // The block that failed is the one that began and did not end.
        for (int i = 0; i < runs.Count; i++)
        {
            string? block = Between(output, i);
            Assert.True(block is not null, $"{runs[i]}: the block failed (exit code {result.ExitCode}):\n{string.Join('\n', runs[i].Lines)}\n--- its output\n{Tail(output, i)}\n--- the script: {scriptFile}");
        }
        Assert.True(result.ExitCode == 0, result.Transcript);

        foreach ((DocBlock expected, int run) in outputs)
        {
            string actual = Between(output, run)!;
            Assert.True(Docs.OutputPattern(expected.Lines).IsMatch(actual),
                $"{expected}: the output of {runs[run]} is not what the page shows (… stands for any text)\n--- the page\n{string.Join('\n', expected.Lines)}\n--- the commands printed\n{actual}");
        }
    }

    /// <summary>What block <paramref name="index"/> printed, or null when it did not finish.</summary>
    private static string? Between(string output, int index)
    {
        string begin = $"\n@@docs-begin {index}\n", end = $"\n@@docs-end {index}\n";
        int start = output.IndexOf(begin, StringComparison.Ordinal);
        int stop = output.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < 0)
        {
            return null;
        }
        string text = output[(start + begin.Length)..stop];
        return text.EndsWith('\n') ? text : text + "\n";
    }

    private static string Tail(string output, int index)
    {
        int start = output.IndexOf($"\n@@docs-begin {index}\n", StringComparison.Ordinal);
        return start < 0 ? output : output[start..];
    }
}
