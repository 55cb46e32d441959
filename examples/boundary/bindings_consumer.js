// Uses the Node package `cdylib bindings --lang node` generates for libbnd (over koffi): no koffi by hand.
// Every function of the library is called, and each result checked.
// Run with the folder that holds the generated package (and koffi's) on NODE_PATH; the build writes it to
// target/debug/bindings/bnd/, where it finds the library itself:
// `NODE_PATH=target/debug/bindings:$(npm root) node bindings_consumer.js`. Exits non-zero on failure.
'use strict';
const assert = require('assert/strict');
const bnd = require('bnd');

function throws(kind, call) {
    // The error `call()` throws, which must be a `kind`.
    try {
        call();
    } catch (error) {
        assert.ok(error instanceof kind, `${error} is not a ${kind.name}`);
        return error;
    }
    assert.fail(`no ${kind.name} thrown`);
}

// The library's own version and hash, against the ones the package was generated from.
bnd.bnd_init();
assert.equal(bnd.ABI_VERSION, 3);
assert.equal(bnd.bnd_abi_version(), 3);
assert.equal(bnd.bnd_api_hash(), bnd.API_HASH);

// Strings both ways, and recorded errors thrown as bnd.BndError with the library's code.
assert.equal(bnd.bnd_greet('Node'), 'Hello, Node!');
assert.equal(bnd.bnd_greet('héllo → 世界 🎉'), 'Hello, héllo → 世界 🎉!');
assert.equal(bnd.bnd_length('héllo'), 5);
assert.equal(bnd.bnd_length(null), -1);
assert.equal(bnd.bnd_upper('abc'), 'ABC');
assert.equal(bnd.bnd_upper(null), null);
assert.equal(bnd.bnd_repeat('ab', 3), 'ababab');
let error = throws(bnd.BndError, () => bnd.bnd_greet(null));
assert.equal(error.code, bnd.ErrorCode.NULL_ARGUMENT);
assert.match(error.message, /'name' must not be NULL/);
assert.ok(error instanceof Error);
assert.equal(throws(bnd.BndError, () => bnd.bnd_repeat('x', -1)).code, bnd.ErrorCode.INVALID_ARGUMENT);

// What C would silently mangle is refused before the call: a NUL would cut the text short, a lone
// surrogate has no UTF-8, koffi would cut a number to its C width, and a Point is not a Box.
assert.match(throws(TypeError, () => bnd.bnd_greet('nul\0cut')).message, /NUL character/);
assert.match(throws(TypeError, () => bnd.bnd_greet('\ud800')).message, /lone surrogate/);
throws(RangeError, () => bnd.bnd_squares(2 ** 32 + 1));
throws(RangeError, () => bnd.bnd_next_color(256));
throws(RangeError, () => bnd.bnd_sum([1, 2 ** 31]));
throws(TypeError, () => bnd.bnd_squares(1.5));
throws(TypeError, () => bnd.bnd_greet(42));

// out parameters come back in an array after the result; the status form throws instead of returning a code.
assert.deepEqual(bnd.bnd_split('key=value'), [true, 'key', 'value']);
assert.deepEqual(bnd.bnd_split('novalue'), [false, 'novalue', null]);
assert.deepEqual(bnd.bnd_divide(17, 5), [3, 2]);
assert.equal(bnd.bnd_parse('1234'), 1234);
error = throws(bnd.BndError, () => bnd.bnd_parse('12x'));
assert.equal(error.code, bnd.ErrorCode.INVALID_ARGUMENT);
assert.match(error.message, /'12x' is not a number/);
assert.equal(bnd.bnd_utf8_length('héllo'), 6n);

// Spans from Buffers, typed arrays and arrays; arrays back as arrays; a writable span's new contents come back.
assert.equal(bnd.bnd_checksum(Buffer.from('abc')), 440920331);
assert.equal(bnd.bnd_checksum([97, 98, 99]), 440920331);
assert.equal(bnd.bnd_sum([1, -2, 30, 400]), 429n);
assert.equal(bnd.bnd_sum(new Int32Array([1, -2, 30, 400])), 429n);
const doubled = new Float64Array([1.5, -2.0]);
assert.deepEqual(bnd.bnd_double_all(doubled), [3.0, -4.0]);
assert.deepEqual([...doubled], [1.5, -2.0]);
assert.deepEqual(bnd.bnd_squares(5), [0, 1, 4, 9, 16]);
assert.deepEqual(bnd.bnd_reverse_bytes('abc'), [...Buffer.from('cba')]);
assert.deepEqual(bnd.bnd_reverse_bytes(''), []);
assert.equal(bnd.bnd_nothing(), null);

