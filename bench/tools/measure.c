/* Runs a command and reports its wall time and peak memory, for ../all.sh.
 *
 *   measure [-n N] [-w W] [-o LOG] -- COMMAND [ARG...]
 *
 * Runs COMMAND W times untimed (warm-up: page cache, build servers), then N times timed (default
 * 1), one after the other; its stdout goes to /dev/null (-o LOG: stdout and stderr appended to LOG;
 * without -o, stderr goes to /dev/null too). Prints one line:
 *
 *   MEDIAN_WALL_MS MEDIAN_PEAK_RSS_KB MIN_WALL_MS MAX_WALL_MS
 *
 * Wall time is CLOCK_MONOTONIC around fork..wait4; the peak resident set is the child's ru_maxrss
 * from wait4 (for a process that runs others, the largest of it and the children it waited for).
 * Exits 1 without printing the line if any run exits non-zero or is killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 255

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One run: returns 0 and fills wall/rss, or the failure status. */
static int run(char **argv, const char *log, double *wall_ms, double *rss_kb) {
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        exit(2);
    }
    if (pid == 0) {
        int out = open(log ? log : "/dev/null", log ? O_WRONLY | O_CREAT | O_APPEND : O_WRONLY, 0644);
        if (out < 0) _exit(126);
        dup2(out, 1);
        dup2(out, 2);
        close(out);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("measure: wait4");
            exit(2);
        }
    }
    *wall_ms = now_ms() - t0;
    *rss_kb = (double)usage.ru_maxrss;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
    int n = 1, warm = 0, i = 1;
    const char *log = NULL;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) n = atoi(argv[++i]);
        else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) warm = atoi(argv[++i]);
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) log = argv[++i];
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else break;
    }
    if (i >= argc || n < 1 || n > MAX_RUNS || warm < 0) {
        fprintf(stderr, "usage: measure [-n N] [-w W] [-o LOG] -- COMMAND [ARG...]\n");
        return 2;
    }
    char **command = argv + i;
    double wall[MAX_RUNS], rss[MAX_RUNS], w, r;
    for (int k = 0; k < warm + n; k++) {
        int status = run(command, log, &w, &r);
        if (status != 0) {
            fprintf(stderr, "measure: %s exited with status %d\n", command[0], status);
            return 1;
        }
        if (k >= warm) {
            wall[k - warm] = w;
            rss[k - warm] = r;
        }
    }
    double lo = wall[0], hi = wall[0];
    for (int k = 1; k < n; k++) {
        if (wall[k] < lo) lo = wall[k];
        if (wall[k] > hi) hi = wall[k];
    }
    double mw = median(wall, n), mr = median(rss, n);
    printf("%.3f %.0f %.3f %.3f\n", mw, mr, lo, hi);
    return 0;
}
