# Job 1: metadata full but consistent (state a). The playbook with the defaults must grow the metadata
# online: a thin volume stays open throughout (a running guest), Meta% drops, the kernel's metadata block
# count grows, no LV is added or removed, and every thin volume's sha256 is unchanged.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_state_full $VG $POOL
lab_hold $VG vm-100-disk-0
lab_lvs_save $VG lvs-before.txt
st_before=$(tpool_status $VG $POOL); echo "# dmsetup status $(dm_name $VG $POOL)-tpool: $st_before"
meta_before=$(lv_field $VG/$POOL metadata_percent)
lab_sums $VG sha256-before.txt
lab_runbook repair --set vg=$VG --set pool=$POOL --yes --non-interactive
check "runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is metadata-full-extend
lab_lvs_save $VG lvs-after.txt
st_after=$(tpool_status $VG $POOL); echo "# dmsetup status $(dm_name $VG $POOL)-tpool: $st_after"
meta_after=$(lv_field $VG/$POOL metadata_percent)
check "Meta% dropped: $meta_before -> $meta_after" awk -v a="$meta_after" -v b="$meta_before" 'BEGIN{exit !(a != "" && a < b)}'
total_before=$(echo "$st_before" | awk '{split($5, m, "/"); print m[2]}')
total_after=$(echo "$st_after" | awk '{split($5, m, "/"); print m[2]}')
check "the kernel's metadata grew: $total_before -> $total_after blocks" [ "${total_after:-0}" -gt "${total_before:-0}" ]
check "kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
check "online: the holder (pid $HOLDER_PID) still has vm-100-disk-0 open" \
  sh -c "[ -d /proc/$HOLDER_PID ] && [ \"\$(lvs --noheadings -o lv_device_open $VG/vm-100-disk-0 | tr -d ' ')\" = open ]"
check "the same LVs before and after (no offline repair)" \
  diff <(cut -d'|' -f1 "$OUT/lvs-before.txt") <(cut -d'|' -f1 "$OUT/lvs-after.txt")
check "every thin volume still active" all_thin_active $VG
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "online extend"
lab_finish
