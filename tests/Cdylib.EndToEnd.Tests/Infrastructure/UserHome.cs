using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A home folder of a test's own for a user with nothing of ours installed: the global tools, the
/// template store, the user's NuGet.Config and NuGet cache live there, not in the machine user's home.
/// </summary>
internal static class UserHome
{
    public static string MachineNuGetCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// A NuGet.Config in <paramref name="folder"/> naming one local <paramref name="feed"/> (as a user's
    /// names the feed packages were published to) and the machine's NuGet cache as a read-only fallback.
    /// </summary>
    public static void WriteLocalFeedConfig(string folder, string feedKey, string feed) =>
        File.WriteAllText(Path.Combine(folder, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="{feedKey}" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachineNuGetCache()}" />
              </fallbackPackageFolders>
            </configuration>
            """);

    /// <summary>
    /// The user's NuGet.Config in <paramref name="home"/>: the machine user's package sources (nuget.org when
    /// there is no such file) and the machine's NuGet cache as a read-only fallback folder, so that the
    /// Native AOT packs are not downloaded again.
    /// </summary>
    public static void WriteNuGetConfig(string home, string machineCache)
    {
        string machineConfig = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        XDocument config = File.Exists(machineConfig)
            ? XDocument.Load(machineConfig)
            : XDocument.Parse("""
                <configuration>
                  <packageSources>
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
                  </packageSources>
                </configuration>
                """);
        XElement fallbacks = config.Root!.Element("fallbackPackageFolders") ?? new XElement("fallbackPackageFolders");
        if (fallbacks.Parent is null)
        {
            config.Root.Add(fallbacks);
        }
        fallbacks.Add(new XElement("add", new XAttribute("key", "machine-cache"), new XAttribute("value", machineCache)));
        string path = Path.Combine(home, ".nuget", "NuGet", "NuGet.Config");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        config.Save(path);
    }

    /// <summary>
    /// For a project in <paramref name="workspace"/>: a fresh NuGet cache, so a test proves the Cdylib package
    /// comes from the command's own folder, with the machine's cache as a read-only fallback so the Native
    /// AOT compiler is not downloaded again. Returns the environment the cdylib command runs with.
    /// </summary>
    public static IReadOnlyDictionary<string, string> IsolatedPackageCache(string workspace)
    {
        string machineCache = MachineNuGetCache();
        File.WriteAllText(Path.Combine(workspace, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(workspace, "packages") };
    }
}
