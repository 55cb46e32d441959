/* Exports without the GC transition, as a host calls them.
 *   transition_free alone
 *     Only transition-free calls (from the main thread and from threads that never called the library
 *     before): the runtime must not start, so the process keeps its one thread. Then one ordinary call,
 *     which starts the runtime and its threads, to show the count would have seen it.
 *   transition_free stress CALLERS ROUNDS
 *     CALLERS threads call the transition-free exports and check every result, while two threads force
 *     full collections through an ordinary export that allocates; half the callers are short-lived
 *     threads started one after another, each new to the library. Prints the checks made. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prim.h"

static atomic_long checks;
static atomic_long wrong;
static atomic_long collections;
static atomic_int callers_done;

static int thread_count(void) {
    int count = 0;
    DIR* tasks = opendir("/proc/self/task");
    if (tasks == NULL) {
        return -1;
    }
    for (struct dirent* entry; (entry = readdir(tasks)) != NULL;) {
        count += entry->d_name[0] != '.';
    }
    closedir(tasks);
    return count;
}

/* One round of every transition-free export with inputs derived from seed, each result checked. */
static void calls(int32_t seed) {
    int32_t values[64];
    int64_t expected = 0;
    for (int i = 0; i < 64; i++) {
        values[i] = seed * 31 + i;
        expected += values[i];
    }
    long bad = 0;
    bad += prim_fast_add(seed, 7) != (int32_t)((uint32_t)seed + 7u);
    bad += prim_fast_sum(values, 64) != expected;
    prim_Cell middle = prim_fast_middle((prim_Cell){seed, -seed}, (prim_Cell){seed + 2, 2 - seed});
    bad += middle.X != ((seed + seed + 2) >> 1) || middle.Y != ((2 - 2 * seed) >> 1);
    prim_Vec2 unit = prim_fast_normalize((prim_Vec2){3.0 * (seed + 1), 4.0 * (seed + 1)});
    bad += fabs(unit.X - 0.6) > 1e-9 || fabs(unit.Y - 0.8) > 1e-9;
    bad += prim_fast_popcount((uint64_t)seed) != __builtin_popcountll((unsigned long long)(uint64_t)seed);
    atomic_fetch_add(&checks, 5);
    atomic_fetch_add(&wrong, bad);
}

static void* caller(void* argument) {
    int rounds = (int)(intptr_t)argument;
    for (int i = 0; i < rounds; i++) {
        calls(i);
    }
    return NULL;
}

/* Short-lived threads one after another, each new to the library, each making a few rounds. */
static void* short_lived_callers(void* argument) {
    int rounds = (int)(intptr_t)argument;
    for (int done = 0; done < rounds; done += 50) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, caller, (void*)(intptr_t)50) != 0 || pthread_join(thread, NULL) != 0) {
            atomic_fetch_add(&wrong, 1);
            return NULL;
        }
    }
    return NULL;
}

static void* collector(void* unused) {
    (void)unused;
    while (atomic_load(&callers_done) == 0) {
        if (prim_collect(2000) != 2000) {
            atomic_fetch_add(&wrong, 1);
        }
        atomic_fetch_add(&collections, 1);
    }
    return NULL;
}

static int alone(void) {
    calls(1);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&threads[i], NULL, caller, (void*)(intptr_t)100);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
    }
    int before = thread_count();
    int32_t collected = prim_collect(1);
    int after = thread_count();
    printf("threads after transition-free calls: %d; after an ordinary call: %s\n", before, after > before ? "more" : "the same");
    return before == 1 && after > before && collected == 1 && atomic_load(&wrong) == 0 ? 0 : 1;
}

static int stress(int callers, int rounds) {
    pthread_t collectors[2], threads[64];
    /* The runtime is up (and collecting) before the first transition-free call. */
    prim_collect(1);
    for (int i = 0; i < 2; i++) {
        pthread_create(&collectors[i], NULL, collector, NULL);
    }
    for (int i = 0; i < callers; i++) {
        pthread_create(&threads[i], NULL, i % 2 == 0 ? caller : short_lived_callers, (void*)(intptr_t)rounds);
    }
    for (int i = 0; i < callers; i++) {
        pthread_join(threads[i], NULL);
    }
    atomic_store(&callers_done, 1);
    for (int i = 0; i < 2; i++) {
        pthread_join(collectors[i], NULL);
    }
    long expected = 5L * callers * rounds;
    printf("%ld checks, %ld wrong, %s\n", atomic_load(&checks), atomic_load(&wrong),
           atomic_load(&collections) > 0 ? "collections ran meanwhile" : "no collection ran");
    return atomic_load(&checks) == expected && atomic_load(&wrong) == 0 && atomic_load(&collections) > 0 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "alone") == 0) {
        return alone();
    }
    if (argc == 4 && strcmp(argv[1], "stress") == 0 && atoi(argv[2]) > 0 && atoi(argv[2]) <= 64) {
        return stress(atoi(argv[2]), atoi(argv[3]));
    }
    fprintf(stderr, "usage: transition_free alone | stress CALLERS ROUNDS\n");
    return 2;
}
