# Job 3: strategy=swap while a thin volume is held open by a process (state a + c). The playbook must stop
# before changing anything (exit 3, a required state not reached) and name the holder; lvs, the kernel's
# device list and every sha256 are identical before and after, and the holder still runs.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_state_full $VG $POOL
lab_hold $VG vm-100-disk-0
lab_lvs_save $VG lvs-before.txt
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-before.txt"
lab_sums $VG sha256-before.txt
lab_runbook repair --set vg=$VG --set pool=$POOL --set strategy=swap --yes --non-interactive
check "runbook exits 3, aborted (exit status $RB_EXIT)" [ "$RB_EXIT" = 3 ]
verdict_is metadata-full-extend
check "the output names the held volume vm-100-disk-0" output_has "vm-100-disk-0"
check "the output names the holder: sleep (pid $HOLDER_PID)" output_has "sleep (pid $HOLDER_PID)"
lab_lvs_save $VG lvs-after.txt
check "lvs identical before and after" diff "$OUT/lvs-before.txt" "$OUT/lvs-after.txt"
dmsetup info -c --noheadings --separator '|' -o name,open | sort > "$OUT/dm-after.txt"
check "device-mapper devices and open counts identical" diff "$OUT/dm-before.txt" "$OUT/dm-after.txt"
check "no backup folder was made (nothing was changed)" no_backup_dir
check "the holder still runs" [ -d /proc/$HOLDER_PID ]
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "stopped swap"
lab_finish
