#!/usr/bin/env bash
# Installs what is missing, builds coupled-driver in release mode and runs the default
# coupled configuration on 4 ranks: mpirun -n 4 coupled-driver namelists/default.nml
# The run directory is run/default (override with RUNDIR=...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
source scripts/environment.sh
swift build -c release --product coupled-driver
rundir="${RUNDIR:-run/default}"
mkdir -p "$rundir"
mpirun --oversubscribe -n 4 .build/release/coupled-driver namelists/default.nml --rundir "$rundir"
echo "run-default: finished; logs in $rundir (cpl.log, atm.log, lnd.log, ice.log, ocn.log)"
