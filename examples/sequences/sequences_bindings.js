// Uses the Node package `cdylib bindings --lang node` generates for libseq: every iterator export as a
// JavaScript iterator (for…of, next(), Array.from), every item shape (numbers, text, flags, structs,
// objects), an exception thrown by the next() that hit it, sequences ended early (a `break` out of for…of,
// close(), using's Symbol.dispose, and one dropped and collected) whose C# finally block runs once, one
// closed before it was read, a method that returns no sequence, an object's own sequence; then no handle
// and no allocation is left. Run with the package's folder and koffi on NODE_PATH; the build writes it to
// target/debug/bindings/node/, where it finds the library itself. Exits non-zero on failure.
'use strict';

const assert = require('assert');
const seq = require('seq');

const Code = seq.ErrorCode;

function throws(kind, call) {
    // The error `call()` throws, which must be a `kind`.
    try {
        call();
    } catch (error) {
        assert.ok(error instanceof kind, `${error} is not a ${kind.name}`);
        return error;
    }
    throw new assert.AssertionError({ message: `no ${kind.name} thrown` });
}

function everyItemShape() {
    // Numbers, to the end; the end stays the end, and the handle went with it.
    const numbers = seq.seq_range(5, 3);
    assert.ok(numbers instanceof seq.RangeSequence && numbers[Symbol.iterator]() === numbers);
    assert.deepStrictEqual(numbers.next(), { value: 5, done: false });
    assert.deepStrictEqual([...numbers], [6, 7]);
    assert.deepStrictEqual(numbers.next(), { value: undefined, done: true });
    assert.ok(numbers.closed && seq.seq_live_handles() === 0n);
    assert.deepStrictEqual(Array.from(seq.seq_range(-2, 0)), []);
    throws(RangeError, () => seq.seq_range(0, 2 ** 31));

    // Text, decoded and freed once per item; a NUL the module refuses, null the library refuses.
    assert.deepStrictEqual(Array.from(seq.seq_words('naïve  wörds here')), ['naïve', 'wörds', 'here']);
    throws(TypeError, () => seq.seq_words('a\0b'));
    assert.strictEqual(throws(seq.SeqError, () => seq.seq_words(null)).code, Code.NULL_ARGUMENT);

    // Flags and structs (plain objects, each its own copy); 64-bit numbers are bigints.
    assert.deepStrictEqual([...seq.seq_evens(4)], [true, false, true, false]);
    assert.deepStrictEqual([...seq.seq_diagonal(3)], [{ X: 0, Y: 0 }, { X: 1, Y: 2 }, { X: 2, Y: 4 }]);

    // Objects: each item an object owning its handle; an object's own sequence, as a method too.
    const values = [];
    let last = null;
    for (const counter of seq.seq_counters(3)) {
        assert.ok(counter instanceof seq.Counter);
        values.push(seq.seq_counter_value(counter));
        if (counter.value() === 20n) {
            assert.deepStrictEqual([...seq.seq_counter_steps(counter, 2)], [21n, 22n]);
            const steps = counter.steps(1);
            assert.ok(steps instanceof seq.StepsSequence);
            assert.deepStrictEqual([...steps], [23n]);
        }
        counter.close();
        last = counter;
    }
    assert.deepStrictEqual(values, [0n, 10n, 20n]);
    throws(TypeError, () => last.steps(1));  // closed: its handle may be another object's by now
}

function failures() {
    // The exception surfaces at the next() that hit it, with its code and message; then the sequence ended.
    const failing = seq.seq_fail_after(2);
    assert.deepStrictEqual([failing.next().value, failing.next().value], [0, 1]);
    let error = throws(seq.SeqError, () => failing.next());
    assert.ok(error.code === 1001 && error.message === 'no more after 2', error);
    assert.deepStrictEqual(failing.next(), { value: undefined, done: true });
    assert.deepStrictEqual([...failing], []);
    assert.strictEqual(seq.seq_live_handles(), 0n);
    // In a for…of loop the items before it come first.
    const seen = [];
    error = throws(seq.SeqError, () => {
        for (const item of seq.seq_fail_after(3)) {
            seen.push(item);
        }
    });
    assert.ok(error.code === 1001 && error.message === 'no more after 3', error);
    assert.deepStrictEqual(seen, [0, 1, 2]);

    // No sequence at all: the call fails, as any export's does.
    error = throws(seq.SeqError, () => seq.seq_nothing());
    assert.strictEqual(error.code, Code.INVALID_OPERATION, error);
    assert.strictEqual(seq.seq_live_handles(), 0n);
}

