#!/usr/bin/env bash
# Every benchmark of the project in one command, printing one table of ratios from one run
# (see README.md):
#
#   bench/all.sh [--at REV] [--build-rounds N] [--inspect-runs N] [--inspect-rounds N] [--no-aot-cli]
#                [--rounds N] [--target-ms MS] [--load-samples N] [--no-callgrind]
#
#   library size    hello_world and boundary (Release, CdylibProfile=minimal) vs the Native AOT
#                   defaults (CdylibSizeDefaults=false; a plain [UnmanagedCallersOnly] hello_world)
#                   vs a Rust cdylib (symbols kept / stripped)
#   calls           the shim-cost driver (run.sh): add, str_len, span_sum, counter_add (a handle
#                   method) per call, load + first call, NAME_init() first; ours vs hand-written vs Rust;
#                   ours' transition-free add_fast and span_sum_fast vs Rust's add and span_sum;
#                   ours' str_len_utf8 (a Utf8Text parameter) vs Rust's str_len
#   build time      clean and no-change `cdylib build --release` vs `dotnet publish` of the same
#                   project vs a plain Native AOT project vs `cargo build --release`; the same for a
#                   project made by `cdylib new` (the installed package, no project references);
#                   a no-change build must say "Fresh" within 0.3 s
#   inspector       `cdylib exports` (Native AOT executable and `dotnet cdylib.dll`) vs objdump,
#                   nm, readelf, llvm-readobj, llvm-objdump on a large ELF, two PE files (SQLite;
#                   mingw's libstdc++-6.dll, bench/mingw-pe.sh) and a Mach-O file
#
#   --at REV           benchmark a commit instead of the working tree: REV's files (bench/ itself
#                      from the working tree) in bench/target/at/, updated in place so rebuilds
#                      stay incremental; for when others are editing src/
#   --build-rounds N   clean + no-change builds per tool (3)
#   --inspect-runs N   timed runs per inspector command, after one untimed (7)
#   --inspect-rounds N rounds over every inspector command, one after the other; each command's
#                      figure is the median of its rounds' medians (3)
#   --no-aot-cli       do not publish the Native AOT cdylib command (its cells print n/a)
#   --rounds, --target-ms, --load-samples, --no-callgrind: the shim driver's options (see run.sh)
#
# Installs nothing. Everything it builds lands in bench/target/; the detailed reports stay there
# (table.txt, shims-report.txt, results.tsv, build.log). Not part of the test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_rounds=3 inspect_runs=7 inspect_rounds=3 aot_cli=1 driver_args=() at="" pass_on=()
while (($#)); do
  [ "$1" = --at ] || pass_on+=("$1")
  case "$1" in
    --at) at=$2; shift 2 ;;
    --build-rounds) build_rounds=$2; pass_on+=("$2"); shift 2 ;;
    --inspect-runs) inspect_runs=$2; pass_on+=("$2"); shift 2 ;;
    --inspect-rounds) inspect_rounds=$2; pass_on+=("$2"); shift 2 ;;
    --no-aot-cli) aot_cli=0; shift ;;
    --rounds | --target-ms | --load-samples) driver_args+=("$1" "$2"); pass_on+=("$2"); shift 2 ;;
    --no-callgrind) driver_args+=("$1"); shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"

if [ -n "$at" ]; then
  # REV's tree in bench/target/at/ (only changed files rewritten, files gone from REV removed),
  # bench/ from the working tree; then the same command there, writing to bench/target/.
  commit=$(git -C "$repo" rev-parse --verify "$at^{commit}") || { echo "all.sh: no commit $at" >&2; exit 2; }
  snap="$out/at" fresh="$out/at.new"
  rm -rf "$fresh"
  mkdir -p "$snap" "$fresh/bench"
  git -C "$repo" archive "$commit" | tar -x -C "$fresh"
  rm -rf "$fresh/bench"
  mkdir "$fresh/bench"
  (cd "$bench" && tar -c --exclude=./target --exclude=bin --exclude=obj .) | tar -x -C "$fresh/bench"
  (cd "$fresh" && find . -type f | sort) > "$fresh.manifest"
  if [ -f "$snap/.manifest" ]; then
    comm -23 "$snap/.manifest" "$fresh.manifest" | while read -r f; do rm -f "$snap/$f"; done
  fi
  while read -r f; do
    if ! cmp -s "$fresh/$f" "$snap/$f"; then
      mkdir -p "$snap/$(dirname "$f")"
      cp -p "$fresh/$f" "$snap/$f"
    fi
  done < "$fresh.manifest"
  mv "$fresh.manifest" "$snap/.manifest"
  rm -rf "$fresh"
  dirty=""
  git -C "$repo" diff --quiet "$commit" -- bench ':!bench/target' 2> /dev/null || dirty=" with uncommitted bench/ changes"
  CDYLIB_BENCH_OUT="$out" CDYLIB_BENCH_COMMIT="$(git -C "$repo" rev-parse --short "$commit") (--at: a snapshot in bench/target/at/, bench/ from the working tree$dirty)" \
    exec "$snap/bench/all.sh" "${pass_on[@]}"
