/* Calls every export of libbnd through the generated header: values, every error at the boundary,
   the ABI check, a multi-threaded load and the allocation count. Exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200112L /* pthread barriers under -std=c99 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bnd.h"

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

/* The error the last failing call left, checked and cleared. */
static void expect_error(int32_t code, const char* message_part) {
    int32_t actual = bnd_last_error_code();
    const char* message = bnd_last_error_message();
    if (actual != code || strstr(message, message_part) == NULL) {
        fprintf(stderr, "expected error %d containing \"%s\", got %d \"%s\"\n", (int)code, message_part, (int)actual, message);
        failures++;
    }
    bnd_clear_last_error();
}

static void expect_no_error(void) {
    if (bnd_last_error_code() != BND_ERROR_NONE) {
        fprintf(stderr, "unexpected error %d: %s\n", (int)bnd_last_error_code(), bnd_last_error_message());
        failures++;
        bnd_clear_last_error();
    }
}

/* A string result: compared, then freed through the library. */
static void expect_string(char* actual, const char* expected) {
    if (actual == NULL || strcmp(actual, expected) != 0) {
        fprintf(stderr, "expected \"%s\", got \"%s\"\n", expected, actual ? actual : "(NULL)");
        failures++;
    }
    bnd_free_string(actual);
}

static void abi(void) {
    CHECK(bnd_abi_version() == BND_ABI_VERSION);
    CHECK(BND_ABI_VERSION == 3u);
    CHECK(bnd_api_hash() == BND_API_HASH);
}

static void strings(void) {
    expect_string(bnd_greet("world"), "Hello, world!");
    expect_string(bnd_greet("wörld ✓"), "Hello, wörld ✓!");
    expect_string(bnd_greet(""), "Hello, !");
    expect_no_error();

    CHECK(bnd_greet(NULL) == NULL);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'name' must not be NULL");
    CHECK(bnd_greet("\xff\xfe bad") == NULL);
    expect_error(BND_ERROR_INVALID_UTF8, "'name' is not valid UTF-8 (at byte 0)");
    CHECK(bnd_greet("ok \xc3") == NULL); /* truncated sequence */
    expect_error(BND_ERROR_INVALID_UTF8, "'name' is not valid UTF-8");
    CHECK(bnd_greet("\xed\xa0\x80") == NULL); /* an encoded surrogate is not UTF-8 */
    expect_error(BND_ERROR_INVALID_UTF8, "not valid UTF-8");

    CHECK(bnd_length(NULL) == -1);
    CHECK(bnd_length("abc") == 3);
    CHECK(bnd_upper(NULL) == NULL);
    expect_no_error();
    expect_string(bnd_upper("shout"), "SHOUT");

    char* key = NULL;
    char* value = NULL;
    CHECK(bnd_split("color=red", &key, &value) == true);
    expect_string(key, "color");
    expect_string(value, "red");
    CHECK(bnd_split("lonely", &key, &value) == false);
    expect_string(key, "lonely");
    CHECK(value == NULL);
    CHECK(bnd_split("a=b", NULL, &value) == false);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'key' must not be NULL");

    int32_t number = -1;
    CHECK(bnd_parse("1234", &number) == BND_ERROR_NONE);
    CHECK(number == 1234);
    CHECK(bnd_parse("12x", &number) == BND_ERROR_INVALID_ARGUMENT);
    CHECK(number == 0);
    expect_error(BND_ERROR_INVALID_ARGUMENT, "'12x' is not a number");
    CHECK(bnd_parse(NULL, &number) == BND_ERROR_NULL_ARGUMENT);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'text'");
    CHECK(bnd_parse("7", NULL) == BND_ERROR_NONE); /* the result may be ignored */
    uintptr_t bytes = 0;
    CHECK(bnd_utf8_length("√2", &bytes) == BND_ERROR_NONE && bytes == 4);

    expect_string(bnd_repeat("ab", 3), "ababab");
    CHECK(bnd_repeat("ab", -1) == NULL);
    expect_error(BND_ERROR_INVALID_ARGUMENT, "count must not be negative");

    /* The library's own free function refuses what it did not hand out. */
    uint64_t not_ours[8] = {0};
    bnd_free_string((char*)&not_ours[4]);
    expect_error(BND_ERROR_INVALID_ARGUMENT, "was not returned by this library");
    bnd_free_string(NULL);
    expect_no_error();
}

