// The seed walkthrough's C++ consumer, with the generated header in place of a hand-written declaration.
#include <stdint.h>
#include <stdio.h>

#include "hello_world.h"

int main() {
    printf("%d\n", HelloWorld());
}
