using System.Runtime.InteropServices;

namespace Cdylib.Cli.Projects;

/// <summary>Runtime identifiers (RIDs): this machine's, and whether another one can be built here.</summary>
internal static class RuntimeIds
{
    public static string Host { get; } = $"{HostOs}-{Architecture(RuntimeInformation.OSArchitecture)}";

    private static string HostOs =>
        OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";

    /// <summary>The operating system part of a RID: "linux" for linux-x64 and linux-musl-arm64.</summary>
    public static string OsOf(string rid)
    {
        int dash = rid.IndexOf('-');
        return dash < 0 ? rid : rid[..dash];
    }

    /// <summary>The operating system a RID names, as its users call it: "Windows", "macOS", "Linux".</summary>
    public static string OsName(string rid) => OsOf(rid) switch
    {
        "win" => "Windows",
        "osx" => "macOS",
        "linux" => "Linux",
        var other => other,
    };

    /// <summary>Native AOT compiles for other architectures of the same OS, never for another OS.</summary>
    public static bool CanBuildHere(string rid) => OsOf(rid) == HostOs;

    private static string Architecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x64",
        System.Runtime.InteropServices.Architecture.X86 => "x86",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
