#!/bin/bash
# The host side of lab/run.sh's jobs, started by lab.sh (-H) while the guest is up. A job with a host part
# (lab/jobs/host/<job>.sh, copied by run.sh into LAB_HOST_JOBS) asks for it when its guest side is ready
# (guest/lib.sh, lab_host_part: the file out/host-go in its results folder of the share). This script then
# runs that part once, in the job's out folder, with
#   LAB_JOB_OUT   the job's out folder (the guest's $OUT, seen from the host)
#   LAB_SSH_DIR   the boot's ssh files on the host (lab.sh -s: port, known_hosts, id_ed25519, config)
#   LAB_JAR, LAB_PLAYBOOKS  the engine jar and the playbooks the boot's share got
# its output in out/host.log and its exit status in out/host.rc, which the guest waits for. It polls
# every 2 s until lab.sh ends it with the boot.
set -uo pipefail
# the whole script is one block, read before it runs: editing the file during a run cannot change what
# the running copy does next
{
SHARE=${LAB_RUN_DIR:?}/share
HOSTJOBS=${LAB_HOST_JOBS:?}
echo "host-parts: serving $(cd "$HOSTJOBS" && echo *.sh) for $LAB_RUN_DIR"
while :; do
  for f in "$HOSTJOBS"/*.sh; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .sh); o=$SHARE/results/$name/out
    [ -f "$o/host-go" ] && [ ! -f "$o/host.rc" ] || continue
    echo "host-parts: $(date -u +%T) $name asks for its host part"
    t=$(date +%s)
    ( cd "$o" && LAB_JOB_OUT=$o LAB_SSH_DIR=$LAB_RUN_DIR/ssh exec bash "$f" ) > "$o/host.log" 2>&1
    rc=$?
    # written whole, then renamed: the guest never reads a half-written status
    echo "$rc" > "$o/host.rc.tmp" && mv "$o/host.rc.tmp" "$o/host.rc"
    echo "host-parts: $(date -u +%T) $name's host part ended with exit status $rc after $(( $(date +%s) - t ))s"
  done
  sleep 2
done
}
