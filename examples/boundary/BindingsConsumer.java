// A Java program that uses libbnd through the package `cdylib bindings --lang java` writes (java/bnd/, over
// JNA): no JNA declarations by hand. Every function of the library is called, and each result checked
// (with explicit checks: Java's assert is off unless -ea). Compile it with the package, against JNA:
//   javac -encoding UTF-8 -cp /usr/share/java/jna.jar -d target/debug/bindings/java target/debug/bindings/java/bnd/*.java BindingsConsumer.java
//   java -cp /usr/share/java/jna.jar:target/debug/bindings/java BindingsConsumer
// Compiled in place like this, the package finds the library the build put in target/debug/ itself
// (tests/Cdylib.EndToEnd.Tests/JavaBindingTests.cs). Exits non-zero on failure.
import bnd.Bnd;
import bnd.BndException;
import bnd.Box;
import bnd.Color;
import bnd.Counter;
import bnd.Journal;
import bnd.Outcome;
import bnd.Packed;
import bnd.Point;
import bnd.Samples;
import bnd.Wide;
import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class BindingsConsumer {
    private BindingsConsumer() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The library's own version and hash, against the ones the package was generated from.
        Bnd.bndInit();
        expect(Bnd.ABI_VERSION, 3L, "ABI_VERSION");
        expect(Bnd.bndAbiVersion(), 3L, "bndAbiVersion()");
        expect(Bnd.bndApiHash(), Bnd.API_HASH, "bndApiHash()");

        // Strings both ways (UTF-8, whatever the platform's default), and recorded errors thrown as BndException.
        expect(Bnd.bndGreet("Java"), "Hello, Java!", "bndGreet");
        expect(Bnd.bndGreet("J\u00e9va \u6f22\u5b57 \ud83d\ude00"), "Hello, J\u00e9va \u6f22\u5b57 \ud83d\ude00!", "bndGreet non-ASCII");
        expect(Bnd.bndLength("h\u00e9llo"), 5, "bndLength");
        expect(Bnd.bndLength(null), -1, "bndLength(null)");
        expect(Bnd.bndUpper("abc"), "ABC", "bndUpper");
        expect(Bnd.bndUpper(null), null, "bndUpper(null)");
        expect(Bnd.bndRepeat("ab", 3), "ababab", "bndRepeat");
        BndException error = expectThrows(BndException.class, () -> Bnd.bndGreet(null), "'name' must not be NULL");
        expect(error.getCode(), BndException.NULL_ARGUMENT, "bndGreet(null) code");
        expect(error.getCodeName(), "NULL_ARGUMENT", "bndGreet(null) code name");
        expect(expectThrows(BndException.class, () -> Bnd.bndRepeat("x", -1), "count must not be negative").getCode(), BndException.INVALID_ARGUMENT, "bndRepeat(-1)");

        // What C would silently mangle is refused before the call: a NUL would cut the text short, a lone
        // surrogate has no UTF-8, and a value outside an enum's C type does not fit.
        expectThrows(IllegalArgumentException.class, () -> Bnd.bndGreet("nul\0cut"), "NUL character");
        expectThrows(IllegalArgumentException.class, () -> Bnd.bndGreet("\ud800"), "lone surrogate");
        expectThrows(IllegalArgumentException.class, () -> Bnd.bndNextColor(Color.fromValue(256)), "does not fit in Color's uint8_t");

        // out parameters come back in a record after the result; the status form throws instead of returning a code.
        Bnd.BndSplitResult split = Bnd.bndSplit("key=value");
        expect(split, new Bnd.BndSplitResult(true, "key", "value"), "bndSplit");
        expect(Bnd.bndSplit("novalue"), new Bnd.BndSplitResult(false, "novalue", null), "bndSplit without =");
        expect(Bnd.bndDivide(17, 5), new Bnd.BndDivideResult(3, 2), "bndDivide");
        expect(Bnd.bndParse("1234"), 1234, "bndParse");
        expect(expectThrows(BndException.class, () -> Bnd.bndParse("12x"), "'12x' is not a number").getCode(), BndException.INVALID_ARGUMENT, "bndParse(12x)");
        expect(Bnd.bndUtf8Length("h\u00e9llo"), 6L, "bndUtf8Length");

        // Spans from arrays, arrays back (copied, then freed by the library), a writable span copied back.
        expect(Bnd.bndChecksum("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 440920331L, "bndChecksum");
        expect(Bnd.bndSum(new int[] { 1, -2, 30, 400 }), 429L, "bndSum");
        double[] doubled = { 1.5, -2.0 };
        Bnd.bndDoubleAll(doubled);
        expect(Arrays.toString(doubled), "[3.0, -4.0]", "bndDoubleAll");
        expect(Arrays.toString(Bnd.bndSquares(5)), "[0, 1, 4, 9, 16]", "bndSquares");
        expect(Arrays.toString(Bnd.bndReverseBytes("abc")), "[99, 98, 97]", "bndReverseBytes");
        expect(Bnd.bndReverseBytes("").length, 0, "bndReverseBytes empty");
        expect(Bnd.bndNothing(), null, "bndNothing");

        // ref/in values come back as the result; optional values are boxed (null for none); enums are open.
        expect(Bnd.bndBump(40, 2), 42L, "bndBump");
        expect(Bnd.bndToggle(false), true, "bndToggle");
        expect(Bnd.bndIncrementOptional(null), -1L, "bndIncrementOptional(null)");
        expect(Bnd.bndIncrementOptional(41L), 42L, "bndIncrementOptional(41)");
        check(Bnd.bndNextColor(Color.BLUE) == Color.RED, "bndNextColor(BLUE) is RED");
        expect(Bnd.bndReverseOutcome(Outcome.LOST), Outcome.WON, "bndReverseOutcome");
        Wide wide = Bnd.bndWiden(Wide.LOW);
        expect(wide, Wide.LOW.or(Wide.HIGH), "bndWiden");
        check(!wide.isMember() && wide.has(Wide.HIGH) && Wide.HIGH.value() == Long.MIN_VALUE, "Wide's flags are its bits: " + wide);
        expect(Long.toUnsignedString(wide.value()), "9223372036854775809", "Wide bits");

        // Structs by value, by ref (the new value comes back, the argument is left as it was) and in, in arrays.
        Box box = new Box(new Point(1, 2), new Point(4, 6), Color.BLUE);
        expect(Bnd.bndBoxArea(box), 12L, "bndBoxArea");
        Box moved = Bnd.bndTranslate(box, new Point(10, -1));
        expect(Arrays.asList(moved.Min.X, moved.Max.Y), Arrays.asList(11, 5), "bndTranslate");
        expect(moved.getFill(), Color.BLUE, "bndTranslate fill");
        Box upsideDown = new Box(new Point(4, 6), new Point(1, 2), Color.RED);
        Box normal = Bnd.bndNormalize(upsideDown);
        expect(Arrays.asList(normal.Min.X, normal.Min.Y, normal.Max.X, normal.Max.Y), Arrays.asList(1, 2, 4, 6), "bndNormalize");
        expect(upsideDown.Min.X, 4, "bndNormalize leaves its argument");
        Point centre = Bnd.bndCentroid(new Point[] { new Point(0, 0), new Point(4, 2) });
        expect(Arrays.asList(centre.X, centre.Y), Arrays.asList(2, 1), "bndCentroid");
        expect(expectThrows(BndException.class, () -> Bnd.bndCentroid(new Point[0]), "no points").getCode(), BndException.INVALID_ARGUMENT, "bndCentroid([])");
        List<String> corners = new ArrayList<>();
        for (Point corner : Bnd.bndCorners(box)) {
            corners.add(corner.X + "," + corner.Y);
        }
        expect(corners, Arrays.asList("1,2", "4,2", "4,6", "1,6"), "bndCorners");
        Memory values = new Memory(3 * Double.BYTES);
        values.write(0, new double[] { 1.5, 2.5, 3.0 }, 0, 3);
        expect(Bnd.bndSamplesSum(new Samples((byte) 1, values, 3)), 7.0, "bndSamplesSum");
        // JNA hands a struct by value to libffi unpacked: a packed one is refused, not passed wrongly.
        expect(Packed.SIZE, 5, "Packed.SIZE");
        expectThrows(UnsupportedOperationException.class, () -> Bnd.bndPacked(7, -5), "JNA cannot");

        // Callbacks are functional interfaces (the user_data is the package's business); an exception thrown
        // in one is thrown again once the call returns, and it is not called after it.
        List<Object> seen = new ArrayList<>();
        expect(Bnd.bndForEach(4, item -> {
            seen.add(item);
            return item * item;
        }), 14L, "bndForEach");
        expect(seen, Arrays.<Object>asList(0, 1, 2, 3), "bndForEach saw");
        expect(expectThrows(BndException.class, () -> Bnd.bndForEach(4, item -> item == 2 ? -1 : item), "the callback refused item 2").getCode(),
            BndException.INVALID_OPERATION, "bndForEach refused");
        seen.clear();
        expectThrows(IllegalStateException.class, () -> Bnd.bndForEach(4, item -> {
            seen.add(item);
            if (item == 2) {
                throw new IllegalStateException("thrown by the lambda");
            }
            return item;
        }), "thrown by the lambda");
        expect(seen, Arrays.<Object>asList(0, 1, 2), "not called again after it threw");
        expect(expectThrows(BndException.class, () -> Bnd.bndCallThenFail(() -> seen.add("called")), "failed after the callback returned").getCode(),
            BndException.NOT_SUPPORTED, "bndCallThenFail");
        expect(seen.get(seen.size() - 1), "called", "bndCallThenFail called back");

        // Handles are AutoCloseable objects with methods (and static methods); a closed one is refused, not a crash.
        Counter counter;
        try (Counter opened = Counter.create(40)) {
            counter = opened;
            expect(opened.add(2), 42L, "add");
            expect(Bnd.bndCounterAdd(opened, 1), 43L, "bndCounterAdd");
            expect(opened.value(), 43L, "value");
            expect(Bnd.bndCounterValue(opened), 43L, "bndCounterValue");
            expect(opened.describe(), "counter at 43", "describe");
            expect(Bnd.bndCounterDescribe(opened), "counter at 43", "bndCounterDescribe");
            try (Counter other = Bnd.bndCounterNew(7); Counter total = Counter.merge(opened, other); Counter alone = Bnd.bndCounterMerge(opened, null)) {
                expect(Arrays.asList(total.value(), alone.value()), Arrays.asList(50L, 43L), "merge");
            }
            // The handle table is thread-safe: one counter shared by four threads.
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        opened.add(1);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            expect(opened.value(), 4043L, "four threads");
        }
        // A closed object is refused before the call: its handle may be another object's owner by now.
        check(counter.isClosed(), "closed by try-with-resources");
        expectThrows(IllegalStateException.class, () -> counter.value(), "closed Counter");
        expectThrows(IllegalStateException.class, () -> Bnd.bndCounterMerge(counter, null), "closed Counter");

        // The free function is the object's close(): freeing once, then the object is closed, so the
        // try-with-resources exit (or another close) frees nothing again and takes no owner from another object.
        try (Counter once = Bnd.bndCounterNew(1); Journal kept = Bnd.bndJournalShared()) {
            expect(Bnd.bndLiveHandles(), 2L, "two handles");
            Bnd.bndCounterFree(once);
            check(once.isClosed(), "bndCounterFree closes");
            expect(Bnd.bndLiveHandles(), 1L, "one handle");
            Bnd.bndCounterFree(once);
            closeAgain(once); // as the try-with-resources exit will: nothing more is freed
            Journal shared = Bnd.bndJournalShared(); // the same journal: one handle, two owners
            Bnd.bndJournalFree(shared);
            Bnd.bndJournalFree(shared); // freed once only: kept's owner stays
            shared.close();
            kept.write("still owned");
            expect(kept.text(), "still owned\n", "kept");
            Bnd.bndJournalFree(null);
        }
        expect(Bnd.bndLiveHandles(), 0L, "no handles");

        int disposed = Bnd.bndJournalsDisposed();
        try (Journal journal = Journal.create(); Journal other = Bnd.bndJournalNew()) {
            journal.write("first");
            Bnd.bndJournalWrite(journal, "second");
            expectThrows(IllegalArgumentException.class, () -> journal.write("third\0hidden"), "NUL character");
            expect(journal.text(), "first\nsecond\n", "text");
            expect(Bnd.bndJournalText(other), "", "bndJournalText");
        }
        expect(Journal.disposed(), disposed + 2, "disposed");

        // One object is one handle: each return is an owner with an object of its own, each object frees
        // once, and only the last one closed disposes the journal.
        disposed = Bnd.bndJournalsDisposed();
        try (Journal first = Bnd.bndJournalShared(); Journal second = Journal.shared()) {
            try (Journal again = first.self(); Journal more = Bnd.bndJournalSelf(second)) {
                check(!again.isClosed() && !more.isClosed(), "owners");
                expect(Bnd.bndLiveHandles(), 1L, "one journal handle");
            }
            closeAgain(first);
            second.write("still here");
            expect(second.text(), "still here\n", "still here");
            expect(Bnd.bndJournalsDisposed(), disposed, "not disposed yet");
        }
        expect(Bnd.bndJournalsDisposed(), disposed + 1, "disposed once");

        // close() frees its owner once, however many threads call it at the same moment: the other owner stays.
        try (Journal kept = Bnd.bndJournalShared()) {
            Journal shared = Journal.shared();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(shared::close);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            kept.write("still owned");
            expect(kept.text(), "still owned\n", "racing close");
        }

        expect(Bnd.bndLiveAllocations(), 0L, "no allocations left");
        expect(Bnd.bndLiveHandles(), 0L, "no handles left");
        System.out.println("BindingsConsumer.java: all checks passed");
    }

    // An explicit close() inside a try-with-resources, which javac's lint would flag as a mistake; here it is the point.
    private static void closeAgain(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception error) {
            throw new IllegalStateException(error);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + what);
        }
    }

    private static <T> void expect(T actual, T expected, String what) {
        if (!java.util.Objects.equals(actual, expected)) {
            throw new IllegalStateException(what + ": " + actual + " is not " + expected);
        }
    }

    private static <E extends Throwable> E expectThrows(Class<E> kind, Runnable action, String message) {
        try {
            action.run();
        } catch (Throwable thrown) {
            if (kind.isInstance(thrown) && String.valueOf(thrown.getMessage()).contains(message)) {
                return kind.cast(thrown);
            }
            throw new IllegalStateException("expected " + kind.getSimpleName() + " with \"" + message + "\", got " + thrown, thrown);
        }
        throw new IllegalStateException("expected " + kind.getSimpleName() + " with \"" + message + "\", nothing thrown");
    }
}
