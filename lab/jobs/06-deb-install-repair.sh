# Job 6: the Debian package on a guest without Maven. `apt-get install ./runbook_*.deb` with no network
# (its Java dependency is met by the guest's OpenJDK), then job 2 run from /usr/bin/runbook: the shipped
# repair found by name in /usr/share/runbook/playbooks, its run kept in /var/lib/runbook. Damaged
# metadata (state b); the repair must take the offline path, and every sha256 is unchanged.
. /mnt/lab/lib.sh
RUNBOOK=/usr/bin/runbook
DEB=$(ls "$LAB_SHARE"/runbook_*_all.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || { fail "no runbook_*_all.deb in the share: build it with mvn -B package (packaging/target)"; lab_finish; }

hdr "install $(basename "$DEB") with apt, offline"
check "no Maven in the guest" sh -c '! command -v mvn'
check "no runbook installed before" sh -c '! command -v runbook'
# the guest has no network and no package lists: apt must find every dependency installed already
DEBIAN_FRONTEND=noninteractive apt-get install -y "$DEB" > "$OUT/apt-install.txt" 2>&1
rc=$?; cat "$OUT/apt-install.txt"
check "apt-get install of the .deb exits 0 (exit status $rc)" [ "$rc" = 0 ]
dpkg -s runbook | grep -E '^(Status|Version|Depends):'
check "runbook is on PATH as $RUNBOOK" [ "$(command -v runbook)" = "$RUNBOOK" ]
check "/var/lib/runbook exists with mode 0700" [ "$(stat -c %a /var/lib/runbook 2>/dev/null)" = 700 ]
check "the postinst made the start-up archive for the guest's Java" sh -c 'ls /var/cache/runbook/startup-*.jsa'
check "the man pages are installed (runbook(1), runbook-run(1))" \
  test -f /usr/share/man/man1/runbook.1.gz -a -f /usr/share/man/man1/runbook-run.1.gz
check "the bash completion is installed" test -f /usr/share/bash-completion/completions/runbook
check "the examples are installed" test -f /usr/share/doc/runbook/examples/write-marker.yaml
"$RUNBOOK" --version > "$OUT/version.txt" 2>&1; cat "$OUT/version.txt"
check "runbook --version prints only the version (no start-up archive message or [cds] line)" \
  sh -c "[ \"\$(wc -l < '$OUT/version.txt')\" = 1 ] && grep -q '^runbook ' '$OUT/version.txt'"
# (help, lint and test by name are proven by the unit tests: under emulation every JVM start costs a minute)

# job 2, the engine from the package: the same states, runs and checks as lab_job_offline
lab_runbook(){
  local name=$1 t; shift
  RB_NAME=$name
  hdr "runbook run thin-pool-metadata-repair $* (from $RUNBOOK)"
  t=$(up)
  NO_COLOR=1 "$RUNBOOK" run thin-pool-metadata-repair "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  RB_EXIT=$?
  echo "--- stdout ($OUT/$name.out)"; cat "$OUT/$name.out"
  echo "--- stderr"; cat "$OUT/$name.err"
  echo "--- exit status $RB_EXIT after $(since "$t")s"
  check "the run is kept in /var/lib/runbook, its journal names the installed playbook" \
    grep -q '"playbook":"[^"]*/usr/share/runbook/playbooks/thin-pool-metadata-repair.yaml"' /var/lib/runbook/runs/*/journal.jsonl
  rm -rf "$OUT/$name.state"; cp -r /var/lib/runbook "$OUT/$name.state" 2>/dev/null || true
}
# last: remove the package as an operator would, and leave the guest as it was for the next job
eval "job_lab_finish() $(declare -f lab_finish | tail -n +2)"
lab_finish(){
  hdr "apt-get purge runbook"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y runbook > "$OUT/apt-purge.txt" 2>&1
  local rc=$?; cat "$OUT/apt-purge.txt"
  check "apt-get purge runbook exits 0 (exit status $rc)" [ "$rc" = 0 ]
  check "/usr/bin/runbook and /usr/share/runbook are gone" sh -c '[ ! -e /usr/bin/runbook ] && [ ! -e /usr/share/runbook ]'
  check "no start-up archive is left in /var/cache/runbook" sh -c '! ls /var/cache/runbook/startup-* 2>/dev/null'
  check "the runs in /var/lib/runbook are kept after the purge" sh -c 'ls -d /var/lib/runbook/runs/*-thin-pool-metadata-repair-*'
  rm -rf /var/lib/runbook
  job_lab_finish
}
lab_job_offline pve data
