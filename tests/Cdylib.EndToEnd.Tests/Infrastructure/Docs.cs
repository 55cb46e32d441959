using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fenced block of README.md or docs/*.md: where it opens, its language, its lines, and the marker
/// — an HTML comment on the last non-blank line before it — that says what the tests do with it:
/// <list type="bullet">
/// <item><c>&lt;!-- not run: REASON --&gt;</c>: a shell block no test runs, and why;</item>
/// <item><c>&lt;!-- run by: NAME --&gt;</c>: a shell block run by the test class NAME, or by the repository's file NAME;</item>
/// <item><c>&lt;!-- output --&gt;</c>: what the shell block just before prints (<c>…</c> stands for any text, and a line of just <c>…</c> for any lines);</item>
/// <item><c>&lt;!-- usage --&gt;</c>: synopsis lines whose options <c>cdylib VERB --help</c> must know;</item>
/// <item>none: a shell block runs as written (<see cref="IsShell"/>), any other block is left alone.</item>
/// </list>
/// </summary>
internal sealed record DocBlock(string Page, int Line, string Language, IReadOnlyList<string> Lines, string? Marker)
{
    public static readonly string[] ShellLanguages = ["sh", "bash", "shell", "console", "zsh"];

    public bool IsShell => ShellLanguages.Contains(Language);

    /// <summary>A shell block with no marker: the docs tests run it.</summary>
    public bool Runs => IsShell && Marker is null;

    public string Where => $"{Page}:{Line}";

    public override string ToString() => Where;
}

/// <summary>The pages of the documentation and what is in them.</summary>
internal static class Docs
{
    private static readonly Regex MarkerLine = new(@"^<!--\s*(.*?)\s*-->$", RegexOptions.Compiled);

    /// <summary>README.md, then the docs/ pages in the order of the README's "Read more" list (the order the commands run in), then any page it does not list.</summary>
    public static IReadOnlyList<string> Pages()
    {
        var pages = new List<string> { "README.md" };
        pages.AddRange(ReadMoreLinks());
        pages.AddRange(Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md")
            .Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal).Where(page => !pages.Contains(page)).ToList());
        return pages;
    }

    /// <summary>The docs/ pages the README's "## Read more" section links, in its order.</summary>
    public static IReadOnlyList<string> ReadMoreLinks()
    {
        string[] lines = Lines("README.md");
        int start = Array.IndexOf(lines, "## Read more");
        if (start < 0)
        {
            return [];
        }
        int end = Array.FindIndex(lines, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        return lines[(start + 1)..(end < 0 ? lines.Length : end)]
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .Select(line => Regex.Match(line, @"\]\((docs/[^)#]+\.md)\)"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct()
            .ToList();
    }

    public static string[] Lines(string page) => File.ReadAllLines(Path.Combine(Repo.Root, page));

    public static IReadOnlyList<DocBlock> Blocks(string page)
    {
        string[] lines = Lines(page);
        var blocks = new List<DocBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Regex.Match(lines[i], @"^```(\S*)\s*$");
            if (!open.Success)
            {
                continue;
            }
            int close = Array.FindIndex(lines, i + 1, line => line.TrimEnd() == "```");
            Assert.True(close > i, $"{page}:{i + 1}: the block is never closed");
            int before = i - 1;
            while (before >= 0 && lines[before].Trim().Length == 0)
            {
                before--;
            }
            Match marker = before >= 0 ? MarkerLine.Match(lines[before].Trim()) : Match.Empty;
            blocks.Add(new DocBlock(page, i + 1, open.Groups[1].Value, lines[(i + 1)..close], marker.Success ? marker.Groups[1].Value : null));
            i = close;
        }
        return blocks;
    }

    /// <summary>The lines of <paramref name="page"/> outside fenced blocks, with their line numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Prose(string page)
    {
        bool inBlock = false;
        string[] lines = Lines(page);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock)
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    /// <summary>The anchors GitHub gives the headings of <paramref name="page"/>.</summary>
    public static ISet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((_, string text) in Prose(page))
        {
            Match heading = Regex.Match(text, @"^#{1,6}\s+(.*?)\s*#*$");
            if (!heading.Success)
            {
                continue;
            }
            var slug = new StringBuilder();
            foreach (char c in heading.Groups[1].Value.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }
            string anchor = slug.ToString();
            int count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }
        return anchors;
    }

    /// <summary>
    /// A regular expression for the text an output block shows: each line as written, where <c>…</c> stands
    /// for any text on the line and a line of just <c>…</c> for any number of lines; trailing spaces do not count.
    /// </summary>
    public static Regex OutputPattern(IEnumerable<string> expected)
    {
        var pattern = new StringBuilder("(?m)^");
        foreach (string line in expected)
        {
            string text = line.TrimEnd();
            if (text.Trim() == "…")
            {
                pattern.Append(@"(?:[^\n]*\n)*?");
                continue;
            }
            pattern.Append(string.Join(@"[^\n]*", text.Split('…').Select(Regex.Escape)));
            pattern.Append(@"[ \t]*\n");
        }
        return new Regex(pattern.ToString(), RegexOptions.None, TimeSpan.FromSeconds(10));
    }
}
