"""Uses the Python module `cdylib bindings --lang python` generates for liblay: no ctypes by hand.
Every function of the library is called, and each value checked both ways: Int128/UInt128 as Python
ints (range-checked), Guid as uuid.UUID with its C field order, Half as a float over its 16 bits,
NFloat as a double on this 64-bit machine, and the structs that hold them laid out as the library does.
Run with the generated module's folder on sys.path: `PYTHONPATH=target/debug/bindings python3 layout_bindings.py`.
Exits non-zero on failure."""
import ctypes
import math
import uuid

import lay


def raises(kind, call):
    """The exception `call()` raises, which must be a `kind`."""
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"no {kind.__name__} raised")


lay.lay_init()
assert lay.lay_abi_version() == lay.ABI_VERSION and lay.lay_api_hash() == lay.API_HASH

# Issue 13's repro: a struct with a Guid, by value both ways; the Guid field reads as a uuid.UUID.
made = lay.lay_make_rec(42)
assert made.N == 42 and made.Id == uuid.UUID("00112233-4455-6677-8899-aabbccddeeff"), (made.N, made.Id)
assert isinstance(made.Id, uuid.UUID)
assert lay.lay_rec_n(made) == 42 and lay.lay_rec_n(lay.Rec(N=7)) == 7
assert lay.lay_rec_id(made) == "00112233-4455-6677-8899-aabbccddeeff"
failed = raises(lay.Error, lambda: lay.lay_make_rec_checked(-1))
assert failed.code == lay.ErrorCode.INVALID_ARGUMENT and "must not be negative" in failed.message
assert lay.lay_make_rec_checked(5).N == 5
records = [lay.Rec(uuid.uuid4(), 1), lay.Rec(N=20), lay.Rec(Id=uuid.UUID(int=0), N=300)]
assert lay.lay_rec_sum(records) == 321 and ctypes.sizeof(lay.Rec) == 20

# Guid's field order: a, b, c as numbers, d … k as bytes in text order, both ways.
parsed = lay.lay_guid_parse("0a0b0c0d-1a1b-2a2b-3132-333435363738")
assert parsed == uuid.UUID("0a0b0c0d-1a1b-2a2b-3132-333435363738")
raw = lay.Guid.from_uuid(parsed)
assert (raw.a, raw.b, raw.c) == (0x0A0B0C0D, 0x1A1B, 0x2A2B)
assert bytes((raw.d, raw.e, raw.f, raw.g, raw.h, raw.i, raw.j, raw.k)) == b"12345678"
mine = lay.Guid(0xDEADBEEF, 0x0102, 0xFFFE, 1, 2, 3, 4, 5, 6, 7, 8)
assert lay.lay_guid_format(mine) == "deadbeef-0102-fffe-0102-030405060708" == str(mine)
assert lay.lay_guid_format(mine.to_uuid()) == "deadbeef-0102-fffe-0102-030405060708"
assert mine == uuid.UUID("deadbeef-0102-fffe-0102-030405060708")
raises(TypeError, lambda: lay.lay_guid_format("deadbeef-0102-fffe-0102-030405060708"))
assert raises(lay.Error, lambda: lay.lay_guid_parse("not a guid")).code != lay.ErrorCode.NONE

# Int128 and UInt128 as Python ints: the extremes come back whole, and a value C cannot hold is refused.
assert lay.lay_int128_max() == 2**127 - 1
assert lay.lay_int128_min() == -(2**127)
assert lay.lay_uint128_max() == 2**128 - 1
assert lay.lay_int128_add(2**64 - 1, 1) == 2**64
assert lay.lay_int128_add(2**127 - 1, 1) == -(2**127)  # wraps, as the C# code does
assert lay.lay_int128_add(-5, lay.Int128(3)) == -2
big = 2**100 + 5
assert lay.lay_int128_format(big) == "1267650600228229401496703205381"
assert lay.lay_int128_format(-big) == "-1267650600228229401496703205381"
assert lay.lay_int128_format(2**127 - 1) == "170141183460469231731687303715884105727"
raises(OverflowError, lambda: lay.lay_int128_format(2**127))
raises(OverflowError, lambda: lay.lay_int128_add(-(2**127) - 1, 0))
raises(TypeError, lambda: lay.lay_int128_format(1.5))
assert lay.Int128(-1).lo == 2**64 - 1 and lay.Int128(-1).hi == -1 and ctypes.sizeof(lay.Int128) == 16
raises(OverflowError, lambda: lay.UInt128(-1))

# A struct holding 128-bit integers: 48 bytes, the integers at 16 and 32, read and written as ints.
assert ctypes.sizeof(lay.Wide) == 48 and lay.Wide._Value.offset == 16 and lay.Wide._Mask.offset == 32
wide = lay.lay_wide_make(9)
assert (wide.Tag, wide.Value, wide.Mask) == (9, -(2**127) + 1, 2**128 - 2)
mine_wide = lay.Wide(200, -big, 2**127)
assert lay.lay_wide_format(mine_wide) == "200 -1267650600228229401496703205381 170141183460469231731687303715884105728"
mine_wide.Mask = 0
assert lay.lay_wide_format(mine_wide).endswith(" 0")
raises(OverflowError, lambda: setattr(mine_wide, "Mask", -1))
raises(OverflowError, lambda: lay.Wide(Value=2**127))

# Half: a Python float over its IEEE 754 binary16 bits (struct's 'e' format).
assert lay.lay_half_of(1.0) == 1.0 and lay.lay_half_of(-2.0) == -2.0
assert lay.lay_half_of(65504.0) == 65504.0 and lay.lay_half_of(1.0e6) == math.inf  # .NET rounds to infinity
assert lay.lay_half_of(0.1) == 0.0999755859375
assert lay.lay_half_value(0.333251953125) == 0.333251953125
assert lay.lay_half_value(5.9604644775390625e-8) == 5.9604644775390625e-8  # the smallest subnormal, bits 0x0001
raises(OverflowError, lambda: lay.lay_half_value(1.0e6))  # no Half holds it: refused, not turned into infinity
raises(TypeError, lambda: lay.lay_half_value("1"))

# NFloat: a double on this 64-bit machine, so no precision is lost.
assert ctypes.sizeof(lay._nfloat) == ctypes.sizeof(ctypes.c_void_p) == 8
assert lay.lay_nfloat_scale(0.1, 3.0) == 0.1 * 3.0 and lay.lay_nfloat_scale(1e300, 10.0) == 1e301

# A struct of a Half, an NFloat and an nint, by value both ways; the Half field reads as a float, its bits stay at _H.
mixed = lay.lay_mixed_make(2.5, 2.5, -7)
assert (mixed.H, mixed._H, mixed.F, mixed.N) == (2.5, 0x4100, 2.5, -7)
assert ctypes.sizeof(lay.Mixed) == 24 and lay.Mixed.F.offset == 8 and lay.Mixed.N.offset == 16
assert lay.lay_mixed_format(mixed) == "2.5 2.5 -7"
assert lay.lay_mixed_format(lay.Mixed(H=0.5, F=1e300, N=2**40)) == "0.5 1E+300 1099511627776"
raises(OverflowError, lambda: lay.Mixed(H=1e6))

assert lay.lay_live_allocations() == 0 and lay.lay_live_handles() == 0
print("layout_bindings.py: all checks passed")