static void buffers(void) {
    const uint8_t data[] = {'a', 'b', 'c'};
    CHECK(bnd_checksum(data, sizeof data) == 440920331u); /* FNV-1a("abc") */
    CHECK(bnd_checksum(NULL, 0) == 2166136261u);
    expect_no_error();
    CHECK(bnd_checksum(NULL, 5) == 0);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'data' is NULL but its length is 5");
    CHECK(bnd_checksum(data, (size_t)1 << 40) == 0);
    expect_error(BND_ERROR_OVERFLOW, "'data' has 1099511627776 elements");

    const int32_t values[] = {1, -2, 30, 400};
    CHECK(bnd_sum(values, 4) == 429);
    double doubles[] = {1.5, -2.0, 0.25};
    bnd_double_all(doubles, 3);
    CHECK(doubles[0] == 3.0 && doubles[1] == -4.0 && doubles[2] == 0.5);

    size_t length = 99;
    int32_t* squares = bnd_squares(5, &length);
    CHECK(squares != NULL && length == 5);
    if (squares != NULL) {
        CHECK(squares[0] == 0 && squares[4] == 16);
    }
    bnd_free_buffer(squares);
    int32_t* none = bnd_squares(0, &length);
    CHECK(none != NULL && length == 0); /* empty is not failure */
    bnd_free_buffer(none);
    CHECK(bnd_squares(-1, &length) == NULL && length == 0);
    expect_error(BND_ERROR_OVERFLOW, "");
    CHECK(bnd_squares(3, NULL) == NULL);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'out_len' must not be NULL");

    uint8_t* reversed = bnd_reverse_bytes("abc", &length);
    CHECK(reversed != NULL && length == 3 && memcmp(reversed, "cba", 3) == 0);
    bnd_free_buffer(reversed);
    expect_no_error();
    CHECK(bnd_nothing(&length) == NULL && length == 0);
    expect_no_error();
}

static void values(void) {
    int32_t remainder = -1;
    CHECK(bnd_divide(17, 5, &remainder) == 3 && remainder == 2);
    CHECK(bnd_divide(1, 0, &remainder) == 0);
    expect_error(BND_ERROR_EXCEPTION, "DivideByZeroException");
    CHECK(bnd_divide(1, 1, NULL) == 0);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'remainder' must not be NULL");

    int64_t counter = 40;
    const int64_t step = 2;
    bnd_bump(&counter, &step);
    CHECK(counter == 42);
    bool flag = false;
    bnd_toggle(&flag);
    CHECK(flag == true);
    bnd_toggle(&flag);
    CHECK(flag == false);

    CHECK(sizeof(bnd_Color) == 1 && sizeof(bnd_Outcome) == 4 && sizeof(bnd_Wide) == 8);
    CHECK(bnd_next_color(BND_COLOR_RED) == BND_COLOR_GREEN);
    CHECK(bnd_next_color(BND_COLOR_BLUE) == BND_COLOR_RED);
    CHECK(bnd_next_color((bnd_Color)9) == 0);
    expect_error(BND_ERROR_INVALID_ARGUMENT, "9 is not a Color");
    bnd_Outcome outcome = BND_OUTCOME_LOST;
    bnd_reverse_outcome(&outcome);
    CHECK(outcome == BND_OUTCOME_WON);
    outcome = BND_OUTCOME_WORST;
    bnd_reverse_outcome(&outcome);
    CHECK(outcome == BND_OUTCOME_WON && BND_OUTCOME_WORST == INT32_MIN);
    CHECK(bnd_widen(BND_WIDE_LOW) == (BND_WIDE_LOW | BND_WIDE_HIGH) && BND_WIDE_HIGH == UINT64_C(0x8000000000000000));

    int64_t present = 41;
    CHECK(bnd_increment_optional(&present) == 42);
    CHECK(bnd_increment_optional(NULL) == -1);
}

