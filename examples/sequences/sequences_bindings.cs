// A .NET program that uses libseq through the C# binding the build writes (seq.Native.cs): every iterator
// export is a method returning IEnumerable<T>, read with foreach and LINQ. Every function of the library is
// called and each item checked: numbers, text, flags, structs, objects and an object's own sequence; a
// failure midway thrown by the MoveNext that met it, with its code and message; a foreach left early, whose
// Dispose runs the library's finally block at once; a sequence dropped unread, freed by the finalizer; a
// function that gives no sequence; four threads reading sequences at once; and no handle or allocation left
// at the end. It is the Program.cs of a console project that compiles seq.Native.cs beside it and copies
// libseq.so next to the program; the tests build and run it so
// (tests/Cdylib.EndToEnd.Tests/SequencesCSharpBindingTests.cs). Exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Seq.Native;

SeqLibrary.SeqInit();
Expect(SeqLibrary.SeqAbiVersion(), SeqLibrary.AbiVersion);
Expect(SeqLibrary.SeqApiHash(), SeqLibrary.ApiHash);

// Numbers: the export runs at the call, and its iterator handle lives until the sequence ends.
IEnumerable<int> range = SeqLibrary.SeqRange(5, 3);
Expect(SeqLibrary.SeqLiveHandles(), 1L);
Expect(string.Join(",", range), "5,6,7");
Expect(SeqLibrary.SeqLiveHandles(), 0L);
// Read once: the library's iterator cannot start again.
ExpectThrows<InvalidOperationException>(() => range.GetEnumerator(), "call seq_range again");
Expect(SeqLibrary.SeqRange(1, 100).Sum(), 5050);
Expect(SeqLibrary.SeqRange(0, 0).Any(), false);

// Text: each word copied, and freed in the library once.
Expect(string.Join("|", SeqLibrary.SeqWords("naïve  words here")), "naïve|words|here");
Expect(ExpectThrows<SeqException>(() => SeqLibrary.SeqWords(null!), "").Code, SeqErrorCodes.NullArgument);
ExpectThrows<ArgumentException>(() => SeqLibrary.SeqWords("nul\0cut"), "NUL character");

// Flags and structs.
Expect(string.Join(",", SeqLibrary.SeqEvens(4)), "True,False,True,False");
Expect(string.Join(" ", SeqLibrary.SeqDiagonal(3).Select(point => $"({point.X},{point.Y})")), "(0,0) (1,2) (2,4)");

// A failure midway: the items before it, then SeqException from the MoveNext that met it; the iterator is
// freed then, and the sequence has ended.
using (IEnumerator<int> failing = SeqLibrary.SeqFailAfter(2).GetEnumerator())
{
    Expect(failing.MoveNext() && failing.Current == 0, true);
    Expect(failing.MoveNext() && failing.Current == 1, true);
    SeqException failure = ExpectThrows<SeqException>(() => failing.MoveNext(), "no more after 2");
    Expect(failure.Code, 1001);
    Expect(failure.Message, "no more after 2");
    Expect(SeqLibrary.SeqLiveHandles(), 0L);
    Expect(failing.MoveNext(), false);
}
var before = new List<int>();
ExpectThrows<SeqException>(() =>
{
    foreach (int number in SeqLibrary.SeqFailAfter(3))
    {
        before.Add(number);
    }
}, "no more after 3");
Expect(string.Join(",", before), "0,1,2");
Expect(SeqLibrary.SeqLiveHandles(), 0L);

// Left early: foreach disposes the enumerator on break, which frees the iterator, so the library's finally
// block runs at once — as LINQ's Take does when it has enough.
int finished = SeqLibrary.SeqEndlessFinished();
long last = -1;
foreach (long number in SeqLibrary.SeqEndless())
{
    Expect(number, last + 1);
    last = number;
    if (number == 99)
    {
        break;
    }
}
Expect(last, 99L);
Expect(SeqLibrary.SeqEndlessFinished(), finished + 1);
Expect(string.Join(",", SeqLibrary.SeqEndless().Take(3)), "0,1,2");
Expect(SeqLibrary.SeqEndlessFinished(), finished + 2);
// Dropped without a Dispose: the finalizer frees it, as a last resort.
ReadAndDrop();
for (int i = 0; i < 50 && SeqLibrary.SeqEndlessFinished() != finished + 3; i++)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
}
Expect(SeqLibrary.SeqEndlessFinished(), finished + 3);
Expect(SeqLibrary.SeqLiveHandles(), 0L);

// No sequence at all: the call fails at once, as any export's does.
Expect(ExpectThrows<SeqException>(() => SeqLibrary.SeqNothing(), "").Code, SeqErrorCodes.InvalidOperation);

// Objects: each item a Counter owning one handle; a Counter's own sequence is its method Steps.
var counters = SeqLibrary.SeqCounters(3).ToList();
Expect(string.Join(",", counters.Select(counter => counter.Value())), "0,10,20");
Expect(string.Join(",", counters[2].Steps(2)), "21,22");
Expect(string.Join(",", SeqLibrary.SeqCounterSteps(counters[2], 1)), "23");
Expect(SeqLibrary.SeqCounterValue(counters[2]), 23L);
Expect(SeqLibrary.SeqLiveHandles(), 3L);
counters.ForEach(counter => counter.Dispose());
ExpectThrows<ObjectDisposedException>(() => counters[0].Steps(1), "Counter");

// Four threads, each reading sequences of its own at once.
const int Threads = 4;
const int PerThread = 200;
int[] sums = await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
{
    int sum = 0;
    for (int i = 0; i < PerThread; i++)
    {
        sum += SeqLibrary.SeqRange(thread, 10).Sum();
        sum += SeqLibrary.SeqWords("a b c").Count();
    }
    return sum;
})));
Expect(string.Join(",", sums), string.Join(",", Enumerable.Range(0, Threads).Select(thread => PerThread * (10 * thread + 45 + 3))));

Expect(SeqLibrary.SeqLiveHandles(), 0L);
Expect(SeqLibrary.SeqLiveAllocations(), 0L);
Console.WriteLine($"sequences_bindings.cs: all checks passed ({Threads * PerThread * 2} sequences from {Threads} threads)");

// Reads a few items of an endless sequence and lets go of it: nothing references it once this returns.
[MethodImpl(MethodImplOptions.NoInlining)]
static void ReadAndDrop()
{
    IEnumerator<long> numbers = SeqLibrary.SeqEndless().GetEnumerator();
    Expect(numbers.MoveNext() && numbers.MoveNext() && numbers.Current == 1, true);
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
