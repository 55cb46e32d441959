using System.IO;
using System.Linq;
using Cdylib.Tests.Shared;

namespace Cdylib.Generator.Tests;

/// <summary>The golden Go packages are as gofmt writes them: a user's `gofmt -l` finds nothing to change.</summary>
public sealed class GoFormatTests
{
    [Fact]
    public void Gofmt_finds_nothing_to_reformat_in_the_golden_go_packages()
    {
        string golden = Golden.SourceDirectory;
        string[] files = Directory.GetFiles(golden, "*.go", SearchOption.AllDirectories).Order(System.StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        ProcessResult result = ProcessRunner.Run("gofmt", new[] { "-l", "-e" }.Concat(files), golden, null);
        Assert.True(result.ExitCode == 0 && result.Output.Length == 0, $"gofmt -l lists files it would change:\n{result.Transcript}");
    }
}
