using System.Diagnostics;
using Cdylib.ObjectFile;
using Cdylib.ObjectFile.MachO;

namespace Cdylib.Cli.Projects;

/// <summary>
/// <c>cdylib build</c>: publishes the project with Native AOT straight into <c>DIR/target/PROFILE/</c>
/// (or <c>DIR/target/RID/PROFILE/</c> for another RID), the layout cargo gives a cdylib.
/// </summary>
internal static class BuildProject
{
    /// <summary>The exit code when a runtime asked for cannot be built on this machine (its other artifacts were written).</summary>
    public const int NotBuildableHere = 4;

    /// <summary>Where cargo-lipo and Rust's own targets put a macOS library for both architectures.</summary>
    private const string UniversalApple = "universal-apple-darwin";

    public static int Run(string location, bool release, IReadOnlyList<string> runtimes, IReadOnlyList<string> properties, TextWriter output, TextWriter error)
    {
        string? project = ProjectFolder.Find(location, out string? why);
        if (project is null)
        {
            error.WriteLine($"cdylib: error: {why}");
            return 1;
        }

        string profile = release ? "release" : "debug";
        string root = Path.GetDirectoryName(project)!;
        var rids = runtimes.Count == 0 ? [RuntimeIds.Host] : runtimes.Distinct(StringComparer.Ordinal).ToList();
        int exitCode = 0;
        var appleLibraries = new List<string>();
        foreach (string rid in rids)
        {
            string target = runtimes.Count == 0 || rid == RuntimeIds.Host
                ? Path.Combine(root, "target", profile)
                : Path.Combine(root, "target", rid, profile);
            int result = RuntimeIds.CanBuildHere(rid)
                ? BuildNative(project, rid, release, properties, target, output, error)
                : WriteArtifactsOnly(project, rid, release, properties, target, output, error);
            if (result != 0)
            {
                exitCode = exitCode == 0 || exitCode == NotBuildableHere ? result : exitCode;
                continue;
            }

            if (RuntimeIds.OsOf(rid) == "osx")
            {
                appleLibraries.AddRange(Directory.EnumerateFiles(target, "*.dylib"));
            }
        }

        if (appleLibraries.Count > 1)
        {
            exitCode = MergeUniversal(root, profile, appleLibraries, output, error) is int failed and not 0 ? failed : exitCode;
        }

        return exitCode;
    }

    /// <summary>Publishes with Native AOT straight into <paramref name="target"/>, then lists the files and any interface change.</summary>
    private static int BuildNative(string project, string rid, bool release, IReadOnlyList<string> properties, string target, TextWriter output, TextWriter error)
    {
        string profile = release ? "release" : "debug";
        string name = Path.GetFileNameWithoutExtension(project);
        var stopwatch = Stopwatch.StartNew();
        // Nothing read or written since the last successful build changed: say so without starting MSBuild.
        var fingerprint = new BuildFingerprint(project, rid, profile, properties);
        if (fingerprint.IsFresh())
        {
            output.WriteLine($"       Fresh {name} ({rid}, {profile})");
            output.WriteLine($"    Finished `{profile}` profile in {stopwatch.Elapsed.TotalSeconds:F2}s");
            ListFiles(target, output);
            return 0;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(fingerprint.InputsFile)!);
        fingerprint.Forget();

        var before = InterfaceSnapshot.LibrariesIn(target).Select(InterfaceSnapshot.Of).OfType<InterfaceSnapshot>().ToList();
        var interfacesBefore = InterfaceSnapshot.AbiFilesIn(target);
        output.WriteLine($"   Compiling {name} ({rid}, {profile}) with Native AOT");
        int exitCode = Dotnet(output, error, [
            "publish", project,
            "--configuration", release ? "Release" : "Debug",
            "--runtime", rid,
            "--nologo",
            .. PropertyArguments(properties),
            "-p:PublishDir=" + target + Path.DirectorySeparatorChar,
            "-p:CdylibFingerprintInputs=" + fingerprint.InputsFile]);
        if (exitCode != 0)
        {
            error.WriteLine($"cdylib: error: could not build {project} (dotnet publish exited with {exitCode})");
            return exitCode;
        }

        fingerprint.Record();
        output.WriteLine($"    Finished `{profile}` profile in {stopwatch.Elapsed.TotalSeconds:F1}s");
        ListFiles(target, output);
        foreach (InterfaceSnapshot old in before)
        {
            InterfaceSnapshot? now = InterfaceSnapshot.Of(Path.Combine(target, old.Library));
            foreach (string change in now?.ChangesSince(old) ?? Enumerable.Empty<string>())
            {
                output.WriteLine($"     warning: {change}");
            }
        }
        foreach (string warning in InterfaceSnapshot.VersionWarnings(interfacesBefore, InterfaceSnapshot.AbiFilesIn(target)))
        {
            output.WriteLine($"     warning: {warning}");
        }

        return 0;
    }

