/* The shim-cost benchmark driver: one C program that loads the three libraries built by
 * ../run.sh (ours: Cdylib's generated shims; handwritten: [UnmanagedCallersOnly] by hand; rust: a
 * Rust cdylib), each with dlopen(RTLD_LOCAL) so the same names never meet, and prints one table.
 *
 *   driver OURS.so HANDWRITTEN.so RUST.so [--rounds N] [--target-ms MS] [--load-samples N]
 *          [--no-callgrind] [--summary FILE]
 *       the whole benchmark: wall time per call, load + first call (fresh processes), and
 *       callgrind instructions per call (when valgrind is installed); --summary also writes every
 *       figure as "key value" lines to FILE (../all.sh reads them)
 *   driver load LIB [SYMBOL]
 *       one fresh-process sample: prints "DLOPEN_NS FIRST_CALL_NS" for dlopen + the first add()
 *       (or the first SYMBOL(), an export of add's signature, e.g. add_fast)
 *   driver load-init LIB
 *       the same with NAME_init() (NAME: the file name without lib and .so) called between dlopen
 *       and the first add(): prints "DLOPEN_NS INIT_NS FIRST_CALL_NS"
 *   driver count LIB|- CASE N
 *       N calls of CASE (add, str_short, str_long, span_short, span_long, handle; CASE=SYMBOL calls
 *       another export of the same signature) inside counted_loop(), which callgrind is told to
 *       count (--toggle-collect); "-" is the driver's own near-empty C function: the loop's cost
 *
 * Ours' other exports: ours also exports add_fast and span_sum_fast ([CExport,
 * SuppressGCTransition]: plain C functions, no reverse P/Invoke) and str_len_utf8 (a Utf8Text
 * parameter: checked like a string but read in place, no UTF-16 copy). Each runs as one more cell of
 * its case in the same rounds (add_fast also as one more load sample kind), compared with Rust's
 * function and ours' ordinary export; alt_symbols[] names them per case (alt_keys[] their summary
 * keys), and `count` measures them as CASE=SYMBOL.
 *
 * The handle case: counter_new(0) once per library, then counter_add(counter, 1) per call (a method
 * on an object C holds by handle); the counter is freed with counter_free or NAME_counter_free.
 *
 * Wall time: each cell is one timed loop of `iterations` calls into a volatile sink; a round
 * times every case in every library, the libraries interleaved (their order rotating from round
 * to round) so drift hits all of them alike; a cell's figure is the median over the rounds, and a
 * ratio is the median over rounds of the per-round ratio (paired, so slow phases of the VM cancel).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef int32_t (*add_fn)(int32_t, int32_t);
typedef size_t (*str_len_fn)(const char *);
typedef uint64_t (*span_sum_fn)(const uint8_t *, size_t);
typedef void *(*counter_new_fn)(int64_t);
typedef int64_t (*counter_add_fn)(void *, int64_t);
typedef void (*counter_free_fn)(void *);
typedef void (*init_fn)(void);

enum { LIB_OURS, LIB_HAND, LIB_RUST, NLIBS };
static const char *const lib_names[NLIBS] = {"ours", "handwritten", "rust"};

typedef struct {
    const char *path;
    void *handle;
    add_fn add;
    str_len_fn str_len;
    span_sum_fn span_sum;
    counter_new_fn counter_new;
    counter_add_fn counter_add;
    counter_free_fn counter_free;
    void *counter; /* the handle the handle case calls counter_add on */
    add_fn add_fast;           /* ours only: add and span_sum without the GC transition, */
    span_sum_fn span_sum_fast;
    str_len_fn str_len_utf8;   /* and str_len over a Utf8Text parameter */
} library;

enum { CASE_ADD, CASE_STR_SHORT, CASE_STR_LONG, CASE_SPAN_SHORT, CASE_SPAN_LONG, CASE_HANDLE, NCASES };
static const char *const case_names[NCASES] = {
    "add", "str_len 12 B", "str_len 1 KiB", "span_sum 16 B", "span_sum 4 KiB", "counter_add"};
static const char *const case_keys[NCASES] = {"add", "str_short", "str_long", "span_short", "span_long", "handle"};
/* Ours' other export of the same signature for a case (or NULL), and its summary keys' suffix. */
static const char *const alt_symbols[NCASES] = {"add_fast", "str_len_utf8", "str_len_utf8", "span_sum_fast", "span_sum_fast", NULL};
static const char *const alt_keys[NCASES] = {"ours_fast", "ours_utf8", "ours_utf8", "ours_fast", "ours_fast", NULL};

#define SHORT_TEXT "hello, world"           /* 12 bytes, ASCII */
#define LONG_TEXT_BYTES 1024
#define SHORT_SPAN 16
#define LONG_SPAN 4096

