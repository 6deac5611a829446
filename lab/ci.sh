#!/bin/bash
# The lab part of CI (called after the unit tests): installs what is missing (qemu, qemu-img, debootstrap
# with apt), builds both guest images unless they are cached, builds the engine jar unless it is up to
# date, and runs the CI matrix: every job on $LAB_CI_FULL, the representative set $LAB_CI_SET on the other
# image (under software emulation the full matrix does not fit CI's time; docs/lab.md has the figures).
# LAB_CI_MATRIX=full runs every job on both images (what `lab/run.sh` alone does).
# Exits non-zero when anything fails, including a machine where qemu cannot run: the lab never skips.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
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

# the CI matrix: every job on one image, on the other the jobs that differ most between the tool generations
# (thin_check's exit status and texts, activation messages, activation-skip handling)
FULL=${LAB_CI_FULL:-debian13}
OTHER=$("$LAB/build-image.sh" --list | tr ' ' '\n' | grep -vx "$FULL")
SET=${LAB_CI_SET:-2,10}
rc=0
if [ "${LAB_CI_MATRIX:-}" = full ]; then "$LAB/run.sh" || rc=$?
else "$LAB/run.sh" -i "$FULL" -i "$OTHER=$SET" || rc=$?; fi
echo "lab-ci: $([ $rc = 0 ] && echo PASS || echo FAIL) after $(( $(date +%s) - t0 ))s in total"
exit $rc
