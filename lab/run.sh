#!/bin/bash
# Runs the lab jobs: one guest boot per image, and in that boot the jobs one after the other, each on a
# fresh data disk of its own (guest/run-jobs.sh). The engine jar and the playbooks are copied into the share.
#
#   lab/run.sh [-i IMAGE[=JOB,...]]... [-j JAR] [-p PLAYBOOKS_DIR] [JOB...]
#
# IMAGE: debian12 or debian13; -i may repeat; none means both. JOB is a number (1), or a name or its
# prefix (01-full-extend); none means every job in lab/jobs/. `-i IMAGE=JOB,...` runs those jobs on that
# image instead (lab/ci.sh: `-i debian13 -i debian12=2,10`).
# Defaults: JAR = engine/target/runbook.jar, PLAYBOOKS_DIR = playbooks/ of this checkout.
# Prints each job's PASS:/FAIL: lines and a job x image summary with timings; the record of each boot
# (console, and per job its log, the engine's output and run directory) is under
# $LAB_HOME/runs/<stamp>-jobs/<image>/. A job may have a host part, lab/jobs/host/<job>.sh: then its boot
# gets ssh into the guest (lab.sh -s) and lab/host-parts.sh runs the part on this machine when the job asks
# (its log: <image>/host.log, and per job out/host.log). A job is stopped after LAB_JOB_TIMEOUT seconds (default 1800).
# Exit status: 0 when every job passed on every image; 1 when a job failed, did not finish, or qemu could
# not run.
set -euo pipefail
# the whole script is one block, read before it runs: editing the file during a run (hours under emulation)
# cannot change what the running copy does next
{
LAB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LAB/.." && pwd)
export LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
JAR=$ROOT/engine/target/runbook.jar; PLAYBOOKS=$ROOT/playbooks; SPECS=()
while getopts "i:j:p:h" o; do case $o in
  i) SPECS+=("$OPTARG");; j) JAR=$OPTARG;; p) PLAYBOOKS=$OPTARG;; *) sed -n '2,17p' "$0" >&2; exit 64;; esac; done
