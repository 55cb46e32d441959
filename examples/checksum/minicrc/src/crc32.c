#include "minicrc.h"

#ifndef MINICRC_POLYNOMIAL
#define MINICRC_POLYNOMIAL 0xEDB88320u
#endif

#if !defined(MINICRC_MAJOR) || !defined(MINICRC_MINOR)
#error "define MINICRC_MAJOR and MINICRC_MINOR"
#endif

#define MINICRC_TEXT(x) #x
#define MINICRC_STRING(x) MINICRC_TEXT(x)

uint32_t minicrc_crc32(uint32_t crc, const uint8_t* data, size_t length) {
    crc = ~crc;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (MINICRC_POLYNOMIAL & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

const char* minicrc_version(void) {
    return MINICRC_STRING(MINICRC_MAJOR) "." MINICRC_STRING(MINICRC_MINOR);
}
