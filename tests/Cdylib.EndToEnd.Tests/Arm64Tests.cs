using System.Collections.Generic;
using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.ObjectFile;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// <c>cdylib build -r linux-arm64</c> on this x64 machine: the library and every companion file, linked
/// by the cross toolchain the build finds itself (clang, lld, Debian's aarch64 C library), and consumers
/// built with <c>aarch64-linux-gnu-gcc</c> run under qemu-user. The emulated machine has the C library
/// only (Debian's cross packages carry no ICU), so the runs that touch culture data are invariant, as
/// a library on a machine without libicu must be (InvariantGlobalization).
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class Arm64Tests
{
    private const string Runtime = "linux-arm64";

    /// <summary>Where Debian's cross C library lives: qemu's -L and the loader's root.</summary>
    private const string Sysroot = "/usr/aarch64-linux-gnu";

    [Fact]
    public void The_seed_library_builds_for_linux_arm64_from_the_package_and_its_cpp_consumer_prints_123_under_qemu()
    {
        string workspace = Run.TemporaryDirectory("seed-arm64");
        IReadOnlyDictionary<string, string> environment = UserHome.IsolatedPackageCache(workspace);
        string project = Path.Combine(workspace, "hello_world");
        Run.Cdylib(environment, "new", "hello_world", "--path", project).Succeeded();
        File.Copy(Path.Combine(Repo.Examples, "hello_world", "Lib.cs"), Path.Combine(project, "Lib.cs"), overwrite: true);

        BuiltLibrary library = BuiltLibrary.Build(project, "hello_world", environment, runtime: Runtime);
        Assert.Equal(Path.Combine(project, "target", Runtime, "debug"), library.Directory);
        foreach (string companion in new[] { "libhello_world.so", "libhello_world.so.dbg", "hello_world.h", "hello_world.abi.json", "hello_world.d", "hello_world.pc", "hello_worldConfig.cmake", "hello_worldConfigVersion.cmake" })
        {
            Assert.True(File.Exists(Path.Combine(library.Directory, companion)), $"{companion} is missing from {library.Directory}");
        }
        Assert.Equal("aarch64", BinaryFile.Open(library.LibraryPath).Summary.Machine);
        Assert.Contains("HelloWorld", library.ExportedNames());
        Assert.Equal(library.ExportedNamesByNm(), library.ExportedNames());

        string consumer = Run.Consumer("aarch64-linux-gnu-g++", "c++17", Path.Combine(Repo.Examples, "hello_world", "hello_world.cpp"), library.Directory, library.Name, Path.Combine(workspace, "hello_world-cpp"));
        Assert.Equal("123\n", Emulated(consumer, library).Succeeded().Output);
    }

    [Fact]
    public void The_boundary_example_builds_for_linux_arm64_and_its_c_consumer_passes_with_its_threads_under_qemu()
    {
        BuiltLibrary library = BuiltLibrary.Build(Path.Combine(Repo.Examples, "boundary"), "bnd", runtime: Runtime);
        Assert.Equal("aarch64", BinaryFile.Open(library.LibraryPath).Summary.Machine);

        string consumer = Run.Consumer("aarch64-linux-gnu-gcc", "c99", Path.Combine(library.ProjectDirectory, "boundary.c"), library.Directory, library.Name, Path.Combine(library.Directory, "boundary-arm64"));
        ProcessResult run = Emulated(consumer, library, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("boundary: all checks passed (8 threads x 125000 calls)\n", run.Output);
    }

    [Fact]
    public void A_missing_cross_toolchain_is_named_with_the_packages_to_install()
    {
        // A sysroot with no aarch64 C library in it stands for a machine without Debian's cross packages.
        string empty = Run.TemporaryDirectory("no-sysroot");
        ProcessResult build = Run.Cdylib("build", Path.Combine(Repo.Examples, "hello_world"), "-r", Runtime, "-p:SysRoot=" + empty);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CDY1006: hello_world: linking a linux-arm64 library on this x64 machine needs clang, lld and the aarch64-linux-gnu C library", build.Output);
        Assert.Contains("missing: gcc-aarch64-linux-gnu libc6-dev-arm64-cross. On Debian or Ubuntu: sudo apt-get install clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross", build.Output);
    }

    /// <summary>
    /// Runs an aarch64 program under qemu-user: the loader and C library from <see cref="Sysroot"/>, the
    /// library from its own folder, and <paramref name="variables"/> set for the program (not for qemu).
    /// </summary>
    internal static ProcessResult Emulated(string program, BuiltLibrary library, IReadOnlyDictionary<string, string>? variables = null)
    {
        var programVariables = new List<string> { "LD_LIBRARY_PATH=" + library.Directory };
        foreach (KeyValuePair<string, string> variable in variables ?? new Dictionary<string, string>())
        {
            programVariables.Add($"{variable.Key}={variable.Value}");
        }
        return Run.Program("qemu-aarch64", new[] { program },
            new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = Sysroot, ["QEMU_SET_ENV"] = string.Join(",", programVariables) });
    }
}