async function endedEarly() {
    // Each way of ending an endless sequence early runs its finally block, once.
    const finished = seq.seq_endless_finished();
    // A break out of for…of: return() frees the handle at once.
    for (const item of seq.seq_endless()) {
        if (item === 10n) {
            break;
        }
    }
    assert.strictEqual(seq.seq_endless_finished(), finished + 1);
    // An exception thrown in the loop's body does the same.
    assert.throws(() => {
        for (const item of seq.seq_endless()) {
            if (item === 3n) {
                throw new Error('out of the loop');
            }
        }
    }, /out of the loop/);
    assert.strictEqual(seq.seq_endless_finished(), finished + 2);

    // close(), and closing again (or through the free function) does nothing; next() then gives done.
    const endless = seq.seq_endless();
    assert.deepStrictEqual(Array.from({ length: 100 }, () => endless.next().value), Array.from({ length: 100 }, (_, i) => BigInt(i)));
    assert.strictEqual(seq.seq_endless_finished(), finished + 2);
    endless.close();
    assert.strictEqual(seq.seq_endless_finished(), finished + 3);
    endless.close();
    seq.seq_endless_iter_free(endless);
    seq.seq_endless_iter_free(null);
    assert.deepStrictEqual(endless.next(), { value: undefined, done: true });
    assert.ok(endless.closed && seq.seq_endless_finished() === finished + 3);
    throws(TypeError, () => seq.seq_endless_iter_free(seq.seq_range));

    // Symbol.dispose, which `using` calls; return() called by hand.
    const disposed = seq.seq_endless();
    disposed.next();
    disposed[Symbol.dispose]();
    assert.strictEqual(seq.seq_endless_finished(), finished + 4);
    const returned = seq.seq_endless();
    returned.next();
    assert.deepStrictEqual(returned.return(7), { value: 7, done: true });
    assert.strictEqual(seq.seq_endless_finished(), finished + 5);
    // One never read: its C# method never ran, so there is no finally block to run.
    seq.seq_endless().close();
    assert.strictEqual(seq.seq_endless_finished(), finished + 5);

    // Sequences closed before they were read: every export's free function.
    seq.seq_range_iter_free(seq.seq_range(0, 3));
    seq.seq_words_iter_free(seq.seq_words('never read'));
    seq.seq_evens_iter_free(seq.seq_evens(2));
    seq.seq_diagonal_iter_free(seq.seq_diagonal(2));
    seq.seq_fail_after_iter_free(seq.seq_fail_after(0));
    seq.seq_nothing_iter_free(null);
    seq.seq_counters_iter_free(seq.seq_counters(2));  // the counters it did not make: no handle left
    const counters = seq.seq_counters(1);
    const counter = counters.next().value;
    counters.close();
    seq.seq_counter_steps_iter_free(counter.steps(5));
    seq.seq_counter_free(counter);
    assert.ok(counter.closed);
    assert.strictEqual(seq.seq_live_handles(), 0n);

    // The last resort: a sequence dropped half read is freed when collected (its finally runs then).
    const gc = collector();
    (() => {
        const dropped = seq.seq_endless();
        dropped.next();
    })();
    for (let i = 0; i < 200 && seq.seq_endless_finished() !== finished + 6; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.strictEqual(seq.seq_endless_finished(), finished + 6);
    assert.strictEqual(seq.seq_live_handles(), 0n);
}

function collector() {
    // The engine's gc(), which node gives only with --expose-gc: that flag, set now, and the function.
    require('v8').setFlagsFromString('--expose-gc');
    return require('vm').runInNewContext('gc');
}

async function main() {
    seq.seq_init();
    assert.strictEqual(seq.seq_abi_version(), seq.ABI_VERSION);
    assert.strictEqual(seq.seq_api_hash(), seq.API_HASH);
    everyItemShape();
    failures();
    await endedEarly();
    assert.deepStrictEqual([seq.seq_live_handles(), seq.seq_live_allocations()], [0n, 0n]);
    console.log('sequences_bindings.js: all checks passed');
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
