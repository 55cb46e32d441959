#!/usr/bin/env bash
# Prints an exported function's machine code in the three libraries that run.sh built, up to its
# first `ret` (the catch funclet, if any, follows it), with call targets named from the .so.dbg
# symbols (RhpReversePInvoke, ...):   bench/disasm.sh [SYMBOL]   (default: add)
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
symbol="${1:-add}"
for lib in "$bench/target/ours/libbench_ours.so" "$bench/target/handwritten/bench_handwritten.so" \
           "$bench/target/rust/release/libbench_rust.so"; do
  [ -f "$lib" ] || { echo "disasm.sh: $lib is missing; run bench/run.sh first" >&2; exit 1; }
  python3 - "$lib" "$symbol" <<'PY'
import bisect, os, re, subprocess, sys
lib, symbol = sys.argv[1], sys.argv[2]
def symbols(path, dynamic):
    out = subprocess.run(["nm", "--defined-only"] + (["-D"] if dynamic else []) + [path],
                         capture_output=True, text=True).stdout
    result = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            result.append((int(parts[0], 16), parts[2].split("@")[0]))
    return sorted(result)
exported = dict((name, addr) for addr, name in symbols(lib, True))
print(f"== {os.path.basename(lib)}: {symbol}")
if symbol not in exported:
    print("   (not exported)")
    sys.exit(0)
names = symbols(lib + ".dbg", False) if os.path.exists(lib + ".dbg") else symbols(lib, False)
starts = [a for a, _ in names]
def name_of(addr):
    i = bisect.bisect_right(starts, addr) - 1
    if i < 0 or addr - names[i][0] >= 0x10000:
        return hex(addr)
    return names[i][1] + (f"+{addr - names[i][0]:#x}" if addr != names[i][0] else "")
start = exported[symbol]
dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={start:#x}",
                      f"--stop-address={start + 0x400:#x}", lib], capture_output=True, text=True).stdout
count = 0
for line in dis.splitlines():
    m = re.match(r"\s+([0-9a-f]+):\s+(.*)", line)
    if not m:
        continue
    text = re.sub(r"\s+<[^>]*>", "", m.group(2))
    call = re.match(r"(call|jmp)\s+([0-9a-f]+)$", text)
    if call and call.group(1) == "call":
        text = f"call   {name_of(int(call.group(2), 16))}"
    print(f"   {m.group(1)}: {text}")
    count += 1
    if text.startswith("ret"):
        break
print(f"   ({count} instructions to the first ret)")
PY
done
