// Uses the Node package `cdylib bindings --lang node` generates for libplug: loggers implemented in
// JavaScript (a plain object and a class instance) passed where the C# takes an ILogger. Checks every
// member (method, property getter and setter, a result), a logger kept past the call and used from 8 of
// the library's threads (through plug_log_kept.async: the call runs on a worker thread, so the main
// thread is free to run the logger), the logger's failures reaching the caller with their codes and
// messages, a logger that calls back in, refused objects, one release per lent object (lentObjects()
// back to 0 after collections), and no handle and no allocation left.
// Run with the package's folder and koffi on NODE_PATH; the build writes it to target/debug/bindings/node/,
// where it finds the library itself. Exits non-zero on failure.
'use strict';

const assert = require('assert');
const plug = require('plug');

const Code = plug.ErrorCode;

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

async function rejects(kind, promise) {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof kind, `${error} is not a ${kind.name}`);
        return error;
    }
    throw new assert.AssertionError({ message: `no ${kind.name} rejected` });
}

/** A logger as a class: its methods on the prototype, its level an accessor. */
class Logger {
    constructor() {
        this.lines = [];
        this.important = 0;
        this._level = 0;
        this.failWith = null;
        this.words = 0;
        this.callBackIn = false;
    }

    log(line, important) {
        if (this.failWith !== null) {
            throw this.failWith;
        }
        if (this.callBackIn) {
            this.words += plug.plug_count_words(line);  // a call into the library from inside its call
        }
        this.lines.push(line);
        this.important += important ? 1 : 0;
    }

    get level() {
        return this._level;
    }

    set level(value) {
        if (value < 0) {
            throw new plug.PlugError(1001, `no level ${value}`);
        }
        this._level = value;
    }

    count() {
        return this.lines.length;
    }
}

async function collected(held) {
    // Collections (on the worker thread: the finalizer thread's releases run on this one) until the library
    // holds `held` objects at most.
    for (let i = 0; i < 50 && plug.lentObjects() > held; i++) {
        await plug.plug_collect.async();
        await new Promise((resolve) => setImmediate(resolve));
    }
    return plug.lentObjects();
}