fi

: > "$log"
work="$out/work"
results="$out/results.tsv"   # KEY<TAB>VALUE, every figure of this run
: > "$results"
started=$SECONDS
measure="$out/measure"

put() { printf '%s\t%s\n' "$1" "$2" >> "$results"; }
get() { awk -F'\t' -v k="$1" '$1 == k { v = $2; found = 1 } END { if (!found) exit 1; print v }' "$results"; }
has() { get "$1" > /dev/null 2>&1; }

fail() {
  echo "all.sh: $*" >&2
  tail -n 40 "$log" >&2
  echo "all.sh: full log in $log" >&2
  exit 1
}

# timed VAR [MEASURE-OPTIONS] -- COMMAND...: VAR = median wall ms (and VAR_rss = median peak KB).
timed() {
  local var=$1 line
  shift
  if ! line=$("$measure" -o "$log" "$@"); then
    fail "failed: ${*}"
  fi
  read -r "$var" "${var}_rss" _ _ <<< "$line"
}

median() {  # median VALUE...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

write_if_changed() {  # write_if_changed FILE CONTENT: keeps the timestamp when nothing changed
  if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then
    printf '%s\n' "$2" > "$1"
  fi
}

# A copy of a project's sources (timestamps kept, so rebuilds stay incremental) in a folder of
# bench/target/work/: the benchmark never builds in examples/ (others build there) and can delete
# bin/, obj/ and target/ freely.
copy_sources() {  # copy_sources SRC DST
  mkdir -p "$2"
  (cd "$1" && find . \( -name bin -o -name obj -o -name target \) -prune -o -type f \
    \( -name '*.cs' -o -name '*.csproj' -o -name 'Directory.Build.*' -o -name 'Cargo.*' -o -name '*.rs' \) -print) |
    while read -r f; do
      mkdir -p "$2/$(dirname "$f")"
      cp -p "$1/$f" "$2/$f"
    done
}

# An examples/ project, copied and wired to this repository's Cdylib exactly as examples/ are.
copy_example() {  # copy_example NAME DST
  copy_sources "$repo/examples/$1" "$2"
  write_if_changed "$2/Directory.Build.props" "<Project>
  <Import Project=\"$repo/examples/Directory.Build.props\" />
</Project>"
  write_if_changed "$2/Directory.Build.targets" "<Project>
  <Import Project=\"$repo/examples/Directory.Build.targets\" />
</Project>"
}

# ---------------------------------------------------------------- tools and the cdylib command

step "measure tool (gcc -O2)" gcc -O2 -Wall -Wextra -o "$measure" "$bench/tools/measure.c"
build_shims
step "cdylib command (dotnet build -c Release)" \
  dotnet build "$repo/src/Cdylib.Cli/Cdylib.Cli.csproj" -c Release --nologo --artifacts-path "$out/cli-artifacts"
cli_dll="$out/cli-artifacts/bin/Cdylib.Cli/release/cdylib.dll"
[ -f "$cli_dll" ] || fail "the cdylib command is not at $cli_dll"

cli_aot=""
if [ "$aot_cli" = 1 ]; then
  printf '%s ... ' "cdylib command, Native AOT (net10.0)" >&2
  aot_log="$out/cli-aot.log"
  aot_start=$SECONDS
  if "$repo/scripts/publish-cli.sh" --runtime "$rid" --output "$out/cli-aot" > "$aot_log" 2>&1 &&
     [ -x "$out/cli-aot/cdylib" ]; then
    cli_aot="$out/cli-aot/cdylib"
    printf 'done (%ss)\n' $((SECONDS - aot_start)) >&2
  else
    why="$(grep -m1 -oE '(error|warning) [A-Z]+[0-9]+: [^[]*' "$aot_log" | cut -c1-100 | sed 's/ *$//' || true)"
    put na.cli_aot "publish failed: ${why:-see $aot_log}"
    printf 'FAILED (%s); its cells print n/a\n' "${why:-see $aot_log}" >&2
  fi
else
  put na.cli_aot "not built (--no-aot-cli)"
fi

# ---------------------------------------------------------------- library size

size_build() {  # size_build NAME EXAMPLE [MSBUILD-ARGS...]: Release publish of a copy, size of lib*.so
  local name=$1 example=$2 dir="$work/size/$1"
  shift 2
  copy_example "$example" "$dir"
  step "size: $name" dotnet publish "$dir" -r "$rid" -c Release --nologo -p:PublishDir="$dir/publish/" "$@"
  local libs=("$dir"/publish/lib*.so)
  [ ${#libs[@]} = 1 ] && [ -f "${libs[0]}" ] || fail "size: $name: expected one lib*.so in $dir/publish/"
  put "size.$name" "$(stat -c %s "${libs[0]}")"
}
size_build hello_minimal hello_world -p:CdylibProfile=minimal
size_build hello_aot_defaults hello_world -p:CdylibSizeDefaults=false
size_build boundary_release boundary
size_build boundary_minimal boundary -p:CdylibProfile=minimal
size_build boundary_aot_defaults boundary -p:CdylibSizeDefaults=false

# ---------------------------------------------------------------- build time (and the remaining sizes)

bt_ours="$work/build/hello_world"
bt_plain="$work/build/handwritten_hello"
bt_rust="$work/build/rust_hello"
copy_example hello_world "$bt_ours"
copy_sources "$bench/size/handwritten_hello" "$bt_plain"
copy_sources "$bench/size/rust_hello" "$bt_rust"

# The same library as a user has it: made by `cdylib new` (the Cdylib package from the command's own
# packages/ folder, no project references into src/), Lib.cs from examples/hello_world, cut off from
# this repository's Directory.Build.* files, with a package cache of its own, warmed before timing.
bt_pkg="$work/build/hello_pkg"
pkg_cache="$work/build/hello_pkg-nuget"
rm -rf "$bt_pkg" "$pkg_cache"
step "hello_world through the installed package (cdylib new)" dotnet "$cli_dll" new hello_world --path "$bt_pkg"
cp -p "$repo/examples/hello_world/Lib.cs" "$bt_pkg/Lib.cs"
write_if_changed "$bt_pkg/Directory.Build.props" "<Project />"
write_if_changed "$bt_pkg/Directory.Build.targets" "<Project />"
write_if_changed "$bt_pkg/Directory.Packages.props" "<Project />"
step "its package cache (untimed restore)" env NUGET_PACKAGES="$pkg_cache" dotnet restore "$bt_pkg" -r "$rid"

build_tools=(cdylib publish plain cargo package package_publish)
build_clean() {
  case $1 in
    cdylib | publish) rm -rf "$bt_ours/bin" "$bt_ours/obj" "$bt_ours/target" ;;
    package | package_publish) rm -rf "$bt_pkg/bin" "$bt_pkg/obj" "$bt_pkg/target" ;;
    plain) rm -rf "$bt_plain/bin" "$bt_plain/obj" ;;
    cargo) rm -rf "$bt_rust/target" ;;
  esac
}
build_run() {  # build_run TOOL VAR
  case $1 in
    cdylib) timed "$2" -- dotnet "$cli_dll" build "$bt_ours" --release ;;
    publish) timed "$2" -- dotnet publish "$bt_ours" -r "$rid" -c Release --nologo ;;
    plain) timed "$2" -- dotnet publish "$bt_plain" -r "$rid" -c Release --nologo ;;
    cargo) timed "$2" -- cargo build --release --offline --manifest-path "$bt_rust/Cargo.toml" ;;
    package) timed "$2" -- env NUGET_PACKAGES="$pkg_cache" dotnet "$cli_dll" build "$bt_pkg" --release ;;
    package_publish) timed "$2" -- env NUGET_PACKAGES="$pkg_cache" dotnet publish "$bt_pkg" -r "$rid" -c Release --nologo ;;
  esac
}
declare -A clean_ms nochange_ms
printf 'build time: %s rounds of clean + no-change builds x %s tools ' "$build_rounds" "${#build_tools[@]}" >&2
for ((r = 0; r < build_rounds; r++)); do
  for ((k = 0; k < ${#build_tools[@]}; k++)); do
    t=${build_tools[(k + r) % ${#build_tools[@]}]}   # the order rotates from round to round
    build_clean "$t"
    build_run "$t" clean
    build_run "$t" again
    clean_ms[$t]+=" $clean"
    nochange_ms[$t]+=" $again"
    case $t in
      cdylib) put size.hello_release "$(stat -c %s "$bt_ours/target/release/libhello_world.so")" ;;
      plain) put size.hello_plain "$(stat -c %s "$bt_plain/bin/Release/net10.0/$rid/publish/handwritten_hello.so")" ;;
      cargo) put size.hello_rust "$(stat -c %s "$bt_rust/target/release/libbench_hello_rust.so")" ;;
    esac
    printf '.' >&2
  done
done
printf ' done\n' >&2
for t in "${build_tools[@]}"; do
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  put "build.$t.clean" "$(median ${clean_ms[$t]})"
  put "build.$t.clean.samples" "${clean_ms[$t]# }"
  put "build.$t.nochange.samples" "${nochange_ms[$t]# }"
  # shellcheck disable=SC2086
  put "build.$t.nochange" "$(median ${nochange_ms[$t]})"
done
# A no-change build must say so as cargo does, without starting MSBuild (the fingerprint in target/.fingerprint/).
for project in "$bt_ours" "$bt_pkg"; do
  key=$([ "$project" = "$bt_pkg" ] && echo package || echo cdylib)
  # The last round may have ended with the other tool's clean build of this folder: build once, then ask again.
  env NUGET_PACKAGES="$pkg_cache" dotnet "$cli_dll" build "$project" --release >> "$log" 2>&1 || true
  said=$(env NUGET_PACKAGES="$pkg_cache" dotnet "$cli_dll" build "$project" --release 2>&1) || true
  if grep -q '^ *Fresh hello_world' <<< "$said"; then   # not `| grep -q`: under pipefail its early exit fails the pipe
    put "build.$key.fresh" yes
  else
    put "build.$key.fresh" no
  fi
done
step "size: Rust hello_world, strip = \"symbols\"" \
  env CARGO_PROFILE_RELEASE_STRIP=symbols cargo build --release --offline \
  --manifest-path "$bt_rust/Cargo.toml" --target-dir "$bt_rust/target-stripped"
put size.hello_rust_stripped "$(stat -c %s "$bt_rust/target-stripped/release/libbench_hello_rust.so")"

# ---------------------------------------------------------------- calls: the shim-cost driver

run_driver "${driver_args[@]}" --summary "$out/shims-summary.txt" > "$out/shims-report.txt" ||
  fail "the shim driver failed (its report: $out/shims-report.txt)"
sed 's/ /\t/' "$out/shims-summary.txt" | sed 's/^/shim./' >> "$results"

# ---------------------------------------------------------------- inspector

nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
sqlite="$nuget/sqlitepclraw.lib.e_sqlite3/2.0.6/runtimes"
elf=""
for f in /usr/lib/x86_64-linux-gnu/libLLVM-14.so.1 /usr/lib/aarch64-linux-gnu/libLLVM-14.so.1 \
         /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6; do
  if [ -f "$f" ]; then elf="$f"; break; fi
done
pe="$sqlite/win-x64/native/e_sqlite3.dll"
macho="$sqlite/osx-x64/native/libe_sqlite3.dylib"
source "$bench/mingw-pe.sh"

# inspect FORMAT FILE KEY COMMAND...: median wall and peak memory of COMMAND FILE, or n/a and why.
inspect() {
  local format=$1 file=$2 key=$3
  shift 3
  if [ -z "$file" ] || [ ! -f "$file" ]; then
    local why="no $format file (the NuGet package sqlitepclraw.lib.e_sqlite3 2.0.6: restore tests/Cdylib.ObjectFile.Tests)"
    [ "$format" = pe_large ] && why=$pe_large_missing
    put "na.inspect.$format.$key" "$why"
    return
  fi
  if [ "$1" = "-" ]; then
    put "na.inspect.$format.$key" "$(get na.cli_aot)"
    return
  fi
  if ! command -v "$1" > /dev/null; then
    put "na.inspect.$format.$key" "$1 is not installed"
    return
  fi
  local err
  if ! err=$("$@" "$file" 2>&1 > /dev/null); then
    if [ "$format" = macho ] && [[ "$key" == cdylib* ]] && grep -qi 'not supported' <<< "$err"; then
      put "na.inspect.$format.$key" "Mach-O not supported yet"
    else
      put "na.inspect.$format.$key" "failed: $(head -n1 <<< "$err")"
    fi
    return
  fi
  # Without -o, measure sends the listing to /dev/null: the tool's own time, not the log's disk
  # (appending megabytes to the log per run added the same few ms to every tool).
  local line wall wall_rss
  line=$("$measure" -n "$inspect_runs" -w 1 -- "$@" "$file") || fail "failed: $* $file"
  read -r wall wall_rss _ _ <<< "$line"
  put "round.inspect.$format.$key.ms" "$wall"
  put "round.inspect.$format.$key.kb" "$wall_rss"
}
# medians_of_rounds: each "round.KEY" becomes KEY, the median of its rounds (the upper one of an even count).
medians_of_rounds() {
  awk -F'\t' '$1 ~ /^round\./ { k = substr($1, 7); n[k]++; v[k, n[k]] = $2 }
    END {
      for (k in n) {
        for (i = 2; i <= n[k]; i++) for (j = i; j > 1 && v[k, j - 1] + 0 > v[k, j] + 0; j--) { t = v[k, j]; v[k, j] = v[k, j - 1]; v[k, j - 1] = t }
        printf "%s\t%s\n", k, v[k, int(n[k] / 2) + 1]
      }
    }' "$results" >> "$results"
}
aot_or_dash="${cli_aot:--}"
# The rounds interleave the commands, so that a slower spell of the machine (this kind of VM has them,
# seconds long) falls on ours and the baselines alike instead of on one command's runs.
printf 'inspector: %s rounds of %s runs per command ' "$inspect_rounds" "$inspect_runs" >&2
for ((round = 1; round <= inspect_rounds; round++)); do
  for spec in "elf:$elf" "pe:$pe" "macho:$macho" "pe_large:$pe_large"; do
    format=${spec%%:*} file=${spec#*:}
    inspect "$format" "$file" cdylib_aot "$aot_or_dash" exports
    inspect "$format" "$file" cdylib_dotnet dotnet "$cli_dll" exports
    case $format in
      elf)
        inspect elf "$file" objdump objdump -T
        inspect elf "$file" nm nm -D
        inspect elf "$file" readelf readelf --dyn-syms -W
        inspect elf "$file" llvm_readobj llvm-readobj --dyn-syms
        # Demangled (issue 18 §2): every C++ name of libLLVM through our demangler vs libiberty's.
        inspect elf_demangle "$file" cdylib_aot "$aot_or_dash" exports --demangle
        inspect elf_demangle "$file" cdylib_dotnet dotnet "$cli_dll" exports --demangle
        inspect elf_demangle "$file" objdump objdump -TC ;;
      pe | pe_large)
        inspect "$format" "$file" objdump objdump -p
        inspect "$format" "$file" llvm_readobj llvm-readobj --coff-exports ;;
      macho)
        inspect macho "$file" llvm_objdump llvm-objdump --macho --exports-trie
        inspect macho "$file" llvm_nm llvm-nm ;;
    esac
    printf '.' >&2
  done
done
medians_of_rounds
printf ' done\n' >&2
describe_file() {  # a label: name, size, export count
  local format=$1 file=$2 n=""
  [ -f "$file" ] || { echo "$format: (missing)"; return; }
  case $format in
    elf) n=$(nm -D --defined-only "$file" 2> /dev/null | wc -l) ;;
    pe) n=$(llvm-readobj --coff-exports "$file" 2> /dev/null | grep -c 'Name:' || true) ;;
    macho) n=$(llvm-objdump --macho --exports-trie "$file" 2> /dev/null | grep -c '^0x' || true) ;;
  esac
  awk -v f="$(basename "$file")" -v b="$(stat -c %s "$file")" -v n="$n" \
    'BEGIN { printf "%s (%.1f MB, %s exports)", f, b / 1048576, n }'
}

