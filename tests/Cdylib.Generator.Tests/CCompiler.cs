using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.Generator.Tests;

/// <summary>The host's C and C++ compilers (gcc, g++, clang, clang++; clang may be installed as clang-NN).</summary>
internal static class CCompiler
{
    public const string Gcc = "gcc";
    public const string Gxx = "g++";
    public const string Clang = "clang";
    public const string Clangxx = "clang++";

    public static bool IsCxx(string compiler) => compiler is Gxx or Clangxx;

    /// <summary>The executable for <paramref name="compiler"/> (see <see cref="Toolchain.Find"/>).</summary>
    public static string Find(string compiler) => Toolchain.Find(compiler);

    /// <summary>Compiles <paramref name="source"/> (a file in <paramref name="directory"/>) to an object file; returns the exit code and the diagnostics.</summary>
    public static (int ExitCode, string Output) Compile(string compiler, string directory, string source, IEnumerable<string> flags)
    {
        ProcessResult result = ProcessRunner.Run(Find(compiler), flags.Concat(new[] { "-I", directory, source }), directory, timeoutSeconds: 60);
        return (result.ExitCode, $"$ {result.Command}\n{result.Output}{result.Error}");
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
