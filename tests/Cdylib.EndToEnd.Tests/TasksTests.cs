using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>Builds examples/tasks once: async exports (Task, Task&lt;T&gt;, ValueTask&lt;T&gt;, a handle's async method).</summary>
public sealed class TasksFixture() : ExampleFixture("tasks", "tasks");

/// <summary>
/// Async exports as C calls them (examples/tasks/tasks.c, compiled with -Wall -Wextra -Werror
/// -pedantic): each export's result through the callback and through wait, failures with their codes
/// and messages, cancellation before, during and after the end, a callback that calls back in,
/// refused arguments and handles; many operations from many threads; and a process that exits with
/// operations running. Also what the header declares and what the other bindings say about them.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksTests(TasksFixture fixture) => _library = fixture.Library;

    [Fact]
    public void The_header_declares_the_start_function_and_the_operation_functions()
    {
        string header = File.ReadAllText(_library.HeaderPath);
        Assert.Contains("typedef struct tasks_add_later_op tasks_add_later_op;", header);
        Assert.Contains("tasks_add_later_op* TASKS_CALL_C tasks_add_later(int32_t a, int32_t b, int32_t delayMs, void (*done)(void*, int32_t, int32_t), void* user_data);", header);
        Assert.Contains("int32_t TASKS_CALL_C tasks_add_later_op_wait(tasks_add_later_op* op, int32_t timeout_ms, int32_t* out_result);", header);
        Assert.Contains("void TASKS_CALL_C tasks_add_later_op_cancel(tasks_add_later_op* op);", header);
        Assert.Contains("void TASKS_CALL_C tasks_add_later_op_free(tasks_add_later_op* handle);", header);
        // A Task has no result: neither the callback nor wait carries one.
        Assert.Contains("tasks_forever_op* TASKS_CALL_C tasks_forever(void (*done)(void*, int32_t), void* user_data);", header);
        Assert.Contains("int32_t TASKS_CALL_C tasks_forever_op_wait(tasks_forever_op* op, int32_t timeout_ms);", header);
        // Text arrives owned, as a return value would.
        Assert.Contains("tasks_greet_op* TASKS_CALL_C tasks_greet(const char* name, void (*done)(void*, int32_t, char*), void* user_data);", header);
        Assert.Contains("#define TASKS_ERROR_CANCELLED 10", header);
        Assert.Contains("#define TASKS_ERROR_TIMEOUT 11", header);
    }

    [Theory]
    [InlineData("gcc")]
    [InlineData("clang")]
    public void Every_export_works_from_C(string compiler)
    {
        ProcessResult run = Run.Program(Consumer(compiler), []);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("every export: ok\n", run.Output);
    }

    [Fact]
    public void Ten_thousand_operations_from_eight_threads_each_end_once_with_the_right_result()
    {
        ProcessResult run = Run.Program(Consumer("gcc"), ["stress", "8", "10000"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("10000 operations ended, 0 wrong, 0 handles live\n", run.Output);
    }

    [Fact]
    public void A_process_exits_cleanly_with_operations_still_running()
    {
        ProcessResult run = Run.Program(Consumer("gcc"), ["exit"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("exiting with 200 operations running\n", run.Output);
    }

    [Fact]
    public void Threads_that_make_a_process_s_first_calls_at_once_all_finish()
    {
        // Hosts/first_calls.c: 1,500 fresh processes, in each two threads making the first calls at once.
        // .NET's class constructors run at first use (UTF8Encoding's in Debug and Release builds); before the
        // runtime's warm-up (src/Cdylib/Runtime/LockStaticsWarmup.cs) about 1 process in 500 aborted, hung or failed here.
        string host = Run.Consumer("gcc", "c99", Path.Combine(Repo.Root, "tests", "Cdylib.EndToEnd.Tests", "Hosts", "first_calls.c"),
            _library.Directory, _library.Name, Path.Combine(Run.TemporaryDirectory("tasks-first-calls"), "first_calls"));
        ProcessResult run = Run.Program(host, ["1500", "2"]);
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("1500 processes of 2 threads: 0 aborted, 0 hung, 0 failed\n", run.Output);
    }

    [Theory]
    [InlineData("java")]
    public void A_binding_that_does_not_drive_operations_refuses_the_library_with_exit_code_8(string language) =>
        BindingRefusals.AssertRefused(_library, language, "cannot call async exports yet (tasks_add_later, tasks_greet,");

    private string Consumer(string compiler) =>
        Run.Consumer(compiler, "c11", Path.Combine(Repo.Examples, "tasks", "tasks.c"), _library.Directory, _library.Name,
            Path.Combine(Run.TemporaryDirectory("tasks-" + compiler), "tasks"));
}
