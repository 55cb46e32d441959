using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.Generator.Tests;

/// <summary>
/// The golden Go packages are as gofmt writes them (a user's <c>gofmt -l</c> finds nothing to change), and
/// <c>go vet</c> finds nothing in them: it runs cgo over the header and type-checks the package (no library
/// needed, nothing linked), so a wrong C name or conversion fails here, not only against a built library.
/// </summary>
public sealed class GoFormatTests
{
    private static IEnumerable<string> Packages =>
        Directory.GetFiles(Golden.SourceDirectory, "go.mod", SearchOption.AllDirectories).Select(file => Path.GetDirectoryName(file)!).Order(System.StringComparer.Ordinal);

    [Fact]
    public void Gofmt_finds_nothing_to_reformat_in_the_golden_go_packages()
    {
        string[] files = Packages.SelectMany(package => Directory.GetFiles(package, "*.go")).ToArray();
        Assert.NotEmpty(files);
        ProcessResult result = ProcessRunner.Run("gofmt", new[] { "-l", "-e" }.Concat(files), Golden.SourceDirectory);
        Assert.True(result.ExitCode == 0 && result.Output.Length == 0, $"gofmt -l lists files it would change:\n{result.Transcript}");
    }

    public static IEnumerable<object[]> Cases => GoldenCase.All.Select(golden => new object[] { golden.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Go_vet_finds_nothing_in_the_golden_go_package(string name)
    {
        string package = Packages.Single(folder => folder.StartsWith(Path.Combine(Golden.SourceDirectory, name, "bindings", "go") + Path.DirectorySeparatorChar, System.StringComparison.Ordinal));
        ProcessResult result = Vet(Directory.GetFiles(package).ToDictionary(file => Path.GetFileName(file), File.ReadAllText), Path.GetFileName(package));
        Assert.True(result.ExitCode == 0, result.Transcript);
    }

    /// <summary>
    /// <c>go vet</c> of a package made of <paramref name="files"/> (name → text), in a folder of its own named
    /// <paramref name="package"/>, so nothing lands in the source tree.
    /// </summary>
    internal static ProcessResult Vet(IReadOnlyDictionary<string, string> files, string package)
    {
        string work = Path.Combine(Path.GetTempPath(), "cdylib-go-vet-" + System.Guid.NewGuid().ToString("N"));
        string copy = Path.Combine(work, package);
        Directory.CreateDirectory(copy);
        foreach (KeyValuePair<string, string> file in files)
        {
            File.WriteAllText(Path.Combine(copy, file.Key), file.Value);
        }
        var environment = new Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod",
            ["GOPROXY"] = "off",
            // One build cache for every case and run (go's cache is safe to share): the standard library is compiled once.
            ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "cdylib-go-vet-cache"),
            ["GOPATH"] = Path.Combine(work, "gopath"),
            ["CGO_ENABLED"] = "1",
        };
        try
        {
            return ProcessRunner.Run("go", new[] { "vet", "." }, copy, environment);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
