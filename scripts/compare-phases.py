#!/usr/bin/env python3
"""Compares the coupler's phases of two coupled-driver binaries on one namelist.

Runs REFERENCE and CANDIDATE in turn, RUNS times each, without mpirun (one rank), each in its
own run directory under WORKDIR, and prints a Markdown table of the median time of every
coupler phase (the `cpl ...` timers of timing/timing.json, slowest rank) per coupling step (the
atmosphere's runs), the coupler's own work, the run loop and the coupler's share of it.

    python3 scripts/compare-phases.py REFERENCE CANDIDATE NAMELIST [RUNS] [WORKDIR]
    e.g. python3 scripts/compare-phases.py /work/ref/coupled-driver .build/release/coupled-driver run.nml 5

As root, source scripts/environment.sh first (Open MPI's singleton start needs its variables).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys

if len(sys.argv) < 4:
    sys.exit(__doc__)
binaries = {"reference": os.path.abspath(sys.argv[1]), "candidate": os.path.abspath(sys.argv[2])}
namelist = os.path.abspath(sys.argv[3])
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
workdir = os.path.abspath(sys.argv[5]) if len(sys.argv) > 5 else "/tmp/compare-phases"

per_step = {name: {} for name in binaries}  # figure -> values, µs per step
share = {name: [] for name in binaries}
for _ in range(runs):
    for name, binary in binaries.items():
        rundir = os.path.join(workdir, name)
        shutil.rmtree(rundir, ignore_errors=True)
        os.makedirs(rundir)
        subprocess.run([binary, namelist, "--rundir", rundir], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(rundir, "timing", "timing.json")) as f:
            timing = json.load(f)
        steps = next(t["calls"] for t in timing["timers"] if t["name"] == "atm run")
        figures = {t["name"]: t["maximumSeconds"] for t in timing["timers"] if t["name"].startswith("cpl ") and t["name"] != "cpl init"}
        figures["coupler's own work"] = timing["couplerSeconds"]
        figures["run loop"] = timing["runSeconds"]
        for figure, seconds in figures.items():
            per_step[name].setdefault(figure, []).append(1e6 * seconds / steps)
        share[name].append(100 * timing["couplerShare"])

median = {name: {figure: statistics.median(values) for figure, values in figures.items()} for name, figures in per_step.items()}
print(f"| figure, µs per coupling step (median of {runs}) | reference | candidate | candidate / reference |")
print("|---|---|---|---|")
for figure in sorted(median["reference"], key=lambda f: -median["reference"][f]):
    before, after = median["reference"][figure], median["candidate"].get(figure, 0.0)
    print(f"| {figure} | {before:.0f} | {after:.0f} | {after / before:.2f} |")
before, after = statistics.median(share["reference"]), statistics.median(share["candidate"])
print(f"| the coupler's share of the run loop | {before:.0f}% | {after:.0f}% | |")
