"""Uses the Python module `cdylib bindings --lang python` generates for libtasks: every async export
awaited with asyncio (async def NAME), started as an operation object (NAME_start) and waited for
(NAME_blocking); results, failures with their codes and messages, cancellation before, during and
after the end, 1,000 operations at once on one loop and more from several threads, each thread with
an event loop of its own; then no handle and no allocation of the library is left.
`tasks_bindings.py exit` leaves operations running (a thread's event loop busy with them, others
started and never waited for) and returns: the process ends cleanly.
Run with the generated module's folder on sys.path; the build writes it to target/debug/bindings/,
where it finds the library itself: `PYTHONPATH=target/debug/bindings python3 tasks_bindings.py`.
Exits non-zero on failure."""
import asyncio
import sys
import threading
import time

import tasks

Code = tasks.ErrorCode


def raises(kind, call):
    """The exception `call()` raises, which must be a `kind`."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


async def araises(kind, awaitable):
    """The exception awaiting `awaitable` raises, which must be a `kind`."""
    try:
        await awaitable
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


def settled():
    """Waits (up to 5 s) until every operation ended and its late result was dropped: no handle left."""
    for _ in range(500):
        if tasks.tasks_live_handles() == 0:
            break
        time.sleep(0.01)
    assert tasks.tasks_live_handles() == 0 and tasks.tasks_live_allocations() == 0, (tasks.tasks_live_handles(), tasks.tasks_live_allocations())


async def every_export():
    # A number after a delay, and one that is ready at once (the callback runs inside the start call).
    assert await tasks.tasks_add_later(2, 3, 20) == 5
    assert await tasks.tasks_add_later(1, 1, 0) == 2
    error = await araises(tasks.Error, tasks.tasks_add_later(2**31 - 1, 1, 1))
    assert error.code == Code.OVERFLOW and "overflow" in error.message.lower(), error
    # Refused before anything starts: by the module (an int C would cut, a NUL C would read as the
    # end, a lone surrogate) or by the library (NULL), which records an error and calls nothing.
    await araises(OverflowError, tasks.tasks_add_later(2**31, 1, 1))
    await araises(ValueError, tasks.tasks_greet("nul\0cut"))
    await araises(ValueError, tasks.tasks_greet("\ud800"))
    assert (await araises(tasks.Error, tasks.tasks_greet(None))).code == Code.NULL_ARGUMENT

    # Text, made on another thread, decoded and freed once; a flag from a task that was already complete.
    assert await tasks.tasks_greet("wörld") == "hello, wörld"
    assert await tasks.tasks_is_even(10) is True and await tasks.tasks_is_even(7) is False

    # Nothing to return: a code of the library's own, and a method that threw before it returned a task.
    error = await araises(tasks.Error, tasks.tasks_fail_later(1042, 5))
    assert error.code == 1042 and error.message == "failed on purpose with 1042", error
    error = await araises(tasks.Error, tasks.tasks_throw_now("not now"))
    assert error.code == Code.INVALID_OPERATION and "not now" in error.message, error

    # An object whose method is async too: the same awaitable as a method and as a function.
    with await tasks.tasks_counter_later(41) as counter:
        assert await counter.next() == 42 and await tasks.tasks_counter_next(counter) == 43
        assert counter.value() == tasks.tasks_counter_value(counter) == 43
    await araises(ValueError, counter.next())  # closed: its handle may be another object's by now

    # Cancelled before the task ran: nothing starts.
    task = asyncio.ensure_future(tasks.tasks_forever())
    task.cancel()
    await araises(asyncio.CancelledError, task)
    # Cancelled as soon as it started: the token is set, the operation ends, the await raises CancelledError.
    task = asyncio.ensure_future(tasks.tasks_forever())
    await asyncio.sleep(0)
    task.cancel()
    await araises(asyncio.CancelledError, task)
    # Cancelled while it runs, with a token and without one (the late result is dropped).
    for awaitable in (tasks.tasks_add_later(1, 2, 10000), tasks.tasks_sleep(50)):
        began = time.monotonic()
        task = asyncio.ensure_future(awaitable)
        await asyncio.sleep(0.02)
        task.cancel()
        await araises(asyncio.CancelledError, task)
        assert time.monotonic() - began < 5
    # A timeout is a cancel.
    await araises(asyncio.TimeoutError, asyncio.wait_for(tasks.tasks_forever(), 0.05))
    # Cancelled after it ended: nothing changes.
    task = asyncio.ensure_future(tasks.tasks_add_later(3, 4, 1))
    assert await task == 7 and not task.cancel() and task.result() == 7

    # Objects that arrive after their task was cancelled are closed, whenever the cancel came.
    made = [asyncio.ensure_future(tasks.tasks_counter_later(i)) for i in range(200)]
    for i, task in enumerate(made):
        if i % 2:
            task.cancel()
        if i % 7 == 0:
            await asyncio.sleep(0)
    for task in made:
        try:
            (await task).close()
        except asyncio.CancelledError:
            pass


def start_and_blocking():
    # The blocking form, and the operation object underneath it: wait() as often as asked.
    assert tasks.tasks_add_later_blocking(40, 2, 10) == 42
    with tasks.tasks_add_later_start(40, 2, 10) as op:
        assert op.wait() == 42 and tasks.tasks_add_later_op_wait(op, -1) == 42
        tasks.tasks_add_later_op_cancel(op)  # after the end: nothing changes
        assert op.wait(0) == 42
    assert "closed" in str(raises(ValueError, op.wait))
    op = tasks.tasks_add_later_start(1, 1, 0)
    tasks.tasks_add_later_op_free(op)  # the same as op.close(): the handle is freed once
    op.close()
    raises(ValueError, op.cancel)

    with tasks.tasks_greet_start("C") as op:
        assert tasks.tasks_greet_op_wait(op, -1) == op.wait() == "hello, C"  # a copy each time
        tasks.tasks_greet_op_cancel(op)
        raises(TypeError, lambda: tasks.tasks_add_later_op_wait(op, 0))  # another operation's object
    assert tasks.tasks_greet_blocking("B") == "hello, B"
    raises(ValueError, lambda: tasks.tasks_greet_start("nul\0cut"))
    assert raises(tasks.Error, lambda: tasks.tasks_greet_start(None)).code == Code.NULL_ARGUMENT

    with tasks.tasks_is_even_start(7) as op:
        assert tasks.tasks_is_even_op_wait(op, -1) is False
        tasks.tasks_is_even_op_cancel(op)
    assert tasks.tasks_is_even_blocking(8) is True

    with tasks.tasks_fail_later_start(1043, 1) as op:
        error = raises(tasks.Error, lambda: tasks.tasks_fail_later_op_wait(op, -1))
        assert error.code == 1043 and error.message == "failed on purpose with 1043", error
        tasks.tasks_fail_later_op_cancel(op)
    assert raises(tasks.Error, lambda: tasks.tasks_fail_later_blocking(1044, 1)).code == 1044
    with tasks.tasks_throw_now_start("at once") as op:
        assert raises(tasks.Error, lambda: tasks.tasks_throw_now_op_wait(op, 5000)).code == Code.INVALID_OPERATION
        tasks.tasks_throw_now_op_cancel(op)
    assert "later" in raises(tasks.Error, lambda: tasks.tasks_throw_now_blocking("later")).message

    # A wait that gives up, then a cancel; a blocking call whose timeout passes is cancelled.
    with tasks.tasks_forever_start() as op:
        assert raises(tasks.Error, lambda: op.wait(0.02)).code == Code.TIMEOUT
        assert raises(tasks.Error, lambda: tasks.tasks_forever_op_wait(op, 20)).code == Code.TIMEOUT
        tasks.tasks_forever_op_cancel(op)
        assert raises(tasks.Error, op.wait).code == Code.CANCELLED
    began = time.monotonic()
    assert raises(tasks.Error, lambda: tasks.tasks_forever_blocking(timeout=0.25)).code == Code.TIMEOUT
    assert 0.2 < time.monotonic() - began < 5
    # Without a token, a cancel ends it at once.
    with tasks.tasks_sleep_start(5000) as op:
        tasks.tasks_sleep_op_cancel(op)
        assert raises(tasks.Error, lambda: tasks.tasks_sleep_op_wait(op, -1)).code == Code.CANCELLED
    assert tasks.tasks_sleep_blocking(1) == 1

    # Objects: each wait hands out an owner of its own; the async method's forms as methods.
    with tasks.tasks_counter_later_start(9) as op:
        with tasks.tasks_counter_later_op_wait(op, -1) as first, op.wait() as second:
            assert first.value() == second.value() == 9
        tasks.tasks_counter_later_op_cancel(op)
    with tasks.tasks_counter_later_blocking(5) as counter:
        with tasks.tasks_counter_next_start(counter) as step:
            assert tasks.tasks_counter_next_op_wait(step, -1) == 6
            tasks.tasks_counter_next_op_cancel(step)
        assert counter.next_blocking() == tasks.tasks_counter_next_blocking(counter) - 1 == 7
        with counter.next_start() as step:
            assert step.wait(5) == 9


async def many(count, offset):
    # Half end inside the start call (no delay), half a moment later on the library's threads.
    sums = await asyncio.gather(*(tasks.tasks_add_later(i, offset, i % 2 * (1 + i % 3)) for i in range(count)))
    assert sums == [i + offset for i in range(count)]
    greetings = await asyncio.gather(*(tasks.tasks_greet(f"{offset}-{i}") for i in range(count // 4)))
    assert greetings == [f"hello, {offset}-{i}" for i in range(count // 4)]
    # Some of them cancelled by timeouts while they run.
    outcomes = await asyncio.gather(*(asyncio.wait_for(tasks.tasks_add_later(i, 1, 0 if i % 3 else 10000), 0.5) for i in range(count // 4)),
                                    return_exceptions=True)
    for i, outcome in enumerate(outcomes):
        assert (isinstance(outcome, asyncio.TimeoutError) if i % 3 == 0 else outcome == i + 1), (i, outcome)
    return count


def on_threads(threads, count):
    """`threads` threads, each running its own event loop with `count` operations; every result checked."""
    done, errors = [], []

    def run(offset):
        try:
            done.append(asyncio.run(many(count, offset)))
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=run, args=(t * 1000,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    assert sum(done) == threads * count


def leave_running():
    async def churn():
        while True:
            await asyncio.gather(*(tasks.tasks_add_later(i, 1, 1 + i % 5) for i in range(100)))

    threading.Thread(target=lambda: asyncio.run(churn()), daemon=True).start()
    for _ in range(100):
        tasks.tasks_forever_start()
    time.sleep(0.1)
    print("exiting with operations running")


if sys.argv[1:] == ["exit"]:
    leave_running()
    sys.exit(0)

tasks.tasks_init()
assert tasks.tasks_abi_version() == tasks.ABI_VERSION and tasks.tasks_api_hash() == tasks.API_HASH
asyncio.run(every_export())
settled()
start_and_blocking()
settled()
assert asyncio.run(many(1000, 7)) == 1000
on_threads(4, 500)
settled()
print("tasks_bindings.py: all checks passed")