static void structs(void) {
    bnd_Box box = {{1, 2}, {4, 6}, BND_COLOR_BLUE};
    CHECK(bnd_box_area(box) == 12);
    bnd_Point by = {10, -1};
    bnd_Box moved = bnd_translate(box, by);
    CHECK(moved.Min.X == 11 && moved.Min.Y == 1 && moved.Max.X == 14 && moved.Max.Y == 5 && moved.Fill == BND_COLOR_BLUE);

    bnd_Box backwards = {{5, 9}, {1, 2}, BND_COLOR_RED};
    bnd_normalize(&backwards);
    CHECK(backwards.Min.X == 1 && backwards.Min.Y == 2 && backwards.Max.X == 5 && backwards.Max.Y == 9);

    const bnd_Point points[] = {{0, 0}, {4, 0}, {4, 8}, {0, 8}};
    bnd_Point centre = bnd_centroid(points, 4);
    CHECK(centre.X == 2 && centre.Y == 4);
    centre = bnd_centroid(NULL, 0);
    CHECK(centre.X == 0 && centre.Y == 0);
    expect_error(BND_ERROR_INVALID_ARGUMENT, "no points");

    size_t count = 0;
    bnd_Point* corners = bnd_corners(box, &count);
    CHECK(corners != NULL && count == 4);
    if (corners != NULL) {
        CHECK(corners[1].X == 4 && corners[1].Y == 2 && corners[3].X == 1 && corners[3].Y == 6);
    }
    bnd_free_buffer(corners);

    double values[] = {0.5, 1.5, 2.0};
    bnd_Samples samples = {7, values, 3};
    CHECK(bnd_samples_sum(&samples) == 4.0);

    bnd_Packed packed = bnd_packed(9, -70000);
    CHECK(sizeof(bnd_Packed) == 5 && packed.A == 9 && packed.B == -70000);
}

static void handles(void) {
    bnd_Counter* counter = bnd_counter_new(40);
    CHECK(counter != NULL);
    CHECK(bnd_counter_add(counter, 2) == 42);
    CHECK(bnd_counter_value(counter) == 42);
    expect_string(bnd_counter_describe(counter), "counter at 42");
    bnd_Counter* other = bnd_counter_new(8);
    bnd_Counter* merged = bnd_counter_merge(counter, other);
    CHECK(bnd_counter_value(merged) == 50);
    bnd_Counter* alone = bnd_counter_merge(counter, NULL); /* the second may be NULL */
    CHECK(bnd_counter_value(alone) == 42);
    CHECK(bnd_counter_merge(NULL, other) == NULL);
    expect_error(BND_ERROR_NULL_ARGUMENT, "'first' must not be NULL");
    CHECK(bnd_live_handles() == 4);

    bnd_counter_free(merged);
    bnd_counter_free(alone);
    bnd_counter_free(other);
    bnd_counter_free(NULL); /* fine */
    expect_no_error();

    /* A freed handle, a forged one and one of another type are errors, not crashes. */
    bnd_counter_free(counter);
    CHECK(bnd_counter_value(counter) == 0);
    expect_error(BND_ERROR_INVALID_HANDLE, "'self' is not a live Counter handle");
    bnd_counter_free(counter);
    expect_error(BND_ERROR_INVALID_HANDLE, "not a live Counter handle");
    CHECK(bnd_counter_value((bnd_Counter*)(uintptr_t)0x123456789) == 0);
    expect_error(BND_ERROR_INVALID_HANDLE, "not a live Counter handle");
    CHECK(bnd_counter_value((bnd_Counter*)(uintptr_t)-1) == 0);
    expect_error(BND_ERROR_INVALID_HANDLE, "not a live Counter handle");
    bnd_Journal* journal = bnd_journal_new();
    CHECK(bnd_counter_value((bnd_Counter*)journal) == 0);
    expect_error(BND_ERROR_INVALID_HANDLE, "not a live Counter handle");
    /* A new handle in a freed slot does not bring the old one back to life. */
    bnd_Counter* reused = bnd_counter_new(1);
    CHECK(bnd_counter_value(counter) == 0);
    expect_error(BND_ERROR_INVALID_HANDLE, "");
    bnd_counter_free(reused);

    bnd_journal_write(journal, "first");
    bnd_journal_write(journal, "second");
    expect_string(bnd_journal_text(journal), "first\nsecond\n");
    int32_t disposed = bnd_journals_disposed();
    bnd_journal_free(journal);
    CHECK(bnd_journals_disposed() == disposed + 1); /* freeing disposes */
    bnd_journal_write(journal, "too late");
    expect_error(BND_ERROR_INVALID_HANDLE, "'self' is not a live Journal handle");
    CHECK(bnd_live_handles() == 0);
}

