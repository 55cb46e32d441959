#!/usr/bin/env bash
# Every test: the generator (goldens, diagnostics, caching, headers compiled by gcc and clang), the
# object-file reader (cross-checked against readelf and nm) and the end-to-end tests (real Native AOT
# builds, C/C++/Python consumers, a new project built from the packed package).
# Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# The few Debian packages the tests need beyond the machine image (installed once, when missing).
scripts/prerequisites.sh || { echo "cannot install the tests' prerequisites (scripts/prerequisites.sh)" >&2; exit 1; }

log=$(mktemp)
dotnet test Cdylib.slnx --configuration Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed!  - Failed: N, Passed: N, ..." line per test project.
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
    awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')
echo
# A skipped test says why in its test output (`dotnet test --logger "console;verbosity=normal"`); the
# only ones that may be skipped are the x86 wine runs, where the kernel cannot execute i386 programs.
grep -E '\[SKIP\]$' "$log" | sed -E 's/^.*\]  +/skipped: /; s/ \[SKIP\]$//'
rm -f "$log"
echo "$summary"
exit "$status"
