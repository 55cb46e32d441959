/* A host that loads a library, calls it and unloads it, over and over (plugin hosts and scripting
 * languages do this). A Native AOT runtime cannot be unloaded, so the library must stay mapped:
 * after every unload it is still loaded, at the same address, and still works.
 * POSIX: dlopen / dlclose, checked with RTLD_NOLOAD; Windows: LoadLibrary / FreeLibrary, checked
 * with GetModuleHandle.
 *   unload LIBRARY SYMBOL EXPECTED ROUNDS SLEEP_MS
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
typedef HMODULE library_t;
static library_t load(const char* path) { return LoadLibraryA(path); }
static void* find(library_t library, const char* symbol) {
    FARPROC found = GetProcAddress(library, symbol);
    void* address;
    memcpy(&address, &found, sizeof address);   /* ISO C has no cast from a function pointer to void* */
    return address;
}
static int unload(library_t library) { return FreeLibrary(library) ? 0 : -1; }
static int still_loaded(const char* path) { return GetModuleHandleA(path) != NULL; }
static void pause_ms(long ms) { Sleep((DWORD)ms); }
static const char* why(void) { return "see GetLastError"; }
#else
#include <dlfcn.h>
#include <time.h>
typedef void* library_t;
static library_t load(const char* path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void* find(library_t library, const char* symbol) { return dlsym(library, symbol); }
static int unload(library_t library) { return dlclose(library); }
static int still_loaded(const char* path) {
    void* again = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (again != NULL) {
        dlclose(again);
    }
    return again != NULL;
}
static void pause_ms(long ms) {
    struct timespec pause = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&pause, NULL);
}
static const char* why(void) { return dlerror(); }
#endif

typedef int (*function)(void);

int main(int argc, char** argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: unload LIBRARY SYMBOL EXPECTED ROUNDS SLEEP_MS\n");
        return 2;
    }
    const char* path = argv[1];
    const char* symbol = argv[2];
    int expected = atoi(argv[3]);
    int rounds = atoi(argv[4]);
    long sleep_ms = atol(argv[5]);
    void* first = NULL;
    for (int round = 0; round < rounds; round++) {
        library_t library = load(path);
        if (library == NULL) {
            printf("round %d: loading %s failed: %s\n", round, path, why());
            return 1;
        }
        void* address = find(library, symbol);
        if (address == NULL) {
            printf("round %d: %s not found: %s\n", round, symbol, why());
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
        if (unload(library) != 0) {
            printf("round %d: unloading failed: %s\n", round, why());
            return 1;
        }
        pause_ms(sleep_ms);
        if (!still_loaded(path)) {
            printf("round %d: after unloading, the library is no longer loaded\n", round);
            return 1;
        }
    }
    printf("%d rounds of load, call, unload: the library stayed loaded at one address\n", rounds);
    return 0;
}
