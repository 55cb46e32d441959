// A .NET program that uses libtasks through the C# binding the build writes (tasks.Native.cs): every async
// export is a Task-returning NameAsync method with a CancellationToken. Every function of the library is
// called and each result checked: values, text, flags, objects, nothing; the library's failures with their
// codes and messages; cancellation before, during and after the end; 1,200 operations started from four
// threads at once and awaited with Task.WhenAll; and no handle or allocation left at the end. It is the
// Program.cs of a console project that compiles tasks.Native.cs beside it and copies libtasks.so next to
// the program; the tests build and run it so (tests/Cdylib.EndToEnd.Tests/TasksCSharpBindingTests.cs).
// Exits non-zero on failure.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Tasks.Native;

TasksLibrary.TasksInit();
Expect(TasksLibrary.TasksAbiVersion(), TasksLibrary.AbiVersion);
Expect(TasksLibrary.TasksApiHash(), TasksLibrary.ApiHash);

// Every result shape, as the synchronous form would give it.
Expect(await TasksLibrary.TasksAddLaterAsync(40, 2, 10), 42);
Expect(await TasksLibrary.TasksGreetAsync("wörld"), "hello, wörld");
Expect(await TasksLibrary.TasksIsEvenAsync(10), true);
Expect(await TasksLibrary.TasksIsEvenAsync(7), false);
Expect(await TasksLibrary.TasksSleepAsync(5), 5);

// Ready at once: the callback ran inside the start function, so the task has ended when it is returned.
Task<int> atOnce = TasksLibrary.TasksAddLaterAsync(1, 1, 0);
Expect(atOnce.Status, TaskStatus.RanToCompletion);
Expect(atOnce.Result, 2);

// An object: a Counter owning one handle, whose own async method is NextAsync.
using (Counter counter = (await TasksLibrary.TasksCounterLaterAsync(40))!)
{
    Expect(await counter.NextAsync(), 41L);
    Expect(await TasksLibrary.TasksCounterNextAsync(counter), 42L);
    Expect(counter.Value(), 42L);
    Expect(TasksLibrary.TasksCounterValue(counter), 42L);
}

// The library's failures: TasksException with the code and the message the C caller would read.
TasksException overflow = await ExpectThrows<TasksException>(() => TasksLibrary.TasksAddLaterAsync(int.MaxValue, 1, 1), "overflow");
Expect(overflow.Code, TasksErrorCodes.Overflow);
TasksException failed = await ExpectThrows<TasksException>(() => TasksLibrary.TasksFailLaterAsync(1042, 5), "failed on purpose with 1042");
Expect(failed.Code, 1042);
Expect(failed.Message, "failed on purpose with 1042");
TasksException thrown = await ExpectThrows<TasksException>(() => TasksLibrary.TasksThrowNowAsync("not now"), "not now");
Expect(thrown.Code, TasksErrorCodes.InvalidOperation);

// Arguments refused before anything starts throw at once, as the synchronous form would: no task.
ExpectThrowsNow<ArgumentException>(() => TasksLibrary.TasksGreetAsync("nul\0cut"), "NUL character");
ExpectThrowsNow<ArgumentException>(() => TasksLibrary.TasksGreetAsync("\ud800"), "lone surrogate");
Expect(ExpectThrowsNow<TasksException>(() => TasksLibrary.TasksGreetAsync(null!), "").Code, TasksErrorCodes.NullArgument);
Counter disposed = (await TasksLibrary.TasksCounterLaterAsync(1))!;
disposed.Dispose();
ExpectThrowsNow<ObjectDisposedException>(() => disposed.NextAsync(), "Counter");

// Cancelled before the call: it starts and is cancelled at once; the task is cancelled with the caller's
// token, the library's CANCELLED inside it.
using (var before = new CancellationTokenSource())
{
    before.Cancel();
    Task forever = TasksLibrary.TasksForeverAsync(before.Token);
    TaskCanceledException cancelled = await ExpectThrows<TaskCanceledException>(() => forever, "the operation was cancelled");
    Expect(forever.Status, TaskStatus.Canceled);
    Expect(cancelled.CancellationToken, before.Token);
    Expect(((TasksException)cancelled.InnerException!).Code, TasksErrorCodes.Cancelled);
    // An operation that had ended before the cancel came keeps its result.
    Expect(await TasksLibrary.TasksIsEvenAsync(4, before.Token), true);
}

// Cancelled while it runs: with a token the method stops; without one (tasks_sleep) the operation ends at once.
using (var during = new CancellationTokenSource())
{
    var clock = Stopwatch.StartNew();
    Task<int> adding = TasksLibrary.TasksAddLaterAsync(1, 2, 10_000, during.Token);
    Task<int> sleeping = TasksLibrary.TasksSleepAsync(10_000, during.Token);
    during.CancelAfter(20);
    await ExpectThrows<TaskCanceledException>(() => adding, "cancel");
    Expect(((TasksException)(await ExpectThrows<TaskCanceledException>(() => sleeping, "cancel")).InnerException!).Code, TasksErrorCodes.Cancelled);
    Expect(clock.ElapsedMilliseconds < 5_000, true);
}

