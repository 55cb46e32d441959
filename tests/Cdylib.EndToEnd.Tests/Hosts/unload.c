/* A host that loads a library, calls it and unloads it, over and over (plugin hosts and scripting
 * languages do this). A Native AOT runtime cannot be unloaded, so the library must stay mapped:
 * after every dlclose it is still found with RTLD_NOLOAD, at the same address, and still works.
 *   unload LIBRARY SYMBOL EXPECTED ROUNDS SLEEP_MS
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int (*function)(void);

int main(int argc, char** argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: unload LIBRARY SYMBOL EXPECTED ROUNDS SLEEP_MS\n");
        return 2;
    }
    const char* library = argv[1];
    const char* symbol = argv[2];
    int expected = atoi(argv[3]);
    int rounds = atoi(argv[4]);
    long sleep_ms = atol(argv[5]);
    struct timespec pause = { sleep_ms / 1000, (sleep_ms % 1000) * 1000000L };
    void* first = NULL;
    for (int round = 0; round < rounds; round++) {
        void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) {
            printf("round %d: dlopen failed: %s\n", round, dlerror());
            return 1;
        }
        void* address = dlsym(handle, symbol);
        if (address == NULL) {
            printf("round %d: %s not found: %s\n", round, symbol, dlerror());
            return 1;
        }
        if (first == NULL) {
            first = address;
        } else if (address != first) {
            printf("round %d: %s moved from %p to %p: the library was unloaded and mapped again\n", round, symbol, first, address);
            return 1;
        }
        function call;
        *(void**)&call = address;
        int result = call();
        if (result != expected) {
            printf("round %d: %s returned %d, not %d\n", round, symbol, result, expected);
            return 1;
        }
        if (dlclose(handle) != 0) {
            printf("round %d: dlclose failed: %s\n", round, dlerror());
            return 1;
        }
        nanosleep(&pause, NULL);
        void* still = dlopen(library, RTLD_NOW | RTLD_NOLOAD);
        if (still == NULL) {
            printf("round %d: after dlclose the library is no longer loaded (RTLD_NOLOAD found nothing)\n", round);
            return 1;
        }
        dlclose(still);
    }
    printf("%d rounds of dlopen, call, dlclose: the library stayed loaded at one address\n", rounds);
    return 0;
}
