using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Python module of examples/sequences (written by the build, CdylibBindings) turns every iterator export
/// into a Python iterator: examples/sequences/sequences_bindings.py reads every item shape, meets an exception
/// at the next() that hit it, ends sequences early (close, with, a break) with their finally blocks run once,
/// takes items from four threads, and ends with no handle and no allocation left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class SequencesPythonBindingTests : IClassFixture<SequencesFixture>
{
    private readonly BuiltLibrary _library;

    public SequencesPythonBindingTests(SequencesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Every_iterator_export_is_read_as_a_python_iterator()
    {
        Assert.Equal("sequences_bindings.py: all checks passed\n", BindingConsumers.Python(_library, "sequences_bindings.py").Output);
    }

    [Fact]
    public void The_python_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "sequences_bindings.py")), "python");
        Assert.True(uncalled.Count == 0, $"sequences_bindings.py does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void An_iterator_export_gives_a_sequence_object_and_its_next_function_is_not_exposed()
    {
        // What the module offers for one export, what its sequence class is, and a handle's iterator method.
        const string Shape = """
            import seq
            print(sorted(name for name in dir(seq) if not name.startswith("_") and "range" in name.lower()))
            print([name for name in ("__iter__", "__next__", "close", "__enter__", "__exit__") if hasattr(seq.RangeSequence, name)])
            print(seq.Counter.steps is seq.seq_counter_steps, type(seq.seq_range(0, 1)).__name__, seq.seq_live_handles())
            """;
        ProcessResult run = Run.Program("python3", ["-c", Shape], BindingConsumers.PythonEnvironment(_library)).Succeeded();
        Assert.Equal(
            "['RangeSequence', 'seq_range', 'seq_range_iter_free']\n"
            + "['__iter__', '__next__', 'close', '__enter__', '__exit__']\n"
            + "True RangeSequence 0\n",
            run.Output);
    }
}
