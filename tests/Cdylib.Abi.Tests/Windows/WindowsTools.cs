using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Cdylib.Tests.Shared;

namespace Cdylib.Abi.Tests.Windows;

/// <summary>
/// The tools the Windows tests check our artifacts with: LLVM's (llvm-dlltool, llvm-readobj, llvm-nm,
/// lld), mingw-w64 and wine. A missing tool fails the test with what to install, never skips it.
/// </summary>
internal static class WindowsTools
{
    private const string Install = ".ci/run installs it (apt-get install --no-install-recommends llvm-19 lld-19 mingw-w64 wine wine64 wine32:i386)";

    /// <summary>The tool as <see cref="Toolchain.Find"/> finds it (the plain name first).</summary>
    public static string Find(string tool)
    {
        try
        {
            return Toolchain.Find(tool);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"{tool} was not found on PATH; {Install}");
        }
    }

    /// <summary>Every installed version of an LLVM tool (plain name and -NN), distinct by target file, newest last.</summary>
    public static IReadOnlyList<string> AllVersions(string tool)
    {
        var versioned = new Regex("^" + Regex.Escape(tool) + "(-([0-9]+))?$");
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, tool + "*"))
            .Select(path => (Path: path, Match: versioned.Match(System.IO.Path.GetFileName(path))))
            .Where(candidate => candidate.Match.Success)
            .GroupBy(candidate => Resolve(candidate.Path))
            .Select(group => group.OrderByDescending(c => c.Match.Groups[2].Success).First())
            .OrderBy(candidate => candidate.Match.Groups[2].Success ? int.Parse(candidate.Match.Groups[2].Value) : 0)
            .Select(candidate => candidate.Path)
            .ToList();
        return found.Count > 0 ? found : throw new InvalidOperationException($"{tool} was not found on PATH; {Install}");
    }

    /// <summary>The newest installed version of an LLVM tool.</summary>
    public static string Newest(string tool) => AllVersions(tool)[^1];

    /// <summary>The LLVM major version of a tool: its -NN suffix, or the llvm-NN folder it resolves into (llvm-dlltool has no --version).</summary>
    public static int LlvmVersion(string tool)
    {
        var match = Regex.Match(Path.GetFileName(tool), @"-(\d+)$");
        if (!match.Success)
        {
            match = Regex.Match(Resolve(tool), @"/llvm-(\d+)/");
        }
        return match.Success ? int.Parse(match.Groups[1].Value) : throw new InvalidOperationException($"cannot tell the LLVM version of {tool}");
    }

    /// <summary>Runs a tool and returns its standard output; a non-zero exit fails with its whole transcript.</summary>
    public static string Run(string tool, params string[] arguments) => Run(tool, arguments, null);

    public static string Run(string tool, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessResult result = ProcessRunner.Run(tool, arguments, workingDirectory, environment, timeoutSeconds: 300);
        Assert.True(result.ExitCode == 0, result.Transcript);
        return result.Output;
    }

    /// <summary>A fresh folder under the test output for one test's files.</summary>
    public static string WorkDirectory(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "windows-artifacts", name);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string Resolve(string path)
    {
        var info = new FileInfo(path);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
