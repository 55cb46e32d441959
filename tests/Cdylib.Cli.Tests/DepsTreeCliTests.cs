using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib deps --tree</c>: the tree with the places tried under a missing library, the imports with
/// their providers, the same facts as JSON, and bad input as one line (never a stack trace).
/// </summary>
public sealed class DepsTreeCliTests
{
    private static NativeFixtures Fixtures => NativeFixtures.Shared;

    // demo_app needs libdemo.so.1 (the SONAME of the fixture library, no file has that name) and has DT_RPATH /opt/demo/lib.
    [Fact]
    public void Text_shows_each_rule_tried_for_a_missing_library_and_the_imports_it_would_have_provided()
    {
        var (exitCode, output, error) = InspectCli.Run(["deps", "--tree", "--ld-library-path", "", Fixtures.Executable]);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("  Dependency tree", lines);
        Assert.Contains($"    {Fixtures.Executable}", lines);
        Assert.Contains("    ├── libdemo.so.1 => not found", lines);
        Assert.Contains("    │   ┊ RPATH: /opt/demo/lib/libdemo.so.1 (no such file)", lines);
        Assert.Contains("    │   ┊ LD_LIBRARY_PATH: LD_LIBRARY_PATH is not set (no candidate)", lines);
        Assert.Contains(lines, l => l.StartsWith("    │   ┊ default path: /", StringComparison.Ordinal) && l.EndsWith("/libdemo.so.1 (no such file)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    └── libc.so.6 => /", StringComparison.Ordinal) && l.EndsWith("[ld.so.cache]", StringComparison.Ordinal));
        Assert.True(lines.Any(l => l.StartsWith("    demo_add ", StringComparison.Ordinal) && l.Contains("library missing", StringComparison.Ordinal) && l.EndsWith("libdemo.so.1 was not found", StringComparison.Ordinal)), output);
        Assert.Contains(lines, l => l.StartsWith("    printf ", StringComparison.Ordinal) && l.Contains(" provided ", StringComparison.Ordinal) && l.EndsWith("libc.so.6", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_has_the_load_order_with_each_dependency_resolved_and_each_import_bound()
    {
        var (exitCode, output, _) = InspectCli.Run(["deps", "--tree", "--format", "json", "--ld-library-path", "", Fixtures.Executable]);

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        var tree = document.RootElement.GetProperty("files")[0].GetProperty("tree");
        Assert.Equal(Fixtures.Executable, tree.GetProperty("root").GetString());
        var root = tree.GetProperty("loadOrder")[0];
        Assert.Equal(JsonValueKind.Null, root.GetProperty("loadedBy").ValueKind);
        var demo = root.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "libdemo.so.1");
        Assert.Equal("not found", demo.GetProperty("status").GetString());
        var first = demo.GetProperty("attempts")[0];
        Assert.Equal(("/opt/demo/lib/libdemo.so.1", "RPATH", "no such file"), (first.GetProperty("candidate").GetString(), first.GetProperty("rule").GetString(), first.GetProperty("rejected").GetString()));
        var libc = tree.GetProperty("loadOrder").EnumerateArray().Single(l => l.GetProperty("path").GetString()!.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.Equal(Fixtures.Executable, libc.GetProperty("loadedBy").GetString());
        var printf = root.GetProperty("imports").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "printf");
        Assert.Equal(("provided", libc.GetProperty("path").GetString()), (printf.GetProperty("status").GetString(), printf.GetProperty("provider").GetString()));
    }

    [Fact]
    public void A_missing_file_or_an_object_file_is_one_line_on_stderr()
    {
        string missing = Path.Combine(Fixtures.Directory, "no-such-library.so");
        var (exitCode, _, error) = InspectCli.Run(["deps", "--tree", missing]);
        Assert.Equal(2, exitCode);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("cdylib: error: ", error, StringComparison.Ordinal);

        var (objectExit, objectOutput, objectError) = InspectCli.Run(["deps", "--tree", Fixtures.Object]);
        Assert.Equal(2, objectExit);
        Assert.Equal($"cdylib: error: {Fixtures.Object}: only ELF executables and shared objects are loaded: this file has no dependency tree", objectError.TrimEnd());
        Assert.DoesNotContain("   at ", objectOutput + objectError, StringComparison.Ordinal);
        Assert.Contains("Image has the following dependencies:", objectOutput, StringComparison.Ordinal);
    }
}
