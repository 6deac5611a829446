# Guest side of lab/run.sh: runs the jobs named in /mnt/lab/jobs.list one after the other in this boot,
# each on a data disk of its own that no job used before (/dev/vdb, /dev/vdc, ...), so one job's VG,
# device-mapper devices and leftovers cannot reach the next. Per job NAME, under /mnt/lab/results/NAME/:
# job.log (everything the job printed), job.rc, job.secs, out/ (the job's files, summary.txt).
# Between jobs: every process the job left behind is ended, its VGs are deactivated and its disk is wiped,
# and the folders the playbook writes (/root/thin-pool-repair, the state dir) are removed.
# A job whose JVM died of SIGSEGV (an hs_err_pid*.log in its folder: a fault of the emulator, which Java
# code cannot cause, see docs/lab.md) runs again on the next unused disk, up to three tries in all; a
# crashed try is kept as results/NAME-jvm-crash/ (the second as NAME-jvm-crash-2/).
export LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1
SHARE=/mnt/lab
TMO=$(cat "$SHARE/job-timeout" 2>/dev/null || echo 1800)
mapfile -t DISKS < <(lsblk -dn -o NAME | grep -E '^vd[b-z]$' | sort | sed 's#^#/dev/#')
mapfile -t JOBS < "$SHARE/jobs.list"
next=0
up(){ cut -d' ' -f1 /proc/uptime; }
echo "run-jobs: ${#JOBS[@]} jobs, ${#DISKS[@]} data disks, ${TMO}s per job; kernel $(uname -r)"

