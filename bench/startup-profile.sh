#!/usr/bin/env bash
# Where the first call's time goes (issue 15, "Start-up"): `perf record` (software clock, call
# graphs) of N fresh processes that each load a library and make its first call (the shim driver's
# `load` mode), then each sample of the first call is charged to the first phase of the runtime's
# start-up found on its stack, in the order below. (dlopen itself is not split: ld.so keeps no frame
# pointers; the driver times it.) Not part of the test suite.
#   bench/startup-profile.sh [--samples N] [LIBRARY [SYMBOL]]
# LIBRARY defaults to bench/target/ours/libbench_ours.so (build it with bench/run.sh first: its
# .so.dbg beside it names the runtime's functions); SYMBOL to add. Needs perf (Debian: linux-perf)
# and a kernel that lets it sample (perf_event_paranoid <= 2 for your own processes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

samples=200
if [ "${1:-}" = --samples ]; then samples="$2"; shift 2; fi
library="${1:-$out/ours/libbench_ours.so}"
symbol="${2:-add}"
command -v perf > /dev/null || { echo "startup-profile.sh: perf not found (Debian: apt-get install linux-perf)" >&2; exit 1; }
[ -x "$out/driver" ] && [ -f "$library" ] || { echo "startup-profile.sh: build the libraries first (bench/run.sh)" >&2; exit 1; }

data="$out/startup.perf"
perf record -q -e cpu-clock -F 20000 -g -o "$data" -- \
  bash -c 'for ((i = 0; i < $1; i++)); do "$2" load "$3" "$4" > /dev/null; done' _ "$samples" "$out/driver" "$library" "$symbol" 2> /dev/null

# A phase is the first of these names on a sample's stack (innermost frame first); the rest of the first
# call is "other". The names are Native AOT's runtime functions (10.0).
perf script -i "$data" --comm driver 2> /dev/null | awk -v symbol="$symbol" -v runs="$samples" '
  BEGIN {
    n = split("RehydrateData|rehydrating the image data (MethodTables and other data with pointers);" \
              "InitializeStatics|allocating the statics of every type (pinned object heap);" \
              "SyncTable___cctor|CoreLib class constructors run at start (SyncTable);" \
              "InitializeGC|GC start: configuration, address-space reservation, card table, handle table;" \
              "PalInit|platform start: cgroup limits (/proc/self/mountinfo, /proc/self/cgroup), CPUs, configuration;" \
              "GCHeap::Alloc|first allocations: committing and clearing the first regions", list, ";")
    for (i = 1; i <= n; i++) { split(list[i], kv, "|"); key[i] = kv[1]; label[i] = kv[2] }
  }
  function flush(   i, j, phase) {
    if (depth == 0) return
    if (in_call) {
      total++
      phase = "other"
      for (i = 1; i <= n && phase == "other"; i++)
        for (j = 1; j <= depth; j++) if (index(frame[j], key[i])) { phase = label[i]; break }
      count[phase]++
    }
    depth = 0; in_call = 0
  }
  /^[^ \t]/ { flush(); next }
  NF >= 2 {
    f = $2; sub(/\+0x[0-9a-f]+$/, "", f)
    frame[++depth] = f
    if (f == symbol) in_call = 1
  }
  END {
    flush()
    if (total == 0) { print "no samples in the first call: are the symbols there (the .so.dbg beside the library)?"; exit 1 }
    # -F 20000: a sample is 50 us of CPU time; per process: / runs.
    printf "%d processes: the first %s() took %.2f ms of CPU time each\n\n", runs, symbol, total * 0.05 / runs
    printf "%-100s %6s %8s\n", "phase of the first call (the first of these on a sample'"'"'s stack)", "share", "ms"
    for (i = 1; i <= n; i++) if (count[label[i]]) printf "%-100s %5.1f%% %8.3f\n", label[i], 100 * count[label[i]] / total, count[label[i]] * 0.05 / runs
    printf "%-100s %5.1f%% %8.3f\n", "other (the thread joining the runtime, the finalizer thread, module registration, ...)", 100 * count["other"] / total, count["other"] * 0.05 / runs
  }'
