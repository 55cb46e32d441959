using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Cdylib.ObjectFile.Tests.Infrastructure;

namespace Cdylib.ObjectFile.Tests;

/// <summary>
/// <c>cdylib headers</c> on the committed PE and Mach-O fixtures, as text and as JSON, byte for byte
/// against Golden/headers/ (the file's directory left out of the paths). To accept new output, run the
/// tests with <c>CDYLIB_UPDATE_GOLDEN=1</c>: the golden files are rewritten; review them with git diff.
/// </summary>
public sealed class HeadersGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in PeFixtures.All.Concat([ArchiveFixtures.LldImportLibrary, ArchiveFixtures.GnuImportLibrary]).Concat(MachOFixtures.All))
        {
            foreach (var format in new[] { "text", "json" })
            {
                data.Add(path, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Headers_are_as_committed(string path, string format)
    {
        var (exitCode, output, error) = InspectCli.Run(["headers", "--format", format, path]);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);

        string actual = output.Replace(Path.GetDirectoryName(path)! + "/", "", StringComparison.Ordinal);
        string golden = Path.Combine(GoldenDirectory(), "headers", $"{Path.GetFileName(path)}.{(format == "text" ? "txt" : "json")}");
        if (Environment.GetEnvironmentVariable("CDYLIB_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        Assert.True(File.Exists(golden), $"{golden} does not exist; run with CDYLIB_UPDATE_GOLDEN=1 to create it");
        string[] expectedLines = File.ReadAllText(golden).ReplaceLineEndings("\n").Split('\n');
        string[] actualLines = actual.Split('\n');
        int first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .FirstOrDefault(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i], -1);
        Assert.True(first < 0, first < 0 ? "" : $"Golden/headers/{Path.GetFileName(golden)} line {first + 1}:\n  golden: {expectedLines.ElementAtOrDefault(first)}\n  actual: {actualLines.ElementAtOrDefault(first)}");
    }

    /// <summary>The committed golden files, in the source tree beside this file.</summary>
    private static string GoldenDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
