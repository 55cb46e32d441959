"""Uses the Python module `cdylib bindings --lang python` generates for libbnd: no ctypes by hand.
Run with the generated module's folder on sys.path (or beside this script); the build writes it to
target/debug/bindings/, where it finds the library itself: `PYTHONPATH=target/debug/bindings python3 boundary_bindings.py`.
Exits non-zero on failure."""
import bnd

assert bnd.ABI_VERSION == 3 and bnd.bnd_abi_version() == 3
assert bnd.bnd_api_hash() == bnd.API_HASH

# Strings both ways, and recorded errors raised as bnd.Error.
assert bnd.bnd_greet("Python") == "Hello, Python!"
assert bnd.bnd_upper(None) is None
try:
    bnd.bnd_greet(None)
    raise AssertionError("NULL was accepted")
except bnd.Error as error:
    assert error.code == bnd.ErrorCode.NULL_ARGUMENT and "'name' must not be NULL" in error.message, error

# out parameters come back as a tuple after the result; the status form raises instead of returning a code.
assert bnd.bnd_split("key=value") == (True, "key", "value")
assert bnd.bnd_divide(17, 5) == (3, 2)
assert bnd.bnd_parse("1234") == 1234
try:
    bnd.bnd_parse("12x")
    raise AssertionError("the status form did not raise")
except bnd.Error as error:
    assert error.code == bnd.ErrorCode.INVALID_ARGUMENT

# Spans from bytes and lists, arrays back as lists, a writable span copied back.
assert bnd.bnd_checksum(b"abc") == 440920331
assert bnd.bnd_sum([1, -2, 30, 400]) == 429
assert bnd.bnd_double_all([1.5, -2.0]) == [3.0, -4.0]
assert bnd.bnd_squares(5) == [0, 1, 4, 9, 16]
assert bnd.bnd_nothing() is None

# ref/in, optional values, enums, structs.
assert bnd.bnd_bump(40, 2) == 42
assert bnd.bnd_toggle(False) is True
assert bnd.bnd_increment_optional(None) == -1 and bnd.bnd_increment_optional(41) == 42
assert bnd.bnd_next_color(bnd.Color.Blue) is bnd.Color.Red
assert bnd.bnd_widen(bnd.Wide.Low) == bnd.Wide.Low | bnd.Wide.High
box = bnd.Box(bnd.Point(1, 2), bnd.Point(4, 6), bnd.Color.Blue)
assert bnd.bnd_box_area(box) == 12
moved = bnd.bnd_translate(box, bnd.Point(10, -1))
assert (moved.Min.X, moved.Max.Y, moved.Fill) == (11, 5, bnd.Color.Blue)

# Handles are objects with methods, closed by `with`; a closed one is refused, not a crash.
with bnd.bnd_counter_new(40) as counter:
    assert counter.add(2) == 42
    assert counter.describe() == "counter at 42"
try:
    bnd.bnd_counter_value(counter)
    raise AssertionError("a closed handle was accepted")
except bnd.Error:
    pass  # closed: its handle is None, so NULL reached the library

# One object is one handle: each return is an owner with a wrapper of its own, each wrapper frees
# once, and only the last one closed disposes the object.
disposed = bnd.bnd_journals_disposed()
with bnd.bnd_journal_shared() as first, bnd.bnd_journal_shared() as second:
    assert first._handle == second._handle
    with first.self() as again:
        assert again._handle == first._handle and bnd.bnd_live_handles() == 1
    first.close()
    second.write("still here")
    assert second.text() == "still here\n" and bnd.bnd_journals_disposed() == disposed
assert bnd.bnd_journals_disposed() == disposed + 1

# Callbacks are Python callables.
seen = []
assert bnd.bnd_for_each(4, lambda item, _: seen.append(item) or item * item, None) == 14
assert seen == [0, 1, 2, 3]

assert bnd.bnd_live_allocations() == 0 and bnd.bnd_live_handles() == 0
print("boundary_bindings.py: all checks passed")
