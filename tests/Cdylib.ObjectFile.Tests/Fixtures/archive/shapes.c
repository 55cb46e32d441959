/* A static-library member: every kind of external symbol an object file has. */
extern int external_value;              /* undefined data */
int external_function(int);             /* undefined function */
extern __attribute__((weak)) int optional_hook(void); /* weak undefined */

int shapes_counter = 3;                 /* defined data */
int shapes_common;                      /* common (built with -fcommon) */
static int shapes_private = 4;          /* local: neither export nor import */

__attribute__((weak)) int shapes_default_hook(void) { return 1; }   /* weak definition */

int shapes_area(int w, int h)
{
    return w * h + external_value + external_function(w) + shapes_private + (optional_hook ? optional_hook() : 0);
}
