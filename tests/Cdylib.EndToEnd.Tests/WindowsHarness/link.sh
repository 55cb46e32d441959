#!/usr/bin/env bash
# TEST-ONLY: links a Native AOT win-x64 shared library on Linux, the step Native AOT itself cannot do here.
# Adapted from this workplace's recipe shared/recipes/win-x64-aot-on-linux (link.sh, crtstub.c, cxxstub.cpp).
#
#   link.sh PROJECT_DIR LINK_RSP WORK_DIR OUT_DLL
#
# `dotnet publish -r win-x64 -p:DisableUnsupportedError=true` has ILC write NAME.obj and link.rsp (paths
# relative to PROJECT_DIR), then fails at MSVC's `link` (expected). This runs that response file through
# lld-link instead, against mingw-w64's import libraries (named as MSVC's), an import library of
# ucrtbase.dll made from mingw-w64's, and crtstub.c/cxxstub.cpp in place of the few MSVC runtime
# pieces the object needs. Not fit to ship: the security cookie is a constant, atexit does nothing,
# control-flow guard is a no-op. Tools: $LLD_LINK, $CLANG, $CLANGXX, $LLVM_NM, $LLVM_DLLTOOL, $MINGW_GCC
# (default: the newest lld-link, clang, clang++ on PATH; llvm-nm, llvm-dlltool, x86_64-w64-mingw32-gcc).
set -euo pipefail
project=$1 rsp=$2 work=$3 out=$4
harness=$(cd "$(dirname "$0")" && pwd)
newest() { for t in "$1" "$1"-{30..10}; do command -v "$t" && return; done; echo "$1 not found (scripts/prerequisites.sh installs it)" >&2; exit 1; }
LLD_LINK=${LLD_LINK:-$(newest lld-link)}
CLANG=${CLANG:-$(newest clang)}
CLANGXX=${CLANGXX:-$(newest clang++)}
LLVM_NM=${LLVM_NM:-llvm-nm}
LLVM_DLLTOOL=${LLVM_DLLTOOL:-llvm-dlltool}
MINGW_GCC=${MINGW_GCC:-x86_64-w64-mingw32-gcc}

mingw_lib=$(dirname "$("$MINGW_GCC" -print-file-name=libkernel32.a)")
mkdir -p "$work/lib"
# The system libraries link.rsp names, as mingw-w64 ships them (libNAME.a is an import library too).
for l in advapi32 bcrypt crypt32 iphlpapi kernel32 mswsock ncrypt normaliz ntdll ole32 oleaut32 secur32 user32 version ws2_32 uuid; do
    ln -sf "$mingw_lib/lib$l.a" "$work/lib/$l.lib"
done
# ucrt.lib: every function mingw-w64's libucrtbase.a imports, as a plain import library of ucrtbase.dll
# (mingw's own mixes in static helpers and _o_ aliases meant for its CRT start-up).
{
    echo "LIBRARY ucrtbase.dll"
    echo "EXPORTS"
    "$LLVM_NM" "$mingw_lib/libucrtbase.a" 2>/dev/null | awk '$2=="I" && $3 ~ /^__imp_/ { sub(/^__imp_/, "", $3); print "  " $3 }' | grep -v '^  _o_' | sort -u
} > "$work/lib/ucrtbase.def"
"$LLVM_DLLTOOL" -m i386:x86-64 -d "$work/lib/ucrtbase.def" -l "$work/lib/ucrt.lib"
"$CLANG" --target=x86_64-pc-windows-msvc -O2 -fms-extensions -c "$harness/crtstub.c" -o "$work/lib/crtstub.obj"
"$CLANGXX" --target=x86_64-pc-windows-msvc -O2 -c "$harness/cxxstub.cpp" -o "$work/lib/cxxstub.obj"
# MSVC's link.exe options lld-link does not take (natvis, source link) and the UTF-8 byte-order mark go.
sed -e '/NATVIS/d' -e '/SOURCELINK/d' -e 's/^\xEF\xBB\xBF//' "$rsp" > "$work/lld.rsp"
mkdir -p "$(dirname "$out")"
cd "$project"
# The later /OUT wins over the one in link.rsp.
"$LLD_LINK" @"$work/lld.rsp" "$work/lib/crtstub.obj" "$work/lib/cxxstub.obj" /libpath:"$work/lib" /OUT:"$out" \
    /NODEFAULTLIB:libcmt.lib /NODEFAULTLIB:libvcruntime.lib /NODEFAULTLIB:libcpmt.lib /NODEFAULTLIB:oldnames.lib
