/* Calls every export of libchecksum — C code (minicrc) compiled into a C# library — through the
   generated header and checks each result against known values. Exits non-zero on the first failure. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "checksum.h"

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

static const uint8_t* bytes(const char* text) { return (const uint8_t*)text; }

int main(void) {
    /* The CRC-32 check value (IEEE 802.3, as zlib computes it) and the empty input. */
    CHECK(checksum_crc32(bytes("123456789"), 9) == 0xCBF43926u);
    CHECK(checksum_crc32(NULL, 0) == 0u);

    /* In pieces, the same as in one call. */
    uint32_t crc = checksum_crc32_update(0, bytes("1234"), 4);
    crc = checksum_crc32_update(crc, bytes("56789"), 5);
    CHECK(crc == 0xCBF43926u);

    /* FNV-1a: the offset basis for no bytes, and the published value for "a". */
    CHECK(checksum_fnv1a(NULL, 0) == 0x811C9DC5u);
    CHECK(checksum_fnv1a(bytes("a"), 1) == 0xE40C292Cu);

    /* C# and C in one call: the string is the library's, freed by the library. */
    char* hex = checksum_crc32_hex("123456789");
    CHECK(hex != NULL && strcmp(hex, "cbf43926") == 0);
    checksum_free_string(hex);

    /* The version the project's Defines gave the C code. */
    char* engine = checksum_engine();
    CHECK(engine != NULL && strcmp(engine, "minicrc 1.2") == 0);
    checksum_free_string(engine);

    CHECK(checksum_last_error_code() == CHECKSUM_ERROR_NONE);
    if (failures != 0) {
        fprintf(stderr, "checksum: %d checks failed\n", failures);
        return 1;
    }
    printf("checksum: all checks passed\n");
    return 0;
}
