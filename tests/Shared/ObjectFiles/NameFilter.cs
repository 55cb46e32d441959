using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// Runs a demangling tool (c++filt, llvm-cxxfilt, llvm-undname) once over many names, one per line on
/// its standard input, as a user pipes <c>nm</c> into it. ProcessRunner passes arguments only, and
/// 45,000 names do not fit on a command line.
/// </summary>
internal static class NameFilter
{
    /// <summary>The tool's line for each name, in order (tools that print one line per name).</summary>
    public static string[] Run(string tool, IReadOnlyList<string> names, params string[] arguments)
    {
        string[] lines = Output(tool, names, arguments).TrimEnd('\n').Split('\n');
        if (lines.Length != names.Count)
        {
            throw new InvalidOperationException($"{tool} gave {lines.Length} lines for {names.Count} names");
        }
        return lines;
    }

    /// <summary>
    /// Everything the tool printed for <paramref name="names"/>, for tools with their own output shape.
    /// <paramref name="failsOnBadNames"/>: the tool exits 1 when some name was not demangled (llvm-undname), which is no error here.
    /// </summary>
    public static string Output(string tool, IEnumerable<string> names, string[]? arguments = null, bool failsOnBadNames = false)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments ?? [])
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
        if (process.ExitCode != 0 && !(failsOnBadNames && process.ExitCode == 1))
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
        }
        return output.Result;
    }
}
