# Job 2: damaged metadata (state b: the space-map index of the swapped-out metadata corrupted, swapped
# back; thin_check fails and the pool refuses to activate). The playbook with the defaults must say
# `verdict: damaged` and take the offline path; afterwards the pool and every thin volume activate, every
# sha256 is unchanged and the old metadata is kept under its new name.
# Then the same playbook once more on the repaired pool: the kept <pool>_meta_before_repair is an earlier
# repair's leftover (it may hold the only good copy), so the run must stop with
# `verdict: earlier-repair-leftovers`, change nothing and leave that LV alone.
. /mnt/lab/lib.sh
VG=pve POOL=data
LAB_NO_FINISH=1 lab_job_offline $VG $POOL
hdr "run again on the repaired pool: ${POOL}_meta_before_repair is left from the repair"
lvchange -an $VG/${POOL}_meta_before_repair >/dev/null
kept_before=$(lv_raw_sum $VG ${POOL}_meta_before_repair)
lab_fingerprint $VG fp-before-rerun.txt
lab_runbook rerun --set vg=$VG --set pool=$POOL --yes --non-interactive
check "rerun: runbook exits non-zero (exit status $RB_EXIT)" [ "$RB_EXIT" != 0 ]
verdict_is earlier-repair-leftovers rerun
check "rerun: the output names ${POOL}_meta_before_repair" output_has "${POOL}_meta_before_repair"
lab_fingerprint $VG fp-after-rerun.txt
same_fingerprint fp-before-rerun.txt fp-after-rerun.txt
kept_after=$(lv_raw_sum $VG ${POOL}_meta_before_repair)
check "rerun: ${POOL}_meta_before_repair byte for byte unchanged ($kept_after)" [ -n "$kept_before" -a "$kept_after" = "$kept_before" ]
lab_sums $VG sha256-after-rerun.txt
same_sums sha256-before.txt sha256-after-rerun.txt "rerun on the repaired pool"
lab_finish
