// Uses the Node package `cdylib bindings --lang node` generates for libtasks: every async export is a
// function returning a Promise, with { signal } (an AbortSignal) to cancel it. Checks results, failures
// with their codes and messages, cancellation before, during and after the end, 1,000 operations at
// once and more in waves, and that no handle and no allocation of the library is left; the last
// operation is left running when the script's own code has returned, and the process still waits for it.
// `tasks_bindings.js exit` calls process.exit with operations running: the process ends cleanly.
// Run with the package's folder and koffi on NODE_PATH; the build writes it to target/debug/bindings/node/,
// where it finds the library itself. Exits non-zero on failure.
'use strict';

const assert = require('assert');
const tasks = require('tasks');

const Code = tasks.ErrorCode;

async function rejects(kind, promise) {
    // The error `promise` rejects with, which must be a `kind` (a class, or a DOMException's name).
    try {
        await promise;
    } catch (error) {
        assert.ok(typeof kind === 'string' ? error.name === kind : error instanceof kind, `${error} is not a ${kind.name ?? kind}`);
        return error;
    }
    throw new assert.AssertionError({ message: `no ${kind.name ?? kind} thrown` });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function settled() {
    // Waits (up to 5 s) until every operation ended and what nobody took was dropped: no handle left.
    for (let i = 0; i < 500 && tasks.tasks_live_handles() !== 0n; i++) {
        await sleep(10);
    }
    assert.deepStrictEqual([tasks.tasks_live_handles(), tasks.tasks_live_allocations()], [0n, 0n]);
}

async function everyExport() {
    // A number after a delay, and one that is ready at once.
    assert.strictEqual(await tasks.tasks_add_later(2, 3, 20), 5);
    assert.strictEqual(await tasks.tasks_add_later(1, 1, 0), 2);
    let error = await rejects(tasks.TasksError, tasks.tasks_add_later(2 ** 31 - 1, 1, 1));
    assert.ok(error.code === Code.OVERFLOW && /overflow/i.test(error.message), error);
    // Refused before anything starts: by the module (an int C would cut, a NUL C would read as the end,
    // a lone surrogate, options that are no options) or by the library (NULL), which calls nothing back.
    await rejects(RangeError, tasks.tasks_add_later(2 ** 31, 1, 1));
    await rejects(TypeError, tasks.tasks_greet('nul\0cut'));
    await rejects(TypeError, tasks.tasks_greet('\ud800'));
    await rejects(TypeError, tasks.tasks_is_even(1, 5));
    await rejects(TypeError, tasks.tasks_is_even(1, { signal: {} }));
    assert.strictEqual((await rejects(tasks.TasksError, tasks.tasks_greet(null))).code, Code.NULL_ARGUMENT);

    // Text made on another thread, decoded and freed once; a flag from a task that was already complete.
    assert.strictEqual(await tasks.tasks_greet('wörld'), 'hello, wörld');
    assert.strictEqual(await tasks.tasks_is_even(10), true);
    assert.strictEqual(await tasks.tasks_is_even(7, { signal: null }), false);

    // Nothing to return: a code of the library's own, and a method that threw before it returned a task.
    error = await rejects(tasks.TasksError, tasks.tasks_fail_later(1042, 5));
    assert.ok(error.code === 1042 && error.message === 'failed on purpose with 1042', error);
    error = await rejects(tasks.TasksError, tasks.tasks_throw_now('not now'));
    assert.ok(error.code === Code.INVALID_OPERATION && error.message.includes('not now'), error);
    assert.strictEqual(await tasks.tasks_fail_later(1042, 5).catch((failure) => failure.name), 'TasksError');

    // An object whose method is async too: the same Promise as a method and as a function.
    const counter = await tasks.tasks_counter_later(41);
    assert.ok(counter instanceof tasks.Counter);
    assert.strictEqual(await counter.next(), 42n);
    assert.strictEqual(await tasks.tasks_counter_next(counter), 43n);
    assert.ok(counter.value() === 43n && tasks.tasks_counter_value(counter) === 43n);
    tasks.tasks_counter_free(counter);
    await rejects(TypeError, counter.next());  // closed: its handle may be another object's by now
    // The operations are the module's own: no class, no wait, cancel or free of theirs is public.
    assert.deepStrictEqual(Object.keys(tasks).filter((name) => /_op|Operation/.test(name)), []);
}

async function cancellation() {
    // Aborted before the call: nothing starts, the Promise rejects with the signal's reason.
    const handles = tasks.tasks_live_handles();
    await rejects('AbortError', tasks.tasks_forever({ signal: AbortSignal.abort() }));
    const reason = new Error('not wanted');
    assert.strictEqual(await tasks.tasks_forever({ signal: AbortSignal.abort(reason) }).catch((failure) => failure), reason);
    assert.strictEqual(tasks.tasks_live_handles(), handles);

    // Aborted as soon as it started, and while it runs: with a token (the library stops) and without
    // one (the operation ends at once; the late result is dropped).
    let controller = new AbortController();
    let running = tasks.tasks_forever({ signal: controller.signal });
    controller.abort();
    await rejects('AbortError', running);
    for (const start of [(signal) => tasks.tasks_add_later(1, 2, 10000, { signal }), (signal) => tasks.tasks_sleep(50, { signal }), (signal) => tasks.tasks_forever({ signal })]) {
        const began = Date.now();
        controller = new AbortController();
        running = start(controller.signal);
        await sleep(20);
        controller.abort();
        await rejects('AbortError', running);
        assert.ok(Date.now() - began < 5000);
    }
    // A timeout is an abort.
    await rejects('TimeoutError', tasks.tasks_forever({ signal: AbortSignal.timeout(50) }));
    // Aborted after it ended: nothing changes.
    controller = new AbortController();
    running = tasks.tasks_add_later(3, 4, 1, { signal: controller.signal });
    assert.strictEqual(await running, 7);
    controller.abort();
    assert.strictEqual(await running, 7);

    // Objects that arrive after their Promise was aborted are closed, whenever the abort came: at once,
    // or a moment later (then the object may have come first: it is the caller's).
    const made = [];
    for (let i = 0; i < 200; i++) {
        const abort = new AbortController();
        made.push(tasks.tasks_counter_later(i, { signal: abort.signal }).catch((failure) => failure));
        if (i % 4 === 1) {
            abort.abort();
        } else if (i % 4 === 3) {
            setImmediate(() => abort.abort());
        }
        if (i % 7 === 0) {
            await sleep(0);
        }
    }
    for (const [i, promise] of made.entries()) {
        const outcome = await promise;
        if (i % 4 === 1 || (i % 4 === 3 && !(outcome instanceof tasks.Counter))) {
            assert.strictEqual(outcome.name, 'AbortError');
        } else {
            assert.ok(outcome instanceof tasks.Counter, `${i}: ${outcome}`);
            assert.strictEqual(outcome.value(), BigInt(i));
            outcome.close();
        }
    }
}

async function many(count, offset) {
    // Half end at once (no delay), half a moment later on the library's threads.
    const sums = await Promise.all(Array.from({ length: count }, (_, i) => tasks.tasks_add_later(i, offset, (i % 2) * (1 + (i % 3)))));
    assert.deepStrictEqual(sums, Array.from({ length: count }, (_, i) => i + offset));
    const greetings = await Promise.all(Array.from({ length: count / 4 }, (_, i) => tasks.tasks_greet(`${offset}-${i}`)));
    assert.deepStrictEqual(greetings, Array.from({ length: count / 4 }, (_, i) => `hello, ${offset}-${i}`));
    const flags = await Promise.all(Array.from({ length: count / 4 }, (_, i) => tasks.tasks_is_even(i)));
    assert.deepStrictEqual(flags, Array.from({ length: count / 4 }, (_, i) => i % 2 === 0));
    // Some of them aborted by timeouts while they run, some failing.
    const outcomes = await Promise.allSettled(Array.from({ length: count / 4 }, (_, i) => (i % 5 === 4
        ? tasks.tasks_fail_later(1000 + i, 1)
        : tasks.tasks_add_later(i, 1, i % 3 ? 0 : 10000, { signal: i % 3 ? null : AbortSignal.timeout(300) }))));
    for (const [i, outcome] of outcomes.entries()) {
        if (i % 5 === 4) {
            assert.ok(outcome.status === 'rejected' && outcome.reason.code === 1000 + i && outcome.reason.message === `failed on purpose with ${1000 + i}`, `${i}: ${outcome.reason}`);
        } else if (i % 3 === 0) {
            assert.ok(outcome.status === 'rejected' && outcome.reason.name === 'TimeoutError', `${i}: ${outcome.reason}`);
        } else {
            assert.deepStrictEqual(outcome, { status: 'fulfilled', value: i + 1 });
        }
    }
}

function leaveRunning() {
    // Operations running, callbacks coming from the library's threads: process.exit still ends the process.
    const churn = () => Promise.all(Array.from({ length: 100 }, (_, i) => tasks.tasks_add_later(i, 1, 1 + (i % 5)))).then(churn);
    churn();
    for (let i = 0; i < 100; i++) {
        tasks.tasks_forever();
    }
    setTimeout(() => {
        console.log('exiting with operations running');
        process.exit(0);
    }, 100);
}

async function main() {
    tasks.tasks_init();
    assert.ok(tasks.tasks_abi_version() === tasks.ABI_VERSION && tasks.tasks_api_hash() === tasks.API_HASH);
    await everyExport();
    await settled();
    await cancellation();
    await settled();
    await many(1000, 7);
    await Promise.all([many(1000, 2000), many(1000, 3000), many(1000, 4000)]);
    await settled();
    // Nothing of the module keeps the process alive once every Promise was settled.
    assert.ok(!process.getActiveResourcesInfo().includes('Timeout'), process.getActiveResourcesInfo());
    // The last operation runs when main has returned: an unsettled Promise keeps the process alive.
    tasks.tasks_add_later(20, 22, 200).then(async (sum) => {
        assert.strictEqual(sum, 42);
        await settled();
        console.log('tasks_bindings.js: all checks passed');
    }).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}

if (process.argv[2] === 'exit') {
    leaveRunning();
} else {
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
