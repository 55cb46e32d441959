using System.Security.Cryptography;
using System.Text;

namespace Cdylib.Cli.Projects;

/// <summary>
/// Whether a <c>cdylib build</c> would change nothing, decided without starting MSBuild, the way
/// cargo's fingerprints do: a hash over what the last successful build read and wrote, compared
/// with the same hash now. Inputs are taken by path, size and modification time (as cargo and
/// MSBuild take them), so a check stats a few hundred files and reads none.
/// </summary>
/// <remarks>
/// What goes in: the input list the build itself wrote (build/Cdylib.Fingerprint.targets: the
/// project file, the compiled sources, referenced assemblies and analyzers, the assets file, the
/// folders of referenced projects and of the Cdylib MSBuild files, the installed SDKs); the
/// project's folder (a new source file is an input before any build has seen it); the
/// <c>Directory.Build.*</c>, <c>Directory.Packages.props</c>, <c>global.json</c> and
/// <c>NuGet.config</c> files above it, present or not; the command's options and the environment
/// variables MSBuild and the toolchain read (<see cref="EnvironmentPrefixes"/>); this command's own
/// build; and every file the build wrote (listed by the build too), so a deleted or edited library
/// is rebuilt, while other files in target/ (a consumer compiled there) do not count.
/// </remarks>
internal sealed class BuildFingerprint
{
    private const string Folder = ".fingerprint";

    /// <summary>Folders no input lives in: build outputs and version control.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "target", ".git", ".vs", "node_modules" };

    /// <summary>The files above the project that change how MSBuild builds it, whether or not they exist yet.</summary>
    private static readonly string[] AncestorFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    /// <summary>
    /// Environment variables that change a build: MSBuild reads every variable as a property, so all
    /// of them could; these are the ones that do in practice (the SDK's, NuGet's, MSBuild's, ours, and
    /// the compiler and linker found on PATH). Others (PWD, SHLVL, _) change between any two shells.
    /// </summary>
    private static readonly string[] EnvironmentPrefixes = ["CDYLIB", "DOTNET", "NUGET", "MSBUILD", "PATH", "CC", "CXX", "LD_", "CONFIGURATION", "PLATFORM", "RUNTIMEIDENTIFIER"];

    private readonly string _project;
    private readonly string _inputs;
    private readonly string _hash;
    private readonly string _options;

    public BuildFingerprint(string project, string rid, string profile, IReadOnlyList<string> properties)
    {
        _project = project;
        string folder = Path.Combine(Path.GetDirectoryName(project)!, "target", Folder);
        string key = $"{Path.GetFileNameWithoutExtension(project)}-{rid}-{profile}";
        _inputs = Path.Combine(folder, key + ".inputs");
        _hash = Path.Combine(folder, key + ".hash");
        _options = $"{rid}\n{profile}\n{string.Join("\n", properties)}";
    }

    /// <summary>The file the build writes its inputs into (MSBuild's <c>CdylibFingerprintInputs</c>).</summary>
    public string InputsFile => _inputs;

    /// <summary>True when the last build succeeded and nothing it read or wrote has changed since.</summary>
    public bool IsFresh()
    {
        try
        {
            return File.Exists(_hash) && File.Exists(_inputs) && File.ReadAllText(_hash) == Compute();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Before a build: a build that fails must not leave the last one's fingerprint behind.</summary>
    public void Forget()
    {
        File.Delete(_hash);
    }

    /// <summary>After a successful build, which wrote <see cref="InputsFile"/>.</summary>
    public void Record()
    {
        if (File.Exists(_inputs))
        {
            File.WriteAllText(_hash, Compute());
        }
    }

    private string Compute()
    {
        var text = new StringBuilder();
        text.Append("options\n").Append(_options).Append('\n');
        text.Append("cdylib ").Append(typeof(BuildFingerprint).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            if (EnvironmentPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                text.Append("env ").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name)).Append('\n');
            }
        }
        foreach (string line in File.ReadAllLines(_inputs))
        {
            int colon = line.IndexOf(':');
            string kind = colon < 0 ? "" : line[..colon];
            string path = colon < 0 ? line : line[(colon + 1)..];
            switch (kind)
            {
                case "file" or "output":
                    AppendFile(text, path);
                    break;
                case "tree":
                    AppendTree(text, path);
                    break;
                case "sdks":
                    string sdks = Path.Combine(path, "sdk");
                    text.Append("sdks ").AppendJoin(" ", Directory.Exists(sdks) ? Directory.GetDirectories(sdks).Order(StringComparer.Ordinal) : Enumerable.Empty<string>()).Append('\n');
                    break;
                default:
                    text.Append("unknown ").Append(line).Append('\n');
                    break;
            }
        }
        string projectFolder = Path.GetDirectoryName(_project)!;
        AppendTree(text, projectFolder);
        for (DirectoryInfo? folder = new DirectoryInfo(projectFolder).Parent; folder is not null; folder = folder.Parent)
        {
            foreach (string name in AncestorFiles)
            {
                AppendFile(text, Path.Combine(folder.FullName, name));
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void AppendFile(StringBuilder text, string path)
    {
        var file = new FileInfo(path);
        text.Append(path).Append(file.Exists ? $" {file.Length} {file.LastWriteTimeUtc.Ticks}" : " absent").Append('\n');
    }

    private static void AppendTree(StringBuilder text, string folder)
    {
        if (!Directory.Exists(folder))
        {
            text.Append(folder).Append(" absent\n");
            return;
        }
        var pending = new Stack<string>([folder]);
        var files = new List<string>();
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            files.AddRange(Directory.EnumerateFiles(current));
            foreach (string child in Directory.EnumerateDirectories(current))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(child)) && (new FileInfo(child).Attributes & FileAttributes.ReparsePoint) == 0)
                {
                    pending.Push(child);
                }
            }
        }
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            AppendFile(text, file);
        }
    }
}
