# Job 12: damaged metadata (2 MiB, about 30 % used) in a VG without room for the new metadata LV, then with
# just enough. The room is taken by another LV, as on a real host.
#  - 1 MiB free (less than the old metadata, and less than lvm's smallest metadata LV): the run must be refused before
#    any change: non-zero exit, lvs and device-mapper devices identical, the metadata LV byte for byte the same;
#  - free space equal to the old metadata LV (2 MiB, lvm's smallest metadata LV; also twice the used blocks,
#    the margin the playbook asks for): the restore fits, the offline repair must succeed.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
POOL_DATA=50G lab_make_pool $VG $POOL
lab_pressure $VG $POOL
echo "# dmsetup status $(dm_name $VG $POOL)-tpool: $(tpool_status $VG $POOL)"
lab_sums $VG sha256-before.txt
lab_damage $VG $POOL
old_size=$(lv_field $VG/${POOL}_tmeta lv_size)
lab_vg_free $VG $((1 << 20))
raw_before=$(raw_tmeta_sum $VG $POOL); echo "# sha256 of the damaged metadata LV: $raw_before"
lab_lvs_save $VG lvs-before.txt
lab_fingerprint $VG fp-before.txt
lab_runbook too-small --set vg=$VG --set pool=$POOL --yes --non-interactive
check "too small: runbook exits non-zero (exit status $RB_EXIT)" [ "$RB_EXIT" != 0 ]
verdict_is damaged "too small"
check "too small: no change ran (no lvcreate, thin_restore, lvconvert)" \
  sh -c "! grep -qE '^ *[$] (lvcreate|thin_restore|lvconvert) ' '$OUT/$RB_NAME.out'"
lab_fingerprint $VG fp-after.txt
same_fingerprint fp-before.txt fp-after.txt
raw_after=$(raw_tmeta_sum $VG $POOL)
check "too small: the metadata LV is byte for byte unchanged" [ "$raw_after" = "$raw_before" ]
hdr "make room: exactly the old metadata's size ($old_size bytes) free"
lab_vg_free $VG "$old_size"
lab_runbook just-enough --set vg=$VG --set pool=$POOL --yes --non-interactive
check "just enough: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is damaged "just enough"
check "just enough: the run took the offline path (thin_dump -r)" ran "thin_dump -r"
lab_lvs_save $VG lvs-after.txt
check "just enough: pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
check "just enough: every thin volume is active after the run" all_thin_active $VG
check "just enough: kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
check "just enough: the old metadata is kept as ${POOL}_meta_before_repair" lvs $VG/${POOL}_meta_before_repair
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "repair with just enough room"
lab_finish