# ---------------------------------------------------------------- the table

elapsed=$((SECONDS - started))
commas() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); print s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t) ? "PASS" : "FAIL" }'; }
pass=0 failed=0 unmeasured=0
line_fmt='%-44s %-20s %-46s %-20s %13s %8s %s\n'
row_label="" row_value=""
row() { row_label=$1 row_value=$2; }
cell() {  # cell BASELINE VALUE RATIO [TARGET]: one line of the table; VERDICT from RATIO <= TARGET
  local v=""
  if [ -n "${4:-}" ] && [ -n "$3" ] && [ "$3" != n/a ]; then
    v=$(verdict "${3%% *}" "$4")
    if [ "$v" = PASS ]; then pass=$((pass + 1)); else failed=$((failed + 1)); fi
  fi
  # shellcheck disable=SC2059 # the format is ours
  printf "$line_fmt" "$row_label" "$row_value" "$1" "$2" "$3" "${4:+<= $4}" "$v"
  row_label="" row_value=""
}
section() { printf '\n%s\n' "$1"; }

bytes() { echo "$(commas "$(get "$1")") B"; }
size_rows() {  # size_rows LABEL KEY TARGET
  row "$1" "$(bytes "$2")"
  cell "Native AOT defaults (same project)" "$(bytes size.hello_aot_defaults)" "$(ratio "$(get "$2")" "$(get size.hello_aot_defaults)")" "$3"
  cell "plain [UnmanagedCallersOnly], no Cdylib" "$(bytes size.hello_plain)" "$(ratio "$(get "$2")" "$(get size.hello_plain)")" "$3"
  cell "Rust cdylib, cargo --release" "$(bytes size.hello_rust)" "$(ratio "$(get "$2")" "$(get size.hello_rust)")"
  cell "Rust cdylib, strip = \"symbols\"" "$(bytes size.hello_rust_stripped)" "$(ratio "$(get "$2")" "$(get size.hello_rust_stripped)")"
}

