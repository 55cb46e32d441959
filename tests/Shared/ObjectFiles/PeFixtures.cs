using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Cdylib.Tests.ObjectFiles;

/// <summary>
/// The PE files the tests read: the committed fixtures built by tests/fixtures/pe/make.sh (copied beside
/// the test assembly), and real third-party DLLs and EXEs from NuGet packages that the test project's
/// restore downloads (PackageDownload in the .csproj; never committed).
/// </summary>
public static class PeFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "pe");

    public static string Named(string name) => Path.Combine(Directory, name);

    public static string DllX64 => Named("fixture-x64.dll");

    public static string DllX86 => Named("fixture-x86.dll");

    public static string DllArm64 => Named("fixture-arm64.dll");

    public static string AppX64 => Named("app-x64.exe");

    public static string AppX86 => Named("app-x86.exe");

    public static string[] All => [DllX64, DllX86, DllArm64, AppX64, AppX86];

    /// <summary>The NuGet global packages folder the restore filled (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string PackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>e_sqlite3.dll of SQLitePCLRaw.lib.e_sqlite3 2.0.6 for win-x86, win-x64, win-arm and win-arm64 (MSVC-built).</summary>
    public static IReadOnlyList<string> Sqlite =>
        new[] { "win-x86", "win-x64", "win-arm", "win-arm64" }
            .Select(rid => Path.Combine(PackagesFolder, "sqlitepclraw.lib.e_sqlite3", "2.0.6", "runtimes", rid, "native", "e_sqlite3.dll"))
            .ToList();

    /// <summary>The .NET host binaries of every restored Microsoft.NETCore.App.Host.win-x64 (nethost, comhost, ijwhost DLLs; apphost EXE).</summary>
    public static IReadOnlyList<string> DotNetHost
    {
        get
        {
            string package = Path.Combine(PackagesFolder, "microsoft.netcore.app.host.win-x64");
            return !System.IO.Directory.Exists(package)
                ? []
                : System.IO.Directory.EnumerateDirectories(package)
                    .Order(StringComparer.Ordinal)
                    .SelectMany(version => new[] { "nethost.dll", "comhost.dll", "ijwhost.dll", "apphost.exe" }
                        .Select(file => Path.Combine(version, "runtimes", "win-x64", "native", file)))
                    .Where(File.Exists)
                    .ToList();
        }
    }
}
