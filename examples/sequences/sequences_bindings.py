"""Uses the Python module `cdylib bindings --lang python` generates for libseq: every iterator export as a
Python iterator (for loops, next(), list()), every item shape (numbers, text, flags, structs, objects),
an exception raised at the next() that hit it, sequences ended early (close(), `with`, a `break` and the
object dropped) whose C# finally block runs once, a method that returns no sequence, an object's own
sequence, four threads taking items from one iterator; then no handle and no allocation is left.
Run with the generated module's folder on sys.path; the build writes it to target/debug/bindings/,
where it finds the library itself: `PYTHONPATH=target/debug/bindings python3 sequences_bindings.py`.
Exits non-zero on failure."""
import gc
import threading

import seq

Code = seq.ErrorCode


def raises(kind, call):
    """The exception `call()` raises, which must be a `kind`."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


def every_item_shape():
    # Numbers, to the end; the end stays the end, and the handle went with it.
    numbers = seq.seq_range(5, 3)
    assert isinstance(numbers, seq.RangeSequence) and iter(numbers) is numbers
    assert list(numbers) == [5, 6, 7]
    assert next(numbers, "end") == "end" and list(numbers) == []
    assert seq.seq_live_handles() == 0

    # Text, decoded and freed once per item; a NUL Python refuses, None the library refuses.
    assert list(seq.seq_words("naïve  words here")) == ["naïve", "words", "here"]
    raises(ValueError, lambda: seq.seq_words("a\0b"))
    assert raises(seq.Error, lambda: seq.seq_words(None)).code == Code.NULL_ARGUMENT

    # Flags and structs (the module's Point class, each item its own copy).
    assert list(seq.seq_evens(4)) == [True, False, True, False]
    points = list(seq.seq_diagonal(3))
    assert all(isinstance(point, seq.Point) for point in points)
    assert [(point.X, point.Y) for point in points] == [(0, 0), (1, 2), (2, 4)]

    # Objects: each item an object owning its handle; an object's own sequence, as a method too.
    values = []
    for counter in seq.seq_counters(3):
        with counter:
            values.append(seq.seq_counter_value(counter))
            if counter.value() == 20:
                assert list(seq.seq_counter_steps(counter, 2)) == [21, 22]
                assert list(counter.steps(1)) == [23]
    assert values == [0, 10, 20]
    raises(ValueError, lambda: counter.steps(1))  # closed: its handle may be another object's by now


def failures():
    # The exception surfaces at the next() that hit it, with its code and message; then the sequence ended.
    failing = seq.seq_fail_after(2)
    assert next(failing) == 0 and next(failing) == 1
    error = raises(seq.Error, lambda: next(failing))
    assert error.code == 1001 and error.message == "no more after 2", error
    assert list(failing) == [] and seq.seq_live_handles() == 0
    # In a for loop the items before it come first.
    seen = []
    error = raises(seq.Error, lambda: seen.extend(item for item in seq.seq_fail_after(3)))
    assert seen == [0, 1, 2] and error.code == 1001, (seen, error)

    # No sequence at all: the call fails, as any export's does.
    error = raises(seq.Error, lambda: seq.seq_nothing())
    assert error.code == Code.INVALID_OPERATION, error


def ended_early():
    # Each way of ending an endless sequence early runs its finally block, once.
    finished = seq.seq_endless_finished()
    with seq.seq_endless() as endless:
        assert [next(endless) for _ in range(100)] == list(range(100))
        assert seq.seq_endless_finished() == finished
    assert seq.seq_endless_finished() == finished + 1
    endless.close()  # again: nothing
    assert seq.seq_endless_finished() == finished + 1 and next(endless, None) is None

    endless = seq.seq_endless()
    assert next(endless) == 0
    endless.close()
    assert seq.seq_endless_finished() == finished + 2

    # A break out of a for loop: the dropped object is freed when collected (at once in CPython).
    for item in seq.seq_endless():
        if item == 10:
            break
    del item
    gc.collect()
    assert seq.seq_endless_finished() == finished + 3
    assert seq.seq_live_handles() == 0


def threads():
    # Four threads take items from one iterator: each item comes out exactly once.
    shared = seq.seq_range(0, 1000)
    taken = [[] for _ in range(4)]

    def take(mine):
        for item in shared:
            mine.append(item)

    workers = [threading.Thread(target=take, args=(mine,)) for mine in taken]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(item for mine in taken for item in mine) == list(range(1000))
    assert seq.seq_live_handles() == 0


seq.seq_init()
assert seq.seq_abi_version() == seq.ABI_VERSION and seq.seq_api_hash() == seq.API_HASH
every_item_shape()
failures()
ended_early()
threads()
gc.collect()
assert seq.seq_live_handles() == 0 and seq.seq_live_allocations() == 0, (seq.seq_live_handles(), seq.seq_live_allocations())
print("sequences_bindings.py: all checks passed")
