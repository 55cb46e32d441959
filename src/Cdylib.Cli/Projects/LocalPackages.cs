using System.Reflection;

namespace Cdylib.Cli.Projects;

/// <summary>
/// The Cdylib package this command ships with: a <c>packages/</c> folder beside the executable,
/// filled by this repository's build (and by the tool package). New projects take the package
/// from there, so the library and the command that built it always agree.
/// </summary>
internal static class LocalPackages
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "packages");

    /// <summary>The Cdylib package version, the command's own.</summary>
    public static string Version { get; } =
        typeof(LocalPackages).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.1.0";

    public static bool Available => File.Exists(Path.Combine(Folder, $"Cdylib.{Version}.nupkg"));
}
