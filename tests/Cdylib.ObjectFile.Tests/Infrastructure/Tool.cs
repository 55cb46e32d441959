using System;
using System.Diagnostics;

namespace Cdylib.ObjectFile.Tests.Infrastructure;

/// <summary>Runs a command-line tool (gcc, readelf, nm) and returns its standard output, failing loudly.</summary>
internal static class Tool
{
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Untranslated tool output, so the parsers see the words they expect.
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var errorTask = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string error = errorTask.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
        }

        return output;
    }
}
