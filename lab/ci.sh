#!/bin/bash
# The lab part of CI (called after the unit tests): installs what is missing (qemu, qemu-img, debootstrap
# with apt), builds the guest image unless it is cached, builds the engine jar unless it is up to date,
# and runs every lab job. Exits non-zero when anything fails, including a machine where qemu cannot run:
# the lab never skips.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
t0=$(date +%s)
"$LAB/host-tools.sh"

t=$(date +%s)
"$LAB/build-image.sh"
echo "lab-ci: guest image ready after $(( $(date +%s) - t ))s ($("$LAB/build-image.sh" --print))"

JAR=$ROOT/engine/target/runbook.jar
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/engine/src/main" -newer "$JAR" -print -quit)" ]; then
  t=$(date +%s)
  echo "lab-ci: building the engine jar"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
  echo "lab-ci: jar built in $(( $(date +%s) - t ))s"
fi

rc=0
"$LAB/run.sh" || rc=$?
echo "lab-ci: $([ $rc = 0 ] && echo PASS || echo FAIL) after $(( $(date +%s) - t0 ))s in total"
exit $rc
