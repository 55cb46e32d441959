using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Cdylib.Tests.Shared;

/// <summary>Finds the host's tools by name, also when Debian installs them versioned (clang-14).</summary>
internal static class Toolchain
{
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
        return newest ?? throw new InvalidOperationException($"{compiler} was not found on PATH (nor a versioned {compiler}-NN); the tests need gcc, g++, clang and binutils");
    }

}
