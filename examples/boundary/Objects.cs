using System;
using System.Text;
using System.Threading;
using Cdylib;

namespace Boundary;

/// <summary>A counter C holds as an opaque handle.</summary>
[CExport]
public sealed class Counter
{
    private long _value;

    /// <summary>A new counter starting at <paramref name="start"/>; free it with bnd_counter_free().</summary>
    [CExport("bnd_counter_new")]
    public static Counter Create(long start) => new() { _value = start };

    /// <summary>Adds <paramref name="amount"/> and returns the new value.</summary>
    [CExport("bnd_counter_add")]
    public long Add(long amount) => Interlocked.Add(ref _value, amount);

    /// <summary>The current value.</summary>
    [CExport("bnd_counter_value")]
    public long Value() => Interlocked.Read(ref _value);

    /// <summary>A description, as a library-owned string.</summary>
    [CExport("bnd_counter_describe")]
    public string Describe() => $"counter at {Value()}";

    /// <summary>A new counter holding the sum of two; <paramref name="second"/> may be NULL.</summary>
    [CExport("bnd_counter_merge")]
    public static Counter Merge(Counter first, Counter? second) => Create(first.Value() + (second?.Value() ?? 0));
}

/// <summary>A journal of lines; disposable, so freeing its handle disposes it.</summary>
[CExport]
public sealed class Journal : IDisposable
{
    private static int s_disposed;
    private readonly StringBuilder _text = new();
    private bool _isDisposed;

    /// <summary>A new, empty journal.</summary>
    [CExport("bnd_journal_new")]
    public static Journal Create() => new();

    /// <summary>Appends a line.</summary>
    [CExport("bnd_journal_write")]
    public void Write(string line)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        _text.Append(line).Append('\n');
    }

    /// <summary>Everything written so far.</summary>
    [CExport("bnd_journal_text")]
    public string Text() => _text.ToString();

    /// <summary>How many journals were disposed by bnd_journal_free().</summary>
    [CExport("bnd_journals_disposed")]
    public static int Disposed() => Volatile.Read(ref s_disposed);

    public void Dispose()
    {
        _isDisposed = true;
        Interlocked.Increment(ref s_disposed);
    }
}
