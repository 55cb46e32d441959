using System;
using System.Collections.Generic;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Inspect;

/// <summary>
/// The everyday command lines of the inspecting verbs (<c>cdylib exports lib.so</c>, <c>imports
/// --demangle --format json a.dll b.dll</c>) read without System.CommandLine; anything else is left to it.
/// </summary>
/// <remarks>
/// Why: building and running System.CommandLine's parser (its tokenizer, validators and converters,
/// the invocation pipeline) was about 1.5 ms of the 13 ms it takes to list a DLL's exports, most of it
/// code that runs once per process. Only what reads the same in both is taken here: the verb first, then
/// files and the verb's options spelt exactly (<c>--format text|json</c>, <c>--arch NAME</c>,
/// <c>--release</c>, <c>--demangle</c>), each option once. Any other token (another spelling such as
/// <c>--format=json</c>, a value after a flag, <c>--</c>, an unknown option, a file whose name starts
/// with '-'), anything <see cref="CommandTree"/> sends to the whole tree (a help or version alias,
/// <c>/h</c> and <c>/?</c> included, a response file, a directive) and a line without files go to
/// System.CommandLine, so help, errors and every other form behave as they always have. <c>QuickInspectLineTests</c> checks
/// that both ways give the same output.
/// </remarks>
internal static class QuickInspectLine
{
    public static InspectRequest? TryParse(string[] args)
    {
        if (args.Length < 2 || Report(args[0]) is not InspectReport report || Array.Exists(args, CommandTree.MightAskForMore))
        {
            return null;
        }

        var files = new List<string>();
        string? format = null;
        string? architecture = null;
        bool release = false, demangle = false;
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case InspectCommands.FormatOption when format is null && i + 1 < args.Length && args[i + 1] is "text" or "json":
                    format = args[++i];
                    break;
                case InspectCommands.ArchitectureOption when architecture is null && i + 1 < args.Length && IsPlainValue(args[i + 1]):
                    architecture = args[++i];
                    break;
                case LibraryArgument.ReleaseOptionName when !release && !FollowedByValue(args, i):
                    release = true;
                    break;
                case InspectCommands.DemangleOption when !demangle && report is InspectReport.Exports or InspectReport.Imports && !FollowedByValue(args, i):
                    demangle = true;
                    break;
                default:
                    if (!IsPlainValue(arg))
                    {
                        return null;
                    }

                    files.Add(arg);
                    break;
            }
        }

        return files.Count == 0 ? null : new InspectRequest(
            report,
            files,
            format == "json" ? OutputFormat.Json : OutputFormat.Text,
            architecture,
            release,
            demangle ? NameStyle.Demangled : NameStyle.Stored);
    }

    private static InspectReport? Report(string verb) => verb switch
    {
        InspectCommands.ExportsVerb => InspectReport.Exports,
        InspectCommands.ImportsVerb => InspectReport.Imports,
        InspectCommands.DependenciesVerb => InspectReport.Dependencies,
        InspectCommands.HeadersVerb => InspectReport.Headers,
        _ => null,
    };

    /// <summary>A token that is nothing but a value: not empty, and no option (help, response files and directives are refused up front).</summary>
    private static bool IsPlainValue(string arg) => arg.Length > 0 && arg[0] != '-';

    /// <summary>A flag followed by what System.CommandLine could take as its value (<c>--demangle true</c>): left to it.</summary>
    private static bool FollowedByValue(string[] args, int flag) =>
        flag + 1 < args.Length && (bool.TryParse(args[flag + 1], out _) || args[flag + 1].Length == 0);
}
