using System;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The host's habits, which the library must survive: unloading it (plugin hosts, scripting
/// languages), loading many copies of it under an address-space limit (each with its own runtime),
/// and short-lived native threads that leave an error behind. The hosts are the C programs in Hosts/.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class HostTests : IClassFixture<HelloWorldFixture>, IClassFixture<BoundaryFixture>
{
    private static readonly string Hosts = Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "Hosts");

    private readonly BuiltLibrary _helloWorld;
    private readonly BuiltLibrary _boundary;

    public HostTests(HelloWorldFixture helloWorld, BoundaryFixture boundary)
    {
        _helloWorld = helloWorld.Library;
        _boundary = boundary.Library;
    }

    [Fact]
    public void The_library_is_linked_never_to_be_unloaded()
    {
        // DF_1_NODELETE, as readelf reports it.
        string dynamic = Run.Program("readelf", ["--dynamic", _helloWorld.LibraryPath]).Succeeded().Output;
        Assert.Matches(@"FLAGS_1\)\s+Flags:.*\bNODELETE\b", dynamic);
    }

    [Fact]
    public void Dlclose_leaves_the_library_loaded_and_working_round_after_round()
    {
        string host = Compile("unload.c");
        ProcessResult run = Run.Program(host, [_helloWorld.LibraryPath, "HelloWorld", "123", "50", "20"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("50 rounds of load, call, unload: the library stayed loaded at one address\n", run.Output);
    }

    [Fact]
    public void Sixteen_copies_each_with_its_own_runtime_start_under_an_address_space_limit()
    {
        string host = Compile("copies.c");
        string folder = Run.TemporaryDirectory("copies");
        const int Copies = 16;
        for (int i = 0; i < Copies; i++)
        {
            File.Copy(_helloWorld.LibraryPath, Path.Combine(folder, $"copy{i}.so"));
        }
        // 16,000,000 KiB of address space for the whole process: without a cap on each GC's reservation
        // the second runtime cannot start and aborts the process without a word.
        ProcessResult run = Run.Program("bash", ["-c", "ulimit -v 16000000 && exec \"$0\" \"$@\"", host, folder, Copies.ToString(), "HelloWorld", "123"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal($"{Copies} copies loaded, each with its own runtime, all working\n", run.Output);
    }

    [Fact]
    public void The_error_a_short_lived_thread_leaves_behind_goes_with_it()
    {
        string host = Compile("short_threads.c", _boundary);
        // 20,000 threads, each failing once with a 4,000-byte message: kept after its thread ended,
        // that would be 80 MB; reclaimed, resident memory stays where the first 2,000 left it.
        ProcessResult run = Run.Program(host, ["20000", "2000", "4000"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        long[] kib = run.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        Assert.True(kib[1] - kib[0] < 16 * 1024,
            $"resident memory grew from {kib[0]:N0} KiB to {kib[1]:N0} KiB over 20,000 threads that each failed once");
    }

    /// <summary>Compiles a host program of Hosts/, against <paramref name="library"/> when it links one (else it uses dlopen).</summary>
    private static string Compile(string source, BuiltLibrary? library = null)
    {
        string output = Path.Combine(Run.TemporaryDirectory("hosts"), Path.GetFileNameWithoutExtension(source));
        if (library is not null)
        {
            return Run.Consumer("gcc", "c99", Path.Combine(Hosts, source), library.Directory, library.Name, output);
        }
        Run.Program(Toolchain.Find("gcc"), ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", Path.Combine(Hosts, source), "-ldl", "-o", output]).Succeeded();
        return output;
    }
}
