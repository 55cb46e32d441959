/* The tasks library's async exports, called from C.
 *   tasks            every export: results through the callback and through wait, failures,
 *                    cancellation before, during and after the end, a callback that calls back in,
 *                    refused arguments and handles; then live_handles and live_allocations are 0
 *   tasks stress THREADS OPERATIONS
 *                    THREADS threads start OPERATIONS operations in all, half of them ending at
 *                    once, every result checked in its callback
 *   tasks exit       starts operations that never end and returns from main: the process ends */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tasks.h"

static int failures;

#define CHECK(condition)                                                             \
    do {                                                                             \
        if (!(condition)) {                                                          \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

/* What a callback saw: one slot per operation. */
typedef struct {
    atomic_int calls;
    int32_t status;
    int64_t number;
    char* text;
    tasks_Counter* counter;
    char message[128];
} Seen;

static void sleep_ms(int ms) {
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

/* Waits (up to 5 s) until the callback of seen ran. */
static int called(Seen* seen) {
    for (int i = 0; i < 5000 && atomic_load(&seen->calls) == 0; i++) {
        sleep_ms(1);
    }
    return atomic_load(&seen->calls);
}

static void remember_failure(Seen* seen, int32_t status) {
    seen->status = status;
    if (status != 0) {
        /* The failure is the callback thread's last error too. */
        snprintf(seen->message, sizeof seen->message, "%s", tasks_last_error_message());
    }
}

static void on_int(void* user_data, int32_t status, int32_t result) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    seen->number = result;
    atomic_fetch_add(&seen->calls, 1);
}

static void on_text(void* user_data, int32_t status, char* result) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    seen->text = result; /* ours now: freed with tasks_free_string */
    atomic_fetch_add(&seen->calls, 1);
}

static void on_bool(void* user_data, int32_t status, bool result) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    seen->number = result;
    atomic_fetch_add(&seen->calls, 1);
}

static void on_nothing(void* user_data, int32_t status) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    atomic_fetch_add(&seen->calls, 1);
}

static void on_counter(void* user_data, int32_t status, tasks_Counter* result) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    seen->counter = result;
    atomic_fetch_add(&seen->calls, 1);
}

static void on_long(void* user_data, int32_t status, int64_t result) {
    Seen* seen = user_data;
    remember_failure(seen, status);
    seen->number = result;
    atomic_fetch_add(&seen->calls, 1);
}

/* A callback that calls back in: it waits on its own operation (which returns at once) and starts
 * another one, whose result it waits for on this thread. */
typedef struct {
    Seen seen;
    tasks_add_later_op* _Atomic op;
    int32_t own_wait;
    int32_t inner_status;
    int32_t inner_result;
} Reentry;

static void on_reentry(void* user_data, int32_t status, int32_t result) {
    Reentry* reentry = user_data;
    while (atomic_load(&reentry->op) == NULL) {
        sleep_ms(1); /* the start function has not returned the handle yet */
    }
    int32_t ignored;
    reentry->own_wait = tasks_add_later_op_wait(atomic_load(&reentry->op), -1, &ignored);
    tasks_add_later_op* inner = tasks_add_later(result, 1, 1, NULL, NULL);
    reentry->inner_status = tasks_add_later_op_wait(inner, 5000, &reentry->inner_result);
    tasks_add_later_op_free(inner);
    on_int(&reentry->seen, status, result);
}

