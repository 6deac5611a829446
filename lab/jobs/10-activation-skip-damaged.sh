# Job 10: damaged metadata under volumes made the way Proxmox makes them (see lab_make_pve_volumes): disks
# with autoactivation off, a snapshot and a template with the activation-skip flag, a linked clone.
# Without -K, lvchange -ay and vgchange -ay skip the flagged volumes silently. The playbook with --yes must
# repair offline and then every thin volume must activate, each keeping its activation-skip flag (lv_attr
# position 10) and its autoactivation setting; every sha256 unchanged.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
BASES= POOL_DATA=20G POOL_META_INIT=8M lab_make_pool $VG $POOL
lab_make_pve_volumes $VG $POOL
lab_flags $VG flags-before.txt
lab_sums $VG sha256-before.txt
lab_damage $VG $POOL
lab_lvs_save $VG lvs-before.txt
lab_runbook repair --set vg=$VG --set pool=$POOL --yes --non-interactive
check "runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is damaged
check "the run took the offline path (its output shows the thin_dump -r command run)" ran "thin_dump -r"
lab_lvs_save $VG lvs-after.txt
check "pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
check "kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
left=$(lvs --noheadings --separator '|' -o lv_name,lv_active -S 'segtype=thin' $VG | tr -d ' ' | awk -F'|' '$2 != "active" {print $1}')
[ -z "$left" ] || echo "NOTE: the run left inactive: $(echo $left)"
bad=
for lv in $left; do lvchange -ay -K $VG/$lv || bad="$bad $lv"; done
check "every thin volume activates after the repair${left:+ (lvchange -ay -K for: $(echo $left))}${bad:+; refused:$bad}" [ -z "$bad" ]
lab_flags $VG flags-after.txt
check "each thin volume keeps its activation-skip flag and autoactivation setting" diff "$OUT/flags-before.txt" "$OUT/flags-after.txt"
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "offline repair under Proxmox volumes"
lab_finish
