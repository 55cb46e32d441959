using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Rust crate of a library with iterator exports (examples/sequences): each export returns a
/// <c>Sequence&lt;T&gt;</c>, an <c>Iterator</c> of <c>Result&lt;T, Error&gt;</c> owning the iterator's handle.
/// examples/sequences/sequences_bindings.rs reads every item shape (numbers, strings, flags, structs,
/// Counter handles and a Counter's own sequence), sees the exception at the item that hit it and then
/// the end, ends sequences early (break, an adapter, close, an unread drop) with the C# finally
/// counted, shares one sequence among four threads, and checks no handle or allocation is left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class SequencesRustBindingTests : IClassFixture<SequencesFixture>
{
    private readonly BuiltLibrary _library;

    public SequencesRustBindingTests(SequencesFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_rust_program_reads_every_iterator_export_through_the_generated_crate()
    {
        // Warnings are errors, in the crate as in the program.
        Assert.Equal("sequences_bindings.rs: all checks passed\n", BindingConsumers.Rust(_library, "sequences_bindings.rs", denyWarnings: true).Output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_rust_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "sequences_bindings.rs")), "rust");
        Assert.True(uncalled.Count == 0, $"sequences_bindings.rs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_crate_exposes_iterators_only_as_sequences()
    {
        string crate = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "seq", "src", "lib.rs"));
        Assert.Contains("pub fn seq_range(start: i32, count: i32) -> Result<Sequence<i32>, Error> {", crate);
        Assert.Contains("pub fn seq_words(text: &str) -> Result<Sequence<String>, Error> {", crate);
        Assert.Contains("pub fn seq_counters(count: i32) -> Result<Sequence<Counter>, Error> {", crate);
        Assert.Contains("    pub fn steps(&self, count: i32) -> Result<Sequence<i64>, Error> {", crate);
        Assert.Contains("impl<T> std::iter::FusedIterator for Sequence<T> {}", crate);
        // The iterator's handle, next and free stay in ffi (indented there): no safe wrapper could free it a second time.
        Assert.Contains("        pub fn seq_range_iter_next(it: *mut ffi::seq_range_iter, out_item: *mut i32) -> bool;", crate);
        Assert.DoesNotContain("\npub fn seq_range_iter_next(", crate);
        Assert.DoesNotContain("\npub fn seq_range_iter_free(", crate);
        Assert.DoesNotContain("pub struct seq_range_iter(", crate);
    }
}