static void every_export(void) {
    /* A number, through the callback. */
    Seen sum = {0};
    tasks_add_later_op* op = tasks_add_later(2, 3, 20, on_int, &sum);
    CHECK(op != NULL);
    CHECK(called(&sum) == 1 && sum.status == 0 && sum.number == 5);
    int32_t result = -1;
    CHECK(tasks_add_later_op_wait(op, -1, &result) == 0 && result == 0); /* the callback took it */
    tasks_add_later_op_free(op);

    /* A number, through wait (no callback), as often as asked. */
    op = tasks_add_later(40, 2, 10, NULL, NULL);
    CHECK(tasks_add_later_op_wait(op, -1, &result) == 0 && result == 42);
    CHECK(tasks_add_later_op_wait(op, 0, &result) == 0 && result == 42);
    CHECK(tasks_add_later_op_wait(op, 0, NULL) == 0);
    tasks_add_later_op_free(op);

    /* Ready at once: the callback runs before the start function returns. */
    Seen at_once = {0};
    op = tasks_add_later(1, 1, 0, on_int, &at_once);
    CHECK(atomic_load(&at_once.calls) == 1 && at_once.number == 2);
    tasks_add_later_op_free(op);

    /* The method's own failure (an overflow) arrives as the status and the last error. */
    Seen overflow = {0};
    op = tasks_add_later(INT32_MAX, 1, 1, on_int, &overflow);
    CHECK(called(&overflow) == 1 && overflow.status == TASKS_ERROR_OVERFLOW && overflow.number == 0);
    CHECK(strstr(overflow.message, "overflow") != NULL);
    tasks_clear_last_error();
    CHECK(tasks_add_later_op_wait(op, -1, &result) == TASKS_ERROR_OVERFLOW && tasks_last_error_code() == TASKS_ERROR_OVERFLOW);
    tasks_add_later_op_free(op);

    /* Text: the callback owns it. Through wait, each success hands out a copy of its own. */
    Seen greeting = {0};
    tasks_greet_op* greet = tasks_greet("wörld", on_text, &greeting);
    CHECK(called(&greeting) == 1 && greeting.status == 0 && strcmp(greeting.text, "hello, wörld") == 0);
    tasks_free_string(greeting.text);
    tasks_greet_op_free(greet);
    greet = tasks_greet("C", NULL, NULL);
    char* text = NULL;
    CHECK(tasks_greet_op_wait(greet, -1, &text) == 0 && strcmp(text, "hello, C") == 0);
    tasks_free_string(text);
    tasks_greet_op_free(greet);

    /* Arguments refused at the boundary: no operation, no callback, the usual last error. */
    Seen refused = {0};
    CHECK(tasks_greet(NULL, on_text, &refused) == NULL && tasks_last_error_code() == TASKS_ERROR_NULL_ARGUMENT);
    CHECK(tasks_greet("\xff", on_text, &refused) == NULL && tasks_last_error_code() == TASKS_ERROR_INVALID_UTF8);
    sleep_ms(20);
    CHECK(atomic_load(&refused.calls) == 0);

    /* A flag, from a task that was complete before it was returned. */
    Seen even = {0};
    tasks_is_even_op* is_even = tasks_is_even(10, on_bool, &even);
    CHECK(atomic_load(&even.calls) == 1 && even.status == 0 && even.number == 1);
    tasks_is_even_op_free(is_even);
    bool flag = true;
    is_even = tasks_is_even(7, NULL, NULL);
    CHECK(tasks_is_even_op_wait(is_even, -1, &flag) == 0 && !flag);
    tasks_is_even_op_free(is_even);

    /* Nothing to return; a code of the library's own; and a method that threw before it returned a task. */
    Seen failed = {0};
    tasks_fail_later_op* fail = tasks_fail_later(1042, 5, on_nothing, &failed);
    CHECK(fail != NULL && called(&failed) == 1 && failed.status == 1042 && strcmp(failed.message, "failed on purpose with 1042") == 0);
    tasks_fail_later_op_free(fail);
    Seen thrown = {0};
    tasks_throw_now_op* throw_now = tasks_throw_now("not now", on_nothing, &thrown);
    CHECK(throw_now != NULL && called(&thrown) == 1 && thrown.status == TASKS_ERROR_INVALID_OPERATION);
    CHECK(strstr(thrown.message, "not now") != NULL);
    tasks_throw_now_op_free(throw_now);

    /* An object: a handle the callback owns, whose own method is async too. */
    Seen made = {0};
    tasks_counter_later_op* later = tasks_counter_later(41, on_counter, &made);
    CHECK(called(&made) == 1 && made.status == 0 && made.counter != NULL);
    tasks_counter_later_op_free(later);
    Seen next = {0};
    tasks_counter_next_op* step = tasks_counter_next(made.counter, on_long, &next);
    CHECK(called(&next) == 1 && next.status == 0 && next.number == 42 && tasks_counter_value(made.counter) == 42);
    tasks_counter_next_op_free(step);
    tasks_counter_free(made.counter);

    /* Cancelled before it really began: the token is set, the task ends cancelled. */
    Seen before = {0};
    tasks_forever_op* forever = tasks_forever(on_nothing, &before);
    tasks_forever_op_cancel(forever);
    CHECK(called(&before) == 1 && before.status == TASKS_ERROR_CANCELLED);
    CHECK(tasks_forever_op_wait(forever, -1) == TASKS_ERROR_CANCELLED);
    tasks_forever_op_free(forever);

    /* Cancelled while it runs, with a token; and without one, where it ends at once and the result
     * that comes later is dropped. */
    Seen during = {0};
    op = tasks_add_later(1, 2, 10000, on_int, &during);
    sleep_ms(20);
    tasks_add_later_op_cancel(op);
    CHECK(called(&during) == 1 && during.status == TASKS_ERROR_CANCELLED);
    tasks_add_later_op_free(op);
    Seen untokened = {0};
    tasks_sleep_op* sleeper = tasks_sleep(50, on_int, &untokened);
    tasks_sleep_op_cancel(sleeper);
    CHECK(atomic_load(&untokened.calls) == 1 && untokened.status == TASKS_ERROR_CANCELLED);
    sleep_ms(100);
    CHECK(atomic_load(&untokened.calls) == 1);
    tasks_sleep_op_free(sleeper);

    /* Cancelled after it ended: nothing changes. */
    op = tasks_add_later(3, 4, 1, NULL, NULL);
    CHECK(tasks_add_later_op_wait(op, -1, &result) == 0 && result == 7);
    tasks_add_later_op_cancel(op);
    CHECK(tasks_add_later_op_wait(op, -1, &result) == 0 && result == 7);
    tasks_add_later_op_free(op);

    /* A wait that gives up, then one that does not. */
    forever = tasks_forever(NULL, NULL);
    CHECK(tasks_forever_op_wait(forever, 20) == TASKS_ERROR_TIMEOUT && tasks_last_error_code() == TASKS_ERROR_TIMEOUT);
    tasks_forever_op_cancel(forever);
    CHECK(tasks_forever_op_wait(forever, -1) == TASKS_ERROR_CANCELLED);
    tasks_forever_op_free(forever);

    /* A callback that calls back into the library. */
    Reentry reentry = {0};
    atomic_store(&reentry.op, tasks_add_later(5, 5, 10, on_reentry, &reentry));
    CHECK(called(&reentry.seen) == 1 && reentry.seen.number == 10);
    CHECK(reentry.own_wait == 0 && reentry.inner_status == 0 && reentry.inner_result == 11);
    tasks_add_later_op_free(atomic_load(&reentry.op));

    /* Handles: freed, forged and of another operation's type are refused. */
    op = tasks_add_later(1, 1, 0, NULL, NULL);
    tasks_add_later_op_free(op);
    CHECK(tasks_add_later_op_wait(op, -1, &result) == TASKS_ERROR_INVALID_HANDLE);
    tasks_add_later_op_cancel(op);
    CHECK(tasks_last_error_code() == TASKS_ERROR_INVALID_HANDLE);
    tasks_clear_last_error();
    tasks_add_later_op_free(op);
    CHECK(tasks_last_error_code() == TASKS_ERROR_INVALID_HANDLE);
    CHECK(tasks_add_later_op_wait((tasks_add_later_op*)(intptr_t)0x12345, 0, &result) == TASKS_ERROR_INVALID_HANDLE);
    greet = tasks_greet("x", NULL, NULL);
    CHECK(tasks_add_later_op_wait((tasks_add_later_op*)greet, -1, &result) == TASKS_ERROR_INVALID_HANDLE);
    tasks_greet_op_wait(greet, -1, NULL);
    tasks_greet_op_free(greet);

    CHECK(tasks_live_handles() == 0);
    CHECK(tasks_live_allocations() == 0);
    printf("every export: %s\n", failures == 0 ? "ok" : "FAILED");
}

