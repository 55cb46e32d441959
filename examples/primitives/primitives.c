/* Calls every export of libprim through the generated header and checks each result and error.
   Exits non-zero on the first failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prim.h"

static int failures = 0;

#define CHECK(condition)                                                        \
    do {                                                                        \
        if (!(condition)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                         \
        }                                                                       \
    } while (0)

/* The error the last failing call left, checked and cleared. */
static void expect_error(int32_t code, const char* message_part) {
    CHECK(prim_last_error_code() == code);
    const char* message = prim_last_error_message();
    CHECK(message != NULL);
    if (message != NULL && strstr(message, message_part) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", message, message_part);
        failures++;
    }
    prim_clear_last_error();
    CHECK(prim_last_error_code() == PRIM_ERROR_NONE);
    CHECK(strcmp(prim_last_error_message(), "") == 0);
}

int main(void) {
    CHECK(prim_last_error_code() == PRIM_ERROR_NONE);
    CHECK(strcmp(prim_last_error_message(), "") == 0);

    CHECK(prim_add_i8(100, 27) == 127);
    CHECK(prim_add_i8(127, 1) == -128);
    CHECK(prim_add_u8(200, 100) == 44);
    CHECK(prim_add_i16(-30000, -10000) == 25536);
    CHECK(prim_add_u16(65535, 2) == 1);
    CHECK(prim_add_i32(INT32_MAX, 1) == INT32_MIN);
    CHECK(prim_add_u32(UINT32_MAX, 1) == 0);
    CHECK(prim_add_i64(INT64_MAX, 1) == INT64_MIN);
    CHECK(prim_add_u64(UINT64_MAX, 2) == 1);
    CHECK(prim_add_isize(-5, 3) == -2);
    CHECK(prim_add_usize(SIZE_MAX, 1) == 0);
    CHECK(prim_mul_f32(1.5f, 4.0f) == 6.0f);
    CHECK(prim_mul_f64(0.1, 3.0) == 0.1 * 3.0);
    CHECK(isnan(prim_mul_f64(NAN, 1.0)));

    CHECK(prim_not(false) == true);
    CHECK(prim_not(true) == false);
    CHECK(prim_all(true, true, true) == true);
    CHECK(prim_all(true, false, true) == false);

    int32_t values[] = {1, 2, 3, 4, -20};
    CHECK(prim_sum(values, 5) == -10);
    CHECK(prim_sum(NULL, 0) == 0);
    CHECK(prim_last_error_code() == PRIM_ERROR_NONE);
    CHECK(prim_sum(NULL, 3) == 0);
    expect_error(PRIM_ERROR_NULL_ARGUMENT, "values");

    uint8_t buffer[16];
    memset(buffer, 0, sizeof buffer);
    prim_fill(buffer, sizeof buffer, 0xAB);
    for (size_t i = 0; i < sizeof buffer; i++) {
        CHECK(buffer[i] == 0xAB);
    }
    prim_fill(NULL, 4, 1);
    expect_error(PRIM_ERROR_NULL_ARGUMENT, "buffer");

    CHECK(prim_identity(buffer) == buffer);
    CHECK(prim_identity(NULL) == NULL);
    int32_t target = 42;
    int32_t* pointer = &target;
    CHECK(prim_deref2(&pointer) == 42);

    CHECK(prim_divide(7, 2) == 3);
    CHECK(prim_divide(1, 0) == 0);
    expect_error(PRIM_ERROR_EXCEPTION, "DivideByZeroException");
    CHECK(prim_checked_add(INT32_MAX, 1) == 0);
    expect_error(PRIM_ERROR_OVERFLOW, "OverflowException");
    CHECK(prim_fail(PRIM_ERROR_FIRST_USER_CODE + 7) == 0.0);
    expect_error(PRIM_ERROR_FIRST_USER_CODE + 7, "failed on purpose with code 1007");
    CHECK(prim_fail_bool() == false);
    expect_error(PRIM_ERROR_INVALID_OPERATION, "no bool today");
    prim_fail_void();
    expect_error(PRIM_ERROR_NOT_SUPPORTED, "nothing to do");

    /* errno semantics: a success leaves an earlier error in place until it is cleared. */
    prim_fail_void();
    CHECK(prim_add_i32(1, 2) == 3);
    expect_error(PRIM_ERROR_NOT_SUPPORTED, "nothing to do");

    /* Many failures in a row: each replaces the last, nothing leaks or crashes. */
    for (int i = 0; i < 10000; i++) {
        prim_divide(i, 0);
    }
    expect_error(PRIM_ERROR_EXCEPTION, "DivideByZeroException");

    CHECK(prim_system(21) == 42);
    CHECK(prim_stdcall(5) == 15);

    /* The exports without the GC transition: plain values in and out, structs by value too. */
    CHECK(prim_fast_add(40, 2) == 42);
    CHECK(prim_fast_add(INT32_MAX, 1) == INT32_MIN);
    int32_t many[] = {1, -2, 3, INT32_MAX, INT32_MAX};
    CHECK(prim_fast_sum(many, 5) == 2 + 2 * (int64_t)INT32_MAX);
    CHECK(prim_fast_sum(many, 0) == 0);
    CHECK(prim_fast_sum(NULL, -1) == 0);
    prim_Cell a = {2, -4}, b = {6, 1};
    prim_Cell middle = prim_fast_middle(a, b);
    CHECK(middle.X == 4 && middle.Y == -2);
    prim_Vec2 unit = prim_fast_normalize((prim_Vec2){3.0, 4.0});
    CHECK(fabs(unit.X - 0.6) < 1e-12 && fabs(unit.Y - 0.8) < 1e-12);
    prim_Vec2 zero = prim_fast_normalize((prim_Vec2){0.0, 0.0});
    CHECK(zero.X == 0.0 && zero.Y == 0.0);
    CHECK(prim_fast_popcount(UINT64_MAX) == 64);
    CHECK(prim_fast_popcount(0x8000000000000001u) == 2);
    CHECK(prim_collect(10) == 10);

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("primitives: all checks passed\n");
    return 0;
}
