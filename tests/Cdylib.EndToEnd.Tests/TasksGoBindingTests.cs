using System.Collections.Generic;
using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;
using Cdylib.Tests.Shared;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The Go package of a library with async exports (examples/tasks): each export is a blocking function, a
/// <c>NameContext</c> form whose context's end cancels the operation, and a <c>NameAsync</c> form returning a
/// channel that delivers one result. examples/tasks/tasks_bindings.go calls every form, checks results,
/// failures (codes and messages), cancellation before, during and after the end (by cancel and by deadline),
/// results nobody reads, 2,400 operations at once from as many goroutines (1,000 on one counter), then that
/// no handle or allocation is left.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksGoBindingTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksGoBindingTests(TasksFixture fixture) => _library = fixture.Library;

    private string Package => Path.Combine(_library.Directory, "bindings", "go", "tasks");

    [Fact]
    public void A_go_program_drives_every_async_export_through_the_generated_package()
    {
        Assert.Equal("tasks_bindings.go: all checks passed\n", BindingConsumers.Go(_library, "tasks_bindings.go").Output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_go_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "tasks_bindings.go")), "go");
        Assert.True(uncalled.Count == 0, $"tasks_bindings.go does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_package_exposes_operations_only_through_its_three_forms_and_is_as_gofmt_and_go_vet_want_it()
    {
        string package = File.ReadAllText(Path.Combine(Package, "tasks.go"));
        Assert.Contains("func TasksAddLater(a int32, b int32, delayMs int32) (int32, error) {", package);
        Assert.Contains("func TasksAddLaterContext(ctx context.Context, a int32, b int32, delayMs int32) (int32, error) {", package);
        Assert.Contains("func TasksAddLaterAsync(ctx context.Context, a int32, b int32, delayMs int32) <-chan Result[int32] {", package);
        Assert.Contains("func TasksForeverAsync(ctx context.Context) <-chan error {", package);
        Assert.Contains("func TasksCounterLater(start int64) (*Counter, error) {", package);
        Assert.Contains("func (self *Counter) NextAsync(ctx context.Context) <-chan Result[int64] {", package);
        // The operation's handle, wait, cancel and free stay inside the package: nothing could free it twice.
        Assert.DoesNotContain("func TasksAddLaterOpFree(", package);
        Assert.DoesNotContain("func TasksAddLaterOpCancel(", package);
        Assert.DoesNotContain("func TasksAddLaterOpWait(", package);
        Assert.DoesNotContain("C.tasks_add_later_op_wait", package);

        ProcessResult format = ProcessRunner.Run("gofmt", new[] { "-l", "tasks.go" }, Package);
        Assert.True(format.ExitCode == 0 && format.Output.Length == 0, $"gofmt -l lists tasks.go:\n{format.Transcript}");
        var environment = new Dictionary<string, string>
        {
            ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "off", ["GOCACHE"] = Path.Combine(Run.TemporaryDirectory("go-vet"), "cache"),
        };
        ProcessRunner.Run("go", new[] { "vet", "." }, Package, environment).Succeeded();
    }
}
