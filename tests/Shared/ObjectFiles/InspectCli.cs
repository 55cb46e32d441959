using System.CommandLine;
using System.IO;
using Cdylib.Cli;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>Runs the verbs that read files (exports, imports, deps, headers, check, diff, bindings) in-process, run as the `cdylib` command runs them (CommandTree.Run), capturing what they write.</summary>
internal static class InspectCli
{
    /// <summary>
    /// The exit code, stdout and stderr of <c>cdylib ARGS</c> (exports, imports, deps, headers, check, diff or bindings); line
    /// endings are "\n" whatever the platform. <paramref name="output"/> replaces the captured stdout when
    /// a test needs another kind of writer.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(string[] args, TextWriter? output = null)
    {
        var captured = output ?? new StringWriter();
        var error = new StringWriter();
        int exitCode = CommandTree.Run(args, captured, error);
        return (exitCode, (captured as StringWriter)?.ToString().ReplaceLineEndings("\n") ?? "", error.ToString().ReplaceLineEndings("\n"));
    }
}
