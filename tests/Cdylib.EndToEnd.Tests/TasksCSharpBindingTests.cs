using System.IO;
using Cdylib.EndToEnd.Tests.Infrastructure;

namespace Cdylib.EndToEnd.Tests;

/// <summary>
/// The C# binding of a library with async exports (examples/tasks, whose build writes tasks.Native.cs):
/// each export is a Task-returning NameAsync method taking a CancellationToken, and
/// examples/tasks/tasks_bindings.cs, compiled warning-free against it, drives every one — results,
/// failures with codes and messages, cancellation before, during and after the end, 1,200 operations
/// from four threads — and ends with no handle and no allocation live.
/// </summary>
[Collection(NativeBuilds.Name)]
public sealed class TasksCSharpBindingTests : IClassFixture<TasksFixture>
{
    private readonly BuiltLibrary _library;

    public TasksCSharpBindingTests(TasksFixture fixture) => _library = fixture.Library;

    [Fact]
    public void A_dotnet_program_awaits_every_async_export_through_the_generated_binding()
    {
        string output = BindingConsumers.Dotnet(_library, "tasks_bindings.cs").Output;
        Assert.Matches(@"^tasks_bindings\.cs: all checks passed \(1200 concurrent operations, \d+ of 240 cancelled\)\n$", output);
    }

    [Fact]
    public void Every_function_of_the_abi_file_is_called_by_the_csharp_consumer()
    {
        var uncalled = BindingConsumers.Uncalled(_library.Abi, File.ReadAllText(Path.Combine(_library.ProjectDirectory, "tasks_bindings.cs")), "csharp");
        Assert.True(uncalled.Count == 0, $"tasks_bindings.cs does not call {string.Join(", ", uncalled)}");
    }

    [Fact]
    public void The_task_is_the_public_face_of_an_operation()
    {
        string binding = File.ReadAllText(Path.Combine(_library.Directory, "bindings", "tasks.Native.cs"));
        Assert.Contains("public static Task<int> TasksAddLaterAsync(int a, int b, int delayMs, CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task TasksForeverAsync(CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task<string?> TasksGreetAsync(string name, CancellationToken cancellationToken = default)", binding);
        Assert.Contains("public static Task<Counter?> TasksCounterLaterAsync(long start, CancellationToken cancellationToken = default)", binding);
        // An async method of a handle class is an async method of its wrapper class.
        Assert.Contains("public Task<long> NextAsync(CancellationToken cancellationToken = default) =>", binding);
        // The operation handle, the start function and the operation's wait, cancel and free have no wrapper
        // (the raw declarations keep them): nothing but the binding can free an operation, so nothing frees it twice.
        Assert.DoesNotContain("class TasksAddLaterOp", binding);
        Assert.DoesNotContain("public static Task<int> TasksAddLater(", binding);
        Assert.DoesNotContain("TasksAddLaterOpWait(", binding);
        Assert.DoesNotContain("TasksAddLaterOpCancel(", binding);
        Assert.Contains("public static partial void* tasks_add_later(int a, int b, int delayMs, delegate* unmanaged[Cdecl]<void*, int, int, void> done, void* user_data);", binding);
    }
}
