using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Cdylib.Cli.Tests;

/// <summary>
/// <c>cdylib check</c> and <c>cdylib diff</c> read every slice of a fat Mach-O file: libskew.dylib's arm64
/// slice lacks skew_sub, which its x86_64 slice (the first, the one a single-image reader sees) exports.
/// </summary>
public sealed class CliFatLibraryTests
{
    private static string Header()
    {
        string folder = Directory.CreateDirectory(NativeFixtures.Shared.PathFor("fat-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        string path = Path.Combine(folder, "skew.h");
        File.WriteAllText(path, "SKEW_API int skew_add(int a, int b);\nSKEW_API int skew_sub(int a, int b);\n");
        return path;
    }

    [Fact]
    public void Check_finds_an_export_missing_from_one_slice_and_names_the_slice()
    {
        string header = Header();
        var (exitCode, output, error) = InspectCli.Run(["check", MachOFixtures.Skewed, "--header", header]);

        Assert.Equal((3, ""), (exitCode, error));
        Assert.Equal($"{MachOFixtures.Skewed} does not match {header}:\n"
            + "  missing     skew_sub   (declared, not exported by the arm64 slice)\n", output);

        var (jsonExit, json, _) = InspectCli.Run(["check", MachOFixtures.Skewed, "--header", header, "--format", "json"]);
        Assert.Equal(3, jsonExit);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(["skew_sub"], root.GetProperty("missing").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(
            [("x86_64", true, 0), ("arm64", false, 1)],
            root.GetProperty("slices").EnumerateArray().Select(slice => (
                slice.GetProperty("architecture").GetString(), slice.GetProperty("ok").GetBoolean(), slice.GetProperty("missing").GetArrayLength())));
    }

    [Fact]
    public void Check_passes_only_when_every_slice_matches()
    {
        string header = Header();
        var (exitCode, output, error) = InspectCli.Run(["check", MachOFixtures.SkewedBefore, "--header", header]);

        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal($"ok: {MachOFixtures.SkewedBefore} exports the 2 functions skew.h declares, and nothing else but the runtime's "
            + "DotNetRuntimeDebugHeader, in each of its slices (x86_64, arm64)\n", output);
    }

    [Fact]
    public void Diff_compares_slice_by_slice_and_says_which_slice_changed()
    {
        var (exitCode, output, error) = InspectCli.Run(["diff", MachOFixtures.SkewedBefore, MachOFixtures.Skewed]);

        Assert.Equal((6, ""), (exitCode, error));
        Assert.Equal("  breaking   export skew_sub: removed from arm64\nimplied version bump: major\nverdict: breaking, exit code 6\n", output);

        // Back again: added to the one slice, a compatible change.
        var (back, added, _) = InspectCli.Run(["diff", MachOFixtures.Skewed, MachOFixtures.SkewedBefore]);
        Assert.Equal(5, back);
        Assert.StartsWith("  compatible export skew_sub: added to arm64\n", added, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_reports_a_slice_that_is_gone_and_compares_the_ones_left()
    {
        string folder = Directory.CreateDirectory(NativeFixtures.Shared.PathFor("fat-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        string thin = Path.Combine(folder, "libskew.dylib");
        File.WriteAllBytes(thin, MachOFixtures.Thin(MachOFixtures.Skewed, "arm64"));

        var (exitCode, output, _) = InspectCli.Run(["diff", MachOFixtures.SkewedBefore, thin]);
        Assert.Equal(6, exitCode);
        // x86_64 is gone; skew_sub is removed from every slice compared (arm64, the one left).
        Assert.Equal("  breaking   architecture x86_64 removed\n  breaking   export skew_sub removed\n"
            + "implied version bump: major\nverdict: breaking, exit code 6\n", output);
    }
}
