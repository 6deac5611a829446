# Job 9: transaction-id mismatch (verdict transaction-id-mismatch). LVM's transaction_id of the pool is 2
# ahead of the kernel metadata's (made with vgcfgbackup, that number edited, vgcfgrestore --force);
# lvchange -ay refuses with `Thin pool pve-data-tpool (253:N) transaction_id is N, while expected N+2.`
# while the metadata checks clean. A rebuild would carry the same number, so:
#  - the defaults: the run stops with a non-zero exit before any change, names transaction_id and prints the
#    vgcfgrestore command of the fix;
#  - fix_transaction_id=true with --yes: the playbook makes the one-number edit and the pool activates (exit 0),
#    lvm and the kernel agree, nothing rebuilt, every sha256 unchanged.
# Then the defaults once more on the fixed pool: `verdict: healthy`, exit 0, nothing changed.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
lab_state_txid $VG $POOL 2
lab_lvs_save $VG lvs-before.txt
lab_fingerprint $VG fp-before.txt
lab_runbook txid-default --set vg=$VG --set pool=$POOL --yes --non-interactive
check "default: runbook exits non-zero (exit status $RB_EXIT)" [ "$RB_EXIT" != 0 ]
verdict_is transaction-id-mismatch default
check "default: the output names transaction_id" output_has transaction_id
check "default: the output prints the fix's vgcfgrestore command" output_has "vgcfgrestore --force"
lab_fingerprint $VG fp-after-default.txt
same_fingerprint fp-before.txt fp-after-default.txt
check "default: lvm still expects transaction_id $TXID_LVM" [ "$(lv_field $VG/$POOL transaction_id)" = "$TXID_LVM" ]
lab_runbook txid-fix --set vg=$VG --set pool=$POOL --set fix_transaction_id=true --yes --non-interactive
check "fix: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is transaction-id-mismatch fix
check "fix: pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
check "fix: lvm's transaction_id is the kernel's again ($TXID_KERNEL)" [ "$(lv_field $VG/$POOL transaction_id)" = "$TXID_KERNEL" ]
check "fix: the kernel reports transaction $TXID_KERNEL, rw, not needs_check" \
  [ "$(pool_status_field $VG $POOL 4) $(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "$TXID_KERNEL rw -" ]
check "fix: no offline repair ran (no thin_dump, thin_restore, lvconvert)" sh -c "! grep -qE '^ *[$] (thin_dump|thin_restore|lvconvert) ' '$OUT/$RB_NAME.out'"
no_rebuild $VG $POOL lvs-before.txt
lab_lvs_save $VG lvs-after.txt
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "transaction_id fixed"
hdr "run again on the fixed pool: nothing to repair"
lab_fingerprint $VG fp-before-healthy.txt
lab_runbook healthy --set vg=$VG --set pool=$POOL --yes --non-interactive
check "healthy: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_once healthy healthy
check "healthy: no repair command ran (no lvextend, vgcfgrestore, thin_dump, thin_restore, lvcreate, lvconvert)" \
  sh -c "! grep -qE '^ *[$] (lvextend|vgcfgrestore|thin_dump|thin_restore|lvcreate|lvconvert) ' '$OUT/$RB_NAME.out'"
lab_fingerprint $VG fp-after-healthy.txt
same_fingerprint fp-before-healthy.txt fp-after-healthy.txt
lab_sums $VG sha256-after-healthy.txt
same_sums sha256-before.txt sha256-after-healthy.txt "healthy pool run again"
lab_finish
