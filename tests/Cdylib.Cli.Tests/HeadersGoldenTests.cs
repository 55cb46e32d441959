using System;
using System.IO;
using System.Linq;

namespace Cdylib.Cli.Tests;

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
        Golden.Verify("headers", $"{Path.GetFileName(path)}.{(format == "text" ? "txt" : "json")}", actual);
    }
}