static char long_text[LONG_TEXT_BYTES + 1];
static uint8_t span_data[LONG_SPAN];

static volatile int32_t sink32;
static volatile size_t sink_size;
static volatile uint64_t sink64;

/* The loop's own cost: the same indirect call into a C function of the driver that does (almost) nothing. */
__attribute__((noinline)) static int32_t c_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
__attribute__((noinline)) static size_t c_str_len(const char *s) { return (size_t)(unsigned char)s[0]; }
__attribute__((noinline)) static uint64_t c_span_sum(const uint8_t *p, size_t n) { return n ? p[0] : 0; }
__attribute__((noinline)) static int64_t c_counter_add(void *c, int64_t amount) { return *(int64_t *)c += amount; }
static int64_t c_counter;

static uint64_t byte_sum(const uint8_t *p, size_t n) {
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) s += p[i];
    return s;
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void fill_inputs(void) {
    /* 1 KiB of text, mostly ASCII with a two-byte character in every sentence, cut on a character boundary. */
    static const char sentence[] = "The quick brown fox jumps over the lazy d\xc3\xb6g. ";
    size_t n = 0, k = sizeof sentence - 1;
    while (n + k <= LONG_TEXT_BYTES) {
        memcpy(long_text + n, sentence, k);
        n += k;
    }
    while (n < LONG_TEXT_BYTES) long_text[n++] = '.';
    long_text[LONG_TEXT_BYTES] = 0;
    for (size_t i = 0; i < LONG_SPAN; i++) span_data[i] = (uint8_t)(i * 7 + 3);
}

static void *must_sym(void *h, const char *path, const char *name) {
    void *p = dlsym(h, name);
    if (!p) {
        fprintf(stderr, "driver: %s does not export %s\n", path, name);
        exit(2);
    }
    return p;
}

/* NAME_suffix for the library at path (NAME: its file name without "lib" and ".so"), or NULL. */
static void *prefixed_sym(void *h, const char *path, const char *suffix) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "lib", 3) == 0) base += 3;
    char name[256];
    int n = (int)strcspn(base, ".");
    snprintf(name, sizeof name, "%.*s_%s", n, base, suffix);
    return dlsym(h, name);
}

static void open_library(library *lib, const char *path) {
    lib->path = path;
    lib->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib->handle) {
        fprintf(stderr, "driver: dlopen(%s): %s\n", path, dlerror());
        exit(2);
    }
    lib->add = (add_fn)must_sym(lib->handle, path, "add");
    lib->str_len = (str_len_fn)must_sym(lib->handle, path, "str_len");
    lib->span_sum = (span_sum_fn)must_sym(lib->handle, path, "span_sum");
    lib->counter_new = (counter_new_fn)must_sym(lib->handle, path, "counter_new");
    lib->counter_add = (counter_add_fn)must_sym(lib->handle, path, "counter_add");
    /* Cdylib names a handle type's free function NAME_counter_free; the others say counter_free. */
    lib->counter_free = (counter_free_fn)dlsym(lib->handle, "counter_free");
    if (!lib->counter_free) lib->counter_free = (counter_free_fn)prefixed_sym(lib->handle, path, "counter_free");
    if (!lib->counter_free) {
        fprintf(stderr, "driver: %s exports neither counter_free nor NAME_counter_free\n", path);
        exit(2);
    }
    lib->counter = lib->counter_new(0);
    if (!lib->counter) {
        fprintf(stderr, "driver: %s: counter_new(0) returned NULL\n", path);
        exit(2);
    }
    lib->add_fast = (add_fn)dlsym(lib->handle, "add_fast");
    lib->span_sum_fast = (span_sum_fn)dlsym(lib->handle, "span_sum_fast");
    lib->str_len_utf8 = (str_len_fn)dlsym(lib->handle, "str_len_utf8");
}

static library c_library(void) {
    library lib = {.path = "(driver's C functions)", .add = c_add, .str_len = c_str_len, .span_sum = c_span_sum,
                   .counter_add = c_counter_add, .counter = &c_counter};
    return lib;
}

/* The library with its other exports (alt_symbols[]) in place of add, str_len and span_sum. */
static library other_exports(const library *lib) {
    library alt = *lib;
    alt.add = lib->add_fast;
    alt.span_sum = lib->span_sum_fast;
    alt.str_len = lib->str_len_utf8;
    return alt;
}

