using System.CommandLine;
using System.Linq;
using Cdylib.Cli;
using Cdylib.Tests.ObjectFiles;

namespace Cdylib.Cli.Tests;

/// <summary>
/// The start-up shortcut of <see cref="CommandTree"/>: a line that names a verb and asks for no help is
/// parsed against that verb alone; anything else, against the whole tree, so help, errors and suggestions
/// read as before.
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Every_verb_is_listed_under_the_name_its_command_has()
    {
        foreach (var (name, create) in CommandTree.Verbs)
        {
            Assert.Equal(name, create().Name);
        }
        Assert.Equal(CommandTree.Verbs.Select(verb => verb.Name), CommandTree.Root().Subcommands.Select(command => command.Name));
    }

    [Theory]
    [InlineData("exports", "lib.so")]
    [InlineData("imports", "lib.so", "--demangle", "--format", "json")]
    [InlineData("diff", "old.so", "new.so", "--allow", "compatible")]
    [InlineData("exports", "--", "lib.so")]
    public void A_line_that_names_a_verb_is_parsed_against_that_verb_alone(params string[] args)
    {
        ParseResult? quick = CommandTree.ParseWithoutHelp(args);
        Assert.NotNull(quick);
        ParseResult whole = CommandTree.Root().Parse(args);
        Assert.Equal(whole.CommandResult.Command.Name, quick.CommandResult.Command.Name);
        Assert.Equal(whole.Tokens.Select(token => (token.Value, token.Type)), quick.Tokens.Select(token => (token.Value, token.Type)));
        Assert.Empty(whole.Errors);
    }

    [Theory]
    [InlineData]
    [InlineData("--version")]
    [InlineData("exports", "--help")]
    [InlineData("exports", "lib.so", "-h")]
    [InlineData("exports", "-?")]
    [InlineData("@args.rsp")]
    [InlineData("[suggest]", "exp")]
    [InlineData("exports")]
    [InlineData("exprots", "lib.so")]
    [InlineData("exports", "lib.so", "--no-such-option")]
    public void Help_version_response_files_directives_and_errors_go_to_the_whole_tree(params string[] args) =>
        Assert.Null(CommandTree.ParseWithoutHelp(args));

    [Fact]
    public void A_misspelt_option_still_gets_its_error_and_the_verbs_help()
    {
        var (exitCode, output, error) = InspectCli.Run(["exports", "lib.so", "--demangel"]);
        Assert.Equal(1, exitCode);
        Assert.Contains("Unrecognized option '--demangel'", error);
        // The help comes from the whole tree's help option, which the shortcut's tree does not have.
        Assert.Contains("Usage:\n  ", output);
        Assert.Contains(" exports <FILE>... [options]", output);
        Assert.Contains("-?, -h, --help", output);
    }
}
