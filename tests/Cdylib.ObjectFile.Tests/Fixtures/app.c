/* demo_app: an executable linked against libdemo and libc, with an RPATH. Built by NativeFixtures. */
#include <stdio.h>

extern int demo_counter;
extern int demo_add(int, int);
extern int demo_versioned(void);
extern int demo_print(const char *);

int app_callback(int x) { return x * 2; }

int main(void)
{
    printf("%d %d %d\n", demo_add(1, 2), demo_versioned(), demo_counter);
    return demo_print("hello") < 0;
}
