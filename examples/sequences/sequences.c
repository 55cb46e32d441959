/* The seq library's iterator exports, called from C: every item shape, a sequence that fails
 * midway, one ended early (its finally block runs), one that is no sequence at all, items that are
 * objects, an object's own sequence, refused handles, and four threads taking turns on one iterator.
 * Prints one line and exits 0 when everything held. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seq.h"

static int failures;

#define CHECK(condition)                                                             \
    do {                                                                             \
        if (!(condition)) {                                                          \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

/* Four threads take items from one iterator: each item comes out exactly once. */
static seq_range_iter* shared;
static atomic_int seen[1000];
static atomic_int taken;

static void* take(void* unused) {
    (void)unused;
    int32_t item;
    while (seq_range_iter_next(shared, &item)) {
        if (item >= 0 && item < 1000) {
            atomic_fetch_add(&seen[item], 1);
        }
        atomic_fetch_add(&taken, 1);
    }
    return NULL;
}

int main(void) {
    /* Numbers, to the end: false with the last error cleared. */
    seq_range_iter* range = seq_range(5, 3);
    int32_t number = -1;
    int32_t expected = 5;
    while (seq_range_iter_next(range, &number)) {
        CHECK(number == expected);
        expected++;
    }
    CHECK(expected == 8 && number == 0 && seq_last_error_code() == SEQ_ERROR_NONE);
    CHECK(!seq_range_iter_next(range, &number)); /* the end stays the end */
    seq_range_iter_free(range);

    /* Text: each word is the caller's to free. */
    seq_words_iter* words = seq_words("naïve  words here");
    const char* expected_words[] = {"naïve", "words", "here"};
    char* word = NULL;
    int count = 0;
    while (seq_words_iter_next(words, &word)) {
        CHECK(count < 3 && strcmp(word, expected_words[count]) == 0);
        seq_free_string(word);
        count++;
    }
    CHECK(count == 3 && word == NULL);
    seq_words_iter_free(words);
    CHECK(seq_words(NULL) == NULL && seq_last_error_code() == SEQ_ERROR_NULL_ARGUMENT);

    /* Flags and structs. */
    seq_evens_iter* evens = seq_evens(4);
    bool flag;
    for (int i = 0; i < 4; i++) {
        CHECK(seq_evens_iter_next(evens, &flag) && flag == (i % 2 == 0));
    }
    CHECK(!seq_evens_iter_next(evens, &flag));
    seq_evens_iter_free(evens);
    seq_diagonal_iter* diagonal = seq_diagonal(3);
    seq_Point point;
    for (int i = 0; i < 3; i++) {
        CHECK(seq_diagonal_iter_next(diagonal, &point) && point.X == i && point.Y == 2 * i);
    }
    seq_diagonal_iter_free(diagonal);

    /* An exception surfaces at the next that hit it, with its code; then the sequence has ended. */
    seq_fail_after_iter* failing = seq_fail_after(2);
    CHECK(seq_fail_after_iter_next(failing, &number) && number == 0);
    CHECK(seq_fail_after_iter_next(failing, &number) && number == 1);
    CHECK(!seq_fail_after_iter_next(failing, &number) && number == 0 && seq_last_error_code() == 1001);
    CHECK(strcmp(seq_last_error_message(), "no more after 2") == 0);
    CHECK(!seq_fail_after_iter_next(failing, &number) && seq_last_error_code() == SEQ_ERROR_NONE);
    seq_fail_after_iter_free(failing);

    /* Ended early: freeing disposes the enumerator, so its finally block runs, once. */
    int finished = seq_endless_finished();
    seq_endless_iter* endless = seq_endless();
    int64_t big;
    for (int i = 0; i < 100; i++) {
        CHECK(seq_endless_iter_next(endless, &big) && big == i);
    }
    CHECK(seq_endless_finished() == finished);
    seq_endless_iter_free(endless);
    CHECK(seq_endless_finished() == finished + 1);

    /* No sequence at all: the call fails, as any export's does. */
    CHECK(seq_nothing() == NULL && seq_last_error_code() == SEQ_ERROR_INVALID_OPERATION);

    /* Objects: each item is a handle with one owner for the caller; an object's own sequence. */
    seq_counters_iter* counters = seq_counters(3);
    seq_Counter* counter;
    for (int i = 0; i < 3; i++) {
        CHECK(seq_counters_iter_next(counters, &counter) && seq_counter_value(counter) == 10 * i);
        if (i == 2) {
            seq_counter_steps_iter* steps = seq_counter_steps(counter, 2);
            int64_t step;
            CHECK(seq_counter_steps_iter_next(steps, &step) && step == 21);
            CHECK(seq_counter_steps_iter_next(steps, &step) && step == 22);
            CHECK(!seq_counter_steps_iter_next(steps, &step));
            seq_counter_steps_iter_free(steps);
        }
        seq_counter_free(counter);
    }
    seq_counters_iter_free(counters);

    /* Handles: NULL out_item loses no item; freed, forged and other exports' iterators are refused. */
    range = seq_range(0, 2);
    CHECK(!seq_range_iter_next(range, NULL) && seq_last_error_code() == SEQ_ERROR_NULL_ARGUMENT);
    CHECK(seq_range_iter_next(range, &number) && number == 0);
    evens = seq_evens(1);
    CHECK(!seq_range_iter_next((seq_range_iter*)evens, &number) && seq_last_error_code() == SEQ_ERROR_INVALID_HANDLE);
    seq_evens_iter_free(evens);
    seq_range_iter_free(range);
    CHECK(!seq_range_iter_next(range, &number) && seq_last_error_code() == SEQ_ERROR_INVALID_HANDLE);
    seq_clear_last_error();
    seq_range_iter_free(range);
    CHECK(seq_last_error_code() == SEQ_ERROR_INVALID_HANDLE);

    /* Four threads take turns on one iterator of 1,000 items. */
    shared = seq_range(0, 1000);
    pthread_t threads[4];
    for (int t = 0; t < 4; t++) {
        pthread_create(&threads[t], NULL, take, NULL);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
    }
    CHECK(atomic_load(&taken) == 1000);
    for (int i = 0; i < 1000; i++) {
        CHECK(atomic_load(&seen[i]) == 1);
    }
    seq_range_iter_free(shared);

    CHECK(seq_live_handles() == 0 && seq_live_allocations() == 0);
    printf("every iterator: %s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
