using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Rust crate of a library with async exports (examples/tasks): each export is a function
/// returning an <c>Operation&lt;T&gt;</c> future, with no executor crate, and a <c>NAME_blocking</c>
/// form. examples/tasks/tasks_bindings.rs awaits every export with a std-only <c>block_on</c>, checks
/// results, failures (codes and messages), cancellation before, during and after the end by
/// <c>cancel</c> and by dropping the future, 1,200 operations joined on six threads and 1,000 calls of
/// one counter's async method from four, then that no handle or allocation is left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksRustBindingTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksRustBindingTests(TasksFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_rust_program_awaits_every_async_export_through_the_generated_crate()
    {
        // Warnings are errors, in the crate as in the program.
        Assert.Equal("tasks_bindings.rs: all checks passed\n", BindingConsumers.Rust(_library, "tasks_bindings.rs", denyWarnings: true).Output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_rust_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "tasks_bindings.rs")), "rust");
        Assert.True(uncalled.Count == 0, $"tasks_bindings.rs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_crate_exposes_operations_only_as_futures()
    {
        string crate = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "tasks", "src", "lib.rs"));
        Assert.Contains("pub fn tasks_add_later(a: i32, b: i32, delayMs: i32) -> Operation<i32> {", crate);
        Assert.Contains("pub fn tasks_add_later_blocking(a: i32, b: i32, delayMs: i32) -> Result<i32, Error> {", crate);
        Assert.Contains("pub fn tasks_counter_later(start: i64) -> Operation<Option<Counter>> {", crate);
        Assert.Contains("    pub fn next(&self) -> Operation<i64> {", crate);
        Assert.Contains("    pub fn next_blocking(&self) -> Result<i64, Error> {", crate);
        // The operation's handle, wait and cancel stay in ffi: no safe wrapper could free it a second time.
        Assert.DoesNotContain("pub fn tasks_add_later_op_wait(op: &", crate);
        Assert.DoesNotContain("pub struct tasks_add_later_op(", crate);
    }
}
