using System.CommandLine;
using System.IO;
using Cdylib.Cli.Inspect;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <see cref="QuickInspectLine"/>: the everyday inspecting lines it reads itself give what System.CommandLine's
/// reading gives (output, errors, exit code), and every other line is left to System.CommandLine.
/// </summary>
public sealed class QuickInspectLineTests
{
    private const string LibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    public static TheoryData<string[]> QuickLines()
    {
        string library = Fixtures.Library, executable = Fixtures.Executable;
        return new TheoryData<string[]>
        {
            new[] { "exports", library },
            new[] { "exports", library, executable },
            new[] { "imports", executable, "--format", "json" },
            new[] { "exports", "--format", "json", library },
            new[] { "deps", library },
            new[] { "headers", "--format", "text", executable },
            new[] { "exports", "--demangle", LibStdCxx },
            new[] { "imports", LibStdCxx, "--demangle", "--format", "json" },
            new[] { "exports", "--arch", "x86_64", library },
            new[] { "exports", "--release", library },
            new[] { "exports", Path.Combine(Fixtures.Directory, "no-such-file.so"), library },
            new[] { "exports", Fixtures.Directory },
        };
    }

    [Theory]
    [MemberData(nameof(QuickLines))]
    public void A_line_read_here_gives_what_System_CommandLine_gives(string[] args)
    {
        Assert.NotNull(QuickInspectLine.TryParse(args));

        var (quickOutput, quickError) = (new StringWriter(), new StringWriter());
        int quickExit = CommandTree.Run(args, quickOutput, quickError);
        var (output, error) = (new StringWriter(), new StringWriter());
        int exit = CommandTree.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(exit, quickExit);
        Assert.Equal(output.ToString(), quickOutput.ToString());
        Assert.Equal(error.ToString(), quickError.ToString());
    }

    [Fact]
    public void The_request_holds_what_the_line_says()
    {
        var request = QuickInspectLine.TryParse(["imports", "a.so", "--demangle", "--format", "json", "b.dll", "--arch", "arm64", "--release"]);
        Assert.NotNull(request);
        Assert.Equal(InspectReport.Imports, request.Report);
        Assert.Equal(["a.so", "b.dll"], request.Files);
        Assert.Equal(OutputFormat.Json, request.Format);
        Assert.Equal("arm64", request.Architecture);
        Assert.True(request.Release);
        Assert.Same(NameStyle.Demangled, request.Names);
        Assert.Null(request.Tree);

        var plain = QuickInspectLine.TryParse(["headers", "lib.so"]);
        Assert.Equal(new InspectRequest(InspectReport.Headers, plain!.Files, OutputFormat.Text, null, false, NameStyle.Stored), plain);
    }

    [Theory]
    [InlineData("exports")]
    [InlineData("exports", "--help")]
    [InlineData("exports", "lib.so", "-h")]
    [InlineData("exports", "/h")]
    [InlineData("exports", "lib.so", "/?")]
    [InlineData("exports", "--version")]
    [InlineData("exports", "--format=json", "lib.so")]
    [InlineData("exports", "--format:json", "lib.so")]
    [InlineData("exports", "--format", "JSON", "lib.so")]
    [InlineData("exports", "--format", "json", "--format", "text", "lib.so")]
    [InlineData("exports", "--format", "lib.so")]
    [InlineData("exports", "lib.so", "--arch")]
    [InlineData("exports", "--arch", "--demangle", "lib.so")]
    [InlineData("exports", "--demangle", "true", "lib.so")]
    [InlineData("exports", "--demangle", "False", "lib.so")]
    [InlineData("exports", "--demangle", "--demangle", "lib.so")]
    [InlineData("headers", "--demangle", "lib.so")]
    [InlineData("deps", "--demangle", "lib.so")]
    [InlineData("deps", "--tree", "lib.so")]
    [InlineData("exports", "--", "lib.so")]
    [InlineData("exports", "-lib.so")]
    [InlineData("exports", "lib.so", "--bogus")]
    [InlineData("exports", "@args.rsp")]
    [InlineData("exports", "[suggest]", "lib.so")]
    [InlineData("exports", "")]
    [InlineData("check", "lib.so")]
    [InlineData("diff", "a.so", "b.so")]
    [InlineData("Exports", "lib.so")]
    public void Any_other_line_is_left_to_System_CommandLine(params string[] args)
    {
        Assert.Null(QuickInspectLine.TryParse(args));
    }

    [Fact]
    public void A_file_named_like_a_verb_or_a_format_is_a_file()
    {
        Assert.Equal(["exports", "json"], QuickInspectLine.TryParse(["exports", "exports", "json"])!.Files);
    }
}
