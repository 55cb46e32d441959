"""Uses the Python module `cdylib bindings --lang python` generates for libbnd: no ctypes by hand.
Every function of the library is called, and each result checked.
Run with the generated module's folder on sys.path (or beside this script); the build writes it to
target/debug/bindings/, where it finds the library itself: `PYTHONPATH=target/debug/bindings python3 boundary_bindings.py`.
Exits non-zero on failure."""
import ctypes

import bnd


def raises(kind, call):
    """The exception `call()` raises, which must be a `kind`."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


# The library's own version and hash, against the ones the module was generated from.
bnd.bnd_init()
assert bnd.ABI_VERSION == 3 and bnd.bnd_abi_version() == 3
assert bnd.bnd_api_hash() == bnd.API_HASH

# Strings both ways, and recorded errors raised as bnd.Error.
assert bnd.bnd_greet("Python") == "Hello, Python!"
assert bnd.bnd_length("héllo") == 5 and bnd.bnd_length(None) == -1
assert bnd.bnd_upper("abc") == "ABC" and bnd.bnd_upper(None) is None
assert bnd.bnd_repeat("ab", 3) == "ababab"
error = raises(bnd.Error, lambda: bnd.bnd_greet(None))
assert error.code == bnd.ErrorCode.NULL_ARGUMENT and "'name' must not be NULL" in error.message, error
assert raises(bnd.Error, lambda: bnd.bnd_repeat("x", -1)).code == bnd.ErrorCode.INVALID_ARGUMENT

# What C would silently mangle is refused before the call: a NUL would cut the text short, a lone
# surrogate has no UTF-8, ctypes would cut an int to its C width, and the wrong struct is not a Box.
assert "NUL character" in str(raises(ValueError, lambda: bnd.bnd_greet("nul\0cut")))
raises(ValueError, lambda: bnd.bnd_greet("\ud800"))  # UnicodeEncodeError
raises(OverflowError, lambda: bnd.bnd_squares(2**32 + 1))
raises(OverflowError, lambda: bnd.bnd_next_color(256))
raises(OverflowError, lambda: bnd.bnd_sum([1, 2**31]))

# out parameters come back as a tuple after the result; the status form raises instead of returning a code.
assert bnd.bnd_split("key=value") == (True, "key", "value")
assert bnd.bnd_split("novalue") == (False, "novalue", None)
assert bnd.bnd_divide(17, 5) == (3, 2)
assert bnd.bnd_parse("1234") == 1234
assert raises(bnd.Error, lambda: bnd.bnd_parse("12x")).code == bnd.ErrorCode.INVALID_ARGUMENT
assert bnd.bnd_utf8_length("héllo") == 6

# Spans from bytes and lists, arrays back as lists, a writable span copied back.
assert bnd.bnd_checksum(b"abc") == 440920331
assert bnd.bnd_sum([1, -2, 30, 400]) == 429
assert bnd.bnd_double_all([1.5, -2.0]) == [3.0, -4.0]
assert bnd.bnd_squares(5) == [0, 1, 4, 9, 16]
assert bnd.bnd_reverse_bytes("abc") == list(b"cba") and bnd.bnd_reverse_bytes("") == []
assert bnd.bnd_nothing() is None

# ref/in values come back in the tuple too; optional values, enums (members in upper case, as Python writes constants).
assert bnd.bnd_bump(40, 2) == 42
assert bnd.bnd_toggle(False) is True
assert bnd.bnd_increment_optional(None) == -1 and bnd.bnd_increment_optional(41) == 42
assert bnd.bnd_next_color(bnd.Color.BLUE) is bnd.Color.RED
assert bnd.bnd_reverse_outcome(bnd.Outcome.LOST) is bnd.Outcome.WON
assert bnd.bnd_widen(bnd.Wide.LOW) == bnd.Wide.LOW | bnd.Wide.HIGH

# Structs by value, by ref (the new value comes back, the argument is left as it was) and in, in lists.
box = bnd.Box(bnd.Point(1, 2), bnd.Point(4, 6), bnd.Color.BLUE)
assert bnd.bnd_box_area(box) == 12
moved = bnd.bnd_translate(box, bnd.Point(10, -1))
assert (moved.Min.X, moved.Max.Y, moved.Fill) == (11, 5, bnd.Color.BLUE)
upside_down = bnd.Box(bnd.Point(4, 6), bnd.Point(1, 2), bnd.Color.RED)
normal = bnd.bnd_normalize(upside_down)
assert (normal.Min.X, normal.Min.Y, normal.Max.X, normal.Max.Y) == (1, 2, 4, 6)
assert upside_down.Min.X == 4
raises(TypeError, lambda: bnd.bnd_normalize(bnd.Point(1, 2)))
raises(TypeError, lambda: bnd.bnd_normalize(3.0))
centre = bnd.bnd_centroid([bnd.Point(0, 0), bnd.Point(4, 2)])
assert (centre.X, centre.Y) == (2, 1)
assert raises(bnd.Error, lambda: bnd.bnd_centroid([])).code == bnd.ErrorCode.INVALID_ARGUMENT
assert [(p.X, p.Y) for p in bnd.bnd_corners(box)] == [(1, 2), (4, 2), (4, 6), (1, 6)]
values = (ctypes.c_double * 3)(1.5, 2.5, 3.0)
assert bnd.bnd_samples_sum(bnd.Samples(1, ctypes.addressof(values), 3)) == 7.0
raises(TypeError, lambda: bnd.bnd_samples_sum(3.0))
# ctypes cannot pass a packed struct by value (libffi would lay it out unpacked): refused, not called wrongly.
assert ctypes.sizeof(bnd.Packed) == 5
assert "ctypes cannot" in str(raises(NotImplementedError, lambda: bnd.bnd_packed(7, -5)))

# Callbacks are Python callables (the user_data is the module's business); an exception raised in
# one is raised again once the call returns, and the callable is not called after it.
seen = []
assert bnd.bnd_for_each(4, lambda item: seen.append(item) or item * item) == 14
assert seen == [0, 1, 2, 3]
assert raises(bnd.Error, lambda: bnd.bnd_for_each(4, lambda item: -1 if item == 2 else item)).code == bnd.ErrorCode.INVALID_OPERATION
seen.clear()


def refuse_two(item):
    seen.append(item)
    if item == 2:
        raise LookupError("raised by the callable")
    return item


assert str(raises(LookupError, lambda: bnd.bnd_for_each(4, refuse_two))) == "raised by the callable" and seen == [0, 1, 2]
assert raises(bnd.Error, lambda: bnd.bnd_call_then_fail(lambda: seen.append("called"))).code == bnd.ErrorCode.NOT_SUPPORTED
assert seen[-1] == "called"

# Handles are objects with methods (and static methods), closed by `with`; a closed one is refused, not a crash.
with bnd.Counter.create(40) as counter:
    assert counter.add(2) == 42
    assert bnd.bnd_counter_add(counter, 1) == 43
    assert counter.value() == 43 and bnd.bnd_counter_value(counter) == 43
    assert counter.describe() == "counter at 43" and bnd.bnd_counter_describe(counter) == "counter at 43"
    with bnd.bnd_counter_new(7) as other, bnd.Counter.merge(counter, other) as total, bnd.bnd_counter_merge(counter, None) as alone:
        assert (total.value(), alone.value()) == (50, 43)
# A closed object is refused before the call: its handle may be another object's owner by now.
assert "closed Counter" in str(raises(ValueError, lambda: counter.value()))
assert "closed Counter" in str(raises(ValueError, lambda: bnd.bnd_counter_merge(counter, None)))
with bnd.Journal.create() as journal:
    assert "must be a Counter, not Journal" in str(raises(TypeError, lambda: bnd.bnd_counter_value(journal)))

# The free function at module level is the object's close(): freeing once, then the object is closed, so
# the with-exit (or another close) frees nothing again and takes no owner from the other wrapper.
with bnd.bnd_counter_new(1) as once, bnd.bnd_journal_shared() as kept:
    assert bnd.bnd_live_handles() == 2
    bnd.bnd_counter_free(once)
    assert once._handle is None and bnd.bnd_live_handles() == 1
    bnd.bnd_counter_free(once)
    once.close()
    shared = bnd.bnd_journal_shared()  # the same journal: one handle, two owners
    assert shared._handle == kept._handle
    bnd.bnd_journal_free(shared)
    bnd.bnd_journal_free(shared)  # freed once only: kept's owner stays
    shared.close()
    kept.write("still owned")
    assert kept.text() == "still owned\n"
    bnd.bnd_journal_free(None)
assert bnd.bnd_live_handles() == 0

disposed = bnd.bnd_journals_disposed()
with bnd.Journal.create() as journal, bnd.bnd_journal_new() as other:
    journal.write("first")
    bnd.bnd_journal_write(journal, "second")
    raises(ValueError, lambda: journal.write("third\0hidden"))
    assert journal.text() == "first\nsecond\n" and bnd.bnd_journal_text(other) == ""
assert bnd.Journal.disposed() == disposed + 2

# One object is one handle: each return is an owner with a wrapper of its own, each wrapper frees
# once, and only the last one closed disposes the object.
disposed = bnd.bnd_journals_disposed()
with bnd.bnd_journal_shared() as first, bnd.Journal.shared() as second:
    assert first._handle == second._handle
    with first.self() as again, bnd.bnd_journal_self(second) as more:
        assert again._handle == more._handle == first._handle and bnd.bnd_live_handles() == 1
    first.close()
    second.write("still here")
    assert second.text() == "still here\n" and bnd.bnd_journals_disposed() == disposed
assert bnd.bnd_journals_disposed() == disposed + 1

assert bnd.bnd_live_allocations() == 0 and bnd.bnd_live_handles() == 0
print("boundary_bindings.py: all checks passed")