ns() { awk -v v="$(get "$1")" 'BEGIN { printf "%.2f ns", v }'; }
ir() { has "$1" && awk -v v="$(get "$1")" 'BEGIN { if (v < 0) print "n/a"; else printf "%.1f instr", v }' || echo "n/a"; }
ir_ratio() { has "$1" && has "$2" && ratio "$(get "$1")" "$(get "$2")" || echo "n/a"; }
ir_diff() {  # "+N instr": $1's instructions minus $2's (the targets "<= Rust's + 4" compare this)
  has "$1" && has "$2" && awk -v a="$(get "$1")" -v b="$(get "$2")" \
    'BEGIN { if (a < 0 || b < 0) print "n/a"; else printf "%+.1f instr", a - b }' || echo "n/a"
}
call_rows() {  # call_rows KEY LABEL [WALL-TARGET [IR-TARGET]]: IR-TARGET defaults to WALL-TARGET
  row "$2: wall" "$(ns "shim.wall.$1.ours")"
  cell "hand-written [UnmanagedCallersOnly]" "$(ns "shim.wall.$1.handwritten")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_hand")")" "${3:-}"
  cell "Rust cdylib" "$(ns "shim.wall.$1.rust")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_rust")")"
  row "$2: instructions" "$(ir "shim.ir.$1.ours")"
  cell "hand-written [UnmanagedCallersOnly]" "$(ir "shim.ir.$1.handwritten")" "$(ir_ratio "shim.ir.$1.ours" "shim.ir.$1.handwritten")" "${4-${3:-}}"
  cell "Rust cdylib" "$(ir "shim.ir.$1.rust")" "$(ir_ratio "shim.ir.$1.ours" "shim.ir.$1.rust")"
}
# A transition-free export ([CExport, SuppressGCTransition]) of ours against the same function in
# Rust, and against ours' ordinary export of it.
fast_rows() {  # fast_rows KEY LABEL [WALL-TARGET IR-TARGET]
  row "$2: wall" "$(ns "shim.wall.$1.ours_fast")"
  cell "Rust cdylib" "$(ns "shim.wall.$1.rust")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_fast_rust")")" "${3:-}"
  cell "ours, ordinary [CExport] (transition)" "$(ns "shim.wall.$1.ours")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_fast_ours")")"
  row "$2: instructions" "$(ir "shim.ir.$1.ours_fast")"
  cell "Rust cdylib" "$(ir "shim.ir.$1.rust")" "$(ir_diff "shim.ir.$1.ours_fast" "shim.ir.$1.rust")" "${4:-}"
  cell "ours, ordinary [CExport] (transition)" "$(ir "shim.ir.$1.ours")" "$(ir_ratio "shim.ir.$1.ours_fast" "shim.ir.$1.ours")"
}
# Ours' str_len_utf8 (a Utf8Text parameter: checked, read in place) against Rust's str_len, and
# against ours' ordinary str_len (a string parameter: a UTF-16 copy).
utf8_rows() {  # utf8_rows KEY LABEL [IR-TARGET]
  row "$2: wall" "$(ns "shim.wall.$1.ours_utf8")"
  cell "Rust cdylib" "$(ns "shim.wall.$1.rust")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_utf8_rust")")"
  cell "ours, string parameter (str_len)" "$(ns "shim.wall.$1.ours")" "$(printf '%.3f' "$(get "shim.wall_ratio.$1.ours_utf8_ours")")"
  row "$2: instructions" "$(ir "shim.ir.$1.ours_utf8")"
  cell "Rust cdylib" "$(ir "shim.ir.$1.rust")" "$(ir_ratio "shim.ir.$1.ours_utf8" "shim.ir.$1.rust")" "${3:-}"
  cell "ours, string parameter (str_len)" "$(ir "shim.ir.$1.ours")" "$(ir_ratio "shim.ir.$1.ours_utf8" "shim.ir.$1.ours")"
}

