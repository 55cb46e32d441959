# Sourced by all.sh: the large PE file of the inspector rows, mingw-w64's libstdc++-6.dll for x86-64
# (23.7 MB, 5,839 exports by name: the largest export table on this kind of machine; the PE row of
# SQLite has only a few hundred). Sets pe_large (empty when missing) and pe_large_missing (why).
pe_large=""
pe_large_missing="no libstdc++-6.dll of mingw-w64 under /usr/lib/gcc/x86_64-w64-mingw32 (scripts/prerequisites.sh installs mingw-w64)"
for f in /usr/lib/gcc/x86_64-w64-mingw32/*-posix/libstdc++-6.dll /usr/lib/gcc/x86_64-w64-mingw32/*/libstdc++-6.dll; do
  if [ -f "$f" ]; then pe_large=$f; break; fi
done
