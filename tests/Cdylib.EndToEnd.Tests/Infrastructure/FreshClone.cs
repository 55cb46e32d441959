using System;
using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>
/// This repository as a new user's fresh clone has it: the files git tracks, and the untracked ones it
/// does not ignore (so uncommitted work is tested too), copied with their modes into a new temporary
/// folder — no bin/, obj/ or artifacts/ from earlier builds.
/// </summary>
internal static class FreshClone
{
    public static string Create(string name)
    {
        ProcessResult listed = ProcessRunner.Run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], Repo.Root);
        Assert.True(listed.ExitCode == 0, "a fresh clone is made from the files git lists:\n" + listed.Transcript);
        string[] files = listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        Assert.Contains("Cdylib.slnx", files);

        string root = Run.TemporaryDirectory(name);
        foreach (string file in files)
        {
            string source = Path.Combine(Repo.Root, file);
            if (!File.Exists(source))
            {
                continue;   // deleted in the working tree, not yet in a commit
            }
            string target = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));   // scripts stay executable
            }
        }
        return root;
    }
}
