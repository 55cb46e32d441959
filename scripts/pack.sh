#!/usr/bin/env bash
# Packs every package this repository ships into artifacts/packages/:
#   Cdylib             the attribute, runtime, generator, analyzers, build task and MSBuild logic
#   Cdylib.ObjectFile  the native-binary reader library
#   Cdylib.Tool        the `cdylib` command as a .NET tool (carrying the Cdylib package it builds with)
#   Cdylib.Templates   `dotnet new cdylib`
# plus .snupkg symbol packages for the two libraries.
#
# Version: 0.1.0-dev.N, N being the number of commits in HEAD's history, so every packed commit is a
# new version that NuGet's package cache (which keys on the version) cannot confuse with an older
# build; `--version-suffix ''` packs 0.1.0 itself, like a plain `dotnet pack Cdylib.slnx`.
#
#   scripts/pack.sh [--output DIR] [--version-suffix SUFFIX] [--configuration Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."

output=artifacts/packages
configuration=Release
suffix=dev.$(git rev-list --count HEAD 2>/dev/null || echo 0)
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=$2; shift 2 ;;
        --version-suffix) suffix=$2; shift 2 ;;
        --configuration|-c) configuration=$2; shift 2 ;;
        *) echo "usage: scripts/pack.sh [--output DIR] [--version-suffix SUFFIX] [--configuration CONFIG]" >&2; exit 1 ;;
    esac
done
mkdir -p "$output"
output=$(cd "$output" && pwd)

dotnet pack Cdylib.slnx --configuration "$configuration" --output "$output" --nologo \
    "-p:VersionSuffix=$suffix"

version=0.1.0${suffix:+-$suffix}
echo
echo "Packed version $version into $output:"
ls -1 "$output" | grep -F ".$version." || true
