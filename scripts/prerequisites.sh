#!/usr/bin/env bash
# Installs the Debian packages the tests need beyond the machine image (the .NET SDK, gcc/g++,
# clang-14, the llvm-14 tools, binutils, python3 and Rust are on it), when they are missing:
#   lld-14 / lld-19   ld64.lld (macOS dylibs linked with the install name our build gives), lld-link
#   llvm-19           llvm-dlltool 19, whose import libraries ours are compared with byte for byte
#                     (LLVM 14's writes no second linker member)
#   mingw-w64         the Windows DLLs and consumers of the import-library tests
#   wine, wine64, wine32:i386   running those x64 and x86 programs
#   gcc-aarch64-linux-gnu, g++-aarch64-linux-gnu, libc6-dev-arm64-cross   the linux-arm64 build links
#                     against Debian's aarch64 C library (with clang-14 and lld-14), and its consumers
#   qemu-user         running those aarch64 programs
#   golang-go         the Go binding's tests (go build, go vet, gofmt; Go >= 1.19)
#   libjna-java       JNA (/usr/share/java/jna.jar), which the Java binding's consumer compiles and runs with
#                     (javac and java 17 are on the image; Maven Central is not needed)
#   nodejs, npm       the Node bindings' tests (npm installs koffi into a folder of the tests' own)
#   pkg-config        the prefix archive's test reads NAME.pc with it
# Run by scripts/test.sh (so by .ci/run); does nothing when everything is there (about a minute
# otherwise). Needs root, or sudo, for apt-get.
set -euo pipefail

need=()
command -v ld64.lld-14 > /dev/null || command -v ld64.lld > /dev/null || need+=(lld-14)
command -v llvm-dlltool-19 > /dev/null || need+=(llvm-19)
command -v ld.lld-19 > /dev/null || need+=(lld-19)
{ command -v i686-w64-mingw32-gcc && command -v x86_64-w64-mingw32-gcc; } > /dev/null || need+=(mingw-w64)
command -v wine > /dev/null || need+=(wine wine64)
dpkg -s wine32:i386 > /dev/null 2>&1 || need+=(wine32:i386)
command -v aarch64-linux-gnu-gcc > /dev/null || need+=(gcc-aarch64-linux-gnu)
command -v aarch64-linux-gnu-g++ > /dev/null || need+=(g++-aarch64-linux-gnu)
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || need+=(libc6-dev-arm64-cross)
command -v qemu-aarch64 > /dev/null || need+=(qemu-user)
command -v go > /dev/null || need+=(golang-go)
dpkg -s libjna-java >/dev/null 2>&1 || need+=(libjna-java)
command -v node > /dev/null || need+=(nodejs)
command -v npm > /dev/null || need+=(npm)
command -v pkg-config > /dev/null || need+=(pkg-config)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing ${need[*]} (needed by the tests) ..." >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
dpkg --print-foreign-architectures | grep -qx i386 || $sudo dpkg --add-architecture i386
$sudo apt-get update -qq
install=($sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends)
# i386 libraries must be the same version as their amd64 twins; when a mirror serves the security
# suite's amd64 index but not its i386 one, take both from bookworm itself (what worked here).
"${install[@]}" "${need[@]}" > /dev/null || "${install[@]}" -t bookworm --allow-downgrades "${need[@]}" > /dev/null
