/* A host that does not link the C math library (gcc without -lm): it loads a Cdylib library whose
 * natural_log() is Math.Log, makes the first ordinary call, and checks that libm.so.6 is loaded only
 * when the library first needs log() (build/Cdylib.LazyLibm.c), and that natural_log() then gives
 * exactly libm's log(), bit for bit, for ordinary and special inputs.
 *   lazy_libm LIBRARY
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef int (*hello_function)(void);
typedef double (*log_function)(double);

static int libm_loaded(void) {
    void* libm = dlopen("libm.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (libm != NULL) {
        dlclose(libm); /* RTLD_NOLOAD took a reference of its own */
    }
    return libm != NULL;
}

static uint64_t bits(double value) {
    uint64_t result;
    memcpy(&result, &value, sizeof result);
    return result;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: lazy_libm LIBRARY\n");
        return 2;
    }
    void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        printf("loading %s failed: %s\n", argv[1], dlerror());
        return 1;
    }
    hello_function hello;
    log_function natural_log;
    *(void**)&hello = dlsym(library, "HelloWorld");
    *(void**)&natural_log = dlsym(library, "natural_log");
    if (hello == NULL || natural_log == NULL) {
        printf("HelloWorld or natural_log not found\n");
        return 1;
    }
    if (libm_loaded()) {
        printf("libm.so.6 was loaded with the library\n");
        return 1;
    }
    int hello_result = hello(); /* starts the library's runtime */
    if (hello_result != 123 || libm_loaded()) {
        printf("the first call returned %d and %s libm.so.6\n", hello_result, libm_loaded() ? "loaded" : "did not load");
        return 1;
    }

    static const double inputs[] = { 1.0, 2.718281828459045, 0.5, 10.0, 12345.678, 1e-300, 4.9e-324, 1.7976931348623157e308, 0.0, -0.0, -1.0, INFINITY, -INFINITY, NAN };
    enum { count = sizeof inputs / sizeof inputs[0] };
    double results[count];
    for (int i = 0; i < count; i++) {
        results[i] = natural_log(inputs[i]);
    }
    if (!libm_loaded()) {
        printf("natural_log() ran, but libm.so.6 is not loaded\n");
        return 1;
    }
    log_function libm_log;
    *(void**)&libm_log = dlsym(dlopen("libm.so.6", RTLD_NOW | RTLD_NOLOAD), "log");
    for (int i = 0; i < count; i++) {
        double expected = libm_log(inputs[i]);
        if (bits(results[i]) != bits(expected)) {
            printf("natural_log(%.17g) = %.17g (0x%016llx), libm's log() = %.17g (0x%016llx)\n", inputs[i], results[i],
                   (unsigned long long)bits(results[i]), expected, (unsigned long long)bits(expected));
            return 1;
        }
    }
    printf("libm.so.6 loaded at the first log(), not before: %d results equal to libm's log()\n", (int)count);
    return 0;
}
