#!/bin/bash
# The lab part of CI (called after the unit tests): installs what is missing (qemu, qemu-img, debootstrap
# with apt), builds both guest images unless they are cached, builds the engine jar unless it is up to
# date, and runs the CI matrix, split into two lanes that run at the same time (one emulator each: CI
# has two cores). A lane boots its images one after the other, each boot running its jobs one after the
# other (lab/run.sh). docs/lab.md, "The CI matrix", has the sets and the measured times.
#   LAB_CI_MATRIX=all|proven|full                  which matrix (below; default all)
#   LAB_CI_LANES="IMAGE=JOBS ... ; IMAGE=JOBS ..."  other lanes (';' between lanes)
# Exits non-zero when anything fails, including a machine where qemu cannot run: the lab never skips.
set -euo pipefail
# the whole script is one block, read before it runs: editing the file during a run (hours under emulation)
# cannot change what the running copy does next
{
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
export LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
mkdir -p "$LAB_HOME"
t0=$(date +%s)
# The CI matrix, two lanes at once (one emulator each), balanced by the jobs' measured times
# (docs/lab.md, "The CI matrix"):
#  - all (the default): every job on debian13, and on debian12 the jobs whose path or tools differ with
#    lvm2 2.03.16, thin-provisioning-tools 0.9.0 and OpenJDK 17: the transaction-id stop, fix and healthy
#    rerun (9), data full (11), the metadata-snapshot path (13: thin_ls -m of 0.9.0), the .deb installed
#    with apt and its offline repair (6, which makes every check of job 2's first run), the archive on a
#    host without Java (7, whose dry run makes every check of job 4). The fleet over ssh (15) runs on
#    debian13 in the shorter lane, with job 4 (lane times: docs/lab.md). The jobs that make the recorded
#    scenarios (docs/lab.md, "Scenarios recorded from the lab") come first in each boot;
#  - proven: jobs 9, 11 and 2 on both images (the three paths that differ most between the generations);
#  - full: every job on both images, one image after the other (what `lab/run.sh` alone does).
# LAB_CI_LANES="IMAGE=JOBS ... ; IMAGE=JOBS ..." runs other lanes.
ALL_LANES="debian13=9,1,3,2,11,8,10,12,14,13,5,18 ; debian12=9,11,13,6,7,16 debian13=6,7,15,4,17"
PROVEN_LANES="debian13=9,11,2 ; debian12=11,9,2"
case ${LAB_CI_MATRIX:-all} in
  proven) LANES=${LAB_CI_LANES:-$PROVEN_LANES};;
  all) LANES=${LAB_CI_LANES:-$ALL_LANES};;
  full) LANES=;;
  *) echo "lab-ci: LAB_CI_MATRIX is all, proven or full, not '$LAB_CI_MATRIX'" >&2; exit 64;;
esac
"$LAB/host-tools.sh"

# both images at once (debootstrap and apt wait on the network as much as on the CPU); cached ones are
# there at once
pids=()
for img in $("$LAB/build-image.sh" --list); do
  ( t=$(date +%s); "$LAB/build-image.sh" "$img" > "$LAB_HOME/ci-build-$img.log" 2>&1 \
      || { cat "$LAB_HOME/ci-build-$img.log"; echo "lab-ci: FAIL: building the $img image" >&2; exit 1; }
    echo "lab-ci: guest image $img ready after $(( $(date +%s) - t ))s ($("$LAB/build-image.sh" --print "$img"))" ) & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

JAR=$ROOT/engine/target/runbook.jar
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/engine/src/main" -newer "$JAR" -print -quit)" ]; then
  t=$(date +%s)
  echo "lab-ci: building the engine jar"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
  echo "lab-ci: jar built in $(( $(date +%s) - t ))s"
fi

rc=0
if [ -z "$LANES" ]; then "$LAB/run.sh" || rc=$?
else
  pids=(); n=0
  IFS=';' read -r -a lanes <<< "$LANES"
  for lane in "${lanes[@]}"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    ( set +e; lrc=0; for spec in $lane; do "$LAB/run.sh" -i "$spec" || lrc=1; done; exit $lrc ) \
      > "$LAB_HOME/ci-lane$n.log" 2>&1 & pids+=($!)
  done
  n=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  for lane in "${lanes[@]}"; do n=$((n + 1)); echo "=== lab-ci: lane $n:$lane"; cat "$LAB_HOME/ci-lane$n.log"; done
fi
echo "lab-ci: $([ $rc = 0 ] && echo PASS || echo FAIL) after $(( $(date +%s) - t0 ))s in total"
exit $rc
}
