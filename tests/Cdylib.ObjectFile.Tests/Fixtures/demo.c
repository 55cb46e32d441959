/* libdemo: one of each kind of dynamic symbol the reader must report. Built by NativeFixtures. */
#include <math.h>
#include <stdio.h>

int demo_counter = 42;                                   /* data, V1 */
const char demo_name[] = "demo";                         /* read-only data, V2 */
__thread int demo_tls;                                   /* thread-local, V2 */

int demo_add(int a, int b) { return a + b; }             /* function, V1 */
__attribute__((weak)) int demo_weak(void) { return 7; }  /* weak definition, V2 */
int demo_print(const char *s) { return printf("%s\n", s); } /* imports printf from libc */
double demo_sqrt(double x) { return sqrt(x); }           /* imports sqrt from libm */

/* One name, two versions: demo_versioned@V1 (old, hidden bit) and demo_versioned@@V2 (default). */
int demo_versioned_v1(void) { return 1; }
int demo_versioned_v2(void) { return 2; }
__asm__(".symver demo_versioned_v1,demo_versioned@V1");
__asm__(".symver demo_versioned_v2,demo_versioned@@V2");

static int hidden_helper(void) { return 3; }
__attribute__((visibility("protected"))) int demo_protected(void) { return hidden_helper(); }

/* A weak undefined import: the library loads whether or not the program defines it. */
extern int app_callback(int) __attribute__((weak));
int demo_call_back(int x) { return app_callback ? app_callback(x) : -1; }

/* An indirect function: the loader calls the resolver to pick the implementation. */
static int demo_ifunc_impl(void) { return 5; }
static int (*resolve_demo_ifunc(void))(void) { return demo_ifunc_impl; }
int demo_ifunc(void) __attribute__((ifunc("resolve_demo_ifunc")));
