"""Calls libbnd from Python through ctypes: strings, spans, arrays, out parameters, enums, callbacks
and errors, freeing what the library returns with the library's own functions. Exits non-zero on
failure."""
import ctypes
import sys

library_path = sys.argv[1]
bnd = ctypes.CDLL(library_path)

c_char_p_owned = ctypes.POINTER(ctypes.c_char)  # a char* the library owns: keep the pointer to free it

bnd.bnd_last_error_code.restype = ctypes.c_int32
bnd.bnd_last_error_message.restype = ctypes.c_char_p
bnd.bnd_free_string.argtypes = [c_char_p_owned]
bnd.bnd_free_buffer.argtypes = [ctypes.c_void_p]
bnd.bnd_live_allocations.restype = ctypes.c_int64
bnd.bnd_abi_version.restype = ctypes.c_uint32
bnd.bnd_api_hash.restype = ctypes.c_uint64
bnd.bnd_greet.argtypes = [ctypes.c_char_p]
bnd.bnd_greet.restype = c_char_p_owned
bnd.bnd_checksum.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
bnd.bnd_checksum.restype = ctypes.c_uint32
bnd.bnd_squares.argtypes = [ctypes.c_int32, ctypes.POINTER(ctypes.c_size_t)]
bnd.bnd_squares.restype = ctypes.POINTER(ctypes.c_int32)
bnd.bnd_divide.argtypes = [ctypes.c_int32, ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]
bnd.bnd_divide.restype = ctypes.c_int32
bnd.bnd_parse.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32)]
bnd.bnd_parse.restype = ctypes.c_int32
bnd.bnd_next_color.argtypes = [ctypes.c_uint8]
bnd.bnd_next_color.restype = ctypes.c_uint8
VISIT = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p)
bnd.bnd_for_each.argtypes = [ctypes.c_int32, VISIT, ctypes.c_void_p]
bnd.bnd_for_each.restype = ctypes.c_int64


class BoundaryError(Exception):
    """A failure the library recorded, raised as a Python exception."""

    def __init__(self, code, message):
        super().__init__(f"[{code}] {message}")
        self.code = code


def check_error():
    code = bnd.bnd_last_error_code()
    if code != 0:
        message = bnd.bnd_last_error_message().decode("utf-8")
        bnd.bnd_clear_last_error()
        raise BoundaryError(code, message)


def take_string(pointer):
    """Copies a library-owned string into Python and frees it through the library."""
    if not pointer:
        check_error()
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        bnd.bnd_free_string(pointer)


def greet(name):
    return take_string(bnd.bnd_greet(name.encode("utf-8") if name is not None else None))


assert bnd.bnd_abi_version() == 3
assert greet("Python") == "Hello, Python!"
assert greet("ü") == "Hello, ü!"
try:
    greet(None)
    raise AssertionError("NULL was accepted")
except BoundaryError as error:
    assert error.code == 3 and "'name' must not be NULL" in str(error), error
try:
    take_string(bnd.bnd_greet(b"\xc3\x28"))
    raise AssertionError("invalid UTF-8 was accepted")
except BoundaryError as error:
    assert error.code == 4, error

assert bnd.bnd_checksum(b"abc", 3) == 440920331

length = ctypes.c_size_t()
squares = bnd.bnd_squares(4, ctypes.byref(length))
assert [squares[i] for i in range(length.value)] == [0, 1, 4, 9]
bnd.bnd_free_buffer(squares)

remainder = ctypes.c_int32()
assert bnd.bnd_divide(22, 7, ctypes.byref(remainder)) == 3 and remainder.value == 1

number = ctypes.c_int32()
assert bnd.bnd_parse(b"99", ctypes.byref(number)) == 0 and number.value == 99
assert bnd.bnd_parse(b"nope", ctypes.byref(number)) == 2
bnd.bnd_clear_last_error()

assert bnd.bnd_next_color(1) == 2

seen = []
assert bnd.bnd_for_each(3, VISIT(lambda item, _: seen.append(item) or item + 10), None) == 33
assert seen == [0, 1, 2]

class Counter:
    """A library handle wrapped in a class that frees it on close() / at the end of a with block."""

    bnd.bnd_counter_new.argtypes = [ctypes.c_int64]
    bnd.bnd_counter_new.restype = ctypes.c_void_p
    bnd.bnd_counter_add.argtypes = [ctypes.c_void_p, ctypes.c_int64]
    bnd.bnd_counter_add.restype = ctypes.c_int64
    bnd.bnd_counter_free.argtypes = [ctypes.c_void_p]

    def __init__(self, start):
        self.handle = bnd.bnd_counter_new(start)

    def add(self, amount):
        result = bnd.bnd_counter_add(self.handle, amount)
        check_error()
        return result

    def close(self):
        bnd.bnd_counter_free(self.handle)
        check_error()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


with Counter(10) as counter:
    assert counter.add(5) == 15
try:
    counter.add(1)
    raise AssertionError("a freed handle was accepted")
except BoundaryError as error:
    assert error.code == 5 and "not a live Counter handle" in str(error), error

# Thousands of failing calls: each one an error, never a crash.
for i in range(5000):
    assert bnd.bnd_divide(i, 0, ctypes.byref(remainder)) == 0
    assert bnd.bnd_last_error_code() == 1

assert bnd.bnd_live_allocations() == 0, bnd.bnd_live_allocations()
bnd.bnd_live_handles.restype = ctypes.c_int64
assert bnd.bnd_live_handles() == 0, bnd.bnd_live_handles()
print("boundary.py: all checks passed")