ms() { awk -v v="$(get "$1")" 'BEGIN { printf "%.3f ms", v }'; }
secs() { awk -v v="$(get "$1")" 'BEGIN { printf "%.2f s", v / 1000 }'; }
fresh_rows() {  # fresh_rows TOOL: the no-change build against the 0.3 s target, and whether it said "Fresh"
  row "  no change, against the target" "$(secs "build.$1.nochange")"
  cell "target: 0.30 s, saying \"Fresh hello_world\" ($(get "build.$1.fresh"))" "0.30 s" \
    "$([ "$(get "build.$1.fresh")" = yes ] && ratio "$(get "build.$1.nochange")" 300 || echo 9.999)" 1.0
}
build_rows() {  # build_rows KIND LABEL
  row "$2" "$(secs "build.cdylib.$1")"
  cell "dotnet publish -c Release, same project" "$(secs "build.publish.$1")" "$(ratio "$(get "build.cdylib.$1")" "$(get "build.publish.$1")")"
  cell "dotnet publish, plain [UCO] (no Cdylib)" "$(secs "build.plain.$1")" "$(ratio "$(get "build.cdylib.$1")" "$(get "build.plain.$1")")"
  cell "cargo build --release (Rust)" "$(secs "build.cargo.$1")" "$(ratio "$(get "build.cdylib.$1")" "$(get "build.cargo.$1")")"
}

