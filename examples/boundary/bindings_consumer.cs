// A .NET program that uses libbnd through the C# binding `cdylib bindings --lang csharp` writes
// (bnd.Native.cs): no [DllImport] by hand. Every function of the library is called, and each result
// checked. It is the Program.cs of a console project that compiles bnd.Native.cs beside it and copies
// libbnd.so next to the program; the tests build and run it so (tests/Cdylib.EndToEnd.Tests/BoundaryTests.cs).
// Exits non-zero on failure.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Bnd.Native;

// The library's own version and hash, against the ones the binding was generated from.
BndLibrary.BndInit();
Expect(BndLibrary.BndAbiVersion(), BndLibrary.AbiVersion);
Expect(BndLibrary.BndApiHash(), BndLibrary.ApiHash);

// Strings both ways; NULL only where the C# side says `string?`.
Expect(BndLibrary.BndGreet("C#"), "Hello, C#!");
Expect(BndLibrary.BndLength("héllo"), 5);
Expect(BndLibrary.BndLength(null), -1);
Expect(BndLibrary.BndUpper("abc"), "ABC");
Expect(BndLibrary.BndUpper(null), null);
Expect(BndLibrary.BndRepeat("ab", 3), "ababab");
Expect(BndLibrary.BndSplit("key=value", out string? key, out string? value), true);
Expect((key, value), ("key", (string?)"value"));
Expect(BndLibrary.BndSplit("novalue", out key, out value), false);
Expect((key, value), ("novalue", (string?)null));

// What C would mangle is refused before the call: a NUL would cut the text short, a lone surrogate has no UTF-8.
ExpectThrows<ArgumentException>(() => BndLibrary.BndGreet("nul\0cut"), "NUL character");
ExpectThrows<ArgumentException>(() => BndLibrary.BndGreet("\ud800"), "lone surrogate");

// Recorded errors are BndException with the code; the status form throws instead of returning it.
Expect(ExpectThrows<BndException>(() => BndLibrary.BndRepeat("x", -1), "count must not be negative").Code, BndErrorCodes.InvalidArgument);
Expect(BndLibrary.BndParse("1234"), 1234);
Expect(ExpectThrows<BndException>(() => BndLibrary.BndParse("12x"), "'12x' is not a number").Code, BndErrorCodes.InvalidArgument);
Expect(BndLibrary.BndUtf8Length("héllo"), (nuint)6);

// Spans in (zero-copy), arrays out (copied, then freed by the library).
Expect(BndLibrary.BndChecksum("abc"u8), 440920331u);
Expect(BndLibrary.BndSum([1, -2, 30, 400]), 429L);
double[] doubled = [1.5, -2.0];
BndLibrary.BndDoubleAll(doubled);
Expect(string.Join(",", doubled), "3,-4");
Expect(string.Join(",", BndLibrary.BndSquares(5)!), "0,1,4,9,16");
Expect(Convert.ToHexString(BndLibrary.BndReverseBytes("abc")!), "636261");
Expect(BndLibrary.BndReverseBytes("")!.Length, 0);
Expect(BndLibrary.BndNothing(), null);

// out, ref, in, optional values, enums.
Expect(BndLibrary.BndDivide(17, 5, out int remainder), 3);
Expect(remainder, 2);
long counted = 40;
BndLibrary.BndBump(ref counted, 2);
Expect(counted, 42L);
bool flag = false;
BndLibrary.BndToggle(ref flag);
Expect(flag, true);
Expect(BndLibrary.BndIncrementOptional(41), 42L);
Expect(BndLibrary.BndIncrementOptional(null), -1L);
Expect(BndLibrary.BndNextColor(Color.Blue), Color.Red);
Outcome outcome = Outcome.Lost;
BndLibrary.BndReverseOutcome(ref outcome);
Expect(outcome, Outcome.Won);
Expect(BndLibrary.BndWiden(Wide.Low), Wide.Low | Wide.High);

// Structs by value, by ref and in, in spans and in arrays.
var box = new Box { Min = new Point { X = 1, Y = 2 }, Max = new Point { X = 4, Y = 6 }, Fill = Color.Blue };
Expect(BndLibrary.BndBoxArea(box), 12L);
Box moved = BndLibrary.BndTranslate(box, new Point { X = 10, Y = -1 });
Expect((moved.Min.X, moved.Max.Y, moved.Fill), (11, 5, Color.Blue));
var upsideDown = new Box { Min = box.Max, Max = box.Min };
BndLibrary.BndNormalize(ref upsideDown);
Expect((upsideDown.Min.X, upsideDown.Min.Y, upsideDown.Max.X, upsideDown.Max.Y), (1, 2, 4, 6));
Point centre = BndLibrary.BndCentroid([new Point { X = 0, Y = 0 }, new Point { X = 4, Y = 2 }]);
Expect((centre.X, centre.Y), (2, 1));
Expect(ExpectThrows<BndException>(() => BndLibrary.BndCentroid([]), "no points").Code, BndErrorCodes.InvalidArgument);
Point[] corners = BndLibrary.BndCorners(box)!;
Expect(string.Join(" ", Array.ConvertAll(corners, p => $"{p.X},{p.Y}")), "1,2 4,2 4,6 1,6");
unsafe
{
    double* samples = stackalloc double[] { 1.5, 2.5, 3.0 };
    Expect(BndLibrary.BndSamplesSum(new Samples { Tag = 1, Values = samples, Count = 3 }), 7.0);
}
Packed packed = BndLibrary.BndPacked(7, -5);
Expect((packed.A, packed.B, Marshal.SizeOf<Packed>()), ((byte)7, -5, 5));

