using System;
using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>A copy of examples/hello_world with one more export, <c>natural_log</c>: Math.Log, which Native AOT
/// compiles to a call to the C library's <c>log()</c>. Built once, in Release: a Debug build keeps more of .NET's
/// own code, which calls other libm functions (sin, cos, pow, floor, ...) and so needs libm itself.</summary>
public sealed class NaturalLogFixture
{
    public NaturalLogFixture()
    {
        string project = ExampleCopy.Of("hello_world", "natural-log");
        File.WriteAllText(Path.Combine(project, "NaturalLog.cs"), """
            using System;
            using Cdylib;

            /// <summary>The C library's log(), through Math.Log.</summary>
            public static class NaturalLog
            {
                /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
                [CExport("natural_log")]
                public static double Of(double x) => Math.Log(x);
            }
            """);
        Library = BuiltLibrary.Build(project, "hello_world", release: true);
    }

    internal BuiltLibrary Library { get; }
}

/// <summary>
/// The host's habits, which the library must survive: unloading it (plugin hosts, scripting
/// languages), loading many copies of it under an address-space limit (each with its own runtime),
/// and short-lived native threads that leave an error behind. The hosts are the C programs in Hosts/.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class HostTests : IClassFixture<HelloWorldFixture>, IClassFixture<BoundaryFixture>, IClassFixture<NaturalLogFixture>
{
    private static readonly string Hosts = Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "Hosts");

    private readonly BuiltLibrary _helloWorld;
    private readonly BuiltLibrary _boundary;
    private readonly BuiltLibrary _naturalLog;

    public HostTests(HelloWorldFixture helloWorld, BoundaryFixture boundary, NaturalLogFixture naturalLog)
    {
        _helloWorld = helloWorld.Library;
        _boundary = boundary.Library;
        _naturalLog = naturalLog.Library;
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

    [Fact]
    public void The_math_library_is_loaded_when_the_library_first_needs_it_and_gives_the_same_results()
    {
        // build/Cdylib.LazyLibm.targets: libm.so.6 is not a needed library (the runtime uses only its log())...
        string dynamic = Run.Program("readelf", ["--dynamic", _naturalLog.LibraryPath]).Succeeded().Output;
        Assert.Contains("Shared library: [libc.so.6]", dynamic);
        Assert.DoesNotContain("libm.so", dynamic);
        // ...and in a host without it, the first call starts the runtime without loading it; Math.Log loads it
        // and gives exactly what libm's log() gives (BuildPropertiesTests: CdylibLazyLibm=false links it as before).
        ProcessResult run = Run.Program(Compile("lazy_libm.c"), [_naturalLog.LibraryPath]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("libm.so.6 loaded at the first log(), not before: 14 results equal to libm's log()\n", run.Output);
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