/* Stress: every operation's result is checked in its callback. */
static atomic_long ended;
static atomic_long wrong;

typedef struct {
    int32_t expected;
} Expected;

static void on_checked(void* user_data, int32_t status, int32_t result) {
    Expected* expected = user_data;
    if (status != 0 || result != expected->expected) {
        atomic_fetch_add(&wrong, 1);
    }
    atomic_fetch_add(&ended, 1);
}

typedef struct {
    int first;
    int count;
    Expected* expected;
} Share;

static void* start_share(void* argument) {
    Share* share = argument;
    for (int i = share->first; i < share->first + share->count; i++) {
        share->expected[i].expected = i + 7;
        /* Half end at once (on this thread, inside the call), half a moment later on the pool. */
        tasks_add_later_op* op = tasks_add_later(i, 7, i % 2 == 0 ? 0 : 1 + i % 3, on_checked, &share->expected[i]);
        if (op == NULL) {
            atomic_fetch_add(&wrong, 1);
            atomic_fetch_add(&ended, 1);
            continue;
        }
        tasks_add_later_op_free(op); /* the operation runs on; its callback still comes */
    }
    return NULL;
}

static int stress(int threads, int operations) {
    Expected* expected = calloc((size_t)operations, sizeof *expected);
    pthread_t* ids = calloc((size_t)threads, sizeof *ids);
    Share* shares = calloc((size_t)threads, sizeof *shares);
    for (int t = 0; t < threads; t++) {
        shares[t] = (Share){t * (operations / threads), t == threads - 1 ? operations - t * (operations / threads) : operations / threads, expected};
        pthread_create(&ids[t], NULL, start_share, &shares[t]);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
    }
    for (int i = 0; i < 30000 && atomic_load(&ended) < operations; i++) {
        sleep_ms(1);
    }
    long live = (long)tasks_live_handles();
    printf("%ld operations ended, %ld wrong, %ld handles live\n", (long)atomic_load(&ended), (long)atomic_load(&wrong), live);
    free(shares);
    free(ids);
    free(expected);
    return atomic_load(&ended) == operations && atomic_load(&wrong) == 0 && live == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc == 4 && strcmp(argv[1], "stress") == 0) {
        return stress(atoi(argv[2]), atoi(argv[3]));
    }
    if (argc == 2 && strcmp(argv[1], "exit") == 0) {
        static Seen never;
        for (int i = 0; i < 100; i++) {
            tasks_forever(NULL, NULL);
            tasks_add_later(1, 2, 60000, on_int, &never);
        }
        printf("exiting with 200 operations running\n");
        return 0;
    }
    every_export();
    return failures == 0 ? 0 : 1;
}
