/* Calls every export of liblay through the generated header and checks each value: the structs
   that hold .NET's Guid, Int128/UInt128, Half and NFloat have the layout the library uses.
   Exits non-zero on the first failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lay.h"

static int failures = 0;

#define CHECK(condition)                                                        \
    do {                                                                        \
        if (!(condition)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                         \
        }                                                                       \
    } while (0)

/* Checks a library-owned string and frees it. */
static void expect_string(char* text, const char* expected) {
    CHECK(text != NULL);
    if (text != NULL && strcmp(text, expected) != 0) {
        fprintf(stderr, "got \"%s\", expected \"%s\"\n", text, expected);
        failures++;
    }
    lay_free_string(text);
}

static uint64_t high(cdylib_uint128_t value) { return (uint64_t)(value >> 64); }
static uint64_t low(cdylib_uint128_t value) { return (uint64_t)value; }

int main(void) {
    /* Issue 13's repro: a struct with a Guid, by value both ways. */
    LayRec rec = {{0}, 7};
    CHECK(lay_rec_n(rec) == 7);
    LayRec made = lay_make_rec(42);
    CHECK(made.N == 42);
    CHECK(made.Id.a == 0x00112233u && made.Id.b == 0x4455u && made.Id.c == 0x6677u);
    CHECK(made.Id.d == 0x88 && made.Id.e == 0x99 && made.Id.f == 0xaa && made.Id.g == 0xbb);
    CHECK(made.Id.h == 0xcc && made.Id.i == 0xdd && made.Id.j == 0xee && made.Id.k == 0xff);
    CHECK(lay_last_error_code() == LAY_ERROR_NONE);
    expect_string(lay_rec_id(&made), "00112233-4455-6677-8899-aabbccddeeff");

    /* A struct result on the failure path: all zero, the error recorded, the process alive. */
    LayRec failed = lay_make_rec_checked(-1);
    CHECK(failed.N == 0 && failed.Id.a == 0 && failed.Id.k == 0);
    CHECK(lay_last_error_code() == LAY_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(lay_last_error_message(), "must not be negative") != NULL);
    lay_clear_last_error();
    CHECK(lay_make_rec_checked(5).N == 5);

    LayRec records[3] = {{{0}, 1}, {{0}, 20}, {{0}, 300}};
    CHECK(lay_rec_sum(records, 3) == 321);

    /* Guid's field order: a, b, c as numbers, d … k as bytes in text order. */
    LayGuid parsed = lay_guid_parse("0a0b0c0d-1a1b-2a2b-3132-333435363738");
    CHECK(parsed.a == 0x0a0b0c0du && parsed.b == 0x1a1bu && parsed.c == 0x2a2bu);
    CHECK(parsed.d == 0x31 && parsed.e == 0x32 && parsed.f == 0x33 && parsed.g == 0x34);
    CHECK(parsed.h == 0x35 && parsed.i == 0x36 && parsed.j == 0x37 && parsed.k == 0x38);
    LayGuid mine = {0xdeadbeefu, 0x0102u, 0xfffeu, 1, 2, 3, 4, 5, 6, 7, 8};
    expect_string(lay_guid_format(mine), "deadbeef-0102-fffe-0102-030405060708");
    CHECK(lay_guid_parse("not a guid").a == 0);
    CHECK(lay_last_error_code() != LAY_ERROR_NONE);
    lay_clear_last_error();

    /* Int128 and UInt128, through pointers. */
    cdylib_int128_t max = 0, min = 0;
    lay_int128_max(&max);
    CHECK(high((cdylib_uint128_t)max) == 0x7fffffffffffffffull && low((cdylib_uint128_t)max) == 0xffffffffffffffffull);
    CHECK(max == (cdylib_int128_t)(((cdylib_uint128_t)1 << 127) - 1));
    lay_int128_min(&min);
    CHECK(high((cdylib_uint128_t)min) == 0x8000000000000000ull && low((cdylib_uint128_t)min) == 0);
    cdylib_uint128_t umax = 0;
    lay_uint128_max(&umax);
    CHECK(high(umax) == 0xffffffffffffffffull && low(umax) == 0xffffffffffffffffull);
    cdylib_int128_t a = (cdylib_int128_t)0xffffffffffffffffull, b = 1, sum = 0;
    lay_int128_add(&a, &b, &sum);
    CHECK(high((cdylib_uint128_t)sum) == 1 && low((cdylib_uint128_t)sum) == 0);
    lay_int128_add(&max, &b, &sum);
    CHECK(sum == min);
    cdylib_int128_t big = ((cdylib_int128_t)1 << 100) + 5;
    expect_string(lay_int128_format(&big), "1267650600228229401496703205381");
    expect_string(lay_int128_format(&max), "170141183460469231731687303715884105727");
    cdylib_int128_t negative = -big;
    expect_string(lay_int128_format(&negative), "-1267650600228229401496703205381");

    /* A struct holding 128-bit integers: they start at 16 and 32. */
    LayWide wide;
    memset(&wide, 0x5a, sizeof wide);
    lay_wide_make(9, &wide);
    CHECK(wide.Tag == 9);
    CHECK(wide.Value == min + 1);
    CHECK(wide.Mask == umax - 1);
    LayWide mine_wide;
    memset(&mine_wide, 0, sizeof mine_wide);
    mine_wide.Tag = 200;
    mine_wide.Value = -big;
    mine_wide.Mask = (cdylib_uint128_t)1 << 127;
    expect_string(lay_wide_format(&mine_wide), "200 -1267650600228229401496703205381 170141183460469231731687303715884105728");

    /* Half: its IEEE 754 binary16 bits. */
    CHECK(lay_half_of(1.0f) == 0x3c00);
    CHECK(lay_half_of(-2.0f) == 0xc000);
    CHECK(lay_half_of(65504.0f) == 0x7bff);
    CHECK(lay_half_of(1.0e6f) == 0x7c00);
    CHECK(lay_half_of(0.0f) == 0x0000);
    CHECK(lay_half_value(0x3555) == 0.333251953125f);
    CHECK(lay_half_value(0x0001) == 5.9604644775390625e-8f);

    /* NFloat: double on this 64-bit target. */
    CHECK(sizeof(cdylib_nfloat_t) == sizeof(void*));
    CHECK(lay_nfloat_scale(0.1, 3.0) == (cdylib_nfloat_t)0.1 * (cdylib_nfloat_t)3.0);
    CHECK(lay_nfloat_scale(1e300, 10.0) == 1e301);

    LayMixed mixed = lay_mixed_make(0x4100, 2.5, -7);
    CHECK(mixed.H == 0x4100 && mixed.F == 2.5 && mixed.N == -7);
    expect_string(lay_mixed_format(mixed), "2.5 2.5 -7");

    CHECK(lay_live_allocations() == 0);
    if (failures != 0) {
        fprintf(stderr, "layout: %d checks failed\n", failures);
        return 1;
    }
    printf("layout: all checks passed\n");
    return 0;
}
