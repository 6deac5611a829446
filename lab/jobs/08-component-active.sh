# Job 8: a component of the pool left active (verdict component-active). An operator activated _tmeta to run
# thin_check by hand and did not deactivate it; lvchange -ay of the pool then refuses with `Activation of
# logical volume pve/data is prohibited while logical volume pve/data_tmeta is active.` although the
# metadata is fine. The playbook with --yes must deactivate the component (a confirmed change), diagnose
# again and activate the pool: exit 0, no rebuild (no new LV, no <pool>_meta_before_repair), every sha256
# unchanged. Then the same with _tdata left active.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_light_pool $VG $POOL
lab_sums $VG sha256-before.txt
for c in tmeta tdata; do
  lab_state_component $VG $POOL $c
  lab_lvs_save $VG lvs-before-$c.txt
  lab_runbook component-$c --set vg=$VG --set pool=$POOL --yes --non-interactive
  check "$c: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
  verdict_is component-active $c
  check "$c: the output names ${POOL}_$c" output_has "${POOL}_$c"
  check "$c: no offline repair ran (no thin_dump, thin_restore, lvconvert)" sh -c "! grep -qE '^ *[$] (thin_dump|thin_restore|lvconvert) ' '$OUT/$RB_NAME.out'"
  no_rebuild $VG $POOL lvs-before-$c.txt
  lab_lvs_save $VG lvs-after-$c.txt
  check "$c: pool $VG/$POOL is active after the run" [ "$(lv_field $VG/$POOL lv_active)" = active ]
  check "$c: kernel status rw and not needs_check" [ "$(pool_status_field $VG $POOL 8) $(pool_status_field $VG $POOL 11)" = "rw -" ]
  lab_sums $VG sha256-after-$c.txt
  same_sums sha256-before.txt sha256-after-$c.txt "$c left active, then the playbook"
done
lab_finish
