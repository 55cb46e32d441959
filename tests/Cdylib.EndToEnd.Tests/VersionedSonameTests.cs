using System.Collections.Generic;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// A copy of examples/boundary (ABI version 3) built with <c>cdylib build --release -p:CdylibVersionedSoname=true</c>,
/// twice, so the second build meets the link the first one left.
/// </summary>
public sealed class VersionedReleaseFixture
{
    public VersionedReleaseFixture()
    {
        string project = ExampleCopy.Of("boundary", "versioned-soname");
        First = BuildVersioned(project);
        // Without its fingerprint the second build runs MSBuild again instead of saying "Fresh".
        Directory.Delete(Path.Combine(project, "target", ".fingerprint"), recursive: true);
        Library = BuildVersioned(project);
    }

    private static BuiltLibrary BuildVersioned(string project)
    {
        ProcessResult result = Run.Cdylib("build", project, "--release", "-p:CdylibVersionedSoname=true").Succeeded();
        return new BuiltLibrary(project, "bnd", result.Output, "release");
    }

    internal BuiltLibrary First { get; }

    internal BuiltLibrary Library { get; }
}

/// <summary>
/// The opt-in versioned SONAME: <c>libNAME.so.MAJOR</c> from <c>CdylibAbiVersion</c> with <c>libNAME.so</c> a
/// link to it, so C programs linked with <c>-lNAME</c> (by hand, through pkg-config or CMake) need and load
/// <c>libNAME.so.MAJOR</c>. The same Release build shows that the boundary's error messages read as the Debug
/// build's (examples/boundary, built by <see cref="BoundaryFixture"/>) do, although Release turns .NET's own
/// messages into resource keys.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class VersionedSonameTests : IClassFixture<VersionedReleaseFixture>, IClassFixture<BoundaryFixture>
{
    private readonly VersionedReleaseFixture _versioned;
    private readonly BuiltLibrary _release;
    private readonly BuiltLibrary _debug;

    public VersionedSonameTests(VersionedReleaseFixture versioned, BoundaryFixture debug)
    {
        _versioned = versioned;
        _release = versioned.Library;
        _debug = debug.Library;
    }

    private string Versioned => Path.Combine(_release.Directory, "libbnd.so.3");

    /// <summary>Failing calls, each followed by the error it left: the boundary's own and two of the library's.</summary>
    private const string Messages = """
        #include <stdint.h>
        #include <stdio.h>
        #include "bnd.h"

        static void show(const char* call) {
            printf("%s -> %d %s\n", call, (int)bnd_last_error_code(), bnd_last_error_message());
            bnd_clear_last_error();
        }

        int main(void) {
            (void)bnd_greet(NULL);
            show("bnd_greet(NULL)");
            (void)bnd_greet("\xff");
            show("bnd_greet(\"\\xff\")");
            (void)bnd_checksum(NULL, 5);
            show("bnd_checksum(NULL, 5)");
            (void)bnd_squares(3, NULL);
            show("bnd_squares(3, NULL)");
            (void)bnd_counter_add(NULL, 1);
            show("bnd_counter_add(NULL, 1)");
            (void)bnd_counter_add((bnd_Counter*)(uintptr_t)0x7777, 1);
            show("bnd_counter_add(forged, 1)");
            (void)bnd_centroid(NULL, 0);
            show("bnd_centroid(NULL, 0)");
            (void)bnd_repeat("x", -1);
            show("bnd_repeat(\"x\", -1)");
            return 0;
        }
        """;

    private static string MessagesSource()
    {
        string source = Path.Combine(Run.TemporaryDirectory("messages"), "messages.c");
        File.WriteAllText(source, Messages);
        return source;
    }

    private static string Needed(string binary) =>
        string.Join("\n", Run.Program("readelf", ["-d", binary]).Succeeded().Output.Split('\n').Where(line => line.Contains("(NEEDED)")));

    [Fact]
    public void The_library_is_libNAME_so_MAJOR_with_that_SONAME_and_libNAME_so_links_to_it()
    {
        Assert.Equal(FileAttributes.ReparsePoint, new FileInfo(Path.Combine(_release.Directory, "libbnd.so")).Attributes & FileAttributes.ReparsePoint);
        Assert.Equal("libbnd.so.3", new FileInfo(Path.Combine(_release.Directory, "libbnd.so")).LinkTarget);
        Assert.Null(new FileInfo(Versioned).LinkTarget);
        Assert.Contains("0x000000000000000e (SONAME)             Library soname: [libbnd.so.3]", Run.Program("readelf", ["-d", Versioned]).Succeeded().Output);

        // Both builds list the link as a link; the second replaced the link the first left, never wrote through it.
        foreach (BuiltLibrary build in new[] { _versioned.First, _release })
        {
            Assert.Matches(@"libbnd\.so -> libbnd\.so\.3\s+link\n", build.BuildOutput);
            Assert.Matches(@"libbnd\.so\.3\s+[0-9,]+ B\n", build.BuildOutput);
        }
        Assert.DoesNotContain("warning:", _release.BuildOutput);

        // The companions follow: dep-info names the real file, the debug link finds its symbols beside it.
        Assert.StartsWith(Versioned + " ", File.ReadAllText(Path.Combine(_release.Directory, "bnd.d")));
        string debugLink = Run.Program("readelf", ["--string-dump=.gnu_debuglink", Versioned]).Succeeded().Output;
        Assert.Contains("libbnd.so.dbg", debugLink);
        Assert.True(File.Exists(Path.Combine(_release.Directory, "libbnd.so.dbg")));

        // The folder, the link and the versioned file all stand for the library.
        foreach (string library in new[] { _release.ProjectDirectory, _release.LibraryPath, Versioned })
        {
            Assert.StartsWith("ok: ", Run.Cdylib("check", library, "--release").Succeeded().Output);
        }
        Assert.Contains("SONAME:   libbnd.so.3", Run.Cdylib("exports", _release.ProjectDirectory, "--release").Succeeded().Output);
    }

    [Fact]
    public void A_C_program_linked_with_minus_l_needs_and_loads_libNAME_so_MAJOR()
    {
        string program = Run.Consumer("gcc", "c99", MessagesSource(), _release.Directory, "bnd", Path.Combine(Run.TemporaryDirectory("linked"), "messages"));
        Assert.Equal(" 0x0000000000000001 (NEEDED)             Shared library: [libbnd.so.3]",
            Needed(program).Split('\n').Single(line => line.Contains("libbnd")));
        Assert.Contains("bnd_greet(NULL) -> 3 'name' must not be NULL\n", Run.Program(program, []).Succeeded().Output);
    }

    [Fact]
    public void The_boundarys_messages_read_the_same_in_Debug_and_Release()
    {
        string source = MessagesSource();
        string debug = Run.Program(Run.Consumer("gcc", "c99", source, _debug.Directory, "bnd", Path.Combine(Run.TemporaryDirectory("messages-debug"), "messages")), []).Succeeded().Output;
        string release = Run.Program(Run.Consumer("gcc", "c99", source, _release.Directory, "bnd", Path.Combine(Run.TemporaryDirectory("messages-release"), "messages")), []).Succeeded().Output;
        Assert.Equal("""
            bnd_greet(NULL) -> 3 'name' must not be NULL
            bnd_greet("\xff") -> 4 'name' is not valid UTF-8 (at byte 0)
            bnd_checksum(NULL, 5) -> 3 'data' is NULL but its length is 5
            bnd_squares(3, NULL) -> 3 'out_len' must not be NULL
            bnd_counter_add(NULL, 1) -> 3 'self' must not be NULL
            bnd_counter_add(forged, 1) -> 5 'self' is not a live Counter handle (freed, stale or forged)
            bnd_centroid(NULL, 0) -> 2 System.ArgumentException: no points (Parameter 'points')
            bnd_repeat("x", -1) -> 2 System.ArgumentOutOfRangeException: count must not be negative (Parameter 'count')

            """.ReplaceLineEndings("\n"), debug);
        Assert.Equal(debug, release);
    }

    [Fact]
    public void Pkg_config_and_CMake_consumers_link_the_versioned_library()
    {
        var environment = new Dictionary<string, string> { ["PKG_CONFIG_PATH"] = _release.Directory };
        string flags = Run.Program("pkg-config", ["--cflags", "--libs", "bnd"], environment).Succeeded().Output.Trim();
        string viaPkgConfig = Path.Combine(Run.TemporaryDirectory("pkg-config-versioned"), "messages");
        Run.Program("gcc", ["-std=c99", "-Wall", "-Werror", MessagesSource(), "-o", viaPkgConfig, .. flags.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)]).Succeeded();
        Assert.Contains("[libbnd.so.3]", Needed(viaPkgConfig));
        Assert.StartsWith("bnd_greet(NULL) -> 3 ", Run.Program(viaPkgConfig, []).Succeeded().Output);

        string project = Run.TemporaryDirectory("cmake-versioned");
        File.Copy(MessagesSource(), Path.Combine(project, "messages.c"));
        File.WriteAllText(Path.Combine(project, "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.16)
            project(consumer C)
            find_package(bnd 3 CONFIG REQUIRED)
            add_executable(messages messages.c)
            target_link_libraries(messages PRIVATE bnd::bnd)
            """);
        string build = Path.Combine(project, "build");
        Run.Program("cmake", ["-S", project, "-B", build, "-Dbnd_DIR=" + _release.Directory]).Succeeded();
        Run.Program("cmake", ["--build", build]).Succeeded();
        string viaCMake = Path.Combine(build, "messages");
        Assert.Contains("[libbnd.so.3]", Needed(viaCMake));
        Assert.StartsWith("bnd_greet(NULL) -> 3 ", Run.Program(viaCMake, []).Succeeded().Output);
    }
}
