/* minicrc: a small C library of checksums, written for this example; it stands for the C code a C#
   library wraps (a codec, a hash, a parser). */
#ifndef MINICRC_H
#define MINICRC_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32 of data, continuing from crc (0 to start), as zlib's crc32(). The polynomial is
   MINICRC_POLYNOMIAL (reflected): 0xEDB88320 (IEEE 802.3, zlib's) unless the build defines another. */
uint32_t minicrc_crc32(uint32_t crc, const uint8_t* data, size_t length);

/* The 32-bit FNV-1a hash of data. */
uint32_t minicrc_fnv1a32(const uint8_t* data, size_t length);

/* "MAJOR.MINOR", the version the build defined (MINICRC_MAJOR, MINICRC_MINOR). */
const char* minicrc_version(void);

#endif
