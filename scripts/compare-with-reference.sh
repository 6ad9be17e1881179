#!/usr/bin/env bash
# Shows that a change does not change any answer: runs every configuration in namelists/
# (default, concurrent, sequential, data-ocean, all-data, threaded) with two coupled-driver
# binaries, under mpirun on the rank count each namelist names in its header
# ("mpirun -n N ..."), each in its own run directory, then compares every file the runs write
# (history *.hi.*.nc and *.h.*.nc, restarts *.r.*.nc, rpointer.drv) by bytes (cmp) and, for
# netCDF files, with the candidate's `coupled-driver compare`. Both runs also write a restart
# set at the stop (restart_option = 'end' is added to each namelist), so end states are compared.
#
#   bash scripts/compare-with-reference.sh REFERENCE CANDIDATE OUTDIR
#   e.g. bash scripts/compare-with-reference.sh /work/ref-fe9ab3e/.build/release/coupled-driver \
#            .build/release/coupled-driver /tmp/compare
#
# OUTDIR must not exist or be empty; it gets OUTDIR/CONFIG/{reference,candidate} (run directories
# with the logs), OUTDIR/CONFIG/compare/FILE.txt (compare's reports) and OUTDIR/namelists.
# Prints one line per configuration and file (identical / DIFFERENT / MISSING / RUN FAILED) and
# exits 1 if any run failed or any file differs or exists on one side only.
# Environment: NAMELISTS (folder of the namelists; default: namelists/ next to this script),
# CONFIGS (default: every *.nml there), CANDIDATE_EDIT (a sed script applied to the candidate's
# copy of each namelist only, for a key the reference does not know, e.g.
# CANDIDATE_EDIT="s/^&seq_infodata_inparm/& cpl_seq_option = 'CESM1_MOD'/"). Sources scripts/environment.sh.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/environment.sh"
reference="$(realpath "$1")"; candidate="$(realpath "$2")"; out="$3"
nml="$(cd "${NAMELISTS:-$here/../namelists}" && pwd)"
[ -z "$(ls -A "$out" 2>/dev/null)" ] || { echo "error: $out is not empty" >&2; exit 2; }
mkdir -p "$out/namelists" && out="$(cd "$out" && pwd)"
configs="${CONFIGS:-$(cd "$nml" && ls *.nml | sed 's/\.nml$//')}"
failed=0
for config in $configs; do
  ranks="$(grep -o 'mpirun.* -n [0-9]*' "$nml/$config.nml" | head -1 | awk '{print $NF}')"
  [ -n "$ranks" ] || { echo "$config: no 'mpirun -n N' in $nml/$config.nml" >&2; failed=1; continue; }
  mkdir -p "$out/$config/compare"
  for side in reference candidate; do
    copy="$out/namelists/$config.$side.nml"
    sed "s/^&seq_timemgr_inparm\b/& restart_option = 'end'/" "$nml/$config.nml" > "$copy"
    [ "$side" = reference ] || [ -z "${CANDIDATE_EDIT:-}" ] || sed -i "$CANDIDATE_EDIT" "$copy"
    binary="$reference"; [ "$side" = reference ] || binary="$candidate"
    # From the namelists' repository, as the tests and run-default.sh do; relative paths in
    # the copy resolve against the namelists folder (--paths-from).
    if ! (cd "$nml/.." && mpirun --oversubscribe -n "$ranks" "$binary" run "$copy" --paths-from "$nml" \
          --rundir "$out/$config/$side" > "$out/$config/$side.out" 2>&1); then
      echo "$config  RUN FAILED ($side, $ranks ranks; see $out/$config/$side.out)"; failed=1
    fi
  done
  files="$(cd "$out/$config" && ls reference candidate 2>/dev/null | grep -E '\.(hi|h|r)\..*\.nc$|^rpointer' | sort -u)" || true
  [ -n "$files" ] || { echo "$config  no output files"; failed=1; }
  for f in $files; do
    a="$out/$config/reference/$f"; b="$out/$config/candidate/$f"
    if [ ! -f "$a" ] || [ ! -f "$b" ]; then
      echo "$config  $f  DIFFERENT (MISSING in $([ -f "$a" ] && echo candidate || echo reference))"; failed=1; continue
    fi
    bytes=identical; cmp -s "$a" "$b" || bytes=differ
    values=-; [[ "$f" != *.nc ]] || { values=identical; "$candidate" compare "$a" "$b" > "$out/$config/compare/$f.txt" 2>&1 || values=differ; }
    if [ "$bytes" = identical ] && [ "$values" != differ ]; then echo "$config  $f  identical"
    else echo "$config  $f  DIFFERENT (bytes $bytes, values $values)"; failed=1; fi
  done
done
[ "$failed" = 0 ] && echo "all identical" || echo "DIFFERENCES FOUND"
exit "$failed"
