#!/usr/bin/env bash
# Builds libfland.so, the Fortran land plug-in, into OUTDIR (default: this folder).
#   examples/fortran-land/build.sh [OUTDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
modules="$(mktemp -d)"
trap 'rm -rf "$modules"' EXIT
mpifort -std=f2018 -O2 -Wall -Wno-unused-dummy-argument -shared -fPIC -J "$modules" -o "$out/libfland.so" \
    "$here/../../include/coupled_driver_component.f90" "$here/fland.f90"
echo "built $out/libfland.so"
