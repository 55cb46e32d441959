/* Short-lived native threads, each failing once (a thread pool that keeps replacing its threads, or a
 * host that starts a thread per request): the error each leaves behind must go with its thread.
 * Prints the resident memory after a warm-up and after all threads, in KiB.
 *   short_threads THREADS WARMUP MESSAGE_BYTES
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bnd.h"

static char* text;

static void* fail_once(void* unused) {
    (void)unused;
    int32_t value = 0;
    int32_t status = bnd_parse(text, &value);
    const char* message = bnd_last_error_message();
    /* The message quotes the text: the whole of it must be readable. */
    if (status != BND_ERROR_INVALID_ARGUMENT || bnd_last_error_code() != BND_ERROR_INVALID_ARGUMENT
        || message[0] != '\'' || strncmp(message + 1, text, strlen(text)) != 0) {
        return (void*)1;
    }
    return NULL;
}

static long resident_kib(void) {
    long size = 0, resident = 0;
    FILE* statm = fopen("/proc/self/statm", "r");
    if (statm == NULL || fscanf(statm, "%ld %ld", &size, &resident) != 2) {
        return -1;
    }
    fclose(statm);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int run(int threads) {
    for (int i = 0; i < threads; i++) {
        pthread_t thread;
        void* failed = NULL;
        if (pthread_create(&thread, NULL, fail_once, NULL) != 0 || pthread_join(thread, &failed) != 0) {
            printf("thread %d could not run\n", i);
            return 1;
        }
        if (failed != NULL) {
            printf("thread %d: the failure was not reported as expected\n", i);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: short_threads THREADS WARMUP MESSAGE_BYTES\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    int warmup = atoi(argv[2]);
    size_t bytes = (size_t)atol(argv[3]);
    text = malloc(bytes + 1);
    memset(text, 'x', bytes);
    text[bytes] = '\0';
    if (run(warmup) != 0) {
        return 1;
    }
    long before = resident_kib();
    if (run(threads) != 0) {
        return 1;
    }
    long after = resident_kib();
    printf("%ld %ld\n", before, after);
    free(text);
    return 0;
}
