#!/bin/bash
# Runs the lab jobs: one guest boot per job, with the engine jar and the playbooks copied into the share.
#
#   lab/run.sh [-j JAR] [-p PLAYBOOKS_DIR] [JOB...]
#
# JOB is a number (1), or a name or its prefix (01-full-extend); none means every job in lab/jobs/.
# Defaults: JAR = engine/target/runbook.jar, PLAYBOOKS_DIR = playbooks/ of this checkout.
# Prints each job's PASS:/FAIL: lines and a summary with timings; the per-job run directories (console,
# job log, the engine's output and run directory) are under $LAB_HOME/runs/<stamp>-jobs/.
# Each boot is stopped after LAB_JOB_TIMEOUT seconds (default 1200).
# Exit status: 0 when every job passed; 1 when a job failed, did not finish, or qemu could not run.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
export LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
JAR=$ROOT/engine/target/runbook.jar; PLAYBOOKS=$ROOT/playbooks
while getopts "j:p:h" o; do case $o in
  j) JAR=$OPTARG;; p) PLAYBOOKS=$OPTARG;; *) sed -n '2,12p' "$0" >&2; exit 64;; esac; done
shift $((OPTIND-1))

jobs=()
if [ $# = 0 ]; then for f in "$LAB"/jobs/[0-9][0-9]-*.sh; do jobs+=("$f"); done
else
  for j in "$@"; do
    [[ $j =~ ^[0-9]$ ]] && j=0$j
    m=("$LAB"/jobs/"$j"*.sh)
    [ -f "${m[0]}" ] && [ ${#m[@]} = 1 ] || { echo "run: no single job matches '$j' in lab/jobs/ ($(cd "$LAB/jobs" && echo *.sh))" >&2; exit 64; }
    jobs+=("${m[0]}")
  done
fi
[ -f "$JAR" ] || { echo "run: FAIL: engine jar $JAR missing: build it (mvn -B -q -DskipTests package) or pass -j" >&2; exit 1; }
[ -f "$PLAYBOOKS/thin-pool-metadata-repair.yaml" ] || { echo "run: FAIL: $PLAYBOOKS/thin-pool-metadata-repair.yaml missing (-p PLAYBOOKS_DIR)" >&2; exit 1; }

"$LAB/build-image.sh"   # before the timings: a build is not a job's time
# the packages the build made (packaging/target), for the jobs that install them
PACKAGES=(); for f in "$ROOT"/packaging/target/runbook_*_all.deb "$ROOT"/packaging/target/runbook-*-linux-x86_64.tar.gz; do
  [ -f "$f" ] && PACKAGES+=("$f"); done
base=$LAB_HOME/runs/$(date +%Y%m%d-%H%M%S)-jobs
mkdir -p "$base"
summary=(); failed=0
for job in "${jobs[@]}"; do
  name=$(basename "$job" .sh)
  echo "=== job $name"
  t0=$(date +%s); rc=0
  "$LAB/lab.sh" -t "${LAB_JOB_TIMEOUT:-1200}" -o "$base/$name" "$job" "$LAB/guest/lib.sh" "$JAR" "$PLAYBOOKS" ${PACKAGES[@]+"${PACKAGES[@]}"} > "$base/$name.console" 2>&1 || rc=$?
  # A JVM that dies of SIGSEGV in its own compiled code (hs_err file) inside the emulated guest is a fault
  # of the emulator, which the engine cannot cause: such a job runs once more, from a fresh boot and disk.
  crash=$(ls "$base/$name"/share/hs_err_pid*.log 2>/dev/null | head -n 1 || true)
  if [ "$rc" != 0 ] && [ -n "$crash" ]; then
    echo "  NOTE: the JVM crashed inside the emulated guest ($crash: $(grep -m1 -o 'SIG[A-Z]* ([^)]*)' "$crash" || echo 'see the file')); running the job once more"
    mv "$base/$name" "$base/$name-jvm-crash"; mv "$base/$name.console" "$base/$name-jvm-crash.console"
    rc=0
    "$LAB/lab.sh" -t "${LAB_JOB_TIMEOUT:-1200}" -o "$base/$name" "$job" "$LAB/guest/lib.sh" "$JAR" "$PLAYBOOKS" ${PACKAGES[@]+"${PACKAGES[@]}"} > "$base/$name.console" 2>&1 || rc=$?
  fi
  secs=$(( $(date +%s) - t0 ))
  if [ -f "$base/$name/share/out/summary.txt" ]; then sed 's/^/  /' "$base/$name/share/out/summary.txt"
  else grep -E '^\[ *[0-9.]+\] (PASS|FAIL):' "$base/$name.console" | sed 's/^\[ *[0-9.]*\] /  /' || true; fi
  if [ "$rc" = 0 ]; then verdict=PASS
  else
    verdict=FAIL; failed=1
    [ -f "$base/$name/share/job.rc" ] || { echo "  FAIL: the job did not finish (exit status $rc); last lines of the console:"; tail -n 25 "$base/$name.console" | sed 's/^/    /'; }
  fi
  summary+=("$(printf '%-4s %-22s %4ds  %s' "$verdict" "$name" "$secs" "$base/$name")")
done
echo
echo "=== lab summary ($(printf '%s\n' "${summary[@]}" | grep -c '^PASS') of ${#jobs[@]} jobs passed)"
printf '%s\n' "${summary[@]}"
exit $failed
