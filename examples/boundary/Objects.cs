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

/// <summary>A journal of lines; disposable, so freeing its last handle disposes it.</summary>
[CExport]
public sealed class Journal : IDisposable
{
    private static readonly object s_sharedGate = new();
    private static Journal? s_shared;
    private static int s_disposed;
    private readonly StringBuilder _text = new();
    private volatile bool _isDisposed;

    /// <summary>A new, empty journal.</summary>
    [CExport("bnd_journal_new")]
    public static Journal Create() => new();

    /// <summary>
    /// The shared journal: every call returns the same handle, with one more owner, and each must be
    /// freed with bnd_journal_free(); the last free disposes it, and the next call shares a new one
    /// (a call racing with that last free may be refused with BND_ERROR_INVALID_OPERATION).
    /// </summary>
    [CExport("bnd_journal_shared")]
    public static Journal Shared()
    {
        lock (s_sharedGate)
        {
            if (s_shared is null || s_shared._isDisposed)
            {
                s_shared = new Journal();
            }
            return s_shared;
        }
    }

    /// <summary>This journal again: the same handle, with one more owner to free.</summary>
    [CExport("bnd_journal_self")]
    public Journal Self() => this;

    /// <summary>Appends a line (from any thread: a shared journal may be written by several at once).</summary>
    [CExport("bnd_journal_write")]
    public void Write(string line)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        lock (_text)
        {
            _text.Append(line).Append('\n');
        }
    }

    /// <summary>Everything written so far.</summary>
    [CExport("bnd_journal_text")]
    public string Text()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    /// <summary>How many times a journal was disposed (by the last bnd_journal_free() of its handle).</summary>
    [CExport("bnd_journals_disposed")]
    public static int Disposed() => Volatile.Read(ref s_disposed);

    public void Dispose()
    {
        _isDisposed = true;
        Interlocked.Increment(ref s_disposed);
    }
}
