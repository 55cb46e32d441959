/* Threads that make a process's first calls into the library at the same moment (a server that starts
 * its workers before anything has touched the library, or Node completing Promises on the main thread
 * while the library's thread pool runs the next operation). The first calls start the library's class
 * constructors on several threads at once; each process here is a fresh fork, so each one races anew.
 * A process that aborts or hangs (killed after 20 s) is counted; prints one line with the tallies.
 *   first_calls PROCESSES THREADS
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tasks.h"

static pthread_barrier_t start;

static void on_sum(void* user_data, int32_t status, int32_t sum) {
    (void)user_data;
    if (status != TASKS_ERROR_NONE || sum != 3) {
        _exit(3);
    }
}

/* Thread 0 marshals text (the UTF-8 encoder's class constructor); the others start operations that
 * end on the library's thread pool, immediately or after 1 or 2 ms (the task and timer classes). */
static void* first_call(void* argument) {
    long index = (long)argument;
    pthread_barrier_wait(&start);
    if (index == 0) {
        char* greeting = NULL;
        tasks_greet_op* op = tasks_greet("first", NULL, NULL);
        if (tasks_greet_op_wait(op, -1, &greeting) != TASKS_ERROR_NONE) {
            _exit(4);
        }
        tasks_free_string(greeting);
        tasks_greet_op_free(op);
    } else {
        tasks_add_later_op* op = tasks_add_later(1, 2, (int32_t)(index % 3), on_sum, NULL);
        /* The callback takes the sum; the wait only says the operation ended. */
        if (tasks_add_later_op_wait(op, -1, NULL) != TASKS_ERROR_NONE) {
            _exit(5);
        }
        tasks_add_later_op_free(op);
    }
    return NULL;
}

static int one_process(int threads) {
    pthread_t ids[64];
    alarm(20);
    pthread_barrier_init(&start, NULL, (unsigned)threads);
    for (long i = 0; i < threads; i++) {
        if (pthread_create(&ids[i], NULL, first_call, (void*)i) != 0) {
            return 6;
        }
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
    }
    return 0;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: first_calls PROCESSES THREADS\n");
        return 2;
    }
    int processes = atoi(argv[1]);
    int threads = atoi(argv[2]);
    if (threads < 2 || threads > 64) {
        fprintf(stderr, "THREADS must be 2 to 64\n");
        return 2;
    }
    /* This process never calls the library, so every fork starts with the runtime not yet started. */
    int aborted = 0, hung = 0, failed = 0;
    for (int p = 0; p < processes; p++) {
        pid_t child = fork();
        if (child < 0) {
            perror("fork");
            return 1;
        }
        if (child == 0) {
            _exit(one_process(threads));
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
            hung++;
        } else if (WIFSIGNALED(status)) {
            aborted++;
        } else if (WEXITSTATUS(status) != 0) {
            failed++;
        }
    }
    printf("%d processes of %d threads: %d aborted, %d hung, %d failed\n", processes, threads, aborted, hung, failed);
    return aborted + hung + failed == 0 ? 0 : 1;
}
