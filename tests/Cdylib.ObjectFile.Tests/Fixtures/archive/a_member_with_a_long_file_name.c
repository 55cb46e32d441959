/* A member whose name does not fit the 16-byte header field: GNU ar puts it in the "//" table, BSD ar after the header. */
int shapes_area(int w, int h);

const char long_named_greeting[] = "hello";

int long_named_twice(int x) { return 2 * shapes_area(x, 1); }