/* One object is one handle: every return of it (the shared journal, Self()) gives the same value
   and one more owner; each owner frees once, and only the last free disposes it. */
static void shared_handles(void) {
    int32_t disposed = bnd_journals_disposed();
    bnd_Journal* first = bnd_journal_shared();
    bnd_Journal* second = bnd_journal_shared();
    CHECK(first != NULL && second == first);
    bnd_Journal* self = bnd_journal_self(first);
    CHECK(self == first);
    CHECK(bnd_live_handles() == 1); /* distinct handles, not owners */

    bnd_journal_free(first);
    bnd_journal_free(second); /* two of three owners gone: it lives on */
    bnd_journal_write(self, "still here");
    expect_no_error();
    expect_string(bnd_journal_text(self), "still here\n");
    CHECK(bnd_journals_disposed() == disposed);
    CHECK(bnd_live_handles() == 1);
    bnd_journal_free(self); /* the last owner: disposed, once */
    expect_no_error();
    CHECK(bnd_journals_disposed() == disposed + 1);
    CHECK(bnd_live_handles() == 0);

    /* No owner is left: a fourth free and any use are refused, and nothing is disposed again. */
    bnd_journal_free(self);
    expect_error(BND_ERROR_INVALID_HANDLE, "'handle' is not a live Journal handle");
    bnd_journal_write(self, "too late");
    expect_error(BND_ERROR_INVALID_HANDLE, "'self' is not a live Journal handle");
    CHECK(bnd_journal_self(self) == NULL);
    expect_error(BND_ERROR_INVALID_HANDLE, "'self' is not a live Journal handle");
    CHECK(bnd_journals_disposed() == disposed + 1);

    /* The library shares a new journal now, under a new handle value; the old one stays dead. */
    bnd_Journal* next = bnd_journal_shared();
    CHECK(next != NULL && next != first);
    expect_string(bnd_journal_text(next), "");
    bnd_journal_write(first, "too late");
    expect_error(BND_ERROR_INVALID_HANDLE, "'self' is not a live Journal handle");
    bnd_journal_free(next);
    CHECK(bnd_journals_disposed() == disposed + 2);
    CHECK(bnd_live_handles() == 0);
}

/* SHARERS threads return one journal at the same moment, round after round (half through
   bnd_journal_shared(), half through bnd_journal_self() on this thread's handle): all get this
   thread's handle value, each with an owner of its own, so it outlives every free but the last. */
enum { SHARERS = 4, SHARE_ROUNDS = 2000 };

static pthread_barrier_t share_start, share_done;
static bnd_Journal* share_handle;
static bnd_Journal* share_results[SHARERS];

static void* share(void* argument) {
    intptr_t id = (intptr_t)argument;
    for (int round = 0; round < SHARE_ROUNDS; round++) {
        pthread_barrier_wait(&share_start);
        share_results[id] = id % 2 == 0 ? bnd_journal_shared() : bnd_journal_self(share_handle);
        pthread_barrier_wait(&share_done);
    }
    return NULL;
}

