using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Node package of examples/tasks (written by the build, CdylibBindings) drives the async exports as
/// Promises: examples/tasks/tasks_bindings.js awaits every export, aborts before, during and after the end,
/// runs 1,000 operations at once and then 3,000, ends with no handle and no allocation left, and leaves
/// its last operation running when its code has returned (the process waits for it); a process that
/// calls process.exit with operations running ends cleanly.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksNodeBindingTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksNodeBindingTests(TasksFixture fixture) => _library = fixture.Library;

    [Fact]
    public void Every_async_export_is_a_promise_through_the_node_package()
    {
        string script = Path.Combine(_library.ProjectDirectory, "tasks_bindings.js");
        var environment = NodePackages.Environment(Path.Combine(_library.Directory, "bindings", "node"), _library.Abi.MacroPrefix);
        ProcessResult run = Run.Program("node", [script], environment);
        Assert.Equal("tasks_bindings.js: all checks passed\n", run.Succeeded().Output);
    }

    [Fact]
    public void The_node_consumer_calls_every_function_of_the_abi_file()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "tasks_bindings.js")), "node");
        Assert.True(uncalled.Count == 0, $"tasks_bindings.js does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void A_node_process_exits_cleanly_with_operations_still_running()
    {
        ProcessResult run = Run.Program("node", [Path.Combine(_library.ProjectDirectory, "tasks_bindings.js"), "exit"],
            NodePackages.Environment(Path.Combine(_library.Directory, "bindings", "node"), _library.Abi.MacroPrefix));
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("exiting with operations running\n", run.Output);
    }
}
