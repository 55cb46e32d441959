using System;
using System.IO;
using System.Reflection;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>Paths into this repository and to the cdylib command built with the tests.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>The command built in the same configuration as these tests (the project reference builds it).</summary>
    public static string CdylibDll { get; } = Path.Combine(
        Root, "src", "Cdylib.Cli", "bin",
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
        "net10.0", "cdylib.dll");

    private static string FindRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Cdylib.slnx")))
            {
                return directory;
            }
        }
        throw new InvalidOperationException("Cdylib.slnx not found above " + AppContext.BaseDirectory);
    }
}
