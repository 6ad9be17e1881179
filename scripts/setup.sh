#!/usr/bin/env bash
# Installs the system packages coupled-driver needs, only those missing (idempotent),
# and checks that Swift is on the PATH. Usage: scripts/setup.sh [run|test|bench]
#   run   — what building and running needs (MPI, netCDF, PnetCDF and their tools)
#   test  — also what the tests need (NCO, CDO, a Fortran compiler, Slurm, munge)
#   bench — also what the benchmarks compare with (scipy)
set -euo pipefail
purpose="${1:-run}"

packages=(libopenmpi-dev openmpi-bin libnetcdf-dev libpnetcdf-dev pnetcdf-bin netcdf-bin pkg-config)
if [ "$purpose" = "test" ] || [ "$purpose" = "bench" ]; then
    packages+=(nco cdo gfortran slurm-wlm munge python3-xarray python3-netcdf4)
fi
if [ "$purpose" = "bench" ]; then
    packages+=(python3-numpy python3-scipy)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "setup: add /opt/swift/usr/bin to PATH" >&2
    fi
    echo "setup: Swift 6 is needed (https://www.swift.org/install/linux/); 'swift' is not on the PATH" >&2
    exit 1
fi
