#!/bin/bash
# The lab part of CI (called after the unit tests): installs what is missing (qemu, qemu-img, debootstrap
# with apt), builds both guest images unless they are cached, builds the engine jar unless it is up to
# date, and runs the CI matrix ($LAB_CI_SETS; under software emulation the full matrix does not fit
# CI's time; docs/lab.md has the figures). LAB_CI_MATRIX=full runs every job on both images.
# Exits non-zero when anything fails, including a machine where qemu cannot run: the lab never skips.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
export LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
mkdir -p "$LAB_HOME"
t0=$(date +%s)
"$LAB/host-tools.sh"

for img in $("$LAB/build-image.sh" --list); do
  t=$(date +%s)
  "$LAB/build-image.sh" "$img"
  echo "lab-ci: guest image $img ready after $(( $(date +%s) - t ))s ($("$LAB/build-image.sh" --print "$img"))"
done

JAR=$ROOT/engine/target/runbook.jar
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/engine/src/main" -newer "$JAR" -print -quit)" ]; then
  t=$(date +%s)
  echo "lab-ci: building the engine jar"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
  echo "lab-ci: jar built in $(( $(date +%s) - t ))s"
fi

# the CI matrix: per image the jobs proven on the current engine (docs/lab.md, "What CI runs"); each
# image boots in its own emulator at the same time (one core each). LAB_CI_MATRIX=full runs every job on
# both images (what `lab/run.sh` alone does); LAB_CI_SETS="IMAGE=JOBS ..." chooses other sets.
SETS=${LAB_CI_SETS:-debian13=2,8 debian12=2,11}
rc=0
if [ "${LAB_CI_MATRIX:-}" = full ]; then "$LAB/run.sh" || rc=$?
else
  pids=()
  for spec in $SETS; do
    "$LAB/run.sh" -i "$spec" > "$LAB_HOME/ci-${spec%%=*}.log" 2>&1 & pids+=($!)
    sleep 2   # each run names its folder after the second it starts
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  for spec in $SETS; do echo "=== lab-ci: ${spec%%=*}"; cat "$LAB_HOME/ci-${spec%%=*}.log"; done
fi
echo "lab-ci: $([ $rc = 0 ] && echo PASS || echo FAIL) after $(( $(date +%s) - t0 ))s in total"
exit $rc