inspect_value() {  # "WALL ms, RSS MB" or "n/a (why)"
  if has "inspect.$1.ms"; then
    awk -v w="$(get "inspect.$1.ms")" -v k="$(get "inspect.$1.kb")" 'BEGIN { printf "%.1f ms, %.0f MB", w, k / 1024 }'
  else
    echo "n/a ($(get "na.inspect.$1" 2> /dev/null || echo unknown))"
  fi
}
inspect_ratio() {  # "WALL-RATIO / MEM-RATIO" of $1 over $2
  if has "inspect.$1.ms" && has "inspect.$2.ms"; then
    awk -v a="$(get "inspect.$1.ms")" -v b="$(get "inspect.$2.ms")" -v c="$(get "inspect.$1.kb")" -v d="$(get "inspect.$2.kb")" \
      'BEGIN { printf "%.2f / %.2f", a / b, c / d }'
  else
    echo "n/a"
  fi
}
# The target is the Native AOT command's (the issue's "with the Native AOT executable"); the
# `dotnet cdylib.dll` row is shown for what the runtime's start costs.
inspect_rows() {  # inspect_rows FORMAT TARGET-BASELINE TARGET BASELINE:LABEL...
  local format=$1 target_base=$2 target=$3 tool label base
  shift 3
  local verb="cdylib exports"
  [[ "$format" == *_demangle ]] && verb="cdylib exports --demangle"
  for tool in cdylib_aot cdylib_dotnet; do
    label="$verb, Native AOT"
    [ "$tool" = cdylib_dotnet ] && label="$verb, dotnet cdylib.dll"
    if ! has "inspect.$format.$tool.ms"; then
      [ -n "$target" ] && [ "$tool" = cdylib_aot ] && unmeasured=$((unmeasured + 1))
      # shellcheck disable=SC2059
      printf "$line_fmt" "  $label" "$(inspect_value "$format.$tool")" "" "" "" "" ""
      continue
    fi
    row "  $label" "$(inspect_value "$format.$tool")"
    for spec in "$@"; do
      base=${spec%%:*}
      cell "${spec#*:}" "$(inspect_value "$format.$base")" "$(inspect_ratio "$format.$tool" "$format.$base")" \
        "$([ "$base" = "$target_base" ] && [ "$tool" = cdylib_aot ] && echo "$target")"
    done
  done
}

