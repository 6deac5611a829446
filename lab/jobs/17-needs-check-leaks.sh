# Job 17: an active pool the kernel flagged needs_check whose metadata, checked offline, has only leaked blocks
# (verdict damaged: an active pool cannot be checked). Made as job 16's leaks (2 metadata, 3 data blocks) plus
# the superblock's needs_check flag, then the pool activated without LVM's check (thin_check_executable = "",
# for that one command): the kernel loads it read-only, `needs_check` in its status, as after a metadata
# operation it could not finish; its thin volumes active. The playbook with --yes must take it offline, find
# leaks only, and free them in place (activation with thin_check --auto-repair, a read-only check that passes)
# instead of rebuilding: exit 0, rw -, every thin volume active again, no new LV, no thin_dump/thin_restore/
# lvconvert, every sha256 unchanged.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
lab_state_leaks $VG $POOL 2 3 needs_check
hdr "activate $VG/$POOL without LVM's thin_check: the kernel reads the needs_check flag"
x lvchange -ay --config 'global { thin_check_executable = "" }' $VG/$POOL || { fail "setup: the pool did not activate without the check"; lab_finish; }
x lvchange -ay -K --select pool_lv=$POOL $VG || echo "NOTE: not every thin volume activated on the flagged pool"
echo "# dmsetup status $(dm_name $VG $POOL)-tpool: $(tpool_status $VG $POOL)"
[ "$(pool_status_field $VG $POOL 11)" = needs_check ] || { fail "setup: the kernel status does not say needs_check"; lab_finish; }
lab_lvs_save $VG lvs-before.txt
lab_runbook flagged --set vg=$VG --set pool=$POOL --yes --non-interactive
check "runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_once damaged
check "the offline thin_check found leaked blocks only (step old_leaks_only ok)" output_has 'The offline thin_check found nothing but leaked blocks'
check "the leaks were freed in place: lvchange -ay --config ... --auto-repair ran" \
  sh -c "grep -E '^ *[\$] lvchange -ay --config' '$OUT/$RB_NAME.out' | grep -q -- '--auto-repair'"
check "no rebuild ran (no thin_dump, thin_restore, lvcreate, lvconvert)" \
  sh -c "! grep -qE '^ *[\$] (thin_dump|thin_restore|lvcreate|lvconvert) ' '$OUT/$RB_NAME.out'"
no_rebuild $VG $POOL lvs-before.txt
lab_lvs_save $VG lvs-after.txt
check "kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
check "every thin volume is active again" all_thin_active $VG
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "needs_check with leaks only, freed in place"
check "the read-only thin_check passes after the run" metadata_check_after $VG $POOL thin-check-after.txt
lab_finish
