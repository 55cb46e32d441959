using System.Collections.Generic;
using System.Threading;
using Cdylib;

namespace Sequences;

/// <summary>A point on a grid.</summary>
public struct Point
{
    /// <summary>Across.</summary>
    public int X;

    /// <summary>Down.</summary>
    public int Y;
}

/// <summary>Iterator exports of every item shape: numbers, text, flags, structs, objects.</summary>
public static class Api
{
    private static int s_finished;

    /// <summary>count numbers from start, made one at a time.</summary>
    /// <param name="start">The first number.</param>
    /// <param name="count">How many.</param>
    /// <returns>start, start + 1, …</returns>
    [CExport("seq_range")]
    public static IEnumerable<int> Range(int start, int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return start + i;
        }
    }

    /// <summary>The words of a text.</summary>
    /// <param name="text">Words separated by spaces.</param>
    /// <returns>Each word.</returns>
    [CExport("seq_words")]
    public static IEnumerable<string> Words(string text) => text.Split(' ', System.StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether each number up to count is even.</summary>
    /// <param name="count">How many.</param>
    /// <returns>true, false, true, …</returns>
    [CExport("seq_evens")]
    public static IEnumerable<bool> Evens(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i % 2 == 0;
        }
    }

    /// <summary>The diagonal of a grid.</summary>
    /// <param name="count">How many points.</param>
    /// <returns>(0, 0), (1, 2), (2, 4), …</returns>
    [CExport("seq_diagonal")]
    public static IEnumerable<Point> Diagonal(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return new Point { X = i, Y = 2 * i };
        }
    }

    /// <summary>count numbers, then a failure with code 1001.</summary>
    /// <param name="count">How many numbers come first.</param>
    /// <returns>0, 1, …, then the error.</returns>
    [CExport("seq_fail_after")]
    public static IEnumerable<int> FailAfter(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i;
        }
        throw new CExportException(1001, $"no more after {count}");
    }

    /// <summary>Numbers for ever; its finally block counts how many such sequences were ended.</summary>
    /// <returns>0, 1, 2, …</returns>
    [CExport("seq_endless")]
    public static IEnumerable<long> Endless()
    {
        try
        {
            for (long i = 0; ; i++)
            {
                yield return i;
            }
        }
        finally
        {
            Interlocked.Increment(ref s_finished);
        }
    }

    /// <summary>How many seq_endless sequences were ended (their finally blocks ran).</summary>
    /// <returns>The count.</returns>
    [CExport("seq_endless_finished")]
    public static int EndlessFinished() => Volatile.Read(ref s_finished);

    /// <summary>A method that returns no sequence at all: the call fails.</summary>
    /// <returns>null.</returns>
    [CExport("seq_nothing")]
    public static IEnumerable<int> Nothing() => null!;

    /// <summary>count new counters, starting at 0, 10, 20, …</summary>
    /// <param name="count">How many.</param>
    /// <returns>Counters, each for seq_counter_free.</returns>
    [CExport("seq_counters")]
    public static IEnumerable<Counter> Counters(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return new Counter(10 * i);
        }
    }
}

/// <summary>A number that counts up.</summary>
[CExport]
public sealed class Counter(long start)
{
    private long _value = start;

    /// <summary>The current value.</summary>
    /// <returns>The value.</returns>
    [CExport("seq_counter_value")]
    public long Value() => Interlocked.Read(ref _value);

    /// <summary>The next values, each one more than the last.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The values after each increment.</returns>
    [CExport("seq_counter_steps")]
    public IEnumerable<long> Steps(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return Interlocked.Increment(ref _value);
        }
    }
}
