using System.Diagnostics;

namespace Cdylib.Cli.Projects;

/// <summary>
/// <c>cdylib build</c>: publishes the project with Native AOT straight into <c>DIR/target/PROFILE/</c>
/// (or <c>DIR/target/RID/PROFILE/</c> for another RID), the layout cargo gives a cdylib.
/// </summary>
internal static class BuildProject
{
    public static int Run(string location, bool release, string? runtime, TextWriter output, TextWriter error)
    {
        string? project = FindProject(location, out string? why);
        if (project is null)
        {
            error.WriteLine($"cdylib: error: {why}");
            return 1;
        }
        string rid = runtime ?? RuntimeIds.Host;
        if (!RuntimeIds.CanBuildHere(rid))
        {
            error.WriteLine($"cdylib: error: {rid} cannot be built on {RuntimeIds.Host}: Native AOT does not compile for another operating system. Build it on {RuntimeIds.OsOf(rid)}.");
            return 1;
        }

        string profile = release ? "release" : "debug";
        string root = Path.GetDirectoryName(project)!;
        string target = runtime is null || rid == RuntimeIds.Host
            ? Path.Combine(root, "target", profile)
            : Path.Combine(root, "target", rid, profile);

        var before = InterfaceSnapshot.LibrariesIn(target).Select(InterfaceSnapshot.Of).OfType<InterfaceSnapshot>().ToList();
        output.WriteLine($"   Compiling {Path.GetFileNameWithoutExtension(project)} ({rid}, {profile}) with Native AOT");
        var stopwatch = Stopwatch.StartNew();
        int exitCode = Dotnet(output, error,
            "publish", project,
            "--configuration", release ? "Release" : "Debug",
            "--runtime", rid,
            "--nologo",
            "-p:PublishDir=" + target + Path.DirectorySeparatorChar);
        if (exitCode != 0)
        {
            error.WriteLine($"cdylib: error: could not build {project} (dotnet publish exited with {exitCode})");
            return exitCode;
        }
        output.WriteLine($"    Finished `{profile}` profile in {stopwatch.Elapsed.TotalSeconds:F1}s");
        foreach (string file in Directory.EnumerateFiles(target).Order(StringComparer.Ordinal))
        {
            output.WriteLine($"             {Path.GetRelativePath(Directory.GetCurrentDirectory(), file),-60} {new FileInfo(file).Length,12:N0} B");
        }
        foreach (InterfaceSnapshot old in before)
        {
            InterfaceSnapshot? now = InterfaceSnapshot.Of(Path.Combine(target, old.Library));
            foreach (string change in now?.ChangesSince(old) ?? Enumerable.Empty<string>())
            {
                output.WriteLine($"     warning: {change}");
            }
        }
        return 0;
    }

    private static string? FindProject(string location, out string? why)
    {
        why = null;
        string path = Path.GetFullPath(location);
        if (File.Exists(path) && path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        if (!Directory.Exists(path))
        {
            why = $"{location} is neither a folder nor a .csproj file";
            return null;
        }
        string[] projects = Directory.GetFiles(path, "*.csproj");
        if (projects.Length == 1)
        {
            return projects[0];
        }
        why = projects.Length == 0
            ? $"{path} has no .csproj file (create one with `cdylib new NAME`)"
            : $"{path} has {projects.Length} .csproj files; name the one to build";
        return null;
    }

    // dotnet's output goes straight through, so the user sees compiler errors as dotnet prints them.
    private static int Dotnet(TextWriter output, TextWriter error, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            error.WriteLine($"cdylib: error: cannot run dotnet ({exception.Message}); install the .NET SDK and put dotnet on PATH");
            return 127;
        }
        using Process process = started!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
