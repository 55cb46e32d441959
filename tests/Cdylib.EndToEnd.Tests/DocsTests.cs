using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// README.md and docs/*.md stay true and whole: every shell block is run (<see cref="DocsCommandTests"/>)
/// or names what runs it or why nothing can; usage lines name only options the command has; every
/// relative link and anchor resolves; every diagnostic ID is documented with its title and message.
/// </summary>
public sealed class DocsTests
{
    public static TheoryData<string> Pages() => new(Docs.Pages());

    [Fact]
    public void The_README_is_short_and_its_Read_more_list_links_every_docs_page()
    {
        string[] readme = Docs.Lines("README.md");
        Assert.True(readme.Length <= 150, $"README.md has {readme.Length} lines; the details belong in docs/");
        string[] pages = Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(pages);
        Assert.Equal(pages, Docs.ReadMoreLinks().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_shell_block_runs_or_names_what_runs_it_or_why_not(string page)
    {
        IReadOnlyList<DocBlock> blocks = Docs.Blocks(page);
        for (int i = 0; i < blocks.Count; i++)
        {
            DocBlock block = blocks[i];
            string? marker = block.Marker;
            if (block.IsShell)
            {
                if (marker is null)
                {
                    continue;
                }
                if (marker.StartsWith("not run:", StringComparison.Ordinal))
                {
                    Assert.True(marker["not run:".Length..].Trim().Length > 10, $"{block}: say why the block is not run");
                }
                else if (marker.StartsWith("run by:", StringComparison.Ordinal))
                {
                    RunBy(block, marker["run by:".Length..].Trim());
                }
                else
                {
                    Assert.Fail($"{block}: a shell block is marked '{marker}': use no marker (it runs), 'not run: REASON' or 'run by: TEST CLASS or FILE'");
                }
            }
            else if (marker == "output")
            {
                Assert.True(i > 0 && blocks[i - 1].Runs, $"{block}: an output block follows the shell block whose output it shows, and that one must run");
            }
            else if (marker == "usage")
            {
                Assert.True(block.Lines.All(line => line.StartsWith("cdylib ", StringComparison.Ordinal)), $"{block}: every usage line starts with 'cdylib '");
            }
            else
            {
                Assert.True(marker is null || !(marker.StartsWith("run", StringComparison.Ordinal) || marker.StartsWith("not run", StringComparison.Ordinal)),
                    $"{block}: '{marker}' marks a {block.Language} block, which is no shell block: give it ```sh");
                Assert.True(marker is null || !Regex.IsMatch(marker, "^(output|usage)"), $"{block}: unknown marker '{marker}'");
            }
        }
    }

    /// <summary>A block another test runs: that test class exists, or the repository file contains each command as written.</summary>
    private static void RunBy(DocBlock block, string runner)
    {
        if (Regex.IsMatch(runner, @"^[A-Z]\w*$"))
        {
            Type? type = typeof(DocsTests).Assembly.GetTypes().SingleOrDefault(t => t.Name == runner);
            Assert.True(type is not null && type.GetMethods().Any(m => m.GetCustomAttributes(typeof(FactAttribute), true).Length > 0),
                $"{block}: no test class {runner} with tests");
            return;
        }
        string file = Path.Combine(Repo.Root, runner);
        Assert.True(File.Exists(file), $"{block}: {runner} is neither a test class nor a file of the repository");
        string[] script = File.ReadAllLines(file).Select(line => line.Trim()).ToArray();
        foreach (string command in block.Lines.Select(WithoutComment).Where(line => line.Length > 0))
        {
            Assert.True(script.Contains(command), $"{block}: {runner} does not run `{command}`");
        }
    }

    private static string WithoutComment(string line)
    {
        int comment = line.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Usage_lines_name_only_verbs_and_options_the_command_has(string page)
    {
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DocBlock block in Docs.Blocks(page).Where(block => block.Marker == "usage"))
        {
            foreach (string line in block.Lines.Select(WithoutComment))
            {
                string verb = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                if (!help.TryGetValue(verb, out string? text))
                {
                    ProcessResult result = Run.Cdylib(verb, "--help");
                    Assert.True(result.ExitCode == 0 && !result.Error.Contains("Unrecognized command", StringComparison.Ordinal), $"{block}: cdylib has no verb {verb}\n{result.Transcript}");
                    help[verb] = text = result.Output;
                }
                foreach (Match option in Regex.Matches(line, @"(?<![\w-])(--?[A-Za-z][\w-]*)"))
                {
                    Assert.True(Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(option.Value)}\b"), $"{block}: `cdylib {verb} --help` knows no {option.Value}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_and_anchor_resolves(string page)
    {
        string folder = Path.GetDirectoryName(Path.Combine(Repo.Root, page))!;
        foreach ((int line, string text) in Docs.Prose(page))
        {
            string withoutCode = Regex.Replace(text, "`[^`]*`", "");
            foreach (Match link in Regex.Matches(withoutCode, @"\]\(([^)\s]+)\)"))
            {
                string target = link.Groups[1].Value;
                if (Regex.IsMatch(target, "^[a-z]+:"))
                {
                    continue;   // https:, mailto:
                }
                string[] parts = target.Split('#', 2);
                string path = parts[0].Length == 0 ? Path.Combine(Repo.Root, page) : Path.GetFullPath(Path.Combine(folder, parts[0]));
                Assert.True(path.StartsWith(Repo.Root, StringComparison.Ordinal) && (File.Exists(path) || Directory.Exists(path)),
                    $"{page}:{line}: the link {target} points to nothing");
                if (parts.Length == 2)
                {
                    Assert.True(path.EndsWith(".md", StringComparison.Ordinal), $"{page}:{line}: {target}: anchors are checked in Markdown files only");
                    string targetPage = Path.GetRelativePath(Repo.Root, path).Replace('\\', '/');
                    Assert.True(Docs.Anchors(targetPage).Contains(parts[1]), $"{page}:{line}: {targetPage} has no heading #{parts[1]}");
                }
            }
        }
    }

    [Fact]
    public void Every_diagnostic_is_documented_with_its_title_and_message()
    {
        string docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md"));
        string descriptors = File.ReadAllText(Path.Combine(Repo.Root, "src", "Cdylib.Generator", "Diagnostics", "Descriptors.cs"));
        MatchCollection declared = Regex.Matches(descriptors, @"(?:Error|Info)\(\s*""(CDY\d{4})"",\s*""((?:[^""\\]|\\.)*)"",\s*""((?:[^""\\]|\\.)*)""\s*\)");
        Assert.True(declared.Count >= 20, $"found {declared.Count} descriptors in Descriptors.cs: has its form changed?");
        Assert.Equal(Regex.Matches(descriptors, @"""CDY\d{4}""").Count, declared.Count);
        var ids = new List<string>();
        foreach (Match descriptor in declared)
        {
            string id = descriptor.Groups[1].Value;
            string title = Regex.Unescape(descriptor.Groups[2].Value);
            string message = Regex.Unescape(descriptor.Groups[3].Value);
            ids.Add(id);
            int heading = docs.IndexOf($"\n### {id}\n", StringComparison.Ordinal);
            Assert.True(heading >= 0, $"docs/diagnostics.md has no heading ### {id}");
            int next = docs.IndexOf("\n### ", heading + 1, StringComparison.Ordinal);
            string section = docs[heading..(next < 0 ? docs.Length : next)];
            Assert.True(section.Contains(title, StringComparison.Ordinal), $"docs/diagnostics.md, {id}: no title \"{title}\"");
            Assert.True(section.Contains(message, StringComparison.Ordinal), $"docs/diagnostics.md, {id}: not the message\n{message}");
            Assert.True(section.Contains("\nInstead: ", StringComparison.Ordinal), $"docs/diagnostics.md, {id}: say what to use instead");
        }

        // The build's own diagnostics: the build task's and the MSBuild logic's.
        IEnumerable<string> buildSources = Directory.GetFiles(Path.Combine(Repo.Root, "src", "Cdylib.Build"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "build"), "*.targets"))
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "build"), "*.props"));
        foreach (string id in buildSources.SelectMany(file => Regex.Matches(File.ReadAllText(file), @"CDY1\d{3}").Select(m => m.Value)).Distinct())
        {
            ids.Add(id);
            Assert.True(docs.Contains($"\n### {id}\n", StringComparison.Ordinal), $"docs/diagnostics.md has no heading ### {id}");
        }

        // And nothing documented that does not exist.
        string[] documented = Regex.Matches(docs, @"\n### (CDY\d{4})\n").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }
}
