# Job 16: leaked blocks in the metadata of an inactive pool (verdict leaked-blocks). Blocks the space maps
# count as in use that no tree references (2 metadata, 3 data blocks: lab_leak, as a metadata operation cut
# short leaves them). The read-only thin_check fails on them alone (1.x: `N ... blocks have leaked.`, exit 64;
# 0.9.0: `metadata reference counts differ ...`, exit 1; it does not look at data leaks). The playbook with
# --yes must free them in place: back up the VG metadata and a raw copy of _tmeta (byte for byte the metadata
# as it was), activate the pool with thin_check_options --auto-repair, deactivate it, check again read-only
# (passes), activate it: exit 0, rw -, no rebuild (no new LV, no thin_dump/thin_restore/lvconvert), every
# sha256 unchanged, and the read-only thin_check passes afterwards.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
lab_state_leaks $VG $POOL 2 3
RAW_BEFORE=$(raw_tmeta_sum $VG $POOL)
echo "# sha256 of ${POOL}_tmeta with the leaks: $RAW_BEFORE"
lab_lvs_save $VG lvs-before.txt
lab_runbook leaks --set vg=$VG --set pool=$POOL --yes --non-interactive
check "runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_once leaked-blocks
check "the evidence names the leaked blocks" output_has 'failed on leaked blocks only'
check "the leaks were freed in place: lvchange -ay --config ... --auto-repair ran" \
  sh -c "grep -E '^ *[\$] lvchange -ay --config' '$OUT/$RB_NAME.out' | grep -q -- '--auto-repair'"
check "no rebuild ran (no thin_dump, thin_restore, lvcreate, lvconvert)" \
  sh -c "! grep -qE '^ *[\$] (thin_dump|thin_restore|lvcreate|lvconvert) ' '$OUT/$RB_NAME.out'"
no_rebuild $VG $POOL lvs-before.txt
RAW_COPY=$(ls /root/thin-pool-repair/$VG-$POOL-*/${POOL}_tmeta.img 2>/dev/null | head -n 1)
RAW_COPY_SUM=$([ -n "$RAW_COPY" ] && sha256sum < "$RAW_COPY" | cut -d' ' -f1)
check "the raw copy ${RAW_COPY:-(none)} is the metadata as it was, byte for byte" [ -n "$RAW_COPY" -a "$RAW_COPY_SUM" = "$RAW_BEFORE" ]
check "the VG metadata backup was written" sh -c "ls /root/thin-pool-repair/$VG-$POOL-*/$VG.before.vg >/dev/null 2>&1"
lab_lvs_save $VG lvs-after.txt
check "pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
check "kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "leaks freed in place"
check "the read-only thin_check passes after the run" metadata_check_after $VG $POOL thin-check-after.txt
check "no leak line in it" sh -c "! grep -qE 'leaked|reference counts differ' '$OUT/thin-check-after.txt'"
lab_finish
