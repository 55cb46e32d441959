using System.Collections.Generic;
using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Python module of examples/tasks (written by the build, CdylibBindings) drives the async exports
/// with asyncio: examples/tasks/tasks_bindings.py awaits every export, starts and waits for each as an
/// operation object, cancels before, during and after the end, runs 1,000 operations on one loop and
/// more on four threads with loops of their own, and ends with no handle and no allocation left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksPythonBindingTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksPythonBindingTests(TasksFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Every_async_export_is_awaited_started_and_waited_for_through_the_python_module()
    {
        Assert.Equal("tasks_bindings.py: all checks passed\n", BindingConsumers.Python(_library, "tasks_bindings.py").Output);
    }

    [Fact]
    public void The_python_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "tasks_bindings.py")), "python");
        Assert.True(uncalled.Count == 0, $"tasks_bindings.py does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void An_async_export_is_a_coroutine_function_with_a_start_and_a_blocking_form_and_nothing_raw()
    {
        // What the module offers for one export, its operation class, and a handle's async method.
        const string Shape = """
            import inspect, tasks
            print(sorted(name for name in dir(tasks) if not name.startswith("_") and "addlater" in name.lower().replace("_", "")))
            print(inspect.iscoroutinefunction(tasks.tasks_add_later), inspect.iscoroutinefunction(tasks.Counter.next))
            print(inspect.signature(tasks.tasks_add_later), inspect.signature(tasks.tasks_add_later_blocking))
            print([name for name in ("wait", "cancel", "close", "next_start", "next_blocking") if hasattr(tasks.AddLaterOperation, name) or hasattr(tasks.Counter, name)])
            """;
        ProcessResult run = Run.Program("python3", ["-c", Shape], ImportFromBindings()).Succeeded();
        Assert.Equal(
            "['AddLaterOperation', 'tasks_add_later', 'tasks_add_later_blocking', 'tasks_add_later_op_cancel', 'tasks_add_later_op_free', 'tasks_add_later_op_wait', 'tasks_add_later_start']\n"
            + "True True\n"
            + "(a, b, delayMs) (a, b, delayMs, *, timeout=None)\n"
            + "['wait', 'cancel', 'close', 'next_start', 'next_blocking']\n",
            run.Output);
    }

    [Fact]
    public void A_python_process_exits_cleanly_with_operations_still_running()
    {
        ProcessResult run = Run.Program("python3", [Path.Combine(_library.ProjectDirectory, "tasks_bindings.py"), "exit"], ImportFromBindings());
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("exiting with operations running\n", run.Output);
    }

    private Dictionary<string, string> ImportFromBindings() => new()
    {
        ["PYTHONPATH"] = Path.Combine(_library.Directory, "bindings"),
        ["TASKS_LIBRARY"] = "",
        ["LD_LIBRARY_PATH"] = "",
    };
}
