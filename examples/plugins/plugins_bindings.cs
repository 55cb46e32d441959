// A .NET program that implements libplug's ILogger through the C# binding the build writes (plug.Native.cs):
// the binding declares the interface, and passing an object implementing it hands the library a table of
// static trampolines with a GCHandle to the object as its user_data, released by the library exactly once.
// The Native AOT library's C# code then calls this program's C# code. Every function of the library is
// called and each result checked: lines, a property's getter and setter, a member the library implements
// itself (Note), an implementation kept past the call and called from 8 threads at once, the
// implementation's exceptions reaching the library with their codes and messages (and back to this
// program as PlugException), an implementation that calls back into the library, null where the library
// takes none, and every implementation released exactly once after collections — none released while it
// is kept. It is the Program.cs of a console project that compiles plug.Native.cs beside it and copies
// libplug.so next to the program; the tests build and run it so
// (tests/Cdylib.EndToEnd.Tests/PluginsCSharpBindingTests.cs). Exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Plug.Native;

PlugLibrary.PlugInit();
Expect(PlugLibrary.PlugAbiVersion(), PlugLibrary.AbiVersion);
Expect(PlugLibrary.PlugApiHash(), PlugLibrary.ApiHash);
Expect(PlugLibrary.ImplementationsHeld, 0L);

// Lines in, the level read through the getter, a member the library implements itself (Note).
var plain = new Logger();
Expect(PlugLibrary.PlugLogLines(plain, "one\ntwo\nthree", 7), 3);
Expect(plain.Lines, 4L);
Expect(plain.Important, 3L);
Expect(plain.Last, "note: 3 lines");
Expect(PlugLibrary.PlugSetLevel(plain, 5), 5);
Expect(plain.Level, 5);
Expect(PlugLibrary.PlugLogLines(plain, "dropped", 2), 0);
Expect(plain.Lines, 4L);
// Three calls gave the library three tables of one object: each released once, when collected.
Expect(ReleasedAfterCollections(3), 3L);
Expect(PlugLibrary.ImplementationsHeld, 0L);

// Kept past the call that gave it, used from 8 threads, released once after it is let go.
var kept = new Logger();
PlugLibrary.PlugKeep(kept);
long released = PlugLibrary.ImplementationsReleased;
PlugLibrary.PlugCollect();
Expect(PlugLibrary.ImplementationsHeld, 1L);
Expect(PlugLibrary.PlugLogKept(8, 1000), 8000L);
Expect(kept.Lines, 8000L);
Expect(kept.Threads > 1, true);
Expect(PlugLibrary.ImplementationsReleased, released);
PlugLibrary.PlugKeep(null);
Expect(ReleasedAfterCollections(released + 1), released + 1);
Expect(PlugLibrary.ImplementationsHeld, 0L);
Expect(ExpectThrows<PlugException>(() => PlugLibrary.PlugLogKept(1, 1), "no logger is kept").Code, PlugErrorCodes.InvalidOperation);

// The implementation's failures: the library sees PlugException's code and message, any other exception as
// EXCEPTION with its message; uncaught there, they come back here as PlugException with both unchanged.
var failing = new Logger { FailWith = new PlugException(1042, "disk full") };
Expect(PlugLibrary.PlugTryLog(failing, "x"), 1042);
PlugException full = ExpectThrows<PlugException>(() => PlugLibrary.PlugLogLines(failing, "a\nb", 9), "disk full");
Expect(full.Code, 1042);
Expect(full.Message, "disk full");
failing.FailWith = new InvalidOperationException("no disk");
Expect(PlugLibrary.PlugTryLog(failing, "x"), PlugErrorCodes.Exception);
PlugException other = ExpectThrows<PlugException>(() => PlugLibrary.PlugLogLines(failing, "a", 9), "no disk");
Expect(other.Code, PlugErrorCodes.Exception);
Expect(other.Message, "no disk");
// A setter that throws: its code, its message.
PlugException level = ExpectThrows<PlugException>(() => PlugLibrary.PlugSetLevel(failing, -1), "no negative levels");
Expect(level.Code, 1001);

