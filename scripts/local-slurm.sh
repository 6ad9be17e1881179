#!/usr/bin/env bash
# A real single-node Slurm on this machine, for trying SlurmBackend and for its tests.
#
#   scripts/local-slurm.sh start DIR   # prints the path of DIR/slurm.conf: export SLURM_CONF=<that path>
#   scripts/local-slurm.sh stop DIR    # cancels the cluster's jobs and stops its daemons (idempotent)
#
# Everything lives in DIR: a munge key and a private munged (its own socket, so a system munged
# is neither used nor disturbed), slurm.conf, the controller's state, the daemons' logs and pid
# files. The node is this machine (its short host name) with `nproc` CPUs; jobs may share CPUs
# (OverSubscribe=FORCE:4) and a job may ask for more tasks than CPUs (--overcommit). There is no
# accounting database, so `sacct` answers "accounting storage is disabled".
# Needs root (or sudo) and the packages slurm-wlm and munge (scripts/setup.sh test installs them).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1"
mkdir -p "$2"
dir="$(cd "$2" && pwd)"
conf="$dir/slurm.conf"

log() { echo "local-slurm: $*" >&2; }

# The daemons started below must not hold files of whoever ran this script open: a parent that
# waits for its output pipe or a status socket to close would wait as long as the daemons live.
# So close every inherited descriptor but the standard ones (and bash's own 255), and start the
# daemons with their standard streams on /dev/null (they write their own logs).
for fd in /proc/$$/fd/*; do
    fd="${fd##*/}"
    if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

# True when something accepts TCP connections on localhost port $1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Stops the daemon whose pid file is $1: SIGTERM, then SIGKILL after 10 s.
stop_daemon() {
    local pidfile="$1" pid
    [ -f "$pidfile" ] || return 0
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

stop() {
    # Cancel the cluster's jobs first, so no job step outlives the daemons.
    if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
        local jobs
        jobs="$(SLURM_CONF="$conf" squeue -h -o %i 2>/dev/null | tr '\n' ' ' || true)"
        if [ -n "${jobs// /}" ]; then
            log "cancelling jobs $jobs"
            # shellcheck disable=SC2086
            SLURM_CONF="$conf" scancel $jobs 2>/dev/null || true
            for _ in $(seq 150); do
                [ -z "$(SLURM_CONF="$conf" squeue -h -o %i 2>/dev/null)" ] && break
                sleep 0.2
            done
        fi
    fi
    stop_daemon "$dir/slurmd.pid"
    stop_daemon "$dir/slurmctld.pid"
    stop_daemon "$dir/munged.pid"
}

start() {
    for tool in munged slurmctld slurmd sinfo; do
        command -v "$tool" >/dev/null 2>&1 || { log "$tool is missing: apt-get install -y slurm-wlm munge"; exit 1; }
    done
    if [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; then
        log "already running in $dir"
        echo "$conf"
        return 0
    fi
    trap 'log "start failed; logs are in $dir"; stop' ERR
    local user host cpus ctld_port
    user="$(id -un)"
    host="$(hostname -s)"
    cpus="$(nproc)"
    mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
    chmod 700 "$dir/munge"

    # munge: a private key and daemon.
    if [ ! -s "$dir/munge/munge.key" ]; then
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
        chmod 400 "$dir/munge/munge.key"
    fi
    munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munged.seed" \
        </dev/null >/dev/null 2>&1

    # Two free ports, from 6817 (Slurm's default) upwards, so a second local cluster can run.
    ctld_port=6817
    while port_in_use "$ctld_port" || port_in_use $((ctld_port + 1)); do
        ctld_port=$((ctld_port + 2))
        [ "$ctld_port" -lt 6900 ] || { log "no free ports between 6817 and 6900"; exit 1; }
    done

    cat >"$conf" <<EOF
# Written by scripts/local-slurm.sh: a single-node Slurm on $host.
ClusterName=local
SlurmctldHost=$host
SlurmctldPort=$ctld_port
SlurmdPort=$((ctld_port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
# Finished jobs stay visible to 'squeue -t all' for MinJobAge seconds; a job past its time
# limit gets SIGTERM, then SIGKILL after KillWait seconds.
MinJobAge=300
KillWait=5
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
EOF

    # -c: start with no jobs left over from an earlier cluster in this folder.
    slurmctld -c -f "$conf" </dev/null >/dev/null 2>&1
    slurmd -f "$conf" </dev/null >/dev/null 2>&1
    for _ in $(seq 150); do
        state="$(SLURM_CONF="$conf" sinfo -h -n "$host" -o %T 2>/dev/null || true)"
        if [ "$state" = "idle" ]; then
            trap - ERR
            log "node $host ($cpus CPUs) is idle; slurmctld on port $ctld_port"
            echo "$conf"
            return 0
        fi
        sleep 0.2
    done
    log "the node did not become idle within 30 s (state: '${state:-none}')"
    false
}

case "$action" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