shift $((OPTIND-1))
[ ${#SPECS[@]} -gt 0 ] || SPECS=($("$LAB/build-image.sh" --list))

# job_names JOB...: the job names (every job when none is given)
job_names(){
  local j m
  if [ $# = 0 ]; then for m in "$LAB"/jobs/[0-9][0-9]-*.sh; do basename "$m" .sh; done; return; fi
  for j in "$@"; do
    [[ $j =~ ^[0-9]$ ]] && j=0$j
    m=("$LAB"/jobs/"$j"*.sh)
    [ -f "${m[0]}" ] && [ ${#m[@]} = 1 ] || { echo "run: no single job matches '$j' in lab/jobs/ ($(cd "$LAB/jobs" && echo *.sh))" >&2; return 64; }
    basename "${m[0]}" .sh
  done
}
IMAGES=; declare -A JOBS_OF
for spec in "${SPECS[@]}"; do
  img=${spec%%=*}
  grep -qw -- "$img" <<< "$("$LAB/build-image.sh" --list)" \
    || { echo "run: unknown image '$img' (one of: $("$LAB/build-image.sh" --list))" >&2; exit 64; }
  if [[ $spec == *=* ]]; then js=${spec#*=}; list=$(job_names ${js//,/ }) || exit 64
  else list=$(job_names "$@") || exit 64; fi
  IMAGES="$IMAGES $img"; JOBS_OF[$img]=$list
done
[ -f "$JAR" ] || { echo "run: FAIL: engine jar $JAR missing: build it (mvn -B -q -DskipTests package) or pass -j" >&2; exit 1; }
[ -f "$PLAYBOOKS/thin-pool-metadata-repair.yaml" ] || { echo "run: FAIL: $PLAYBOOKS/thin-pool-metadata-repair.yaml missing (-p PLAYBOOKS_DIR)" >&2; exit 1; }

for img in $IMAGES; do "$LAB/build-image.sh" "$img"; done   # before the timings: a build is not a job's time
# the packages the build made (packaging/target), for the jobs that install them
PACKAGES=(); for f in "$ROOT"/packaging/target/runbook_*_all.deb "$ROOT"/packaging/target/runbook-*-linux-x86_64.tar.gz; do
  [ -f "$f" ] && PACKAGES+=("$f"); done
# the packages' launcher and the class list the build recorded: the jobs start the engine as an installed
# runbook does, with its JVM options and start-up archive (guest/lib.sh, lab_engine)
PACKAGES+=("$ROOT/packaging/lib/launcher.sh")
if [ -s "$ROOT/packaging/target/classlist" ]; then PACKAGES+=("$ROOT/packaging/target/classlist")
else echo "run: NOTE: no packaging/target/classlist (build with mvn -B -DskipTests package): the engine runs without its start-up archive in the guest"; fi
# host_archive IMAGE DIR: the engine's start-up archive dumped on this host by the image's own Java, in a
# chroot of the image mounted read-only, with the jar at the path and time it has in the guest: a second
# or two here against minutes under emulation. Prints the archive's path; prints nothing when it cannot be
# made (no loop device, no class list): the guest then dumps its own (guest/run-jobs.sh checks it maps).
host_archive(){
  local img=$1 d=$2/startup m ok=
  [ -s "$ROOT/packaging/target/classlist" ] || return 0
  rm -rf "$d"; mkdir -p "$d/share/startup" "$d/root"; m=$d/root
  cp -p "$JAR" "$d/share/runbook.jar"; cp "$ROOT/packaging/lib/launcher.sh" "$ROOT/packaging/target/classlist" "$d/share/"
  if mount -o loop,ro,noload "$("$LAB/build-image.sh" --print "$img")/root.img" "$m" 2> "$d/log"; then
    mount --bind "$d/share" "$m/mnt/lab" && mount --bind /dev "$m/dev" && mount -t proc proc "$m/proc" \
      && timeout 600 chroot "$m" /bin/bash -c 'RB_JAR=/mnt/lab/runbook.jar RB_CLASSLIST=/mnt/lab/classlist RB_CACHE=/mnt/lab/startup RB_QUIET_PREPARE=1
           . /mnt/lab/launcher.sh && rb_java && rb_archive' >> "$d/log" 2>&1 && ok=1
    umount "$m/proc" "$m/dev" "$m/mnt/lab" 2>/dev/null; umount "$m" 2>> "$d/log"
  fi
  [ -n "$ok" ] && ls "$d"/share/startup/startup-*.jsa 2>/dev/null | head -n 1
  return 0
}
JOB_TMO=${LAB_JOB_TIMEOUT:-1800}
# a folder of its own, also when another run (lab/ci.sh's other lane) starts in the same second
mkdir -p "$LAB_HOME/runs"
stamp=$(date +%Y%m%d-%H%M%S); base=$LAB_HOME/runs/$stamp-jobs; i=1
until mkdir "$base" 2>/dev/null; do i=$((i + 1)); base=$LAB_HOME/runs/$stamp-$i-jobs; done
summary=(); failed=0
total=0
for img in $IMAGES; do
  mapfile -t jobs <<< "${JOBS_OF[$img]}"
  total=$((total + ${#jobs[@]}))
  run=$base/$img
  # what the guest's job runner reads, copied into the share by lab.sh
  files=$base/$img-files
  mkdir -p "$files/jobs"
  printf '%s\n' "${jobs[@]}" > "$files/jobs.list"
  echo "$JOB_TMO" > "$files/job-timeout"
  for j in "${jobs[@]}"; do cp "$LAB/jobs/$j.sh" "$files/jobs/"; done
  # jobs with a host part (lab/jobs/host/<job>.sh, e.g. job 15's controller): the boot gets ssh (a forwarded
  # port and keys of its own, lab.sh -s) and lab/host-parts.sh runs the parts while the guest is up
  hostopts=(); rm -rf "$files/host"
  for j in "${jobs[@]}"; do
    [ -f "$LAB/jobs/host/$j.sh" ] || continue
    mkdir -p "$files/host"; cp "$LAB/jobs/host/$j.sh" "$files/host/"
    hostopts=(-s -H "$LAB/host-parts.sh")
  done
  t0=$(date +%s); archive=$(host_archive "$img" "$files")
  if [ -n "$archive" ]; then echo "=== $img: the engine's start-up archive made on this host in $(( $(date +%s) - t0 ))s by the image's Java"
  else echo "=== $img: no start-up archive made on this host ($files/startup/log); the guest makes its own"; fi
  echo "=== $img: ${#jobs[@]} jobs in one boot (${jobs[*]})"
  t0=$(date +%s); rc=0
  # four spare disks: a job whose JVM crashed runs again on a disk of its own (up to three tries); the
  # boot gets 1800 s beyond its jobs' time for the guest's start (380 s and more under a heavy load) and
  # the start-up archive
  # (a host part uses the share's copies of the jar and the playbooks: exactly what the guest got, even
  # if a build replaces engine/target/runbook.jar meanwhile)
  LAB_HOST_JOBS=$files/host LAB_JAR=$run/share/$(basename "$JAR") LAB_PLAYBOOKS=$run/share/$(basename "$PLAYBOOKS") \
  "$LAB/lab.sh" -i "$img" -n $(( ${#jobs[@]} + 4 )) -t $(( JOB_TMO * ${#jobs[@]} + 1800 )) -o "$run" ${hostopts[@]+"${hostopts[@]}"} \
    "$LAB/guest/run-jobs.sh" "$LAB/guest/lib.sh" "$JAR" "$PLAYBOOKS" "$files/jobs" "$files/jobs.list" "$files/job-timeout" \
    ${PACKAGES[@]+"${PACKAGES[@]}"} ${archive:+"$archive"} \
    > "$run.console" 2>&1 || rc=$?
  boot=$(( $(date +%s) - t0 ))
  for j in "${jobs[@]}"; do
    d=$run/share/results/$j
    echo "--- $j on $img"
    [ -d "$d-jvm-crash" ] && echo "  NOTE: the JVM crashed inside the emulated guest in an earlier try ($d-jvm-crash*); the job ran again"
    if [ -f "$d/out/summary.txt" ]; then sed 's/^/  /' "$d/out/summary.txt"
    elif [ -f "$d/job.log" ]; then grep -E '^(PASS|FAIL):' "$d/job.log" | sed 's/^/  /' || true; fi
    jrc=$(cat "$d/job.rc" 2>/dev/null || echo none); secs=$(cat "$d/job.secs" 2>/dev/null || echo '-')
    if [ "$jrc" = 0 ]; then verdict=PASS
    else
      verdict=FAIL; failed=1
      if [ "$jrc" = none ]; then
        echo "  FAIL: the job did not finish (boot exit status $rc); last lines of the console:"
        tail -n 25 "$run.console" | sed 's/^/    /'
      fi
    fi
    summary+=("$(printf '%-4s %-28s %-9s %5ss  %s' "$verdict" "$j" "$img" "$secs" "$d")")
  done
  summary+=("$(printf '%-4s %-28s %-9s %5ss  %s' boot "(whole boot, all jobs)" "$img" "$boot" "$run.console")")
done
echo
echo "=== lab summary ($(printf '%s\n' "${summary[@]}" | grep -c '^PASS') of $total job runs passed)"
printf '%s\n' "${summary[@]}"
exit $failed
}
