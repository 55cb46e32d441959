#!/usr/bin/env bash
# The main job: the seed walkthrough, step for step, in C#.
# Builds examples/hello_world into a native library with `cdylib build`, compiles and runs its C++
# consumer against the generated header, then lists the library's exports and the consumer's imports.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Cdylib.Cli --configuration Release --nologo --verbosity quiet
cdylib() { dotnet src/Cdylib.Cli/bin/Release/net10.0/cdylib.dll "$@"; }
out=examples/hello_world/target/debug

step() { printf '\n> %s\n' "$*"; }

step cdylib build examples/hello_world
cdylib build examples/hello_world

step ls $out
ls $out

step g++ examples/hello_world/hello_world.cpp -I $out -L $out -lhello_world -o $out/hello_world
g++ -std=c++17 -Wall -Wextra -Werror -I "$out" examples/hello_world/hello_world.cpp \
    -L "$out" -lhello_world -Wl,-rpath,'$ORIGIN' -o "$out/hello_world"

step $out/hello_world
"$out/hello_world"

step cdylib exports $out/libhello_world.so
cdylib exports "$out/libhello_world.so"

step cdylib imports $out/hello_world
cdylib imports "$out/hello_world"