// Cancelled after the end: nothing changes.
using (var after = new CancellationTokenSource())
{
    Task<string?> greeting = TasksLibrary.TasksGreetAsync("late", after.Token);
    Expect(await greeting, "hello, late");
    using Counter counter = (await TasksLibrary.TasksCounterLaterAsync(0, after.Token))!;
    Expect(await counter.NextAsync(after.Token), 1L);
    after.Cancel();
    Expect(greeting.Status, TaskStatus.RanToCompletion);
    Expect(await greeting, "hello, late");
    Expect(counter.Value(), 1L);
}

// A token that is never cancelled changes nothing either.
using (var unused = new CancellationTokenSource())
{
    Expect(await TasksLibrary.TasksAddLaterAsync(2, 3, 1, unused.Token), 5);
}

// 1,200 operations from four threads at once, each result checked: values, text, flags, one shared counter,
// and every fifth with a token cancelled at a random moment (its result, or cancelled — never anything else).
const int Threads = 4;
const int PerThread = 300;
var wrong = new ConcurrentQueue<string>();
var counted = new ConcurrentBag<long>();
int cancelledCount = 0;
using (Counter shared = (await TasksLibrary.TasksCounterLaterAsync(0))!)
{
    await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
    {
        var sources = new List<CancellationTokenSource>();
        var operations = new List<Task>();
        for (int i = 0; i < PerThread; i++)
        {
            int n = thread * PerThread + i;
            switch (n % 5)
            {
                case 0:
                    operations.Add(Check(TasksLibrary.TasksAddLaterAsync(n, 7, n % 2 == 0 ? 0 : 1 + n % 3), n + 7, wrong));
                    break;
                case 1:
                    operations.Add(Check(TasksLibrary.TasksGreetAsync($"#{n}"), $"hello, #{n}", wrong));
                    break;
                case 2:
                    operations.Add(Check(TasksLibrary.TasksIsEvenAsync(n), n % 2 == 0, wrong));
                    break;
                case 3:
                    operations.Add(shared.NextAsync().ContinueWith(next => counted.Add(next.Result), TaskScheduler.Default));
                    break;
                default:
                    var source = new CancellationTokenSource();
                    sources.Add(source);
                    source.CancelAfter(n % 7);
                    operations.Add(CheckOrCancelled(TasksLibrary.TasksAddLaterAsync(n, 1, n % 4, source.Token), n + 1, wrong, () => Interlocked.Increment(ref cancelledCount)));
                    break;
            }
            if (i == PerThread / 2)
            {
                // The callbacks' state must survive a collection while operations run.
                GC.Collect();
            }
        }
        await Task.WhenAll(operations);
        sources.ForEach(source => source.Dispose());
    })));
    Expect(string.Join("; ", wrong), "");
    Expect(string.Join(",", counted.Order()), string.Join(",", Enumerable.Range(1, Threads * PerThread / 5).Select(value => (long)value)));
    Expect(shared.Value(), (long)(Threads * PerThread / 5));
}

Expect(TasksLibrary.TasksLiveHandles(), 0L);
Expect(TasksLibrary.TasksLiveAllocations(), 0L);
Console.WriteLine($"tasks_bindings.cs: all checks passed ({Threads * PerThread} concurrent operations, {cancelledCount} of {Threads * PerThread / 5} cancelled)");

static async Task Check<T>(Task<T> operation, T expected, ConcurrentQueue<string> wrong)
{
    T actual = await operation;
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        wrong.Enqueue($"{actual} is not {expected}");
    }
}

static async Task CheckOrCancelled<T>(Task<T> operation, T expected, ConcurrentQueue<string> wrong, Action cancelled)
{
    try
    {
        await Check(operation, expected, wrong);
    }
    catch (TaskCanceledException error) when (error.InnerException is TasksException { Code: TasksErrorCodes.Cancelled })
    {
        cancelled();
    }
}

static void Expect<T>(T actual, T expected, [CallerArgumentExpression(nameof(actual))] string what = "")
{
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        throw new InvalidOperationException($"{what}: {actual} is not {expected}");
    }
}

// The task fails (or is cancelled) with TException, whose message holds the text.
static async Task<TException> ExpectThrows<TException>(Func<Task> start, string message, [CallerArgumentExpression(nameof(start))] string what = "")
    where TException : Exception
{
    try
    {
        await start();
    }
    catch (TException error) when (error.Message.Contains(message, StringComparison.OrdinalIgnoreCase))
    {
        return error;
    }
    throw new InvalidOperationException($"{what} did not end with {typeof(TException).Name} with \"{message}\"");
}

// The call throws TException before it returns a task.
static TException ExpectThrowsNow<TException>(Func<Task> start, string message, [CallerArgumentExpression(nameof(start))] string what = "")
    where TException : Exception
{
    try
    {
        start();
    }
    catch (TException error) when (error.Message.Contains(message, StringComparison.Ordinal))
    {
        return error;
    }
    throw new InvalidOperationException($"{what} did not throw {typeof(TException).Name} with \"{message}\"");
}
