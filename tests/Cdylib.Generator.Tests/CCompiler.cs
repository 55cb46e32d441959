using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdylib.Generator.Tests;

/// <summary>The host's C and C++ compilers (gcc, g++, clang, clang++; clang may be installed as clang-NN).</summary>
internal static class CCompiler
{
    public const string Gcc = "gcc";
    public const string Gxx = "g++";
    public const string Clang = "clang";
    public const string Clangxx = "clang++";

    public static bool IsCxx(string compiler) => compiler is Gxx or Clangxx;

    /// <summary>The executable for <paramref name="compiler"/>: the plain name on PATH, else the newest versioned one.</summary>
    public static string Find(string compiler)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, compiler);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var versioned = new Regex("^" + Regex.Escape(compiler) + "-([0-9]+)$");
        string? newest = directories
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, compiler + "-*"))
            .Select(path => (Path: path, Match: versioned.Match(Path.GetFileName(path))))
            .Where(found => found.Match.Success)
            .OrderByDescending(found => int.Parse(found.Match.Groups[1].Value))
            .Select(found => found.Path)
            .FirstOrDefault();
        return newest ?? throw new InvalidOperationException($"{compiler} was not found on PATH; the header tests need gcc, g++ and clang (clang++)");
    }

    /// <summary>Compiles <paramref name="source"/> (a file in <paramref name="directory"/>) to an object file; returns the exit code and the diagnostics.</summary>
    public static (int ExitCode, string Output) Compile(string compiler, string directory, string source, IEnumerable<string> flags)
    {
        var start = new ProcessStartInfo(Find(compiler))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string flag in flags)
        {
            start.ArgumentList.Add(flag);
        }
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(source);
        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{compiler} did not finish within a minute");
        }
        return (process.ExitCode, $"$ {compiler} {string.Join(" ", start.ArgumentList)}\n{stdout.Result}{stderr}");
    }
}

/// <summary>A scratch directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdylib-generator-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
