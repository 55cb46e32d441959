using System.CommandLine;
using Cdylib.Cli;
using Cdylib.Cli.Bindings;
using Cdylib.Cli.Checks;
using Cdylib.Cli.Inspect;

var root = new RootCommand("cdylib: turn a C# class library into a native C library, and inspect native libraries.")
{
    ProjectCommands.New(),
    ProjectCommands.Build(),
    InspectCommands.Exports(),
    InspectCommands.Imports(),
    CheckCommands.Check(),
    CheckCommands.Diff(),
    BindingsCommand.Create(),
};
return root.Parse(args).Invoke();
