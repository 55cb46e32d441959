using System;
using Cdylib.Tests.Shared;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>Runs a command-line tool (gcc, readelf, nm) and returns its standard output, failing loudly.</summary>
internal static class Tool
{
    public static string Run(string program, params string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{result.Command} exited with {result.ExitCode}: {result.Error}");
        }

        return result.Output;
    }
}