// Callbacks: a delegate (through an [UnmanagedCallersOnly] trampoline, a GCHandle as user_data) or a C
// function pointer with user_data. An exception thrown in the delegate is rethrown here.
var seen = new List<int>();
Expect(BndLibrary.BndForEach(4, item => { seen.Add(item); return item * item; }), 14L);
Expect(string.Join(",", seen), "0,1,2,3");
Expect(ExpectThrows<BndException>(() => BndLibrary.BndForEach(4, item => item == 2 ? -1 : item), "the callback refused item 2").Code, BndErrorCodes.InvalidOperation);
seen.Clear();
ExpectThrows<TimeoutException>(() => BndLibrary.BndForEach(4, item =>
{
    seen.Add(item);
    return item < 2 ? item : throw new TimeoutException("thrown by the delegate");
}), "thrown by the delegate");
Expect(string.Join(",", seen), "0,1,2"); // not called again after it threw
int calls = 0;
Expect(ExpectThrows<BndException>(() => BndLibrary.BndCallThenFail(() => calls++), "failed after the callback returned").Code, BndErrorCodes.NotSupported);
Expect(calls, 1);
unsafe
{
    Expect(BndLibrary.BndForEach(4, &Callbacks.Square, null), 14L);
}

// Handles: IDisposable classes with the C# class's methods; the free functions stay available.
using (Counter counter = Counter.Create(40)!)
{
    Expect(counter.Add(2), 42L);
    Expect(BndLibrary.BndCounterAdd(counter, 1), 43L);
    Expect(counter.Value(), 43L);
    Expect(BndLibrary.BndCounterValue(counter), 43L);
    Expect(counter.Describe(), "counter at 43");
    Expect(BndLibrary.BndCounterDescribe(counter), "counter at 43");
    using Counter other = BndLibrary.BndCounterNew(7)!;
    using Counter sum = Counter.Merge(counter, other)!;
    Expect(sum.Value(), 50L);
    using Counter alone = BndLibrary.BndCounterMerge(counter, null)!;
    Expect(alone.Value(), 43L);

    // The handle table is thread-safe: one counter shared by four tasks.
    Parallel.For(0, 4, _ =>
    {
        for (int i = 0; i < 1000; i++)
        {
            counter.Add(1);
        }
    });
    Expect(counter.Value(), 4043L);
    Expect(BndLibrary.BndLiveHandles(), 4L);
}
Counter closed = BndLibrary.BndCounterNew(1)!;
closed.Dispose();
// A disposed object is refused before the call (its handle may be another object's owner by now),
// also where a null Counter would be accepted.
ExpectThrows<ObjectDisposedException>(() => closed.Value(), "Counter");
ExpectThrows<ObjectDisposedException>(() => Counter.Merge(closed, null), "Counter");
using (Counter live = Counter.Create(1)!)
{
    ExpectThrows<ObjectDisposedException>(() => Counter.Merge(live, closed), "Counter");
}

int disposedBefore = BndLibrary.BndJournalsDisposed();
using (Journal journal = Journal.Create()!)
{
    journal.Write("first");
    BndLibrary.BndJournalWrite(journal, "second");
    ExpectThrows<ArgumentException>(() => journal.Write("third\0hidden"), "NUL character");
    Expect(journal.Text(), "first\nsecond\n");
    using Journal other = BndLibrary.BndJournalNew()!;
    Expect(BndLibrary.BndJournalText(other), "");
}
Expect(Journal.Disposed(), disposedBefore + 2);

// One object is one handle: each return is an owner with a wrapper of its own, whose Dispose frees
// one; the last disposes the object.
int disposed = BndLibrary.BndJournalsDisposed();
using (Journal first = BndLibrary.BndJournalShared()!, second = Journal.Shared()!)
{
    using (Journal again = first.Self()!, more = BndLibrary.BndJournalSelf(second)!)
    {
        Expect(BndLibrary.BndLiveHandles(), 1L);
    }
    first.Dispose();
    second.Write("still here"); // throws if an earlier Dispose had disposed it
    Expect(second.Text(), "still here\n");
    Expect(BndLibrary.BndJournalsDisposed(), disposed);
}
Expect(BndLibrary.BndJournalsDisposed(), disposed + 1);

// Dispose frees its owner once, however many threads call it at the same moment: the other owner stays.
using (Journal kept = BndLibrary.BndJournalShared()!)
{
    Journal shared = Journal.Shared()!;
    Parallel.For(0, 8, _ => shared.Dispose());
    kept.Write("still owned"); // throws if a racing Dispose had freed kept's owner too
    Expect(kept.Text(), "still owned\n");
}

Expect(BndLibrary.BndLiveAllocations(), 0L);
Expect(BndLibrary.BndLiveHandles(), 0L);
Console.WriteLine("bindings_consumer.cs: all checks passed");

static void Expect<T>(T actual, T expected, [CallerArgumentExpression(nameof(actual))] string what = "")
{
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        throw new InvalidOperationException($"{what}: {actual} is not {expected}");
    }
}

static TException ExpectThrows<TException>(Action action, string message, [CallerArgumentExpression(nameof(action))] string what = "")
    where TException : Exception
{
    try
    {
        action();
    }
    catch (TException error) when (error.Message.Contains(message, StringComparison.Ordinal))
    {
        return error;
    }
    throw new InvalidOperationException($"{what} did not throw {typeof(TException).Name} with \"{message}\"");
}

static unsafe class Callbacks
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Square(int item, void* userData) => item * item;
}
