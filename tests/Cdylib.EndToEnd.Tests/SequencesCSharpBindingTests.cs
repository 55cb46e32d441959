using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The C# binding of a library with iterator exports (examples/sequences, whose build writes seq.Native.cs):
/// each export is a method returning IEnumerable&lt;T&gt;, and examples/sequences/sequences_bindings.cs,
/// compiled warning-free against it, reads every one — items of every shape, a failure at the MoveNext
/// that met it, a foreach left early (the library's finally block runs at once), a sequence dropped unread
/// (freed by the finalizer), sequences from four threads — and ends with no handle and no allocation live.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class SequencesCSharpBindingTests : IClassFixture<SequencesFixture>
{
    private readonly BuiltLibrary _library;

    public SequencesCSharpBindingTests(SequencesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_dotnet_program_reads_every_iterator_export_through_the_generated_binding()
    {
        string output = BindingConsumers.Dotnet(_library, "sequences_bindings.cs").Output;
        Assert.Equal("sequences_bindings.cs: all checks passed (1600 sequences from 4 threads)\n", output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_csharp_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "sequences_bindings.cs")), "csharp");
        Assert.True(uncalled.Count == 0, $"sequences_bindings.cs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_sequence_is_the_public_face_of_an_iterator()
    {
        string binding = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "seq.Native.cs"));
        Assert.Contains("public static IEnumerable<int> SeqRange(int start, int count)", binding);
        // Items the library declares non-null are not nullable: strings, objects; structs and flags as themselves.
        Assert.Contains("public static IEnumerable<string> SeqWords(string text)", binding);
        Assert.Contains("public static IEnumerable<Counter> SeqCounters(int count)", binding);
        Assert.Contains("public static IEnumerable<Point> SeqDiagonal(int count)", binding);
        Assert.Contains("public static IEnumerable<bool> SeqEvens(int count)", binding);
        // An iterator method of a handle class is a method of its wrapper class.
        Assert.Contains("public IEnumerable<long> Steps(int count) =>", binding);
        // The iterator handle types and their next and free functions have no wrapper (the raw declarations
        // keep them): nothing but the sequence can free an iterator, so nothing frees it twice.
        Assert.DoesNotContain("class SeqRangeIter", binding);
        Assert.DoesNotContain("SeqRangeIterNext(", binding);
        Assert.DoesNotContain("SeqRangeIterFree(", binding);
        Assert.Contains("public static partial byte seq_range_iter_next(void* it, int* out_item);", binding);
    }
}
