#!/usr/bin/env bash
# Builds libcocean.so, the C mixed-layer ocean plug-in, into OUTDIR (default: this folder).
#   examples/c-ocean/build.sh [OUTDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
mpicc -std=c99 -O2 -Wall -Wextra -shared -fPIC -I"$here/../../include" -o "$out/libcocean.so" "$here/cocean.c" -lm
echo "built $out/libcocean.so"
