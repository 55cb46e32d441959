using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Cdylib.ObjectFile.Tests.Demangling;

/// <summary>
/// Runs a c++filt-style tool once over many names (one per line on standard input, one answer per
/// line on standard output), as a user pipes <c>nm</c> into it. ProcessRunner passes arguments only,
/// and 45,000 names do not fit on a command line.
/// </summary>
internal static class CxxfiltBatch
{
    /// <summary>The tool's line for each name, in order.</summary>
    public static string[] Run(string tool, IReadOnlyList<string> names, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using (var input = process.StandardInput)
        {
            input.NewLine = "\n";
            foreach (string name in names)
            {
                input.WriteLine(name);
            }
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within 120 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
        }
        string[] lines = output.Result.TrimEnd('\n').Split('\n');
        if (lines.Length != names.Count)
        {
            throw new InvalidOperationException($"{tool} gave {lines.Length} lines for {names.Count} names");
        }
        return lines;
    }
}
