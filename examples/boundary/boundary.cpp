// libbnd from C++: the generated header as it is, library-owned memory held by smart pointers that
// free it through the library, and recorded errors turned into C++ exceptions.
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bnd.h"

namespace {

struct FreeString {
    void operator()(char* text) const { bnd_free_string(text); }
};
using OwnedString = std::unique_ptr<char, FreeString>;

struct FreeBuffer {
    void operator()(void* buffer) const { bnd_free_buffer(buffer); }
};

// Throws the library's last error, if there is one.
void check() {
    if (int32_t code = bnd_last_error_code()) {
        std::string message = bnd_last_error_message();
        bnd_clear_last_error();
        throw std::runtime_error("bnd error " + std::to_string(code) + ": " + message);
    }
}

std::string greet(const std::string& name) {
    OwnedString text(bnd_greet(name.c_str()));
    check();
    return text.get();
}

std::vector<int32_t> squares(int32_t count) {
    size_t length = 0;
    std::unique_ptr<int32_t, FreeBuffer> buffer(bnd_squares(count, &length));
    check();
    return std::vector<int32_t>(buffer.get(), buffer.get() + length);
}

struct FreeCounter {
    void operator()(bnd_Counter* counter) const { bnd_counter_free(counter); }
};
using CounterPtr = std::unique_ptr<bnd_Counter, FreeCounter>;

int failures = 0;

void expect(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "check failed: %s\n", what);
        failures++;
    }
}

}  // namespace

int main() {
    expect(bnd_api_hash() == BND_API_HASH, "the header matches the library");
    expect(greet("C++") == "Hello, C++!", "greet");
    expect(squares(4) == std::vector<int32_t>{0, 1, 4, 9}, "squares");
    try {
        squares(-1);
        expect(false, "a negative count throws");
    } catch (const std::runtime_error& error) {
        expect(std::string(error.what()).find("bnd error 7") == 0, "the overflow surfaces as a C++ exception");
    }
    int32_t value = 0;
    expect(bnd_parse("-5", &value) == BND_ERROR_NONE && value == -5, "status form");
    expect(bnd_next_color(BND_COLOR_GREEN) == BND_COLOR_BLUE, "enums");
    {
        CounterPtr counter(bnd_counter_new(1));
        expect(bnd_counter_add(counter.get(), 41) == 42, "a handle's method");
    }
    expect(bnd_live_handles() == 0, "the handle was freed by its smart pointer");
    expect(bnd_live_allocations() == 0, "nothing leaked");
    if (failures != 0) {
        return 1;
    }
    std::puts("boundary.cpp: all checks passed");
    return 0;
}