/* Runs `n` calls of case `c`; returns the elapsed nanoseconds. */
static int64_t run_case(const library *lib, int c, long n) {
    int64_t t0 = now_ns();
    switch (c) {
    case CASE_ADD: {
        add_fn f = lib->add;
        for (long i = 0; i < n; i++) sink32 = f((int32_t)i, 1);
        break;
    }
    case CASE_STR_SHORT:
    case CASE_STR_LONG: {
        str_len_fn f = lib->str_len;
        const char *s = c == CASE_STR_SHORT ? SHORT_TEXT : long_text;
        for (long i = 0; i < n; i++) sink_size = f(s);
        break;
    }
    case CASE_SPAN_SHORT:
    case CASE_SPAN_LONG: {
        span_sum_fn f = lib->span_sum;
        size_t len = c == CASE_SPAN_SHORT ? SHORT_SPAN : LONG_SPAN;
        for (long i = 0; i < n; i++) sink64 = f(span_data, len);
        break;
    }
    case CASE_HANDLE: {
        counter_add_fn f = lib->counter_add;
        void *counter = lib->counter;
        for (long i = 0; i < n; i++) sink64 = (uint64_t)f(counter, 1);
        break;
    }
    }
    return now_ns() - t0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(const double *v, int n) {
    double tmp[256];
    memcpy(tmp, v, (size_t)n * sizeof *v);
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
    return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

static double spread(const double *v, int n) {
    double lo = v[0], hi = v[0];
    for (int i = 1; i < n; i++) {
        if (v[i] < lo) lo = v[i];
        if (v[i] > hi) hi = v[i];
    }
    return (hi - lo) / median(v, n);
}

/* Same answers everywhere, including the failure value (0) for NULL and invalid UTF-8; returns 1
   if lib (named name) disagrees. */
static int check_library(const library *lib, const char *name) {
    size_t long_len = strlen(long_text);
    uint64_t short_sum = byte_sum(span_data, SHORT_SPAN), long_sum = byte_sum(span_data, LONG_SPAN);
    int bad = 0;
    struct { const char *what; uint64_t got, want; } checks[] = {
        {"add(2, 3)", (uint64_t)(uint32_t)lib->add(2, 3), 5},
        {"add(INT32_MAX, 1)", (uint64_t)(uint32_t)lib->add(INT32_MAX, 1), (uint64_t)(uint32_t)INT32_MIN},
        {"str_len(short)", lib->str_len(SHORT_TEXT), strlen(SHORT_TEXT)},
        {"str_len(long)", lib->str_len(long_text), long_len},
        {"str_len(\"\")", lib->str_len(""), 0},
        {"str_len(NULL)", lib->str_len(NULL), 0},
        {"str_len(invalid UTF-8)", lib->str_len("ab\xff"), 0},
        {"span_sum(16 B)", lib->span_sum(span_data, SHORT_SPAN), short_sum},
        {"span_sum(4 KiB)", lib->span_sum(span_data, LONG_SPAN), long_sum},
        {"span_sum(NULL, 0)", lib->span_sum(NULL, 0), 0},
        {"span_sum(NULL, 5)", lib->span_sum(NULL, 5), 0},
        {"counter_add(NULL, 1)", (uint64_t)lib->counter_add(NULL, 1), 0},
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        if (checks[i].got != checks[i].want) {
            fprintf(stderr, "driver: %s: %s = %llu, expected %llu\n", name, checks[i].what,
                    (unsigned long long)checks[i].got, (unsigned long long)checks[i].want);
            bad = 1;
        }
    }
    /* A second counter: it starts where asked, adds and wraps, and frees (NULL too). */
    void *c = lib->counter_new(5);
    int64_t a = c ? lib->counter_add(c, 3) : -1, b = c ? lib->counter_add(c, INT64_MAX) : -1;
    if (!c || a != 8 || b != (int64_t)((uint64_t)8 + (uint64_t)INT64_MAX)) {
        fprintf(stderr, "driver: %s: counter_new(5), counter_add 3 and INT64_MAX gave %lld, %lld\n", name,
                (long long)a, (long long)b);
        bad = 1;
    }
    lib->counter_free(c);
    lib->counter_free(NULL);
    return bad;
}

static const char *self_exe(void) {
    static char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) {
        perror("driver: readlink(/proc/self/exe)");
        exit(2);
    }
    path[n] = 0;
    return path;
}

/* Runs argv, returns what it wrote to stdout (to_stderr: to stderr) in buf; the exit status. */
static int capture(char *const argv[], int from_stderr, char *buf, size_t size) {
    int fds[2];
    if (pipe(fds) != 0) {
        perror("driver: pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("driver: fork");
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], from_stderr ? 2 : 1);
        if (from_stderr) {
            FILE *null = freopen("/dev/null", "w", stdout);
            (void)null;
        }
        close(fds[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    ssize_t got;
    while ((got = read(fds[0], buf + used, size - 1 - used)) > 0 || (got < 0 && errno == EINTR)) {
        if (got > 0) used += (size_t)got;
        if (used == size - 1) break;
    }
    buf[used] = 0;
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- child modes ---- */

/* Callgrind collects inside this function only (--toggle-collect=counted_loop). */
__attribute__((noinline)) static void counted_loop(const library *lib, int c, long n) { run_case(lib, c, n); }

static int mode_load(const char *path, int with_init, const char *symbol) {
    int64_t t0 = now_ns();
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    int64_t t1 = now_ns();
    if (!h) {
        fprintf(stderr, "driver: dlopen(%s): %s\n", path, dlerror());
        return 2;
    }
    int64_t ti = t1;
    if (with_init) {
        init_fn init = (init_fn)prefixed_sym(h, path, "init");
        if (!init) {
            fprintf(stderr, "driver: %s exports no NAME_init\n", path);
            return 2;
        }
        init();
        ti = now_ns();
    }
    add_fn add = (add_fn)must_sym(h, path, symbol);
    sink32 = add(2, 3);
    int64_t t2 = now_ns();
    if (with_init) printf("%lld %lld %lld\n", (long long)(t1 - t0), (long long)(ti - t1), (long long)(t2 - ti));
    else printf("%lld %lld\n", (long long)(t1 - t0), (long long)(t2 - t1));
    return 0;
}

static int mode_count(const char *path, const char *key, long n) {
    library lib;
    if (strcmp(path, "-") == 0) lib = c_library();
    else open_library(&lib, path);
    fill_inputs();
    /* CASE=SYMBOL measures another export of the same signature (e.g. add=add_try_catch). */
    char name[64];
    snprintf(name, sizeof name, "%s", key);
    char *symbol = strchr(name, '=');
    if (symbol) *symbol++ = 0;
    int c = -1;
    for (int i = 0; i < NCASES; i++)
        if (strcmp(case_keys[i], name) == 0) c = i;
    if (c < 0 || (symbol && !lib.handle)) {
        fprintf(stderr, "driver: unknown case %s\n", key);
        return 2;
    }
    if (symbol) {
        void *f = must_sym(lib.handle, path, symbol);
        if (c == CASE_ADD) lib.add = (add_fn)f;
        else if (c == CASE_STR_SHORT || c == CASE_STR_LONG) lib.str_len = (str_len_fn)f;
        else if (c == CASE_HANDLE) lib.counter_add = (counter_add_fn)f;
        else lib.span_sum = (span_sum_fn)f;
    }
    run_case(&lib, c, 1000); /* warm: the runtime starts on the first call */
    counted_loop(&lib, c, n);
    return 0;
}

/* ---- the benchmark ---- */

static int find_valgrind(void) {
    char buf[256];
    char *argv[] = {"valgrind", "--version", NULL};
    return capture(argv, 0, buf, sizeof buf) == 0;
}

/* Instructions per call of `key` in `path` (or "-"), or a negative number on failure. */
static double callgrind_per_call(const char *path, const char *key, long n) {
    static char out[1 << 16];
    char nbuf[32];
    snprintf(nbuf, sizeof nbuf, "%ld", n);
    /* Valgrind refuses the .NET GC's default 256 GiB address-space reservation (the runtime then
       fails fast on the first call); a 1 GiB range (the value is hex) changes nothing on the
       measured path. */
    char *argv[] = {"env", "DOTNET_GCRegionRange=40000000", "valgrind", "--tool=callgrind", "--collect-atstart=no",
                    "--toggle-collect=counted_loop", "--callgrind-out-file=/dev/null",
                    (char *)self_exe(), "count", (char *)path, (char *)key, nbuf, NULL};
    int rc = capture(argv, 1, out, sizeof out);
    const char *p = strstr(out, "Collected :");
    if (rc != 0 || !p) {
        fprintf(stderr, "driver: callgrind on %s %s failed (exit %d)\n", path, key, rc);
        return -1;
    }
    return strtod(p + strlen("Collected :"), NULL) / (double)n;
}

#define MAX_ROUNDS 255
static const char *verdict(double ratio) { return ratio <= 1.05 ? "holds" : "does NOT hold"; }

static FILE *summary; /* --summary FILE: every figure as "key value" */

static void put(const char *key, double value) {
    if (summary) fprintf(summary, "%s %.6g\n", key, value);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "load") == 0) return mode_load(argv[2], 0, argc == 4 ? argv[3] : "add");
    if (argc == 3 && strcmp(argv[1], "load-init") == 0) return mode_load(argv[2], 1, "add");
    if (argc == 5 && strcmp(argv[1], "count") == 0) return mode_count(argv[2], argv[3], atol(argv[4]));

    int rounds = 11, target_ms = 120, use_callgrind = 1, load_samples = 21;
    const char *paths[NLIBS], *summary_path = NULL;
    int npaths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--target-ms") == 0 && i + 1 < argc) target_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--load-samples") == 0 && i + 1 < argc) load_samples = atoi(argv[++i]);
        else if (strcmp(argv[i], "--summary") == 0 && i + 1 < argc) summary_path = argv[++i];
        else if (strcmp(argv[i], "--no-callgrind") == 0) use_callgrind = 0;
        else if (npaths < NLIBS && argv[i][0] != '-') paths[npaths++] = argv[i];
        else npaths = -100;
    }
    if (npaths != NLIBS || rounds < 1 || rounds > MAX_ROUNDS || target_ms < 1 || load_samples < 1 ||
        load_samples > MAX_ROUNDS) {
        fprintf(stderr,
                "usage: driver OURS.so HANDWRITTEN.so RUST.so [--rounds N] [--target-ms MS] [--load-samples N]\n"
                "                                             [--no-callgrind] [--summary FILE]\n"
                "       driver load LIB [SYMBOL]\n"
                "       driver load-init LIB\n"
                "       driver count LIB|- CASE N\n");
        return 2;
    }
    if (summary_path && !(summary = fopen(summary_path, "w"))) {
        fprintf(stderr, "driver: cannot write %s: %s\n", summary_path, strerror(errno));
        return 2;
    }

    fill_inputs();
    library libs[NLIBS];
    for (int l = 0; l < NLIBS; l++) open_library(&libs[l], paths[l]);
    if (!libs[LIB_OURS].add_fast || !libs[LIB_OURS].span_sum_fast || !libs[LIB_OURS].str_len_utf8) {
        fprintf(stderr, "driver: %s exports no add_fast, span_sum_fast or str_len_utf8 (ours' other exports)\n", paths[LIB_OURS]);
        return 2;
    }
    /* Ours with its other exports: a cell of its own in the cases alt_symbols[] names. */
    library tf = other_exports(&libs[LIB_OURS]);
    int bad = check_library(&tf, "ours (add_fast, str_len_utf8, span_sum_fast)");
    for (int l = 0; l < NLIBS; l++) bad |= check_library(&libs[l], lib_names[l]);
    if (bad) return 1;
    library cl = c_library();
    /* The diagnosis row: the handwritten library's add() wrapped the way the shim wraps it. */
    library tc = libs[LIB_HAND];
    tc.add = (add_fn)dlsym(libs[LIB_HAND].handle, "add_try_catch");
    int have_tc = tc.add != NULL;

    /* Warm up (runtime start, first allocations, caches), then size each case so that a cell of
       its slowest library takes about target_ms. */
    long iters[NCASES];
    for (int c = 0; c < NCASES; c++) {
        double worst = 0;
        for (int l = 0; l < NLIBS; l++) {
            long n = 1000;
            int64_t t;
            while ((t = run_case(&libs[l], c, n)) < 20000000) n *= 2;
            double per = (double)t / (double)n;
            if (per > worst) worst = per;
        }
        iters[c] = (long)(target_ms * 1e6 / worst);
        if (iters[c] < 1000) iters[c] = 1000;
    }
    if (have_tc) run_case(&tc, CASE_ADD, iters[CASE_ADD] / 10);
    for (int c = 0; c < NCASES; c++)
        if (alt_symbols[c]) run_case(&tf, c, iters[c] / 10);

    static double ns[NCASES][NLIBS][MAX_ROUNDS], c_ns[MAX_ROUNDS], tc_ns[MAX_ROUNDS], tf_ns[NCASES][MAX_ROUNDS];
    static double r_oh[NCASES][MAX_ROUNDS], r_or[NCASES][MAX_ROUNDS], r_hr[NCASES][MAX_ROUNDS];
    static double r_th[MAX_ROUNDS], r_ot[MAX_ROUNDS], r_fr[NCASES][MAX_ROUNDS], r_fo[NCASES][MAX_ROUNDS];
    fprintf(stderr, "driver: %d rounds of %d cases x %d libraries ", rounds, NCASES, NLIBS);
    for (int r = 0; r < rounds; r++) {
        fprintf(stderr, ".");
        for (int c = 0; c < NCASES; c++) {
            /* The cells beyond the three libraries: a library and where its times go. */
            typedef struct { const library *lib; double *ns; } extra_cell;
            extra_cell extra[3];
            int nextra = 0;
            if (alt_symbols[c]) extra[nextra++] = (extra_cell){&tf, tf_ns[c]};
            if (c == CASE_ADD) extra[nextra++] = (extra_cell){&cl, c_ns};
            if (c == CASE_ADD && have_tc) extra[nextra++] = (extra_cell){&tc, tc_ns};
            int cells = NLIBS + nextra;
            for (int k = 0; k < cells; k++) {
                int l = (k + r) % cells; /* rotate the order each round */
                long n = iters[c];
                if (l < NLIBS) ns[c][l][r] = (double)run_case(&libs[l], c, n) / (double)n;
                else extra[l - NLIBS].ns[r] = (double)run_case(extra[l - NLIBS].lib, c, n) / (double)n;
            }
            r_oh[c][r] = ns[c][LIB_OURS][r] / ns[c][LIB_HAND][r];
            r_or[c][r] = ns[c][LIB_OURS][r] / ns[c][LIB_RUST][r];
            r_hr[c][r] = ns[c][LIB_HAND][r] / ns[c][LIB_RUST][r];
            if (alt_symbols[c]) {
                r_fr[c][r] = tf_ns[c][r] / ns[c][LIB_RUST][r];
                r_fo[c][r] = tf_ns[c][r] / ns[c][LIB_OURS][r];
            }
        }
        if (have_tc) {
            r_th[r] = tc_ns[r] / ns[CASE_ADD][LIB_HAND][r];
            r_ot[r] = ns[CASE_ADD][LIB_OURS][r] / tc_ns[r];
        }
    }
    fprintf(stderr, "\n");

    char key[128];
    put("rounds", rounds);
    printf("Wall time, ns per call: median of %d rounds (spread: (max-min)/median); ratio: median of the per-round ratios\n",
           rounds);
    printf("%-16s %10s %16s %16s %16s %10s %10s %10s\n", "case", "calls/cell", "ours", "handwritten", "rust",
           "ours/hand", "ours/rust", "hand/rust");
    for (int c = 0; c < NCASES; c++) {
        printf("%-16s %10ld", case_names[c], iters[c]);
        for (int l = 0; l < NLIBS; l++) {
            printf(" %9.2f (%3.0f%%)", median(ns[c][l], rounds), 100 * spread(ns[c][l], rounds));
            snprintf(key, sizeof key, "wall.%s.%s", case_keys[c], lib_names[l]);
            put(key, median(ns[c][l], rounds));
            snprintf(key, sizeof key, "wall_spread.%s.%s", case_keys[c], lib_names[l]);
            put(key, spread(ns[c][l], rounds));
        }
        printf(" %10.3f %10.3f %10.3f\n", median(r_oh[c], rounds), median(r_or[c], rounds), median(r_hr[c], rounds));
        snprintf(key, sizeof key, "wall_ratio.%s.ours_hand", case_keys[c]);
        put(key, median(r_oh[c], rounds));
        snprintf(key, sizeof key, "wall_ratio.%s.ours_rust", case_keys[c]);
        put(key, median(r_or[c], rounds));
        snprintf(key, sizeof key, "wall_ratio.%s.hand_rust", case_keys[c]);
        put(key, median(r_hr[c], rounds));
    }
    printf("%-16s %10s %9.2f (%3.0f%%)  the same loop calling an empty C function of the driver\n", "(C loop)", "",
           median(c_ns, rounds), 100 * spread(c_ns, rounds));
    put("wall.c_loop", median(c_ns, rounds));
    if (have_tc)
        printf("%-16s %10s %9.2f (%3.0f%%)  handwritten add + the shim's try/catch: /hand %.3f, ours/this %.3f\n",
               "(add_try_catch)", "", median(tc_ns, rounds), 100 * spread(tc_ns, rounds), median(r_th, rounds),
               median(r_ot, rounds));
    printf("\nOurs' other exports, cells of the same rounds: without the GC transition ([CExport, SuppressGCTransition]\n"
           "add_fast, span_sum_fast) and a Utf8Text parameter (str_len_utf8: checked, read in place)\n");
    printf("%-16s %-14s %16s %16s %10s %10s\n", "case", "ours export", "ours (other)", "rust", "other/rust",
           "other/ours");
    for (int c = 0; c < NCASES; c++) {
        if (!alt_symbols[c]) continue;
        printf("%-16s %-14s %9.2f (%3.0f%%) %9.2f (%3.0f%%) %10.3f %10.3f\n", case_names[c], alt_symbols[c],
               median(tf_ns[c], rounds), 100 * spread(tf_ns[c], rounds), median(ns[c][LIB_RUST], rounds),
               100 * spread(ns[c][LIB_RUST], rounds), median(r_fr[c], rounds), median(r_fo[c], rounds));
        snprintf(key, sizeof key, "wall.%s.%s", case_keys[c], alt_keys[c]);
        put(key, median(tf_ns[c], rounds));
        snprintf(key, sizeof key, "wall_spread.%s.%s", case_keys[c], alt_keys[c]);
        put(key, spread(tf_ns[c], rounds));
        snprintf(key, sizeof key, "wall_ratio.%s.%s_rust", case_keys[c], alt_keys[c]);
        put(key, median(r_fr[c], rounds));
        snprintf(key, sizeof key, "wall_ratio.%s.%s_ours", case_keys[c], alt_keys[c]);
        put(key, median(r_fo[c], rounds));
    }

    /* Load + first call, in fresh processes: ours, ours with NAME_init() first, handwritten, rust,
       and ours calling its transition-free add_fast() first (the runtime never starts). */
    enum { LD_OURS, LD_OURS_INIT, LD_HAND, LD_RUST, LD_OURS_FAST, NLOADS };
    static const char *const load_names[NLOADS] = {"ours", "ours + init", "handwritten", "rust", "ours add_fast"};
    static const char *const load_keys[NLOADS] = {"ours", "ours_init", "handwritten", "rust", "ours_fast"};
    static const int load_lib[NLOADS] = {LIB_OURS, LIB_OURS, LIB_HAND, LIB_RUST, LIB_OURS};
    static const char *const load_symbol[NLOADS] = {"add", "add", "add", "add", "add_fast"};
    static double open_ms[NLOADS][MAX_ROUNDS], init_ms[NLOADS][MAX_ROUNDS], first_ms[NLOADS][MAX_ROUNDS],
        total_ms[NLOADS][MAX_ROUNDS], r_load_oh[MAX_ROUNDS], r_load_ih[MAX_ROUNDS], r_load_or[MAX_ROUNDS],
        r_load_fr[MAX_ROUNDS], r_load_fo[MAX_ROUNDS];
    fprintf(stderr, "driver: %d load samples x %d ", load_samples, NLOADS);
    for (int r = 0; r < load_samples; r++) {
        if (r % 5 == 0) fprintf(stderr, ".");
        for (int k = 0; k < NLOADS; k++) {
            int d = (k + r) % NLOADS;
            char out[256];
            char *cargv[] = {(char *)self_exe(), d == LD_OURS_INIT ? "load-init" : "load", (char *)paths[load_lib[d]],
                             d == LD_OURS_INIT ? NULL : (char *)load_symbol[d], NULL};
            long long a = 0, b = 0, i = 0;
            int ok = capture(cargv, 0, out, sizeof out) == 0 &&
                     (d == LD_OURS_INIT ? sscanf(out, "%lld %lld %lld", &a, &i, &b) == 3 : sscanf(out, "%lld %lld", &a, &b) == 2);
            if (!ok) {
                fprintf(stderr, "driver: load sample for %s failed\n", load_names[d]);
                return 1;
            }
            open_ms[d][r] = (double)a / 1e6;
            init_ms[d][r] = (double)i / 1e6;
            first_ms[d][r] = (double)b / 1e6;
            total_ms[d][r] = (double)(a + i + b) / 1e6;
        }
        r_load_oh[r] = total_ms[LD_OURS][r] / total_ms[LD_HAND][r];
        r_load_ih[r] = total_ms[LD_OURS_INIT][r] / total_ms[LD_HAND][r];
        r_load_or[r] = total_ms[LD_OURS][r] / total_ms[LD_RUST][r];
        r_load_fr[r] = total_ms[LD_OURS_FAST][r] / total_ms[LD_RUST][r];
        r_load_fo[r] = total_ms[LD_OURS_FAST][r] / total_ms[LD_OURS][r];
    }
    fprintf(stderr, "\n");
    printf("\nLoad + first call, ms: median of %d fresh processes (dlopen RTLD_NOW|RTLD_LOCAL, [NAME_init(),] then the first add(),\n"
           "or add_fast() for \"ours add_fast\")\n",
           load_samples);
    printf("%-16s %10s %10s %10s %16s\n", "library", "dlopen", "init", "first call", "total (spread)");
    put("load_samples", load_samples);
    for (int d = 0; d < NLOADS; d++) {
        char init_text[32] = "-";
        if (d == LD_OURS_INIT) snprintf(init_text, sizeof init_text, "%.3f", median(init_ms[d], load_samples));
        printf("%-16s %10.3f %10s %10.3f %9.3f (%3.0f%%)\n", load_names[d], median(open_ms[d], load_samples), init_text,
               median(first_ms[d], load_samples), median(total_ms[d], load_samples), 100 * spread(total_ms[d], load_samples));
        snprintf(key, sizeof key, "load.%s.dlopen", load_keys[d]);
        put(key, median(open_ms[d], load_samples));
        snprintf(key, sizeof key, "load.%s.init", load_keys[d]);
        put(key, median(init_ms[d], load_samples));
        snprintf(key, sizeof key, "load.%s.first", load_keys[d]);
        put(key, median(first_ms[d], load_samples));
        snprintf(key, sizeof key, "load.%s.total", load_keys[d]);
        put(key, median(total_ms[d], load_samples));
        snprintf(key, sizeof key, "load_spread.%s.total", load_keys[d]);
        put(key, spread(total_ms[d], load_samples));
    }
    printf("ratios (median of the per-sample ratios): ours/handwritten %.3f, (ours + init)/handwritten %.3f, ours/rust %.3f\n",
           median(r_load_oh, load_samples), median(r_load_ih, load_samples), median(r_load_or, load_samples));
    put("load_ratio.ours_hand", median(r_load_oh, load_samples));
    put("load_ratio.ours_init_hand", median(r_load_ih, load_samples));
    put("load_ratio.ours_rust", median(r_load_or, load_samples));
    printf("without the GC transition: (ours add_fast)/rust %.3f, (ours add_fast)/ours %.3f\n", median(r_load_fr, load_samples),
           median(r_load_fo, load_samples));
    put("load_ratio.ours_fast_rust", median(r_load_fr, load_samples));
    put("load_ratio.ours_fast_ours", median(r_load_fo, load_samples));

    double ir_add[NLIBS] = {-1, -1, -1};
    if (use_callgrind && !find_valgrind())
        printf("\nInstructions per call: skipped (valgrind is not installed)\n");
    else if (use_callgrind) {
        /* Instructions per call: deterministic, unlike wall time on a shared VM. */
        printf("\nInstructions per call (callgrind Ir counted inside the timed loop only, the loop included)\n");
        printf("%-16s %10s %12s %10s %10s %10s %10s %10s\n", "case", "ours", "handwritten", "rust", "(C loop)",
               "ours-hand", "ours/hand", "ours/rust");
        double ir_fast[NCASES], ir_rust[NCASES], ir_loop[NCASES];
        for (int c = 0; c < NCASES; c++) {
            long n = c == CASE_STR_LONG || c == CASE_SPAN_LONG ? 2000 : 100000;
            double ir[NLIBS];
            for (int l = 0; l < NLIBS; l++) {
                ir[l] = callgrind_per_call(paths[l], case_keys[c], n);
                snprintf(key, sizeof key, "ir.%s.%s", case_keys[c], lib_names[l]);
                put(key, ir[l]);
            }
            double loop = callgrind_per_call("-", case_keys[c], n);
            snprintf(key, sizeof key, "ir.%s.c_loop", case_keys[c]);
            put(key, loop);
            if (c == CASE_ADD) memcpy(ir_add, ir, sizeof ir);
            ir_rust[c] = ir[LIB_RUST];
            ir_loop[c] = loop;
            if (alt_symbols[c]) {
                char fast_case[64];
                snprintf(fast_case, sizeof fast_case, "%s=%s", case_keys[c], alt_symbols[c]);
                ir_fast[c] = callgrind_per_call(paths[LIB_OURS], fast_case, n);
                snprintf(key, sizeof key, "ir.%s.%s", case_keys[c], alt_keys[c]);
                put(key, ir_fast[c]);
            }
            printf("%-16s %10.1f %12.1f %10.1f %10.1f %10.1f %10.3f %10.3f\n", case_names[c], ir[LIB_OURS],
                   ir[LIB_HAND], ir[LIB_RUST], loop, ir[LIB_OURS] - ir[LIB_HAND], ir[LIB_OURS] / ir[LIB_HAND],
                   ir[LIB_OURS] / ir[LIB_RUST]);
        }
        if (have_tc) {
            double t = callgrind_per_call(paths[LIB_HAND], "add=add_try_catch", 100000);
            printf("%-16s %10s %12.1f %10s %10s %10.1f  handwritten add + the shim's try/catch (ours-hand column: ours-this)\n",
                   "(add_try_catch)", "", t, "", "", ir_add[LIB_OURS] - t);
        }
        printf("\nOurs' other exports (add_fast, span_sum_fast: no GC transition; str_len_utf8: a Utf8Text parameter)\n");
        printf("%-16s %-14s %16s %10s %10s %10s %10s\n", "case", "ours export", "ours (other)", "rust", "(C loop)",
               "other-rust", "other/rust");
        for (int c = 0; c < NCASES; c++)
            if (alt_symbols[c])
                printf("%-16s %-14s %16.1f %10.1f %10.1f %10.1f %10.3f\n", case_names[c], alt_symbols[c], ir_fast[c],
                       ir_rust[c], ir_loop[c], ir_fast[c] - ir_rust[c], ir_fast[c] / ir_rust[c]);
    }

    printf("\nTarget: the shim for add costs at most 5 %% over handwritten: wall time %.3f -> %s",
           median(r_oh[CASE_ADD], rounds), verdict(median(r_oh[CASE_ADD], rounds)));
    if (ir_add[LIB_OURS] > 0 && ir_add[LIB_HAND] > 0)
        printf("; instructions %.3f -> %s", ir_add[LIB_OURS] / ir_add[LIB_HAND], verdict(ir_add[LIB_OURS] / ir_add[LIB_HAND]));
    printf("\n");
    if (summary) fclose(summary);
    return 0;
}
