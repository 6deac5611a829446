# Job 13: an active pool whose thin volumes are all inactive, as a Proxmox node has it after a boot with its
# guests stopped (disks with autoactivation off; the boot autoactivates the pool only). LVM reports no use for
# inactive volumes, so nothing in lvs or the kernel status shows whether the metadata still has their devices;
# only a metadata snapshot does (`reserve_metadata_snap`, `thin_ls -m`, `release_metadata_snap`).
#  a. --dry-run: verdict unverified (the path names the snapshot a real run would ask for), exit 0, nothing
#     changed, no snapshot held;
#  b. on a terminal, the snapshot declined: verdict unverified, the run stops (exit 3) before any change;
#  c. --yes: the snapshot taken, the devices listed, the snapshot released: verdict healthy, exit 0, no held
#     root afterwards, nothing else changed;
#  d. the same pool after a repair by hand that lost the device of vm-101-disk-0 (dump, device dropped,
#     restore, swap; the old metadata kept as data_meta0, as lvconvert --repair names it), the node booted
#     again: verdict earlier-repair-leftovers from data_meta0, exit 3, nothing touched, data_meta0 byte for byte;
#  e. data_meta0 removed (as in thin-provisioning-tools#242): only the snapshot shows the loss: verdict
#     earlier-repair-leftovers naming vm-101-disk-0, exit 3, snapshot released, nothing else changed.
# Every sha256 of the volumes still in the metadata unchanged.
. /mnt/lab/lib.sh
VG=pve POOL=data TPOOL=$(dm_name pve data)-tpool
lab_env
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
lab_state_node_stopped $VG $POOL
lab_lvs_save $VG lvs-before.txt
lab_fingerprint $VG fp-before.txt

lab_runbook dry-run --set vg=$VG --set pool=$POOL --dry-run --non-interactive
check "dry run: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is unverified "dry run"
check "dry run: the path names the metadata snapshot a real run asks for" output_has "reserve_metadata_snap"
check "dry run: no dmsetup message ran" sh -c "! grep -qE '^ *[$] dmsetup message ' '$OUT/$RB_NAME.out'"
lab_fingerprint $VG fp-after-dry-run.txt
same_fingerprint fp-before.txt fp-after-dry-run.txt
check "dry run: no metadata snapshot held (held root '$(held_root $VG $POOL)')" [ "$(held_root $VG $POOL)" = - ]
check "dry run: no backup folder was made" no_backup_dir

lab_runbook_tty declined 'n\n' --set vg=$VG --set pool=$POOL
check "declined: runbook exits 3, aborted (exit status $RB_EXIT)" [ "$RB_EXIT" = 3 ]
check "declined: verdict: unverified (the terminal showed: $(tty_verdicts | tr '\n' ' '))" [ "$(tty_verdicts)" = unverified ]
check "declined: the message gives the commands that read the device list (thin_ls -m)" grep -qF "thin_ls -m" "$OUT/$RB_NAME.out"
check "declined: no dmsetup message ran" sh -c "! tr -d '\r' < '$OUT/$RB_NAME.out' | grep -aqE '^ *[$] dmsetup message '"
lab_fingerprint $VG fp-after-declined.txt
same_fingerprint fp-before.txt fp-after-declined.txt
check "declined: no metadata snapshot held" [ "$(held_root $VG $POOL)" = - ]

st_before=$(tpool_status $VG $POOL)
lab_fingerprint_snap $VG fps-before.txt
lab_runbook snapshot --set vg=$VG --set pool=$POOL --yes --non-interactive
check "snapshot: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_once healthy snapshot
check "snapshot: it took the metadata snapshot" ran "dmsetup message $TPOOL 0 reserve_metadata_snap"
check "snapshot: it listed the devices with thin_ls -m" ran "thin_ls -m"
check "snapshot: it released the snapshot" ran "dmsetup message $TPOOL 0 release_metadata_snap"
st_after=$(tpool_status $VG $POOL); echo "# dmsetup status before: $st_before"; echo "# dmsetup status after:  $st_after"
check "snapshot: no metadata snapshot held afterwards (held root '$(held_root $VG $POOL)')" [ "$(held_root $VG $POOL)" = - ]
check "snapshot: the kernel's transaction id unchanged ($(echo "$st_after" | awk '{print $4}'))" \
  [ "$(echo "$st_before" | awk '{print $4}')" = "$(echo "$st_after" | awk '{print $4}')" ]
lab_fingerprint_snap $VG fps-after-snapshot.txt
same_fingerprint fps-before.txt fps-after-snapshot.txt
lab_sums $VG sha256-after-snapshot.txt
same_sums sha256-before.txt sha256-after-snapshot.txt "healthy after the snapshot"

lab_lose_device $VG $POOL vm-101-disk-0 ${POOL}_meta0
lab_state_node_stopped $VG $POOL
lab_lvs_save $VG lvs-lost.txt
kept_before=$(lv_raw_sum $VG ${POOL}_meta0)
lab_fingerprint $VG fp-before-leftovers.txt
lab_runbook leftovers --set vg=$VG --set pool=$POOL --yes --non-interactive
check "leftovers: runbook exits 3 (exit status $RB_EXIT)" [ "$RB_EXIT" = 3 ]
verdict_is earlier-repair-leftovers leftovers
check "leftovers: the output names ${POOL}_meta0" output_has "${POOL}_meta0"
lab_fingerprint $VG fp-after-leftovers.txt
same_fingerprint fp-before-leftovers.txt fp-after-leftovers.txt
kept_after=$(lv_raw_sum $VG ${POOL}_meta0)
check "leftovers: ${POOL}_meta0 byte for byte unchanged ($kept_after)" [ -n "$kept_before" -a "$kept_after" = "$kept_before" ]
check "leftovers: no metadata snapshot held" [ "$(held_root $VG $POOL)" = - ]

hdr "the leftover removed, as the operator in thin-provisioning-tools#242 did: only the metadata shows the loss"
x lvremove -q -y $VG/${POOL}_meta0
lab_fingerprint_snap $VG fps-before-lost.txt
lab_runbook lost-device --set vg=$VG --set pool=$POOL --yes --non-interactive
check "lost device: runbook exits 3 (exit status $RB_EXIT)" [ "$RB_EXIT" = 3 ]
verdict_once earlier-repair-leftovers "lost device"
check "lost device: it took the metadata snapshot" ran "dmsetup message $TPOOL 0 reserve_metadata_snap"
check "lost device: it released the snapshot" ran "dmsetup message $TPOOL 0 release_metadata_snap"
check "lost device: the evidence names vm-101-disk-0 (thin id 2), missing from the metadata snapshot" output_has "vm-101-disk-0 (thin id 2: no such device in the metadata snapshot"
check "lost device: no metadata snapshot held afterwards" [ "$(held_root $VG $POOL)" = - ]
lab_fingerprint_snap $VG fps-after-lost.txt
same_fingerprint fps-before-lost.txt fps-after-lost.txt
grep -v ' vm-101-disk-0$' "$OUT/sha256-before.txt" > "$OUT/sha256-before-kept.txt"
lab_sums_some $VG sha256-after-lost.txt $(awk '{print $2}' "$OUT/sha256-before-kept.txt")
same_sums sha256-before-kept.txt sha256-after-lost.txt "the volumes the metadata still has"
lab_finish
