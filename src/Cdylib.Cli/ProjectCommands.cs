using System.CommandLine;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli;

/// <summary>The verbs that make and build libraries: <c>new</c> and <c>build</c>, after cargo's.</summary>
internal static class ProjectCommands
{
    public static Command New()
    {
        var name = new Argument<string>("NAME") { Description = "The library name: the folder, the project, libNAME.so / NAME.dll and NAME.h." };
        var path = new Option<string?>("--path") { Description = "Where to create the project folder (default: ./NAME)." };
        var command = new Command("new", "Create a C# class library that builds into a native C library.") { name, path };
        command.SetAction(result => NewProject.Run(result.GetValue(name)!, result.GetValue(path), Console.Out, Console.Error));
        return command;
    }

    public static Command Build()
    {
        var directory = new Argument<string?>("DIR") { Description = "The project folder or .csproj file (default: the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var release = new Option<bool>("--release") { Description = "Build the optimised release profile into target/release/ (default: target/debug/)." };
        var runtime = new Option<string[]>("--runtime", "-r")
        {
            Description = "A runtime identifier to build for (default: this machine's, e.g. linux-x64); repeat it for several. "
                + "Each goes to target/RID/PROFILE/; osx-x64 with osx-arm64 also gives a universal library in target/universal-apple-darwin/PROFILE/. "
                + "A RID of another operating system gets the files that need no linker (header, ABI file, Windows .def and import library) and exit code 4.",
            AllowMultipleArgumentsPerToken = false,
        };
        var properties = new Option<string[]>("--property", "-p")
        {
            Description = "An MSBuild property for dotnet publish, as dotnet takes it: -p:NAME=VALUE (or --property:NAME=VALUE, -p NAME=VALUE); "
                + "repeat it for several, e.g. -p:CdylibProfile=minimal.",
            HelpName = "NAME=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        properties.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=') <= 0)
                {
                    result.AddError($"-p needs NAME=VALUE (as in -p:CdylibProfile=minimal), not '{token.Value}'.");
                }
            }
        });
        var command = new Command("build", "Build the library with Native AOT and lay out the library, header, ABI file and dep-info in DIR/target/.") { directory, release, runtime, properties };
        command.SetAction(result => BuildProject.Run(
            result.GetValue(directory) ?? ".",
            result.GetValue(release),
            result.GetValue(runtime) ?? [],
            result.GetValue(properties) ?? [],
            Console.Out,
            Console.Error));
        return command;
    }
}
