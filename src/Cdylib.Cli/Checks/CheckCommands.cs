using System.CommandLine;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Checks;

/// <summary>The verbs that hold a library to its declared interface: <c>check</c> and <c>diff</c>.</summary>
public static class CheckCommands
{
    /// <summary><c>cdylib check LIB [--abi FILE | --header FILE] [--format text|json]</c></summary>
    public static Command Check()
    {
        var library = new Argument<string>("LIB") { Description = "The native library to check (libNAME.so, NAME.dll, libNAME.dylib). " + LibraryArgument.FolderForm };
        var abi = new Option<string?>("--abi") { Description = "The ABI file it must match (default: NAME.abi.json beside the library)." };
        var header = new Option<string?>("--header") { Description = "Check against the functions a generated header declares instead." };
        var format = Format();
        var release = LibraryArgument.ReleaseOption();
        var command = new Command("check",
            "Check that a library exports exactly what its ABI file (or header) declares: every declared function, nothing else " +
            "but the runtime's documented symbols. Exit code 0 when it matches, 3 when it does not, 1 for bad usage, 2 when a file is unreadable.")
        {
            library, abi, header, format, release,
        };
        command.SetAction(result => LibraryCheck.Run(
            result.GetValue(library)!,
            result.GetValue(release),
            result.GetValue(abi),
            result.GetValue(header),
            result.GetValue(format) == "json",
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary><c>cdylib diff OLD NEW [--format text|json] [--allow compatible]</c></summary>
    public static Command Diff()
    {
        var before = new Argument<string>("OLD") { Description = "The earlier version: an ABI file (NAME.abi.json), a library or a project folder." };
        var after = new Argument<string>("NEW") { Description = "The later version: an ABI file, a library or a project folder. " + LibraryArgument.FolderForm };
        var format = Format();
        var release = LibraryArgument.ReleaseOption();
        var allow = new Option<string[]>("--allow")
        {
            Description = $"Exit 0 for these changes too: 'compatible' (only additions), so a CI job fails on breaking changes alone.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        allow.AcceptOnlyFromAmong(InterfaceDiff.Allowable);
        var command = new Command("diff",
            "Compare two versions of a library's interface: added, removed and changed functions and types, each compatible, breaking " +
            "or cosmetic (docs, parameter names), and the version bump that implies; warns when breaking changes keep the ABI version. " +
            "Libraries without their ABI file, any ELF, PE or Mach-O library, are compared as binaries: exports, symbol versions, " +
            "needed libraries, SONAME or install name, platform floor, machine. " +
            $"Exit code 0 when the interfaces are the same to a caller (no changes, or cosmetic ones), {InterfaceDiff.Compatible} for compatible " +
            $"changes only (0 with --allow compatible), {InterfaceDiff.Breaking} for breaking changes, 1 for bad usage, 2 when a file is missing or unreadable.")
        {
            before, after, format, release, allow,
        };
        command.SetAction(result => InterfaceDiff.Run(
            result.GetValue(before)!,
            result.GetValue(after)!,
            result.GetValue(release),
            result.GetValue(allow)?.Contains("compatible") == true,
            result.GetValue(format) == "json",
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format")
        {
            Description = "Output format: text or json (schema 1).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }
}
