# Job 15: the fleet on a real kernel. The controller, `runbook fleet`, runs on the host (this job's host
# part, lab/jobs/host/15-fleet-ssh.sh) and reaches this guest over ssh through the port lab.sh -s forwards
# from the host's 127.0.0.1, with the guest's host key made on the host for this boot (the controller's
# known_hosts holds it alone, strict checking). Here: the engine installed as the Debian package (offline,
# as in job 6; the fleet needs it on each host), sshd, a pool with known data damaged as in job 2, sha256
# of every thin volume; then the host part plans, gets the typed approval of the batch, starts the real
# offline repair here (detached), is killed with its connection while the run goes on, and
# `runbook fleet resume` reads how it ended. Afterwards, here: every sha256 unchanged, the pool repaired,
# the run in this host's own journal exactly once and under the id the fleet report names.
. /mnt/lab/lib.sh
VG=pve POOL=data
RUNS=/var/lib/runbook/runs
DEB=$(ls "$LAB_SHARE"/runbook_*_all.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || { fail "no runbook_*_all.deb in the share: build it with mvn -B package (packaging/target)"; lab_finish; }
lab_env

hdr "install $(basename "$DEB") with apt, offline"
check "no runbook installed before" sh -c '! command -v runbook'
DEBIAN_FRONTEND=noninteractive apt-get install -y "$DEB" > "$OUT/apt-install.txt" 2>&1
rc=$?; tail -n 5 "$OUT/apt-install.txt"
check "apt-get install of the .deb exits 0 (exit status $rc)" [ "$rc" = 0 ]
dpkg-query -W -f='${Package} ${Version}\n' runbook

lab_sshd
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
lab_damage $VG $POOL
old_raw=$(raw_tmeta_sum $VG $POOL)
echo "# sha256 of the damaged metadata LV: $old_raw"
lab_lvs_save $VG lvs-before.txt
ls "$RUNS" > "$OUT/runs-before.txt" 2>/dev/null

lab_host_part 1500
check "the host part (the controller) exits 0 (exit status $HOST_RC)" [ "$HOST_RC" = 0 ]

hdr "this host after the rollout"
RUN=$(cat "$OUT/fleet-host-run.txt" 2>/dev/null)
echo "# the run the fleet report names: ${RUN:-none}"
ls -l "$RUNS" 2>/dev/null
# the real runs on this host (not the plan's dry run): the one the fleet started, once
real=$(grep -l '"type":"run-started"' "$RUNS"/*/journal.jsonl 2>/dev/null | xargs -r grep -L '"dry_run":true' | xargs -r -n 1 dirname | xargs -r -n 1 basename)
dry=$(grep -l '"dry_run":true' "$RUNS"/*/journal.jsonl 2>/dev/null | wc -l)
echo "# real runs: $(echo $real); dry runs (plans): $dry"
check "exactly one real run on this host, the one the fleet report names (${RUN:-none})" [ -n "$RUN" -a "$(echo $real)" = "$RUN" ]
check "one dry run on this host: the plan (the refused host key reached nothing)" [ "$dry" = 1 ]
J=$RUNS/$RUN/journal.jsonl
cp -r "$RUNS" "$OUT/host-runs" 2>/dev/null
check "its journal here ends with run-finished, outcome succeeded" \
  sh -c "tail -n 1 '$J' | grep -q '\"type\":\"run-finished\".*\"outcome\":\"succeeded\"'"
check "its journal here shows the offline path (dump_metadata_repair and swap_metadata ok)" \
  sh -c "grep -q '\"step\":\"dump_metadata_repair\".*\"status\":\"ok\"' '$J' && grep -q '\"step\":\"swap_metadata\".*\"status\":\"ok\"' '$J'"
grep -o '"step":"confirm_offline","status":"ok".*' "$J" | grep -o '"by":"[^"]*"\|"prompt":"[^\\]*' | sed 's/^/# confirm_offline: /'
check "its confirm of the offline rebuild, prompt \"Verdict: damaged.\", was approved in advance by the batch's approval" \
  grep -q '"step":"confirm_offline","status":"ok".*"approved":true.*"prompt":"Verdict: damaged\.' "$J"
check "it ran from the fleet's bundle, checked by hash here (/var/lib/runbook/fleet/bundle-*)" \
  grep -q '"playbook":"/var/lib/runbook/fleet/bundle-[0-9a-f]*/' "$J"
lab_lvs_save $VG lvs-after.txt
check "pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
check "every thin volume is active after the run" all_thin_active $VG
echo "# dmsetup status $(dm_name $VG $POOL)-tpool: $(tpool_status $VG $POOL)"
check "kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
if lvs "$VG/${POOL}_meta_before_repair" >/dev/null 2>&1; then
  kept_raw=$(lv_raw_sum $VG ${POOL}_meta_before_repair)
  check "old metadata kept byte for byte as $VG/${POOL}_meta_before_repair ($kept_raw)" [ "$kept_raw" = "$old_raw" ]
else fail "no LV $VG/${POOL}_meta_before_repair holds the old metadata"; fi
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "offline repair of $VG/$POOL through runbook fleet"

# leave the guest as it was for the next job: no sshd, no package, no runs
kill "$SSHD_PID" 2>/dev/null
DEBIAN_FRONTEND=noninteractive apt-get purge -y runbook > "$OUT/apt-purge.txt" 2>&1
rm -rf /var/lib/runbook /root/.ssh /etc/lab-ssh
lab_finish