static void shared_threads(void) {
    int32_t disposed = bnd_journals_disposed();
    pthread_t workers[SHARERS];
    CHECK(pthread_barrier_init(&share_start, NULL, SHARERS + 1) == 0);
    CHECK(pthread_barrier_init(&share_done, NULL, SHARERS + 1) == 0);
    for (intptr_t id = 0; id < SHARERS; id++) {
        CHECK(pthread_create(&workers[id], NULL, share, (void*)id) == 0);
    }
    int wrong = 0;
    for (int round = 0; round < SHARE_ROUNDS; round++) {
        share_handle = bnd_journal_shared(); /* this thread's owner; a new journal each round */
        pthread_barrier_wait(&share_start);
        pthread_barrier_wait(&share_done);
        for (int id = 0; id < SHARERS; id++) {
            wrong += share_results[id] != share_handle;
        }
        wrong += bnd_live_handles() != 1;
        for (int id = 0; id < SHARERS; id++) {
            bnd_journal_free(share_results[id]);
            bnd_journal_write(share_handle, "x"); /* this thread's owner is left */
            wrong += bnd_last_error_code() != BND_ERROR_NONE || bnd_journals_disposed() != disposed + round;
        }
        bnd_journal_free(share_handle);
        wrong += bnd_last_error_code() != BND_ERROR_NONE || bnd_journals_disposed() != disposed + round + 1;
        wrong += bnd_live_handles() != 0;
    }
    for (int id = 0; id < SHARERS; id++) {
        pthread_join(workers[id], NULL);
    }
    pthread_barrier_destroy(&share_start);
    pthread_barrier_destroy(&share_done);
    if (wrong != 0) {
        fprintf(stderr, "shared handles: %d wrong results\n", wrong);
        failures++;
        bnd_clear_last_error();
    }
}

/* RACERS threads each take the shared journal, write to it and free it, over and over, so its last
   free races with other threads' returns. A return gets a live journal, owned until its own free,
   or (racing with the free that disposes it) is refused; every journal is disposed exactly once:
   as many disposals as distinct handle values seen, since a handle value is never reused. */
enum { RACERS = 4, RACE_ROUNDS = 20000 };

static uintptr_t race_seen[RACERS * RACE_ROUNDS];

static void* race(void* argument) {
    uintptr_t* seen = race_seen + (intptr_t)argument * RACE_ROUNDS;
    intptr_t bad = 0;
    for (int round = 0; round < RACE_ROUNDS; round++) {
        bnd_Journal* journal = bnd_journal_shared();
        seen[round] = (uintptr_t)journal;
        if (journal == NULL) {
            bad += bnd_last_error_code() != BND_ERROR_INVALID_OPERATION;
            bnd_clear_last_error();
            continue;
        }
        bnd_journal_write(journal, "x");
        bnd_journal_free(journal);
        bad += bnd_last_error_code() != BND_ERROR_NONE;
    }
    return (void*)bad;
}

static int compare_handles(const void* a, const void* b) {
    uintptr_t x = *(const uintptr_t*)a, y = *(const uintptr_t*)b;
    return (x > y) - (x < y);
}

static void racing_handles(void) {
    int32_t disposed = bnd_journals_disposed();
    pthread_t workers[RACERS];
    for (intptr_t id = 0; id < RACERS; id++) {
        CHECK(pthread_create(&workers[id], NULL, race, (void*)id) == 0);
    }
    for (int id = 0; id < RACERS; id++) {
        void* bad = NULL;
        pthread_join(workers[id], &bad);
        if (bad != NULL) {
            fprintf(stderr, "racing handles, thread %d: %" PRIdPTR " wrong results\n", id, (intptr_t)bad);
            failures++;
        }
    }
    qsort(race_seen, RACERS * RACE_ROUNDS, sizeof race_seen[0], compare_handles);
    int32_t distinct = 0;
    for (int i = 0; i < RACERS * RACE_ROUNDS; i++) {
        distinct += race_seen[i] != 0 && (i == 0 || race_seen[i] != race_seen[i - 1]);
    }
    CHECK(distinct > 0);
    CHECK(bnd_journals_disposed() == disposed + distinct);
    CHECK(bnd_live_handles() == 0);
}

static int32_t visit_square(int32_t item, void* user_data) {
    int32_t* calls = (int32_t*)user_data;
    (*calls)++;
    return item * item;
}

