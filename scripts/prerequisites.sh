#!/usr/bin/env bash
# Installs the Debian packages the tests need beyond the machine image (the .NET SDK, gcc/g++,
# clang-14, llvm-14 tools, binutils, python3 and Rust are on it), when they are missing:
#   lld-14     ld64.lld (macOS dylibs linked with the install name our build gives) and lld-link
# Run by scripts/test.sh; does nothing when everything is there. Needs root (or sudo) for apt-get.
set -euo pipefail

needed=()
command -v ld64.lld-14 > /dev/null || command -v ld64.lld > /dev/null || needed+=(lld-14)

if [ ${#needed[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing ${needed[*]} (needed by the tests) ..." >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" > /dev/null