    /// <summary>
    /// For a RID of another operating system: Native AOT cannot link it here, but the header, the ABI file
    /// and the platform's own companions (a Windows .def and import library) need no linker. A plain build
    /// writes them into <paramref name="target"/>; then a clear error says where the library itself is built.
    /// </summary>
    private static int WriteArtifactsOnly(string project, string rid, bool release, IReadOnlyList<string> properties, string target, TextWriter output, TextWriter error)
    {
        output.WriteLine($"   Compiling {Path.GetFileNameWithoutExtension(project)} ({rid}, {(release ? "release" : "debug")}): the artifacts that need no {rid} linker");
        int exitCode = Dotnet(output, error, [
            "build", project,
            "--configuration", release ? "Release" : "Debug",
            "--nologo",
            .. PropertyArguments(properties),
            "-p:CdylibArtifactsFor=" + rid,
            "-p:CdylibArtifactsDir=" + target + Path.DirectorySeparatorChar]);
        if (exitCode != 0)
        {
            error.WriteLine($"cdylib: error: could not build {project} (dotnet build exited with {exitCode})");
            return exitCode;
        }

        ListFiles(target, output);
        error.WriteLine($"cdylib: error: the {rid} library cannot be built on {RuntimeIds.Host}: Native AOT does not compile for another operating system. "
            + $"Run `cdylib build -r {rid}` on {RuntimeIds.OsName(rid)}; the files above were written for it.");
        return NotBuildableHere;
    }

    /// <summary>One macOS library for both architectures, in target/universal-apple-darwin/PROFILE/, with the first slice's companions.</summary>
    private static int MergeUniversal(string root, string profile, IReadOnlyList<string> libraries, TextWriter output, TextWriter error)
    {
        string target = Path.Combine(root, "target", UniversalApple, profile);
        Directory.CreateDirectory(target);
        string name = Path.GetFileName(libraries[0]);
        try
        {
            byte[] universal = MachOUniversal.Create(libraries.Select(path => (ReadOnlyMemory<byte>)File.ReadAllBytes(path)).ToList());
            File.WriteAllBytes(Path.Combine(target, name), universal);
        }
        catch (ObjectFileException e)
        {
            error.WriteLine($"cdylib: error: cannot make a universal {name}: {e.Message}");
            return 1;
        }

        foreach (string companion in Directory.EnumerateFiles(Path.GetDirectoryName(libraries[0])!).Where(f => !f.EndsWith(".dylib", StringComparison.Ordinal)))
        {
            File.Copy(companion, Path.Combine(target, Path.GetFileName(companion)), overwrite: true);
        }

        output.WriteLine($"   Universal {name} ({libraries.Count} architectures)");
        ListFiles(target, output);
        return 0;
    }

    private static void ListFiles(string target, TextWriter output)
    {
        foreach (string file in Directory.EnumerateFiles(target).Order(StringComparer.Ordinal))
        {
            // libNAME.so beside libNAME.so.MAJOR (CdylibVersionedSoname) is a link: shown as one, not as a second copy.
            var info = new FileInfo(file);
            output.WriteLine(info.LinkTarget is { } link
                ? $"             {Path.GetRelativePath(Directory.GetCurrentDirectory(), file) + " -> " + link,-60} {"link",14}"
                : $"             {Path.GetRelativePath(Directory.GetCurrentDirectory(), file),-60} {info.Length,12:N0} B");
        }
    }

    /// <summary>
    /// The user's <c>-p:NAME=VALUE</c> properties as dotnet takes them. They come before the build's own, so the
    /// layout in target/ (PublishDir, CdylibArtifactsDir) stays what this command says it is.
    /// </summary>
    private static IEnumerable<string> PropertyArguments(IReadOnlyList<string> properties) => properties.Select(property => "-p:" + property);

    // dotnet's output goes straight through, so the user sees compiler errors as dotnet prints them.
    private static int Dotnet(TextWriter output, TextWriter error, IEnumerable<string> arguments)
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
