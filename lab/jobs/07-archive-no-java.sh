# Job 7: the self-contained archive on a guest without Java. The guest's OpenJDK is removed, the archive
# unpacked into /opt; its launcher runs the engine on the archive's own runtime: a dry run of the shipped
# repair, by name, on damaged metadata (state b), with job 4's checks: nothing changes, and the output
# shows the offline path would be taken.
. /mnt/lab/lib.sh
VG=pve POOL=data
TGZ=$(ls "$LAB_SHARE"/runbook-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1)
[ -n "$TGZ" ] || { fail "no runbook-*-linux-x86_64.tar.gz in the share: build it with mvn -B package (packaging/target)"; lab_finish; }

hdr "hide Java (an empty /usr/lib/jvm), unpack $(basename "$TGZ") into /opt"
# hidden, not removed: the next job in this boot gets the guest back as it was
mount -t tmpfs -o mode=0755 lab-no-java /usr/lib/jvm
trap 'umount /usr/lib/jvm 2>/dev/null; rm -rf /opt/runbook-*-linux-x86_64' EXIT
check "no java on PATH" sh -c '! command -v java && ! java -version 2>/dev/null'
check "no Java runtime left in /usr/lib/jvm" sh -c '! ls /usr/lib/jvm/*/bin/java 2>/dev/null'
tar -C /opt -xzf "$TGZ"
RUNBOOK=$(ls -d /opt/runbook-*-linux-x86_64)/bin/runbook
check "the archive unpacks to $RUNBOOK" test -x "$RUNBOOK"
t=$(up); "$RUNBOOK" --version > "$OUT/version-1.txt" 2>&1; first=$(since "$t")
t=$(up); "$RUNBOOK" --version > "$OUT/version-2.txt" 2>&1; second=$(since "$t")
cat "$OUT/version-1.txt" "$OUT/version-2.txt"
echo "# runbook --version: ${first}s the first time (prepares the start-up archive), ${second}s the second"
check "runbook --version runs on the archive's own Java" grep -q '^runbook ' "$OUT/version-2.txt"
check "the first call made the start-up archive in the unpacked folder" sh -c "ls $(dirname "$(dirname "$RUNBOOK")")/cache/startup-*.jsa"
check "the second call prints only the version" [ "$(wc -l < "$OUT/version-2.txt")" = 1 ]

lab_runbook(){
  local name=$1 t; shift
  RB_NAME=$name
  hdr "runbook run thin-pool-metadata-repair $* (from $RUNBOOK)"
  t=$(up)
  NO_COLOR=1 "$RUNBOOK" run thin-pool-metadata-repair "$@" --state-dir "$STATE_DIR" > "$OUT/$name.out" 2> "$OUT/$name.err"
  RB_EXIT=$?
  echo "--- stdout ($OUT/$name.out)"; cat "$OUT/$name.out"
  echo "--- stderr"; cat "$OUT/$name.err"
  echo "--- exit status $RB_EXIT after $(since "$t")s"
  rm -rf "$OUT/$name.state"; cp -r "$STATE_DIR" "$OUT/$name.state" 2>/dev/null || true
}

# job 4 with the archive's engine
lab_env
lab_make_pool $VG $POOL
lab_pressure $VG $POOL
lab_damage $VG $POOL
raw_before=$(raw_tmeta_sum $VG $POOL); echo "# sha256 of the damaged metadata LV: $raw_before"
lab_lvs_save $VG lvs-before.txt
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-before.txt"
lab_runbook dry-run --set vg=$VG --set pool=$POOL --dry-run --non-interactive
check "runbook --dry-run exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
check "the output shows the metadata swap would run" output_has "would run: lvconvert --thinpool $VG/$POOL --poolmetadata"
check "the output shows the restore onto a new LV would run" output_has "would run: thin_restore -i"
lab_lvs_save $VG lvs-after.txt
check "lvs identical before and after" diff "$OUT/lvs-before.txt" "$OUT/lvs-after.txt"
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-after.txt"
check "device-mapper devices identical (nothing activated)" diff "$OUT/dm-before.txt" "$OUT/dm-after.txt"
raw_after=$(raw_tmeta_sum $VG $POOL)
check "the metadata LV is byte for byte unchanged ($raw_after)" [ "$raw_after" = "$raw_before" ]
check "no backup folder was made" no_backup_dir
lab_finish
