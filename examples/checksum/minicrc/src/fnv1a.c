#include "minicrc.h"

uint32_t minicrc_fnv1a32(const uint8_t* data, size_t length) {
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < length; i++) {
        hash = (hash ^ data[i]) * 16777619u;
    }
    return hash;
}
