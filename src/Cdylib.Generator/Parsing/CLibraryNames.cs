using System.Collections.Generic;

namespace Cdylib.Generator.Parsing;

/// <summary>
/// Functions of the C standard library and the POSIX calls every process has. A shared library
/// that exports one of these names takes the place of the real function for every caller that
/// resolves it after the library is loaded (ELF symbol interposition): exporting <c>free</c> would
/// hand the whole process's frees to C#.
/// </summary>
internal static class CLibraryNames
{
    private static readonly HashSet<string> Names = new(new[]
    {
        // <stdlib.h>
        "abort", "abs", "aligned_alloc", "at_quick_exit", "atexit", "atof", "atoi", "atol", "atoll", "bsearch",
        "calloc", "div", "exit", "free", "getenv", "labs", "ldiv", "llabs", "lldiv", "malloc", "mblen",
        "mbstowcs", "mbtowc", "qsort", "quick_exit", "rand", "realloc", "srand", "strtod", "strtof", "strtol",
        "strtold", "strtoll", "strtoul", "strtoull", "system", "wcstombs", "wctomb", "_Exit", "posix_memalign",
        "setenv", "unsetenv", "putenv", "realpath", "mkstemp", "reallocarray",
        // <string.h>
        "memchr", "memcmp", "memcpy", "memmove", "memset", "strcat", "strchr", "strcmp", "strcoll", "strcpy",
        "strcspn", "strerror", "strlen", "strncat", "strncmp", "strncpy", "strpbrk", "strrchr", "strspn",
        "strstr", "strtok", "strxfrm", "strdup", "strndup", "strnlen", "strtok_r", "strerror_r",
        // <stdio.h>
        "clearerr", "fclose", "feof", "ferror", "fflush", "fgetc", "fgetpos", "fgets", "fopen", "fprintf",
        "fputc", "fputs", "fread", "freopen", "fscanf", "fseek", "fsetpos", "ftell", "fwrite", "getc",
        "getchar", "perror", "printf", "putc", "putchar", "puts", "remove", "rename", "rewind", "scanf",
        "setbuf", "setvbuf", "snprintf", "sprintf", "sscanf", "tmpfile", "tmpnam", "ungetc", "vfprintf",
        "vfscanf", "vprintf", "vscanf", "vsnprintf", "vsprintf", "vsscanf", "fdopen", "fileno", "popen",
        "pclose", "getline", "dprintf",
        // <math.h> (the common ones)
        "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "exp", "fabs", "floor", "fmod", "frexp",
        "ldexp", "log", "log10", "log2", "modf", "pow", "sin", "sinh", "sqrt", "tan", "tanh", "round",
        "trunc", "fmin", "fmax", "hypot", "cbrt", "exp2", "expm1", "log1p", "lround", "nan",
        // <time.h>, <signal.h>, <setjmp.h>, <ctype.h>, <errno.h>
        "clock", "difftime", "mktime", "time", "asctime", "ctime", "gmtime", "localtime", "strftime",
        "timespec_get", "nanosleep", "signal", "raise", "sigaction", "kill", "setjmp", "longjmp",
        "isalnum", "isalpha", "isblank", "iscntrl", "isdigit", "isgraph", "islower", "isprint", "ispunct",
        "isspace", "isupper", "isxdigit", "tolower", "toupper", "errno",
        // POSIX calls every process makes
        "open", "close", "read", "write", "lseek", "stat", "fstat", "lstat", "unlink", "mkdir", "rmdir",
        "chdir", "getcwd", "dup", "dup2", "pipe", "fork", "execv", "execve", "execvp", "waitpid", "wait",
        "getpid", "getppid", "sleep", "usleep", "mmap", "munmap", "mprotect", "dlopen", "dlsym", "dlclose",
        "dlerror", "pthread_create", "pthread_join", "pthread_self", "pthread_mutex_lock",
        "pthread_mutex_unlock", "socket", "connect", "bind", "listen", "accept", "send", "recv", "select",
        "poll", "ioctl", "fcntl", "isatty", "access", "gettimeofday", "clock_gettime",
        // The C++ runtime's entry points
        "main", "__cxa_atexit", "__cxa_finalize",
    });

    public static bool Contains(string name) => Names.Contains(name);
}
