// Uses the Node package `cdylib bindings --lang node` generates for liblay (over koffi): no koffi by hand.
// Every function of the library is called, and each value checked both ways: Int128/UInt128 as bigints
// (range-checked), Guid as its text form, Half as a number over its 16 bits, NFloat as a double on this
// 64-bit machine, and the structs that hold them laid out as the library does (checked when the package loads).
// Run with the generated package's folder and koffi's on NODE_PATH:
// `NODE_PATH=target/debug/bindings:$(npm root) node bindings_consumer.js`. Exits non-zero on failure.
'use strict';
const assert = require('assert/strict');
const lay = require('lay');

function throws(kind, call) {
    try {
        call();
    } catch (error) {
        assert.ok(error instanceof kind, `${error} is not a ${kind.name}`);
        return error;
    }
    assert.fail(`no ${kind.name} thrown`);
}

lay.lay_init();
assert.equal(lay.lay_abi_version(), lay.ABI_VERSION);
assert.equal(lay.lay_api_hash(), lay.API_HASH);

// Issue 13's repro: a struct with a Guid, by value both ways; the Guid field reads as its text form.
const made = lay.lay_make_rec(42);
assert.deepEqual(made, { Id: '00112233-4455-6677-8899-aabbccddeeff', N: 42 });
assert.equal(lay.lay_rec_n(made), 42);
assert.equal(lay.lay_rec_n({ Id: '00000000-0000-0000-0000-000000000000', N: 7 }), 7);
assert.equal(lay.lay_rec_id(made), '00112233-4455-6677-8899-aabbccddeeff');
const failed = throws(lay.LayError, () => lay.lay_make_rec_checked(-1));
assert.equal(failed.code, lay.ErrorCode.INVALID_ARGUMENT);
assert.match(failed.message, /must not be negative/);
assert.equal(lay.lay_make_rec_checked(5).N, 5);
assert.equal(lay.lay_rec_sum([made, { Id: made.Id, N: 20 }, { Id: '{00000000-0000-0000-0000-000000000001}', N: 300 }]), 362n);

// Guid's field order: a, b, c as numbers, d … k as bytes in text order, both ways.
assert.equal(lay.lay_guid_parse('0a0b0c0d-1a1b-2a2b-3132-333435363738'), '0a0b0c0d-1a1b-2a2b-3132-333435363738');
const mine = { a: 0xDEADBEEF, b: 0x0102, c: 0xFFFE, d: 1, e: 2, f: 3, g: 4, h: 5, i: 6, j: 7, k: 8 };
assert.equal(lay.lay_guid_format(mine), 'deadbeef-0102-fffe-0102-030405060708');
assert.equal(lay.lay_guid_format('DEADBEEF-0102-FFFE-0102-030405060708'), 'deadbeef-0102-fffe-0102-030405060708');
throws(TypeError, () => lay.lay_guid_format('not a guid'));
assert.notEqual(throws(lay.LayError, () => lay.lay_guid_parse('not a guid')).code, lay.ErrorCode.NONE);

// Int128 and UInt128 as bigints: the extremes come back whole, and a value C cannot hold is refused.
assert.equal(lay.lay_int128_max(), 2n ** 127n - 1n);
assert.equal(lay.lay_int128_min(), -(2n ** 127n));
assert.equal(lay.lay_uint128_max(), 2n ** 128n - 1n);
assert.equal(lay.lay_int128_add(2n ** 64n - 1n, 1), 2n ** 64n);
assert.equal(lay.lay_int128_add(2n ** 127n - 1n, 1), -(2n ** 127n)); // wraps, as the C# code does
assert.equal(lay.lay_int128_add(-5, 3), -2n);
const big = 2n ** 100n + 5n;
assert.equal(lay.lay_int128_format(big), '1267650600228229401496703205381');
assert.equal(lay.lay_int128_format(-big), '-1267650600228229401496703205381');
throws(RangeError, () => lay.lay_int128_format(2n ** 127n));
throws(RangeError, () => lay.lay_int128_add(-(2n ** 127n) - 1n, 0));
throws(TypeError, () => lay.lay_int128_format(1.5));

// A struct holding 128-bit integers (48 bytes, the integers at 16 and 32), read and written as bigints.
assert.deepEqual(lay.lay_wide_make(9), { Tag: 9, Value: -(2n ** 127n) + 1n, Mask: 2n ** 128n - 2n });
assert.equal(lay.lay_wide_format({ Tag: 200, Value: -big, Mask: 2n ** 127n }), '200 -1267650600228229401496703205381 170141183460469231731687303715884105728');
assert.match(lay.lay_wide_format({ Tag: 1, Value: 0, Mask: 0 }), / 0$/);
throws(RangeError, () => lay.lay_wide_format({ Tag: 1, Value: 2n ** 127n, Mask: 0 }));

// Half: a number over its IEEE 754 binary16 bits.
assert.equal(lay.lay_half_of(1.0), 1.0);
assert.equal(lay.lay_half_of(-2.0), -2.0);
assert.equal(lay.lay_half_of(65504.0), 65504.0);
assert.equal(lay.lay_half_of(1.0e6), Infinity); // .NET rounds to infinity
assert.equal(lay.lay_half_of(0.1), 0.0999755859375);
assert.equal(lay.lay_half_value(0.333251953125), 0.333251953125);
assert.equal(lay.lay_half_value(5.9604644775390625e-8), 5.9604644775390625e-8); // the smallest subnormal, bits 0x0001
throws(RangeError, () => lay.lay_half_value(1.0e6)); // no Half holds it: refused, not turned into infinity
throws(TypeError, () => lay.lay_half_value('1'));

// NFloat: a double on this 64-bit machine, so no precision is lost.
assert.equal(lay.lay_nfloat_scale(0.1, 3.0), 0.1 * 3.0);
assert.equal(lay.lay_nfloat_scale(1e300, 10.0), 1e301);

// A struct of a Half, an NFloat and an nint, by value both ways.
assert.deepEqual(lay.lay_mixed_make(2.5, 2.5, -7), { H: 2.5, F: 2.5, N: -7n });
assert.equal(lay.lay_mixed_format({ H: 2.5, F: 2.5, N: -7 }), '2.5 2.5 -7');
assert.equal(lay.lay_mixed_format({ H: 0.5, F: 1e300, N: 2 ** 40 }), '0.5 1E+300 1099511627776');
throws(RangeError, () => lay.lay_mixed_format({ H: 1e6, F: 0, N: 0 }));

assert.equal(lay.lay_live_allocations(), 0n);
assert.equal(lay.lay_live_handles(), 0n);
console.log('bindings_consumer.js: all checks passed');
