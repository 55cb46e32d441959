using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Node package of examples/sequences (written by the build, CdylibBindings) turns every iterator export
/// into a JavaScript iterator: examples/sequences/sequences_bindings.js reads every item shape (numbers,
/// strings, flags, structs, Counter objects and a Counter's own sequence), meets an exception at the next()
/// that hit it, ends sequences early (a break out of for…of, a throw in its body, close, Symbol.dispose,
/// return, one dropped and collected) with the C# finally counted once each, closes sequences unread, and
/// ends with no handle and no allocation left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class SequencesNodeBindingTests : IClassFixture<SequencesFixture>
{
    private readonly BuiltLibrary _library;

    public SequencesNodeBindingTests(SequencesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Every_iterator_export_is_read_as_a_javascript_iterator()
    {
        Assert.Equal("sequences_bindings.js: all checks passed\n", NodePackages.Consumer(_library, "sequences_bindings.js").Output);
    }

    [Fact]
    public void The_node_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "sequences_bindings.js")), "node");
        Assert.True(uncalled.Count == 0, $"sequences_bindings.js does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void An_iterator_export_gives_a_sequence_object_and_its_next_function_is_not_exposed()
    {
        // What the package offers for one export, what its sequence class has, a handle's iterator method,
        // and the declaration TypeScript reads.
        const string Shape = """
            const seq = require('seq');
            console.log(Object.keys(seq).filter((name) => name.toLowerCase().includes('range')).sort().join(' '));
            console.log(['next', 'return', 'close', Symbol.iterator, Symbol.dispose].map((name) => typeof seq.RangeSequence.prototype[name]).join(' '));
            const counter = seq.seq_counters(1).next().value;
            console.log(seq.Counter.prototype.steps.length, seq.seq_range(0, 1).constructor.name, counter.steps(1).constructor.name);
            """;
        string package = Path.Combine(_library.Directory, "bindings", "node");
        ProcessResult run = Run.Program("node", ["-e", Shape], NodePackages.Environment(package, _library.Abi.MacroPrefix)).Succeeded();
        Assert.Equal("RangeSequence seq_range seq_range_iter_free\nfunction function function function function\n1 RangeSequence StepsSequence\n", run.Output);

        string declarations = File.ReadAllText(Path.Combine(package, "seq", "index.d.ts"));
        Assert.Contains("export declare class RangeSequence implements IterableIterator<number> {", declarations);
        Assert.Contains("export declare class CountersSequence implements IterableIterator<Counter> {", declarations);
        Assert.Contains("    next(): IteratorResult<Point, undefined>;", declarations);
        Assert.Contains("    steps(count: number): StepsSequence;", declarations);
        Assert.Contains("export declare function seq_words(text: string | null): WordsSequence;", declarations);
        Assert.DoesNotContain("seq_range_iter_next", declarations);
    }
}
