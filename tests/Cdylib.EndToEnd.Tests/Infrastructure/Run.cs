using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>The result of a finished process.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Fails the test with everything the process said unless it exited with 0.</summary>
    public ProcessResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited with {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}");
        return this;
    }
}

/// <summary>Runs external programs (dotnet, gcc, nm, the built consumers) with a time limit.</summary>
internal static class Run
{
    public static ProcessResult Program(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }
        string command = file + " " + string.Join(" ", start.ArgumentList);
        using Process process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeoutSeconds} s");
        }
        return new ProcessResult(command, process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The cdylib command, started the way a user starts the built tool.</summary>
    public static ProcessResult Cdylib(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Program("dotnet", Prepend(Repo.CdylibDll, arguments), environment: environment);

    public static ProcessResult Cdylib(params string[] arguments) => Cdylib(null, arguments);

    /// <summary>Compiles and links a C or C++ consumer against a library in <paramref name="libraryDirectory"/>.</summary>
    public static string Consumer(string compiler, string standard, string source, string libraryDirectory, string library, string output)
    {
        Program(compiler, new[]
        {
            $"-std={standard}", "-Wall", "-Wextra", "-Werror", "-pedantic",
            "-I", libraryDirectory, source, "-L", libraryDirectory, "-l" + library, "-lm",
            "-Wl,-rpath," + libraryDirectory, "-o", output,
        }).Succeeded();
        return output;
    }

    private static IEnumerable<string> Prepend(string first, string[] rest)
    {
        yield return first;
        foreach (string item in rest)
        {
            yield return item;
        }
    }

    public static string TemporaryDirectory(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "cdylib-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
