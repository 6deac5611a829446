# Job 4: --dry-run on damaged metadata (state b). Nothing may change: lvs, the kernel's device list and
# the raw metadata are identical before and after, no backup folder; the output shows the offline path
# (the metadata swap) would be taken.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_make_pool $VG $POOL
lab_pressure $VG $POOL
lab_damage $VG $POOL
raw_before=$(raw_tmeta_sum $VG $POOL); echo "# sha256 of the damaged metadata LV: $raw_before"
lab_lvs_save $VG lvs-before.txt
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-before.txt"
lab_runbook dry-run --set vg=$VG --set pool=$POOL --dry-run --non-interactive
check "runbook --dry-run exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is damaged
# only the steps' own lines count: the playbook's description, printed first, names these commands too
check "the output shows the metadata swap would run" output_has "would run: lvconvert --thinpool $VG/$POOL --poolmetadata"
check "the output shows the restore onto a new LV would run" output_has "would run: thin_restore -i"
check "the output does not show the online extend would run" sh -c "! grep -qE '(would run: |[$] )lvextend ' '$OUT/dry-run.out'"
lab_lvs_save $VG lvs-after.txt
check "lvs identical before and after" diff "$OUT/lvs-before.txt" "$OUT/lvs-after.txt"
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-after.txt"
check "device-mapper devices identical (nothing activated)" diff "$OUT/dm-before.txt" "$OUT/dm-after.txt"
raw_after=$(raw_tmeta_sum $VG $POOL)
check "the metadata LV is byte for byte unchanged ($raw_after)" [ "$raw_after" = "$raw_before" ]
check "no backup folder was made" no_backup_dir
lab_finish
