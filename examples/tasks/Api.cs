using System;
using System.Threading;
using System.Threading.Tasks;
using Cdylib;

namespace Tasks;

/// <summary>Async exports of every result shape: a number, text, a flag, an object, nothing.</summary>
public static class Api
{
    /// <summary>Adds two numbers after a delay.</summary>
    /// <param name="a">The first number.</param>
    /// <param name="b">The second number.</param>
    /// <param name="delayMs">How long to wait first, in milliseconds (0: the sum is ready at once).</param>
    /// <param name="cancel">Set by tasks_add_later_op_cancel.</param>
    /// <returns>a + b; an overflow fails the operation.</returns>
    [CExport("tasks_add_later")]
    public static async Task<int> AddLater(int a, int b, int delayMs, CancellationToken cancel)
    {
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, cancel).ConfigureAwait(false);
        }
        return checked(a + b);
    }

    /// <summary>A greeting, made on another thread.</summary>
    /// <param name="name">Who to greet.</param>
    /// <returns>"hello, NAME".</returns>
    [CExport("tasks_greet")]
    public static async ValueTask<string> Greet(string name)
    {
        await Task.Yield();
        return $"hello, {name}";
    }

    /// <summary>Whether a number is even, decided without waiting.</summary>
    /// <param name="value">The number.</param>
    /// <returns>True when it is even.</returns>
    [CExport("tasks_is_even")]
    public static Task<bool> IsEven(int value) => Task.FromResult(value % 2 == 0);

    /// <summary>Fails after a delay with the code the caller chose.</summary>
    /// <param name="code">The error code (1000 or more).</param>
    /// <param name="delayMs">How long to wait first, in milliseconds.</param>
    [CExport("tasks_fail_later")]
    public static async Task FailLater(int code, int delayMs)
    {
        await Task.Delay(delayMs).ConfigureAwait(false);
        throw new CExportException(code, $"failed on purpose with {code}");
    }

    /// <summary>Throws before it returns a task: the failure still arrives through the callback.</summary>
    /// <param name="message">The message of the exception.</param>
    [CExport("tasks_throw_now")]
    public static Task ThrowNow(string message) => throw new InvalidOperationException(message);

    /// <summary>Runs until cancelled.</summary>
    /// <param name="cancel">Set by tasks_forever_op_cancel.</param>
    [CExport("tasks_forever")]
    public static async Task Forever(CancellationToken cancel) => await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);

    /// <summary>Sleeps without looking at any token: cancelling it ends the operation at once.</summary>
    /// <param name="delayMs">How long to sleep, in milliseconds.</param>
    /// <returns>The delay.</returns>
    [CExport("tasks_sleep")]
    public static async Task<int> Sleep(int delayMs)
    {
        await Task.Delay(delayMs).ConfigureAwait(false);
        return delayMs;
    }

    /// <summary>A new counter, made after a delay.</summary>
    /// <param name="start">Its first value.</param>
    /// <returns>The counter: free it with tasks_counter_free.</returns>
    [CExport("tasks_counter_later")]
    public static async Task<Counter> CounterLater(long start)
    {
        await Task.Yield();
        return new Counter(start);
    }
}

/// <summary>A number that counts up.</summary>
[CExport]
public sealed class Counter(long start)
{
    private long _value = start;

    /// <summary>Adds one after a delay and gives the new value.</summary>
    /// <returns>The value after the increment.</returns>
    [CExport("tasks_counter_next")]
    public async Task<long> Next()
    {
        await Task.Yield();
        return Interlocked.Increment(ref _value);
    }

    /// <summary>The current value.</summary>
    /// <returns>The value.</returns>
    [CExport("tasks_counter_value")]
    public long Value() => Interlocked.Read(ref _value);
}
