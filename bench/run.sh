#!/usr/bin/env bash
# The shim-cost benchmark, in one command (see README.md):
#   bench/run.sh [--rounds N] [--target-ms MS] [--load-samples N] [--no-callgrind] [--summary FILE]
# builds the three libraries (Release, Native AOT; cargo --release), compiles the C driver with
# -O2, runs it and prints its report. Options go to the driver. Not part of the test suite.
# bench/all.sh runs this too, with every other benchmark, and prints one table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
mkdir -p "$out"
: > "$log"

build_shims
machine_info
echo
run_driver "$@"
