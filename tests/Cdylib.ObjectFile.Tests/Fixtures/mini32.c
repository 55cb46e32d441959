/* libmini32: a freestanding ELF32 library (gcc -m32 -nostdlib; no 32-bit libc needed). */
int mini_data = 5;
int mini_add(int a, int b) { return a + b; }
__attribute__((weak)) int mini_weak(void) { return 1; }

int mini_old(void) { return 1; }
int mini_new(void) { return 2; }
__asm__(".symver mini_old,mini_versioned@M1");
__asm__(".symver mini_new,mini_versioned@@M2");

extern int host_function(void);
int mini_call_host(void) { return host_function(); }