// ref/in values come back too (64-bit integers as bigints); optional values; enums as frozen objects.
assert.equal(bnd.bnd_bump(40, 2), 42n);
assert.equal(bnd.bnd_bump(40n, 2n), 42n);
assert.equal(bnd.bnd_toggle(false), true);
assert.equal(bnd.bnd_increment_optional(null), -1n);
assert.equal(bnd.bnd_increment_optional(undefined), -1n);
assert.equal(bnd.bnd_increment_optional(41), 42n);
assert.equal(bnd.bnd_next_color(bnd.Color.Blue), bnd.Color.Red);
assert.equal(bnd.bnd_reverse_outcome(bnd.Outcome.Lost), bnd.Outcome.Won);
assert.equal(bnd.bnd_reverse_outcome(bnd.Outcome.Worst), bnd.Outcome.Won);
assert.equal(bnd.bnd_widen(bnd.Wide.Low), bnd.Wide.Low | bnd.Wide.High);
assert.ok(Object.isFrozen(bnd.Color));
assert.equal(throws(bnd.BndError, () => bnd.bnd_next_color(3)).code, bnd.ErrorCode.INVALID_ARGUMENT);

// Structs as plain objects, by value, by ref (the new value comes back, the argument is left as it was) and in.
const box = { Min: { X: 1, Y: 2 }, Max: { X: 4, Y: 6 }, Fill: bnd.Color.Blue };
assert.equal(bnd.bnd_box_area(box), 12n);
const moved = bnd.bnd_translate(box, { X: 10, Y: -1 });
assert.deepEqual(moved, { Min: { X: 11, Y: 1 }, Max: { X: 14, Y: 5 }, Fill: bnd.Color.Blue });
const upsideDown = { Min: { X: 4, Y: 6 }, Max: { X: 1, Y: 2 }, Fill: bnd.Color.Red };
assert.deepEqual(bnd.bnd_normalize(upsideDown), { Min: { X: 1, Y: 2 }, Max: { X: 4, Y: 6 }, Fill: bnd.Color.Red });
assert.equal(upsideDown.Min.X, 4);
assert.match(throws(TypeError, () => bnd.bnd_normalize({ X: 1, Y: 2 })).message, /not a Box/);
throws(TypeError, () => bnd.bnd_normalize(3.0));
throws(RangeError, () => bnd.bnd_box_area({ ...box, Fill: 300 }));
assert.deepEqual(bnd.bnd_centroid([{ X: 0, Y: 0 }, { X: 4, Y: 2 }]), { X: 2, Y: 1 });
assert.equal(throws(bnd.BndError, () => bnd.bnd_centroid([])).code, bnd.ErrorCode.INVALID_ARGUMENT);
assert.deepEqual(bnd.bnd_corners(box).map(point => [point.X, point.Y]), [[1, 2], [4, 2], [4, 6], [1, 6]]);
const values = new Float64Array([1.5, 2.5, 3.0]);
assert.equal(bnd.bnd_samples_sum({ Tag: 1, Values: values, Count: 3 }), 7.0);
throws(TypeError, () => bnd.bnd_samples_sum(3.0));
// koffi passes a packed struct by value as if unpacked: refused, not called wrongly.
assert.match(throws(Error, () => bnd.bnd_packed(7, -5)).message, /koffi cannot/);

// Callbacks are JS functions (the user_data is the package's business); an exception thrown in one is
// thrown again once the call returns, and the function is not called after it.
const seen = [];
assert.equal(bnd.bnd_for_each(4, item => { seen.push(item); return item * item; }), 14n);
assert.deepEqual(seen, [0, 1, 2, 3]);
assert.equal(throws(bnd.BndError, () => bnd.bnd_for_each(4, item => (item === 2 ? -1 : item))).code, bnd.ErrorCode.INVALID_OPERATION);
seen.length = 0;
class Refused extends Error {}
const refused = throws(Refused, () => bnd.bnd_for_each(4, item => {
    seen.push(item);
    if (item === 2) {
        throw new Refused('thrown by the function');
    }
    return item;
}));
assert.equal(refused.message, 'thrown by the function');
assert.deepEqual(seen, [0, 1, 2]);
throws(RangeError, () => bnd.bnd_for_each(1, () => 2 ** 40));
assert.equal(throws(bnd.BndError, () => bnd.bnd_call_then_fail(() => seen.push('called'))).code, bnd.ErrorCode.NOT_SUPPORTED);
assert.equal(seen[seen.length - 1], 'called');

