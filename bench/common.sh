# Shared by run.sh and all.sh (sourced, not run): paths, the runtime identifier, quiet build
# steps, the shim-cost libraries and the machine description.

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench/.." && pwd)"
out="${CDYLIB_BENCH_OUT:-$bench/target}"   # all.sh --at REV points a snapshot's run here
log="$out/build.log"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "$(basename "$0"): no .NET runtime identifier known for $(uname -m)" >&2; exit 1 ;;
esac

step() {  # step DESCRIPTION COMMAND...: run quietly, show the log on failure
  local what="$1"; shift
  local start=$SECONDS
  printf '%s ... ' "$what" >&2
  if "$@" >> "$log" 2>&1; then
    printf 'done (%ss)\n' $((SECONDS - start)) >&2
  else
    printf 'FAILED\n' >&2
    tail -n 40 "$log" >&2
    echo "$(basename "$0"): full log in $log" >&2
    exit 1
  fi
}

# The three shim-cost libraries (see README.md) and the C driver; copies without the .so.dbg
# companions in $out/libs/ (valgrind 3.19 gives up on the DWARF 5 in the .NET libraries' .dbg
# files; the code is byte for byte the same).
build_shims() {
  step "ours (Cdylib [CExport], Native AOT, Release)" \
    dotnet publish "$bench/shims/ours/ours.csproj" -r "$rid" -c Release -p:PublishDir="$out/ours/"
  step "handwritten ([UnmanagedCallersOnly], Native AOT, Release)" \
    dotnet publish "$bench/shims/handwritten/handwritten.csproj" -r "$rid" -c Release -p:PublishDir="$out/handwritten/"
  step "rust (cdylib, cargo --release)" \
    cargo build --release --offline --manifest-path "$bench/shims/rust/Cargo.toml" --target-dir "$out/rust"
  step "driver (gcc -O2)" \
    gcc -O2 -Wall -Wextra -o "$out/driver" "$bench/shims/driver.c" -ldl
  mkdir -p "$out/libs"
  cp "$out/ours/libbench_ours.so" "$out/handwritten/bench_handwritten.so" "$out/rust/release/libbench_rust.so" "$out/libs/"
}

run_driver() {  # run_driver DRIVER-OPTIONS...
  "$out/driver" "$out/libs/libbench_ours.so" "$out/libs/bench_handwritten.so" "$out/libs/libbench_rust.so" "$@"
}

machine_info() {
  local cpu
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr); $(systemd-detect-virt 2>/dev/null || echo 'virtualisation unknown')"
  echo "tools: .NET SDK $(dotnet --version), $(rustc --version | cut -d' ' -f1-2), $(gcc --version | head -n1), $(valgrind --version 2>/dev/null || echo 'no valgrind')"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running on these cores shows up as noise)"
  if awk '{ exit !($1 > 1.5) }' /proc/loadavg; then
    echo "warning: the machine is busy (load average above 1.5): wall-time figures will be noisy; instruction counts and sizes are not affected"
  fi
  if [ -n "${CDYLIB_BENCH_COMMIT:-}" ]; then
    echo "commit: $CDYLIB_BENCH_COMMIT"
    return
  fi
  echo "commit: $(git -C "$bench" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$bench" status --porcelain -- . ../src ../build ../examples 2>/dev/null | grep -q . && echo ' (with uncommitted changes)' || true)"
}
