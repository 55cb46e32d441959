using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/sequences once: iterator exports (IEnumerable&lt;T&gt; of numbers, text, flags, structs, objects).</summary>
public sealed class SequencesFixture() : ExampleFixture("sequences", "seq");

/// <summary>
/// Iterator exports as C calls them (examples/sequences/sequences.c, -Wall -Wextra -Werror -pedantic):
/// every item shape, an exception at the next that hit it, an iterator freed early whose finally block
/// runs, a method returning no sequence, refused handles, four threads on one iterator; nothing left
/// live. Also what the header declares and that the other bindings refuse the library.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class SequencesTests : IClassFixture<SequencesFixture>
{
    private readonly BuiltLibrary _library;

    public SequencesTests(SequencesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void The_header_declares_the_iterator_and_its_next_and_free_functions()
    {
        string header = File.ReadAllText(_library.HeaderPath);
        Assert.Contains("typedef struct seq_range_iter seq_range_iter;", header);
        Assert.Contains("SEQ_API seq_range_iter* SEQ_CALL_C seq_range(int32_t start, int32_t count);", header);
        Assert.Contains("SEQ_API bool SEQ_CALL_C seq_range_iter_next(seq_range_iter* it, int32_t* out_item);", header);
        Assert.Contains("SEQ_API void SEQ_CALL_C seq_range_iter_free(seq_range_iter* handle);", header);
        Assert.Contains("SEQ_API bool SEQ_CALL_C seq_words_iter_next(seq_words_iter* it, char** out_item);", header);
        Assert.Contains("SEQ_API bool SEQ_CALL_C seq_counters_iter_next(seq_counters_iter* it, seq_Counter** out_item);", header);
    }

    [Theory]
    [InlineData("gcc")]
    [InlineData("clang")]
    public void Every_iterator_works_from_C(string compiler)
    {
        string program = Run.Consumer(compiler, "c11", Path.Combine(Repo.Examples, "sequences", "sequences.c"), _library.Directory, _library.Name,
            Path.Combine(Run.TemporaryDirectory("sequences-" + compiler), "sequences"));
        ProcessResult run = Run.Program(program, []);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("every iterator: ok\n", run.Output);
    }

    [Theory]
    [InlineData("go")]
    [InlineData("java")]
    public void A_binding_that_does_not_drive_iterators_refuses_the_library_with_exit_code_8(string language) =>
        BindingRefusals.AssertRefused(_library, language, "cannot call iterator exports yet (seq_range, seq_words,");
}