async function main() {
    plug.plug_collect();  // nothing lent yet: no release can wait for this thread
    plug.plug_init();
    assert.ok(plug.plug_abi_version() === plug.ABI_VERSION && plug.plug_api_hash() === plug.API_HASH);

    // A plain object: lines in, the level read through the getter, a member C# implements itself (Note).
    const plain = { lines: [], level: 0, log(line, important) { this.lines.push([line, important]); }, count() { return BigInt(this.lines.length); } };
    assert.strictEqual(plug.plug_log_lines(plain, 'one\ntwo\nthree', 7), 3);
    assert.deepStrictEqual(plain.lines, [['one', true], ['two', true], ['three', true], ['note: 3 lines', false]]);
    assert.strictEqual(plug.plug_set_level(plain, 5), 5);
    assert.strictEqual(plain.level, 5);
    assert.strictEqual(plug.plug_log_lines(plain, 'dropped', 2), 0);
    assert.strictEqual(plain.lines.length, 4);
    // The same through the worker thread; the object is lent from this one.
    assert.strictEqual(await plug.plug_log_lines.async(plain, 'four\nfive', 9), 2);
    assert.strictEqual(plain.lines.length, 7);
    // Four calls gave C# four objects: each is released once, when collected.
    assert.strictEqual(await collected(0), 0);

    // A class instance, kept past the call that gave it, used from 8 threads, released after it is let go.
    const kept = new Logger();
    plug.plug_keep(kept);
    assert.strictEqual(await collected(0), 1);  // kept: not released
    assert.strictEqual(await plug.plug_log_kept.async(8, 1000), 8000n);
    assert.strictEqual(kept.lines.length, 8000);
    assert.strictEqual(new Set(kept.lines).size, 8000);
    assert.ok(kept.lines.includes('thread 7 line 999'));
    plug.plug_keep(null);
    assert.strictEqual(await collected(0), 0);
    let error = throws(plug.PlugError, () => plug.plug_log_kept(1, 1));
    assert.strictEqual(error.code, Code.INVALID_OPERATION);
    error = await rejects(plug.PlugError, plug.plug_log_kept.async(1, 1));
    assert.ok(error.code === Code.INVALID_OPERATION && error.message.includes('no logger is kept'), error);

    // The logger's failures: its code and message reach the caller, or C# catches them (plug_try_log).
    const failing = new Logger();
    failing.failWith = new plug.PlugError(1042, 'disk full');
    error = throws(plug.PlugError, () => plug.plug_log_lines(failing, 'a', 1));
    assert.ok(error.code === 1042 && error.message === 'disk full', error);
    assert.strictEqual(plug.plug_try_log(failing, 'b'), 1042);
    failing.failWith = new Error('not today');
    error = throws(plug.PlugError, () => plug.plug_log_lines(failing, 'c', 1));
    assert.ok(error.code === Code.EXCEPTION && error.message === 'not today', error);
    failing.failWith = 'a string';
    assert.strictEqual(throws(plug.PlugError, () => plug.plug_log_lines(failing, 'd', 1)).message, 'a string');
    error = throws(plug.PlugError, () => plug.plug_set_level(new Logger(), -1));
    assert.ok(error.code === 1001 && error.message === 'no level -1', error);
    // A result that is not the member's type: the binding's check fails the member, not the process.
    error = throws(plug.PlugError, () => plug.plug_set_level({ get level() { return 'high'; }, set level(value) {}, log() {}, count() { return 0; } }, 3));
    assert.ok(error.code === Code.EXCEPTION && error.message.includes('the result of ILogger.level must be an integer'), error);
    error = throws(plug.PlugError, () => plug.plug_set_level({ get level() { return 2 ** 40; }, set level(value) {}, log() {}, count() { return 0; } }, 3));
    assert.ok(error.code === Code.EXCEPTION && error.message.includes('does not fit in int32_t'), error);
    // Failing on the library's threads: Parallel.For gathers the failures (EXCEPTION, an AggregateException),
    // each with its code; the message set on the main thread, where the logger ran, is not the library
    // thread's, so C# words its own.
    failing.failWith = new plug.PlugError(1043, 'disk still full');
    plug.plug_keep(failing);
    error = await rejects(plug.PlugError, plug.plug_log_kept.async(2, 10));
    assert.ok(error.code === Code.EXCEPTION && error.message.includes("the caller's ILogger.Log failed with code 1043"), error);
    plug.plug_keep(null);

    // A logger that calls back in, on this thread and from the library's threads.
    const counting = new Logger();
    counting.callBackIn = true;
    assert.strictEqual(plug.plug_log_lines(counting, 'a b c\nd e', 1), 2);
    assert.strictEqual(counting.words, 5 + 3);  // and "note: 2 lines"
    plug.plug_keep(counting);
    assert.strictEqual(await plug.plug_log_kept.async(4, 25), 100n + 3n);
    assert.strictEqual(counting.words, 8 + 100 * 4);  // "thread T line L"
    plug.plug_keep(null);

    // Refused before the call: an object without a member, a value that is no object; NULL where C# takes none.
    assert.match(throws(TypeError, () => plug.plug_log_lines({ log() {}, count() {} }, 'x', 1)).message, /no property level/);
    assert.match(throws(TypeError, () => plug.plug_log_lines({ level: 0, log: 1, count() {} }, 'x', 1)).message, /no method log/);
    throws(TypeError, () => plug.plug_log_lines(42, 'x', 1));
    assert.strictEqual(throws(plug.PlugError, () => plug.plug_log_lines(null, 'x', 1)).code, Code.NULL_ARGUMENT);
    assert.strictEqual((await rejects(plug.PlugError, plug.plug_count_words.async(null))).code, Code.NULL_ARGUMENT);
    assert.strictEqual(await plug.plug_count_words.async('one two'), 2);
    assert.strictEqual(plug.plug_count_words('one two three'), 3);

    // Every lent object released once; nothing of the library left.
    assert.strictEqual(await collected(0), 0);
    assert.deepStrictEqual([plug.plug_live_handles(), plug.plug_live_allocations()], [0n, 0n]);
    console.log('plugins_bindings.js: all checks passed');
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