{
  machine_info
  echo "all.sh: ${elapsed}s; build rounds $build_rounds, inspector $inspect_rounds rounds of $inspect_runs runs (+1 untimed), driver: $(get shim.rounds) rounds, $(get shim.load_samples) load samples"
  echo
  echo "ratio = ours / baseline (inspector: wall time / peak memory; \"+N instr\": ours minus baseline); verdict where the issue states a target"
  # shellcheck disable=SC2059
  printf "$line_fmt" "row" "ours" "baseline" "baseline value" "ratio" "target" "verdict"
  printf '%s\n' "$(printf '%.0s-' {1..164})"

  section "Library size (bytes of lib*.so, linux-x64 Release; one build each: the sizes are deterministic)"
  size_rows "hello_world, Release" size.hello_release 0.75
  size_rows "hello_world, CdylibProfile=minimal" size.hello_minimal 0.62
  row "boundary, Release" "$(bytes size.boundary_release)"
  cell "Native AOT defaults (same project)" "$(bytes size.boundary_aot_defaults)" "$(ratio "$(get size.boundary_release)" "$(get size.boundary_aot_defaults)")"
  row "boundary, CdylibProfile=minimal" "$(bytes size.boundary_minimal)"
  cell "Native AOT defaults (same project)" "$(bytes size.boundary_aot_defaults)" "$(ratio "$(get size.boundary_minimal)" "$(get size.boundary_aot_defaults)")"

  section "Steady-state calls from C (wall: median ns per call over $(get shim.rounds) rounds, ratio = median of per-round ratios; instructions: callgrind)"
  call_rows add "add (primitive)" 1.05
  call_rows str_short "str_len 12 B (string in)" "" 1.00
  call_rows str_long "str_len 1 KiB (string in)" "" 1.00
  call_rows span_short "span_sum 16 B (span in)"
  call_rows span_long "span_sum 4 KiB (span in)"
  call_rows handle "counter_add (handle method)" "" 1.00
  echo "Zero-copy UTF-8: ours' [CExport] str_len_utf8(Utf8Text) (checked like a string, read in place), cells of the same rounds"
  utf8_rows str_short "str_len_utf8 12 B (Utf8Text in)" 1.5
  utf8_rows str_long "str_len_utf8 1 KiB (Utf8Text in)" 1.5
  echo "Without the GC transition: ours' [CExport, SuppressGCTransition] add_fast(int, int) and span_sum_fast(byte*, nuint), cells of the same rounds"
  fast_rows add "add_fast" 1.2 +4
  fast_rows span_short "span_sum_fast 16 B" 1.2 +4
  fast_rows span_long "span_sum_fast 4 KiB" 1.2 +4

  section "Load + first call from C (ms, median of $(get shim.load_samples) fresh processes; ratio = median of per-sample ratios)"
  row "dlopen + first add()" "$(ms shim.load.ours.total)"
  cell "hand-written (Native AOT defaults)" "$(ms shim.load.handwritten.total)" "$(printf '%.3f' "$(get shim.load_ratio.ours_hand)")" 0.7
  cell "Rust cdylib" "$(ms shim.load.rust.total)" "$(printf '%.3f' "$(get shim.load_ratio.ours_rust)")"
  row "dlopen + NAME_init() + first add()" "$(ms shim.load.ours_init.total)"
  cell "hand-written (no init; Native AOT defaults)" "$(ms shim.load.handwritten.total)" "$(printf '%.3f' "$(get shim.load_ratio.ours_init_hand)")"
  row "first add() after NAME_init()" "$(ms shim.load.ours_init.first)"
  cell "first add() without NAME_init() (ours)" "$(ms shim.load.ours.first)" "$(ratio "$(get shim.load.ours_init.first)" "$(get shim.load.ours.first)")"
  row "NAME_init() itself" "$(ms shim.load.ours_init.init)"
  cell "first add() without NAME_init() (ours)" "$(ms shim.load.ours.first)" "$(ratio "$(get shim.load.ours_init.init)" "$(get shim.load.ours.first)")"
  row "dlopen + first add_fast() (no GC transition)" "$(ms shim.load.ours_fast.total)"
  cell "Rust cdylib: dlopen + first add()" "$(ms shim.load.rust.total)" "$(printf '%.3f' "$(get shim.load_ratio.ours_fast_rust)")" 1.5
  cell "ours: dlopen + first add() (transition)" "$(ms shim.load.ours.total)" "$(printf '%.3f' "$(get shim.load_ratio.ours_fast_ours)")"

  section "Build time of hello_world (s, median of $build_rounds; clean: bin/ obj/ target/ deleted first, NuGet cache warm)"
  build_rows clean "clean: cdylib build --release"
  build_rows nochange "no change: cdylib build --release"
  fresh_rows cdylib

  section "Build time of hello_world through the installed Cdylib package (cdylib new: a PackageReference, no project references; median of $build_rounds, NuGet cache warm)"
  row "clean: cdylib build --release" "$(secs build.package.clean)"
  cell "dotnet publish -c Release, same project" "$(secs build.package_publish.clean)" "$(ratio "$(get build.package.clean)" "$(get build.package_publish.clean)")" 1.1
  row "no change: cdylib build --release" "$(secs build.package.nochange)"
  cell "dotnet publish -c Release, same project" "$(secs build.package_publish.nochange)" "$(ratio "$(get build.package.nochange)" "$(get build.package_publish.nochange)")"
  cell "cargo build --release (Rust)" "$(secs build.cargo.nochange)" "$(ratio "$(get build.package.nochange)" "$(get build.cargo.nochange)")"
  fresh_rows package

  section "Inspector (median of $inspect_rounds interleaved rounds of $inspect_runs runs each: wall ms, peak RSS; output to /dev/null)"
  printf '%s\n' "ELF: $(describe_file elf "$elf")"
  inspect_rows elf objdump 0.5 "objdump:objdump -T" "nm:nm -D" "readelf:readelf --dyn-syms -W" "llvm_readobj:llvm-readobj --dyn-syms"
  printf '%s\n' "ELF, demangled names: $(describe_file elf "$elf")"
  inspect_rows elf_demangle objdump 0.7 "objdump:objdump -TC"
  printf '%s\n' "PE: $(describe_file pe "$pe")"
  inspect_rows pe "" "" "objdump:objdump -p" "llvm_readobj:llvm-readobj --coff-exports"
  printf '%s\n' "PE, mingw-w64: $(describe_file pe "$pe_large")"
  inspect_rows pe_large objdump 0.5 "objdump:objdump -p" "llvm_readobj:llvm-readobj --coff-exports"
  printf '%s\n' "Mach-O: $(describe_file macho "$macho")"
  inspect_rows macho "" "" "llvm_objdump:llvm-objdump --macho --exports-trie" "llvm_nm:llvm-nm"

  echo
  echo "targets: $pass PASS, $failed FAIL, $unmeasured not measured; details: bench/target/shims-report.txt (the shim driver's full report), bench/target/results.tsv (every figure)"
} | sed 's/[[:space:]]*$//' | tee "$out/table.txt"