// Handles are objects with methods (and static methods), closed by close() or `using`; a closed one is refused, not a crash.
const counter = bnd.Counter.create(40);
assert.equal(counter.add(2), 42n);
assert.equal(bnd.bnd_counter_add(counter, 1), 43n);
assert.equal(counter.value(), 43n);
assert.equal(bnd.bnd_counter_value(counter), 43n);
assert.equal(counter.describe(), 'counter at 43');
assert.equal(bnd.bnd_counter_describe(counter), 'counter at 43');
const other = bnd.bnd_counter_new(7);
const total = bnd.Counter.merge(counter, other);
const alone = bnd.bnd_counter_merge(counter, null);
assert.deepEqual([total.value(), alone.value()], [50n, 43n]);
for (const each of [other, total, alone, counter]) {
    each.close();
}
assert.ok(counter.closed);
// A closed object is refused before the call: its handle may be another object's owner by now.
assert.match(throws(TypeError, () => counter.value()).message, /closed Counter/);
assert.match(throws(TypeError, () => bnd.bnd_counter_merge(counter, null)).message, /closed Counter/);
const aJournal = bnd.Journal.create();
assert.match(throws(TypeError, () => bnd.bnd_counter_value(aJournal)).message, /must be a Counter, not a Journal/);
aJournal[Symbol.dispose]();
assert.ok(aJournal.closed);

// The free function is the object's close(): freeing once, then the object is closed, so another close
// frees nothing again and takes no owner from the other wrapper.
const once = bnd.bnd_counter_new(1);
const kept = bnd.bnd_journal_shared();
assert.equal(bnd.bnd_live_handles(), 2n);
bnd.bnd_counter_free(once);
assert.ok(once.closed);
assert.equal(bnd.bnd_live_handles(), 1n);
bnd.bnd_counter_free(once);
once.close();
const shared = bnd.bnd_journal_shared(); // the same journal: one handle, two owners
assert.equal(shared._handle, kept._handle);
bnd.bnd_journal_free(shared);
bnd.bnd_journal_free(shared); // freed once only: kept's owner stays
shared.close();
kept.write('still owned');
assert.equal(kept.text(), 'still owned\n');
bnd.bnd_journal_free(null);
kept.close();
assert.equal(bnd.bnd_live_handles(), 0n);

let disposed = bnd.bnd_journals_disposed();
const journal = bnd.Journal.create();
const another = bnd.bnd_journal_new();
journal.write('first');
bnd.bnd_journal_write(journal, 'second');
throws(TypeError, () => journal.write('third\0hidden'));
assert.equal(journal.text(), 'first\nsecond\n');
assert.equal(bnd.bnd_journal_text(another), '');
journal.close();
another.close();
assert.equal(bnd.Journal.disposed(), disposed + 2);

// One object is one handle: each return is an owner with a wrapper of its own, each wrapper frees
// once, and only the last one closed disposes the object.
disposed = bnd.bnd_journals_disposed();
const first = bnd.bnd_journal_shared();
const second = bnd.Journal.shared();
assert.equal(first._handle, second._handle);
const again = first.self();
const more = bnd.bnd_journal_self(second);
assert.ok(again._handle === more._handle && more._handle === first._handle);
assert.equal(bnd.bnd_live_handles(), 1n);
again.close();
more.close();
first.close();
second.write('still here');
assert.equal(second.text(), 'still here\n');
assert.equal(bnd.bnd_journals_disposed(), disposed);
second.close();
assert.equal(bnd.bnd_journals_disposed(), disposed + 1);

assert.equal(bnd.bnd_live_allocations(), 0n);
assert.equal(bnd.bnd_live_handles(), 0n);
console.log('bindings_consumer.js: all checks passed');
