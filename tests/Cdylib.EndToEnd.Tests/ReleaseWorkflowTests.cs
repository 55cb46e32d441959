using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// This repository's release workflow (.github/workflows/release.yml) builds the cdylib command on the
/// same runners the workflow <c>cdylib new</c> writes for users, with the scripts the tests run here:
/// scripts/publish-cli.sh (<see cref="NativeCliTests"/>) and scripts/pack.sh (<see cref="PackagingTests"/>).
/// </summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly string Workflow = Path.Combine(Repo.Root, ".github", "workflows", "release.yml");
    private static readonly string UsersWorkflow = Path.Combine(Repo.Root, "templates", "content", "cdylib", ".github", "workflows", "release.yml");

    [Fact]
    public void It_builds_the_command_on_the_runners_users_get_and_packs_once()
    {
        using JsonDocument ours = Workflows.Parse(Workflow);
        using JsonDocument users = Workflows.Parse(UsersWorkflow);
        JsonElement command = ours.RootElement.GetProperty("jobs").GetProperty("command");
        Assert.Equal(Workflows.Runners(users.RootElement.GetProperty("jobs").GetProperty("build")), Workflows.Runners(command));
        Assert.Equal("command", ours.RootElement.GetProperty("jobs").GetProperty("packages").GetProperty("needs").GetString());
    }

    [Fact]
    public void Every_script_it_runs_is_in_the_repository_and_takes_the_options_given()
    {
        using JsonDocument ours = Workflows.Parse(Workflow);
        string[] runs = ours.RootElement.GetProperty("jobs").EnumerateObject()
            .SelectMany(job => job.Value.GetProperty("steps").EnumerateArray())
            .Where(step => step.TryGetProperty("run", out _))
            .Select(step => step.GetProperty("run").GetString()!)
            .ToArray();
        Match[] scripts = runs.SelectMany(run => Regex.Matches(run, @"scripts/([\w.-]+\.sh)((?: --[\w-]+ \S+)*)")).ToArray();
        Assert.Contains(scripts, script => script.Groups[1].Value == "publish-cli.sh");
        Assert.Contains(scripts, script => script.Groups[1].Value == "pack.sh");
        foreach (Match script in scripts)
        {
            string text = File.ReadAllText(Path.Combine(Repo.Root, "scripts", script.Groups[1].Value));
            foreach (Match option in Regex.Matches(script.Groups[2].Value, @"--[\w-]+"))
            {
                Assert.True(text.Contains(option.Value + ")", System.StringComparison.Ordinal) || text.Contains(option.Value + "|", System.StringComparison.Ordinal),
                    $"scripts/{script.Groups[1].Value} takes no {option.Value}");
            }
        }
    }
}
