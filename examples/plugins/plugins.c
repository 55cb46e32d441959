/* The plug library takes loggers its caller implements: a plug_ILogger table of C functions, each
 * returning 0 or an error code, plus user_data and release. Checks that C# calls them right, keeps one
 * past the call that gave it, calls it from several threads, sees the caller's failures as exceptions
 * with the caller's code and message, and releases every table exactly once. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plug.h"

static int failures;

#define CHECK(condition)                                                             \
    do {                                                                             \
        if (!(condition)) {                                                          \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

/* One logger's state: what C# made it do. */
typedef struct {
    atomic_long lines;
    atomic_long important;
    atomic_int released;
    atomic_int level;
    int fail_with;          /* non-zero: log fails with this code */
    int call_back_in;       /* log asks the library to count the line's words */
    atomic_long words;
    char last[128];
    pthread_mutex_t lock;
} Logger;

static int32_t log_line(void* user_data, const char* line, bool important) {
    Logger* logger = user_data;
    if (logger->fail_with != 0) {
        plug_set_callback_error(logger->fail_with, "disk full");
        return logger->fail_with;
    }
    if (logger->call_back_in) {
        atomic_fetch_add(&logger->words, plug_count_words(line));
    }
    pthread_mutex_lock(&logger->lock);
    snprintf(logger->last, sizeof logger->last, "%s", line);
    pthread_mutex_unlock(&logger->lock);
    atomic_fetch_add(&logger->lines, 1);
    atomic_fetch_add(&logger->important, important);
    return 0;
}

static int32_t get_level(void* user_data, int32_t* out_result) {
    *out_result = atomic_load(&((Logger*)user_data)->level);
    return 0;
}

static int32_t set_level(void* user_data, int32_t value) {
    if (value < 0) {
        return 1001; /* no message set: C# names the member and the code */
    }
    atomic_store(&((Logger*)user_data)->level, value);
    return 0;
}

static int32_t count(void* user_data, int64_t* out_result) {
    *out_result = atomic_load(&((Logger*)user_data)->lines);
    return 0;
}

static void release(void* user_data) {
    atomic_fetch_add(&((Logger*)user_data)->released, 1);
}

static plug_ILogger table_of(Logger* logger) {
    pthread_mutex_init(&logger->lock, NULL);
    return (plug_ILogger){logger, log_line, get_level, set_level, count, release};
}

/* Collections until the table is released (the finalizer thread runs when it runs). */
static int released_after_collect(Logger* logger) {
    for (int i = 0; i < 50 && atomic_load(&logger->released) == 0; i++) {
        plug_collect();
    }
    return atomic_load(&logger->released);
}

int main(void) {
    /* Lines in, level checked through the getter, a member C# implements itself (Note). */
    static Logger plain;
    plug_ILogger table = table_of(&plain);
    CHECK(plug_log_lines(&table, "one\ntwo\nthree", 7) == 3);
    CHECK(atomic_load(&plain.lines) == 4 && atomic_load(&plain.important) == 3 && strcmp(plain.last, "note: 3 lines") == 0);
    CHECK(plug_set_level(&table, 5) == 5);
    CHECK(plug_log_lines(&table, "dropped", 2) == 0 && atomic_load(&plain.lines) == 4);
    /* Three calls gave C# three objects: each is released once, when collected. */
    CHECK(released_after_collect(&plain) >= 1);
    for (int i = 0; i < 20; i++) {
        plug_collect();
    }
    CHECK(atomic_load(&plain.released) == 3);

    /* Kept past the call that gave it, used from 8 threads, released once after it is let go. */
    static Logger kept;
    table = table_of(&kept);
    plug_keep(&table);
    memset(&table, 0, sizeof table); /* C# copied it: the struct may go */
    plug_collect();
    CHECK(atomic_load(&kept.released) == 0);
    CHECK(plug_log_kept(8, 1000) == 8000);
    CHECK(atomic_load(&kept.released) == 0);
    plug_keep(NULL);
    CHECK(released_after_collect(&kept) == 1);
    CHECK(plug_log_kept(1, 1) == 0 && plug_last_error_code() == PLUG_ERROR_INVALID_OPERATION);

    /* The caller's failure: C# sees the caller's code and message, and so does C at the end. */
    static Logger failing;
    failing.fail_with = 1042;
    table = table_of(&failing);
    CHECK(plug_try_log(&table, "x") == 1042);
    CHECK(plug_log_lines(&table, "a\nb", 9) == 0 && plug_last_error_code() == 1042);
    CHECK(strcmp(plug_last_error_message(), "disk full") == 0);
    CHECK(plug_set_level(&table, -1) == 0 && plug_last_error_code() == 1001);
    CHECK(strcmp(plug_last_error_message(), "the caller's ILogger.Level failed with code 1001") == 0);

    /* An implementation that calls back into the library. */
    static Logger reentrant;
    reentrant.call_back_in = 1;
    table = table_of(&reentrant);
    CHECK(plug_log_lines(&table, "a b c\nd e", 1) == 2 && atomic_load(&reentrant.words) == 3 + 2 + 3); /* and "note: 2 lines" */

    /* Refused at the boundary: NULL where a logger is needed, a table missing a function. */
    CHECK(plug_log_lines(NULL, "x", 1) == 0 && plug_last_error_code() == PLUG_ERROR_NULL_ARGUMENT);
    plug_ILogger broken = table_of(&plain);
    broken.count = NULL;
    CHECK(plug_log_lines(&broken, "x", 1) == 0 && plug_last_error_code() == PLUG_ERROR_INVALID_ARGUMENT);
    CHECK(strcmp(plug_last_error_message(), "'logger' has no count function (NULL)") == 0);

    for (int i = 0; i < 20; i++) {
        plug_collect();
    }
    CHECK(atomic_load(&failing.released) == 3 && atomic_load(&reentrant.released) == 1);
    CHECK(plug_live_handles() == 0 && plug_live_allocations() == 0);
    printf("every interface call: %s\n", failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
