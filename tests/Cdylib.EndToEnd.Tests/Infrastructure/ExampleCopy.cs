using System.IO;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>A copy of an example to build with other settings, leaving the example's own target/ alone.</summary>
internal static class ExampleCopy
{
    /// <summary>
    /// The example's project and sources in a new folder whose Directory.Build.* import the examples' own, so it
    /// builds against this repository's sources as the example does, without touching the example's target/.
    /// </summary>
    public static string Of(string example, string workspaceName)
    {
        string workspace = Run.TemporaryDirectory(workspaceName);
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.props"), $"<Project><Import Project=\"{Path.Combine(Repo.Examples, "Directory.Build.props")}\" /></Project>");
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.targets"), $"<Project><Import Project=\"{Path.Combine(Repo.Examples, "Directory.Build.targets")}\" /></Project>");
        string project = Path.Combine(workspace, example);
        Directory.CreateDirectory(project);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Repo.Examples, example)))
        {
            if (file.EndsWith(".cs", System.StringComparison.Ordinal) || file.EndsWith(".csproj", System.StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
            }
        }
        return project;
    }
}