# cleanup PV SID: end the job's processes, deactivate and forget what it built on PV
cleanup(){
  local pv=$1 sid=$2 pids vg
  pids=$(ps -eo pid=,sid= | awk -v s="$sid" '$2 == s {print $1}')
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  sleep 1
  for vg in $(pvs --noheadings -o vg_name "$pv" 2>/dev/null | tr -d ' '); do
    vgchange -an "$vg" >/dev/null 2>&1
  done
  # whatever is still mapped (a component activation, a helper LV) goes too; the root disk is no dm device
  dmsetup remove_all --force >/dev/null 2>&1
  wipefs -a -q "$pv" >/dev/null 2>&1
  rm -rf /root/thin-pool-repair /var/tmp/runbook-state /var/tmp/lab /etc/lvm/backup/* /etc/lvm/archive/*
}

# run_one NAME DIR: runs the job on the next unused disk, in a session of its own; sets RC
run_one(){
  local name=$1 dir=$2 pv t0 sid
  pv=${DISKS[$next]:-}; next=$((next + 1))
  rm -rf "$dir"; mkdir -p "$dir/out"
  if [ -z "$pv" ]; then echo "FAIL: no unused data disk left for $name" | tee "$dir/job.log"; RC=1; echo 1 > "$dir/job.rc"; return; fi
  echo "=== job $name on $pv (uptime $(up)s)"
  t0=$(up)
  : > "$dir/job.log"   # there before tail follows it (else tail gives up at once and the console shows nothing)
  # setsid: the job and every process it starts share one session, ended as a whole afterwards
  ( cd "$dir" && LAB_OUT="$dir/out" LAB_PV="$pv" exec setsid timeout -k 10 "$TMO" bash "$SHARE/jobs/$name.sh" ) \
    < /dev/null >> "$dir/job.log" 2>&1 &
  local pid=$!
  sid=$pid   # setsid in a process that leads no group makes no new process: the session id is its pid
  tail -n +1 -f --pid="$pid" "$dir/job.log" | grep --line-buffered -E '^(PASS|FAIL|NOTE|===)' | sed -u 's/^/  /'
  wait "$pid"; RC=$?
  echo "$RC" > "$dir/job.rc"
  awk -v a="$(up)" -v b="$t0" 'BEGIN{printf "%d\n", a-b}' > "$dir/job.secs"
  [ "$RC" = 124 ] && echo "FAIL: $name did not finish within ${TMO}s" | tee -a "$dir/job.log"
  echo "=== job $name: exit status $RC after $(cat "$dir/job.secs")s"
  cleanup "$pv" "${sid:-0}"
}

# The engine's start-up archive, once per boot, before the first job (guest/lib.sh, lab_engine): the first
# call of the engine dumps it (a minute or more under emulation), every later call maps it
if [ -f "$SHARE/launcher.sh" ]; then
  # made on the host by this image's Java (lab/run.sh): used when it maps here, under the name the launcher
  # computes here (-Xshare:on refuses to start on an archive it cannot use)
  for a in "$SHARE"/startup-*.jsa; do
    [ -f "$a" ] || continue
    t0=$(up); mkdir -p /var/cache/runbook-lab
    key=$(RB_JAR=$SHARE/runbook.jar bash -c '. /mnt/lab/launcher.sh && rb_java && rb_archive_key')
    cp "$a" "/var/cache/runbook-lab/startup-$key.jsa"
    if (cd /var/tmp && java -XX:SharedArchiveFile="/var/cache/runbook-lab/startup-$key.jsa" -Xshare:on -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
          -jar "$SHARE/runbook.jar" --version > /var/tmp/lab-archive-check.txt 2>&1); then
      echo "run-jobs: $(head -n 1 /var/tmp/lab-archive-check.txt); the start-up archive made on the host maps here (-Xshare:on), checked in $(awk -v a="$(up)" -v b="$t0" 'BEGIN{printf "%d", a-b}')s"
    else
      echo "NOTE: the start-up archive made on the host does not map here: $(head -n 3 /var/tmp/lab-archive-check.txt | tr '\n' ' ')"
      rm -f "/var/cache/runbook-lab/startup-$key.jsa"
    fi
  done
  for try in 1 2; do
    ls /var/cache/runbook-lab/startup-*.jsa >/dev/null 2>&1 && break
    t0=$(up); rm -rf /var/tmp/lab/startup; mkdir -p /var/tmp/lab/startup
    v=$(cd /var/tmp/lab/startup && LAB_OUT=/var/tmp/lab/startup bash -c '. /mnt/lab/lib.sh; lab_engine --version' 2>&1)
    echo "run-jobs: $v; start-up archive $(ls /var/cache/runbook-lab/ 2>/dev/null | tr '\n' ' ')made with the first call in $(awk -v a="$(up)" -v b="$t0" 'BEGIN{printf "%d", a-b}')s"
    ls /var/cache/runbook-lab/startup-*.jsa >/dev/null 2>&1 && break
    # a JVM that crashed in the dump (see below) left a marker that would keep every later call from trying again
    ls /var/tmp/lab/startup/hs_err_pid*.log >/dev/null 2>&1 && echo "NOTE: the JVM crashed inside the emulated guest while the start-up archive was made"
    rm -f /var/cache/runbook-lab/startup-*.failed
  done
fi

for name in "${JOBS[@]}"; do
  [ -n "$name" ] || continue
  dir=$SHARE/results/$name
  run_one "$name" "$dir"
  tries=1 kept=
  while [ "$RC" != 0 ] && [ "$tries" -lt 3 ] && ls "$dir"/hs_err_pid*.log >/dev/null 2>&1; do
    echo "NOTE: the JVM crashed inside the emulated guest ($(grep -m1 -o 'SIG[A-Z]* ([^)]*)' "$dir"/hs_err_pid*.log | head -n 1)); running $name once more"
    crashed=$dir-jvm-crash; [ "$tries" = 1 ] || crashed=$dir-jvm-crash-$tries
    rm -rf "$crashed"; mv "$dir" "$crashed"; kept="$kept results/$(basename "$crashed")"
    tries=$((tries + 1))
    run_one "$name" "$dir"
  done
  [ -z "$kept" ] || echo "NOTE: an earlier try crashed in the JVM; its record is$kept" >> "$dir/job.log"
done
echo "run-jobs: done (uptime $(up)s)"