static int32_t visit_refuse_third(int32_t item, void* user_data) {
    (void)user_data;
    return item == 2 ? -1 : 1;
}

static void callback_that_calls_a_failing_export(void* user_data) {
    /* Re-entering the library from inside a callback: the inner export catches its own failure. */
    *(char**)user_data = bnd_greet(NULL);
}

static void callbacks(void) {
    int32_t calls = 0;
    CHECK(bnd_for_each(4, visit_square, &calls) == 0 + 1 + 4 + 9);
    CHECK(calls == 4);
    CHECK(bnd_for_each(5, visit_refuse_third, NULL) == 0);
    expect_error(BND_ERROR_INVALID_OPERATION, "the callback refused item 2");
    CHECK(bnd_for_each(3, NULL, NULL) == 0);
    expect_error(BND_ERROR_NULL_ARGUMENT, "visit");

    char* inner = (char*)"untouched";
    bnd_call_then_fail(callback_that_calls_a_failing_export, &inner);
    CHECK(inner == NULL);
    expect_error(BND_ERROR_NOT_SUPPORTED, "failed after the callback returned");
}

/* 8 threads × 125,000 calls: strings, spans, the status form and failures, all checked; each
   thread's last error must always be its own. */
enum { THREADS = 8, CALLS_PER_THREAD = 125000 };

static void* load(void* argument) {
    intptr_t id = (intptr_t)argument;
    char own[32];
    snprintf(own, sizeof own, "bad%d", (int)id);
    int32_t values[16];
    for (int i = 0; i < 16; i++) {
        values[i] = (int32_t)(id * 100 + i);
    }
    int64_t expected_sum = 0;
    for (int i = 0; i < 16; i++) {
        expected_sum += values[i];
    }
    intptr_t bad = 0;
    for (int call = 0; call < CALLS_PER_THREAD; call++) {
        switch (call % 5) {
        case 0: {
            char* text = bnd_repeat(own, 2);
            if (text == NULL || strncmp(text, own, strlen(own)) != 0) {
                bad++;
            }
            bnd_free_string(text);
            break;
        }
        case 4: {
            bnd_Counter* counter = bnd_counter_new(id);
            if (bnd_counter_add(counter, call) != id + call) {
                bad++;
            }
            bnd_counter_free(counter);
            break;
        }
        case 1:
            if (bnd_sum(values, 16) != expected_sum) {
                bad++;
            }
            break;
        case 2: {
            int32_t number = 0;
            if (bnd_parse("31337", &number) != BND_ERROR_NONE || number != 31337) {
                bad++;
            }
            break;
        }
        case 3: {
            int32_t number = 0;
            /* Fails with this thread's own text: no other thread's message may ever show up. */
            if (bnd_parse(own, &number) != BND_ERROR_INVALID_ARGUMENT || strstr(bnd_last_error_message(), own) == NULL) {
                bad++;
            }
            break;
        }
        }
    }
    return (void*)bad;
}

static void threads(void) {
    pthread_t workers[THREADS];
    for (intptr_t id = 0; id < THREADS; id++) {
        CHECK(pthread_create(&workers[id], NULL, load, (void*)id) == 0);
    }
    for (int id = 0; id < THREADS; id++) {
        void* bad = NULL;
        pthread_join(workers[id], &bad);
        if (bad != NULL) {
            fprintf(stderr, "thread %d: %" PRIdPTR " wrong results\n", id, (intptr_t)bad);
            failures++;
        }
    }
}

int main(void) {
    /* Optional: start the runtime now rather than in the first real call; idempotent. */
    bnd_init();
    bnd_init();
    abi();
    strings();
    buffers();
    values();
    callbacks();
    structs();
    handles();
    shared_handles();
    shared_threads();
    racing_handles();
    threads();
    /* Everything the library handed out was freed. */
    CHECK(bnd_live_allocations() == 0);
    CHECK(bnd_live_handles() == 0);
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("boundary: all checks passed (%d threads x %d calls)\n", THREADS, CALLS_PER_THREAD);
    return 0;
}
