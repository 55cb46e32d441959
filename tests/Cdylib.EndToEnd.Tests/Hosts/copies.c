/* Many copies of one library in one process, each under its own file name and so each with its own
 * runtime (as when several products ship the same library). Run it under an address-space limit
 * (ulimit -v): every runtime must start, and every copy must work.
 *   copies FOLDER COUNT SYMBOL EXPECTED      (loads FOLDER/copy0.so … copyN-1.so)
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*function)(void);

int main(int argc, char** argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: copies FOLDER COUNT SYMBOL EXPECTED\n");
        return 2;
    }
    int count = atoi(argv[2]);
    int expected = atoi(argv[4]);
    void* first = NULL;
    for (int i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/copy%d.so", argv[1], i);
        void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (handle == NULL) {
            printf("copy %d: dlopen failed: %s\n", i, dlerror());
            return 1;
        }
        void* address = dlsym(handle, argv[3]);
        if (address == NULL || address == first) {
            printf("copy %d: %s is %s\n", i, argv[3], address == NULL ? "missing" : "the first copy's: not a separate library");
            return 1;
        }
        if (first == NULL) {
            first = address;
        }
        function call;
        *(void**)&call = address;
        fflush(stdout);   /* a runtime that cannot start aborts the process */
        int result = call();
        if (result != expected) {
            printf("copy %d: %s returned %d, not %d\n", i, argv[3], result, expected);
            return 1;
        }
    }
    /* Every runtime still answers once all have started. */
    for (int i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/copy%d.so", argv[1], i);
        function call;
        *(void**)&call = dlsym(dlopen(path, RTLD_NOW | RTLD_NOLOAD), argv[3]);
        if (call() != expected) {
            printf("copy %d: wrong result after all started\n", i);
            return 1;
        }
    }
    printf("%d copies loaded, each with its own runtime, all working\n", count);
    return 0;
}
