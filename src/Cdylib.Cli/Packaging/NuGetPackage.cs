using System.Diagnostics;
using System.Security;
using Cdylib.Abi.Emitters.Bindings;

namespace Cdylib.Cli.Packaging;

/// <summary>
/// <c>--format nuget</c>: one package, <c>NAME.VERSION.nupkg</c>, with each RID's library in
/// <c>runtimes/RID/native/</c> (where .NET's probing finds it for the program's RID) and the generated C#
/// binding compiled as its managed assembly <c>PREFIX.Native.dll</c> (net8.0), so a program that
/// references the package calls the library with no file of its own. Written by <c>dotnet pack</c> over
/// a project made in a temporary folder; its version is the ABI version, and the ABI file ships at the
/// package's root.
/// </summary>
internal static class NuGetPackage
{
    public static IEnumerable<string> Write(PackageInputs inputs, string output, TextWriter log)
    {
        var library = inputs.Library;
        string project = Directory.CreateTempSubdirectory("cdylib-nuget-").FullName;
        try
        {
            foreach (var (file, content) in BindingLanguages.Emit("csharp", library, LibraryLocation.Beside))
            {
                File.WriteAllText(Path.Combine(project, file), content);
            }
            File.WriteAllText(Path.Combine(project, library.Name + ".abi.json"), inputs.AbiText);
            string projectFile = Path.Combine(project, library.Name + ".csproj");
            File.WriteAllText(projectFile, ProjectFile(inputs));
            // An empty Directory.Build.props/targets stop MSBuild from importing whatever lies above the temporary folder.
            File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), "<Project />\n");

            Dotnet(log, "pack", projectFile, "-c", "Release", "-o", Path.GetFullPath(output), "--nologo", "-v", "quiet");
            yield return Path.Combine(output, $"{library.Name}.{inputs.Version}.nupkg");
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static string ProjectFile(PackageInputs inputs)
    {
        var library = inputs.Library;
        string natives = string.Concat(inputs.Builds.Select(build =>
            $"""
                <None Include="{SecurityElement.Escape(Path.GetFullPath(build.LibraryPath))}" Pack="true" PackagePath="runtimes/{build.Rid}/native/" />

            """));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <AssemblyName>{BindingShapes.CSharpName(library)}.Native</AssemblyName>
                <PackageId>{library.Name}</PackageId>
                <Version>{inputs.Version}</Version>
                <Authors>{library.Name}</Authors>
                <Description>The C library {SecurityElement.Escape(library.Name)} (ABI version {library.AbiVersion}, API hash 0x{library.ApiHash:x16}) for {string.Join(", ", inputs.Builds.Select(b => b.Rid))}, with its C# binding; packaged by Cdylib.</Description>
                <PackageTags>native;cdylib;abi-{library.AbiVersion}</PackageTags>
                <IncludeBuildOutput>true</IncludeBuildOutput>
                <NoWarn>$(NoWarn);CS1591;NU5100;NU5128</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {natives}    <None Include="{library.Name}.abi.json" Pack="true" PackagePath="/" />
              </ItemGroup>
            </Project>

            """;
    }

    /// <summary>Runs dotnet; its output goes to <paramref name="log"/> only when it fails, with the failure.</summary>
    private static void Dotnet(TextWriter log, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new PackageException(PackageException.Missing, $"cannot run dotnet ({exception.Message}): the nuget format needs the .NET SDK on PATH");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                log.Write(stdout.Result);
                log.Write(stderr);
                throw new PackageException(PackageException.Missing, $"dotnet {string.Join(' ', arguments.Take(2))} failed with exit code {process.ExitCode} (its output is above)");
            }
        }
    }
}