// An implementation that calls back into the library, on the library's thread.
var reentrant = new Logger { CallBackIn = true };
Expect(PlugLibrary.PlugLogLines(reentrant, "a b c\nd e", 1), 2);
Expect(reentrant.Words, 3L + 2 + 3); // and "note: 2 lines"
Expect(PlugLibrary.PlugCountWords("one two"), 2);

// Refused at the boundary: null where a logger is needed. No table was made, so there is none to release.
Expect(ExpectThrows<PlugException>(() => PlugLibrary.PlugLogLines(null, "x", 1), "").Code, PlugErrorCodes.NullArgument);
ExpectThrows<ArgumentException>(() => PlugLibrary.PlugLogLines(plain, "nul\0cut", 1), "NUL character");

// Tables since `released` was read: kept 1, failing 5, reentrant 1 (the refused calls made none). Every one is
// released, none twice (held would go below 0, released beyond the count).
Expect(ReleasedAfterCollections(released + 7), released + 7);
Expect(PlugLibrary.ImplementationsHeld, 0L);
PlugLibrary.PlugCollect();
Expect(PlugLibrary.ImplementationsReleased, released + 7);
Expect(PlugLibrary.PlugLiveHandles(), 0L);
Expect(PlugLibrary.PlugLiveAllocations(), 0L);
Console.WriteLine($"plugins_bindings.cs: all checks passed ({PlugLibrary.ImplementationsReleased} implementations released once each)");

// Collections in the library (its finalizer thread releases what nothing references) until `expected`
// implementations were released in all.
static long ReleasedAfterCollections(long expected)
{
    for (int i = 0; i < 50 && PlugLibrary.ImplementationsReleased < expected; i++)
    {
        PlugLibrary.PlugCollect();
    }
    return PlugLibrary.ImplementationsReleased;
}

static void Expect<T>(T actual, T expected, [CallerArgumentExpression(nameof(actual))] string what = "")
{
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        throw new InvalidOperationException($"{what}: {actual} is not {expected}");
    }
}

// The call throws TException, whose message holds the text.
static TException ExpectThrows<TException>(Action call, string message, [CallerArgumentExpression(nameof(call))] string what = "")
    where TException : Exception
{
    try
    {
        call();
    }
    catch (TException error) when (error.Message.Contains(message, StringComparison.Ordinal))
    {
        return error;
    }
    throw new InvalidOperationException($"{what} did not throw {typeof(TException).Name} with \"{message}\"");
}

/// <summary>A logger the library calls from any thread: what it was made to do.</summary>
internal sealed class Logger : ILogger
{
    private readonly object _lock = new();
    private readonly HashSet<int> _threads = new();
    private long _lines;
    private long _important;
    private long _words;
    private int _level;
    private string _last = "";

    public Exception? FailWith { get; set; }

    public bool CallBackIn { get; init; }

    public long Lines => Interlocked.Read(ref _lines);

    public long Important => Interlocked.Read(ref _important);

    public long Words => Interlocked.Read(ref _words);

    public string Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    public int Threads
    {
        get
        {
            lock (_lock)
            {
                return _threads.Count;
            }
        }
    }

    public int Level
    {
        get => Volatile.Read(ref _level);
        set => Volatile.Write(ref _level, value >= 0 ? value : throw new PlugException(1001, "no negative levels"));
    }

    public void Log(string line, bool important)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }
        if (CallBackIn)
        {
            Interlocked.Add(ref _words, PlugLibrary.PlugCountWords(line));
        }
        lock (_lock)
        {
            _last = line;
            _threads.Add(Environment.CurrentManagedThreadId);
        }
        Interlocked.Increment(ref _lines);
        Interlocked.Add(ref _important, important ? 1 : 0);
    }

    public long Count() => Interlocked.Read(ref _lines);
}
