using System;
using System.IO;
using Cdylib.Cli.Projects;

namespace Cdylib.Cli.Tests;

/// <summary>
/// When <c>cdylib build</c> calls a build fresh without starting MSBuild, and everything that makes
/// it build again: on a project folder laid out as a build leaves it, with the input list the build
/// writes (build/Cdylib.Fingerprint.targets), so no Native AOT build is needed here (the end-to-end
/// tests check a real one says "Fresh").
/// </summary>
public sealed class BuildFingerprintTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cdylib-fingerprint-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _project;
    private readonly string _shared;
    private readonly string _library;

    public BuildFingerprintTests()
    {
        string folder = Path.Combine(_root, "work", "adder");
        _shared = Path.Combine(_root, "shared");
        Directory.CreateDirectory(Path.Combine(folder, "target", "debug"));
        Directory.CreateDirectory(_shared);
        _project = Write(Path.Combine(folder, "adder.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write(Path.Combine(folder, "Lib.cs"), "class A {}");
        Write(Path.Combine(_shared, "Shared.cs"), "class S {}");
        _library = Write(Path.Combine(folder, "target", "debug", "libadder.so"), "ELF");
        Write(Build().InputsFile, $"file:{_project}\nfile:{Path.Combine(folder, "Lib.cs")}\ntree:{_shared}\noutput:{_library}\n");
        Build().Record();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Nothing_changed_is_fresh_and_a_file_compiled_into_target_changes_nothing()
    {
        Assert.True(Build().IsFresh());
        Write(Path.Combine(Path.GetDirectoryName(_library)!, "consumer"), "a C program built beside the library");
        Assert.True(Build().IsFresh());
    }

    [Fact]
    public void An_edited_source_is_not_fresh() => AssertRebuiltAfter(() => Touch(Path.Combine(Path.GetDirectoryName(_project)!, "Lib.cs")));

    [Fact]
    public void A_new_source_no_build_has_seen_is_not_fresh() => AssertRebuiltAfter(() => Write(Path.Combine(Path.GetDirectoryName(_project)!, "New.cs"), "class N {}"));

    [Fact]
    public void A_change_in_a_referenced_project_folder_is_not_fresh() => AssertRebuiltAfter(() => Touch(Path.Combine(_shared, "Shared.cs")));

    [Fact]
    public void A_deleted_library_is_not_fresh() => AssertRebuiltAfter(() => File.Delete(_library));

    [Fact]
    public void A_new_Directory_Build_props_above_the_project_is_not_fresh() =>
        AssertRebuiltAfter(() => Write(Path.Combine(_root, "work", "Directory.Build.props"), "<Project />"));

    [Fact]
    public void Other_options_are_another_build()
    {
        Assert.False(new BuildFingerprint(_project, "linux-x64", "debug", ["Optimize=false"]).IsFresh());
        Assert.False(new BuildFingerprint(_project, "linux-x64", "release", []).IsFresh());
        Assert.False(new BuildFingerprint(_project, "linux-arm64", "debug", []).IsFresh());
    }

    [Fact]
    public void A_variable_MSBuild_reads_is_part_of_it()
    {
        string name = "CDYLIB_FINGERPRINT_TEST_" + Guid.NewGuid().ToString("N")[..6];
        Environment.SetEnvironmentVariable(name, "1");
        try
        {
            Assert.False(Build().IsFresh());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        Assert.True(Build().IsFresh());
    }

    [Fact]
    public void A_failed_build_forgets_the_last_fingerprint()
    {
        Build().Forget();
        Assert.False(Build().IsFresh());
    }

    private BuildFingerprint Build() => new(_project, "linux-x64", "debug", []);

    private void AssertRebuiltAfter(Action change)
    {
        Assert.True(Build().IsFresh());
        change();
        Assert.False(Build().IsFresh());
    }

    // Another modification time, as an editor's save gives.
    private static void Touch(string path) => File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(2));

    private static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
