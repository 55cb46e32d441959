#!/usr/bin/env bash
# Publishes the `cdylib` command as one Native AOT executable (no .NET runtime needed to run it; it
# starts in a few milliseconds, like the C tools it stands beside), with the Cdylib package in
# packages/ beside it so that `cdylib new` and `cdylib build` work from it too.
#
#   scripts/publish-cli.sh [--output DIR] [--runtime RID]     (default: artifacts/cli/RID, linux-x64)
#
# The executable targets net10.0, like the .NET tool (the .NET 10 ILCompiler and
# Microsoft.NETCore.App.Runtime.NativeAOT.RID packs). The build goes to its own artifacts folder
# (artifacts/cli-build/RID) so that its RID-specific restore never replaces the restore of src/ under
# a running build; the Cdylib package it ships beside the executable is packed from that build.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime=linux-x64
output=""
while [ $# -gt 0 ]; do
    case "$1" in
        --output|-o) output=$2; shift 2 ;;
        --runtime|-r) runtime=$2; shift 2 ;;
        *) echo "usage: scripts/publish-cli.sh [--output DIR] [--runtime RID]" >&2; exit 1 ;;
    esac
done
output=${output:-artifacts/cli/$runtime}

dotnet publish src/Cdylib.Cli/Cdylib.Cli.csproj -c Release -r "$runtime" -p:CdylibNativeCli=true \
    --artifacts-path "artifacts/cli-build/$runtime" -o "$output" -nologo -v quiet
echo "$output/cdylib"
