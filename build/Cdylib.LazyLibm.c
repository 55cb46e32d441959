/* Linked into every Cdylib library for Linux with glibc (Cdylib.LazyLibm.targets): the C math library
 * is loaded when the library first needs it, not with the library.
 *
 * The Native AOT runtime's only use of libm is one call to log() (allocation sampling, an EventPipe
 * feature), yet linking with -lm makes libm.so.6 a needed library, and a host without it (a C program
 * not linked with -lm) pays for loading it in dlopen: about half of dlopen's time on the machine of
 * bench/README.md. This hidden log() stands in for libm's at link time, so -Wl,--as-needed leaves
 * libm out; its first call loads libm.so.6 and takes the real log() from it, which every later call
 * jumps to. The results are libm's own (the default symbol version, as the linker would bind), errno
 * included. Managed Math.Log calls this log() too. Hidden: the host's log() is never replaced, and
 * nothing of this is exported. If anything else in the library needs libm (Math.Sin, Math.Pow, ...),
 * libm stays a needed library and this only adds one indirect call to log().
 * CdylibLazyLibm=false links libm as Native AOT does. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef double (*cdylib_log_function)(double);

__attribute__((visibility("hidden"))) double log(double x)
{
    static cdylib_log_function resolved;
    cdylib_log_function real = __atomic_load_n(&resolved, __ATOMIC_ACQUIRE);
    if (real == NULL) {
        /* Racing first calls both load libm (dlopen counts references) and store the same address. */
        void *libm = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
        real = libm != NULL ? (cdylib_log_function)dlsym(libm, "log") : NULL;
        if (real == NULL) {
            /* glibc always has libm.so.6: only a broken installation gets here, and log() has no way to fail. */
            fprintf(stderr, "Cdylib: cannot take log() from libm.so.6: %s\n", dlerror());
            abort();
        }
        __atomic_store_n(&resolved, real, __ATOMIC_RELEASE);
    }
    return real(x);
}
