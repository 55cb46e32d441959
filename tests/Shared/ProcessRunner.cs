using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Cdylib.Tests.Shared;

/// <summary>The result of a finished process.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Everything the process said, for a failure message.</summary>
    public string Transcript => $"$ {Command}\n(exit {ExitCode})\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the external programs the tests check against (gcc, readelf, nm, dotnet, built consumers):
/// output captured, untranslated (LC_ALL=C), and killed if it outlives its time limit.
/// Shared by every test project (linked in by tests/Directory.Build.props).
/// </summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        string command = file + " " + string.Join(" ", start.ArgumentList);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeoutSeconds} s");
        }
        return new ProcessResult(command, process.ExitCode, output.Result, error.Result);
    }
}
