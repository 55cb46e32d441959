using System.CommandLine;
using System.IO;
using Cdylib.Cli.Bindings;
using Cdylib.Cli.Checks;
using Cdylib.Cli.Inspect;
using Cdylib.Cli.Packaging;

namespace Cdylib.Cli;

/// <summary>The command tree: every verb under the <c>cdylib</c> root.</summary>
internal static class CommandTree
{
    private const string Description = "cdylib: turn a C# class library into a native C library, and inspect native libraries.";

    /// <summary>Each verb's name (the first argument that picks it) and what makes its command.</summary>
    internal static readonly (string Name, Func<Command> Create)[] Verbs =
    [
        ("new", ProjectCommands.New),
        ("build", ProjectCommands.Build),
        (InspectCommands.ExportsVerb, InspectCommands.Exports),
        (InspectCommands.ImportsVerb, InspectCommands.Imports),
        (InspectCommands.DependenciesVerb, InspectCommands.Dependencies),
        (InspectCommands.HeadersVerb, InspectCommands.Headers),
        ("check", CheckCommands.Check),
        ("diff", CheckCommands.Diff),
        ("bindings", BindingsCommand.Create),
        ("package", PackageCommand.Create),
    ];

    /// <summary>
    /// Runs the command line as <c>cdylib</c> does: an everyday inspecting line (<see cref="QuickInspectLine"/>)
    /// straight away, any other through System.CommandLine (<see cref="Parse"/>).
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        QuickInspectLine.TryParse(args) is { } request
            ? InspectRunner.Run(request, output, error)
            : Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });

    /// <summary>The command line parsed as <c>cdylib</c> parses it: by the smallest tree that gives the same result.</summary>
    public static ParseResult Parse(string[] args) => ParseWithoutHelp(args) ?? Root().Parse(args);

    /// <summary>The whole tree, with System.CommandLine's help and version options and directives.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand(Description);
        foreach (var (_, create) in Verbs)
        {
            root.Subcommands.Add(create());
        }
        return root;
    }

    /// <summary>
    /// The parse of a command line that names a verb and asks for no help, against a root that holds only
    /// that verb and no help or version option; null for anything else, which <see cref="Root"/> then parses.
    /// </summary>
    /// <remarks>
    /// Why: a process that lists one file's exports lives about 14 ms, and making the whole tree was
    /// about 2 ms of it: the help and version options' constructors read their descriptions through
    /// System.CommandLine's <c>ResourceManager</c> (reflection on its assembly, its resource stream), and
    /// the other nine verbs' options were made for nothing. A line that might need more (a help or version
    /// alias anywhere, since help applies to every verb; a response file; a directive), names no verb, or
    /// does not parse goes to the whole tree, so what is shown (help, errors, suggestions) is the same.
    /// </remarks>
    public static ParseResult? ParseWithoutHelp(string[] args)
    {
        if (args.Length == 0 || args.Any(MightAskForMore) || Array.Find(Verbs, verb => verb.Name == args[0]).Create is not { } create)
        {
            return null;
        }

        var root = new Command("cdylib", Description) { create() };
        ParseResult parsed = root.Parse(args);
        return parsed.Errors.Count == 0 && parsed.CommandResult.Command != root ? parsed : null;
    }

    /// <summary>Help and version aliases (RootCommand's), a response file (<c>@FILE</c>), a directive (<c>[suggest]</c>).</summary>
    internal static bool MightAskForMore(string arg) =>
        arg is "-h" or "/h" or "--help" or "-?" or "/?" or "--version" || arg.StartsWith('@') || arg.StartsWith('[');
}
