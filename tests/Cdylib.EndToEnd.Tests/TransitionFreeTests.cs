using System.IO;
using System.Linq;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// examples/primitives' exports without the GC transition (<c>[CExport, SuppressGCTransition]</c>),
/// as a host calls them: the linked library exports each (the build completed ILC's exports file and
/// checked the result), a process that makes only such calls never starts the runtime, and callers on
/// eight threads (half of them short-lived, new to the library) get every result right while other
/// threads allocate and force full collections. The C consumer checks each value too
/// (<see cref="PrimitivesTests"/>).
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TransitionFreeTests : IClassFixture<PrimitivesFixture>
{
    private static readonly string[] TransitionFree = ["prim_fast_add", "prim_fast_sum", "prim_fast_middle", "prim_fast_normalize", "prim_fast_popcount"];

    private readonly BuiltLibrary _library;

    public TransitionFreeTests(PrimitivesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Each_is_exported_as_a_global_function_and_declared_in_the_header()
    {
        string symbols = Run.Program("nm", ["-D", "--defined-only", _library.LibraryPath]).Succeeded().Output;
        string header = File.ReadAllText(_library.HeaderPath);
        foreach (string name in TransitionFree)
        {
            Assert.Matches($@"(?m)^[0-9a-f]+ T {name}(@@V1\.0)?$", symbols);
            Assert.Contains(name + "(", header);
        }
        // No empty entry is left in the exports file ILC wrote, which the linker would have rejected.
        string exportsFile = Directory.GetFiles(Path.Combine(_library.ProjectDirectory, "obj"), "libprim.exports", SearchOption.AllDirectories).First();
        Assert.DoesNotMatch(@"(?m)^\s*;\s*$", File.ReadAllText(exportsFile));
    }

    [Fact]
    public void A_process_that_makes_only_transition_free_calls_never_starts_the_runtime()
    {
        ProcessResult run = Run.Program(Host(), ["alone"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("threads after transition-free calls: 1; after an ordinary call: more\n", run.Output);
    }

    [Fact]
    public void Eight_callers_get_every_result_right_while_collections_run()
    {
        ProcessResult run = Run.Program(Host(), ["stress", "8", "100000"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("4000000 checks, 0 wrong, collections ran meanwhile\n", run.Output);
    }

    private string Host() =>
        Run.Consumer("gcc", "c11", Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "Hosts", "transition_free.c"),
            _library.Directory, _library.Name, Path.Combine(Run.TemporaryDirectory("transition-free"), "transition_free"));
}
