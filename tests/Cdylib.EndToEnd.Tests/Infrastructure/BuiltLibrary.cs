using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Abi.Emitters;
using Cdylib.Abi.Model;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests.Infrastructure;

/// <summary>A library built by <c>cdylib build</c>: its output folder and what the tests read from it.</summary>
internal sealed class BuiltLibrary
{
    public BuiltLibrary(string projectDirectory, string name, string buildOutput, string profile = "debug", string? runtime = null)
    {
        ProjectDirectory = projectDirectory;
        Name = name;
        BuildOutput = buildOutput;
        Directory = runtime is null ? Path.Combine(projectDirectory, "target", profile) : Path.Combine(projectDirectory, "target", runtime, profile);
    }

    public string ProjectDirectory { get; }

    public string Name { get; }

    public string BuildOutput { get; }

    public string Directory { get; }

    public string LibraryPath => Path.Combine(Directory, $"lib{Name}.so");

    public string HeaderPath => Path.Combine(Directory, $"{Name}.h");

    public AbiLibrary Abi => AbiJson.Read(File.ReadAllText(Path.Combine(Directory, $"{Name}.abi.json")));

    /// <summary>
    /// Builds the project with the cdylib command and returns the laid-out result: for this machine, or
    /// for <paramref name="runtime"/> (<c>cdylib build -r RID</c>, into target/RID/PROFILE/).
    /// </summary>
    public static BuiltLibrary Build(string projectDirectory, string name, IReadOnlyDictionary<string, string>? environment = null, bool release = false, string? runtime = null)
    {
        var arguments = new List<string> { "build", projectDirectory };
        if (release)
        {
            arguments.Add("--release");
        }
        if (runtime is not null)
        {
            arguments.AddRange(["-r", runtime]);
        }
        ProcessResult result = Run.Cdylib(environment, arguments.ToArray()).Succeeded();
        return new BuiltLibrary(projectDirectory, name, result.Output, release ? "release" : "debug", runtime);
    }

    /// <summary>The dynamic exports as our reader sees them, without GNU ld's version-marker symbols.</summary>
    public IReadOnlyList<string> ExportedNames() =>
        BinaryFile.Open(LibraryPath).Exports.Where(export => export.Kind != SymbolKind.Version).Select(export => export.Name).Order(System.StringComparer.Ordinal).ToList();

    /// <summary>The same set as binutils' nm sees it: defined dynamic symbols, versions stripped, absolute version markers left out.</summary>
    public IReadOnlyList<string> ExportedNamesByNm()
    {
        string output = Run.Program("nm", new[] { "-D", "--defined-only", LibraryPath }).Succeeded().Output;
        return output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 3 && fields[1] != "A")
            .Select(fields => fields[2].Split('@')[0])
            .Order(System.StringComparer.Ordinal)
            .ToList();
    }
}
