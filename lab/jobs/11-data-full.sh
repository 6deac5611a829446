# Job 11: the pool's data is full (Data% 100, `D` at lv_attr position 9) while its metadata is fine: an
# overcommitted pool and a guest that kept writing. A metadata repair does nothing for it, so the playbook
# with --yes must say `verdict: data-full`, exit non-zero and leave the metadata alone: lvs, the kernel's
# devices and tables, its metadata block count and transaction id identical before and after; every
# sha256 unchanged.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
lab_state_data_full $VG $POOL
lab_sums $VG sha256-before.txt
lab_lvs_save $VG lvs-before.txt
lab_fingerprint $VG fp-before.txt
st_before=$(tpool_status $VG $POOL); echo "# dmsetup status: $st_before"
lab_runbook data-full --set vg=$VG --set pool=$POOL --yes --non-interactive
check "runbook exits non-zero (exit status $RB_EXIT)" [ "$RB_EXIT" != 0 ]
verdict_is data-full
check "no metadata change ran (no lvextend, thin_dump, thin_restore, lvconvert)" \
  sh -c "! grep -qE '^ *[$] (lvextend|thin_dump|thin_restore|lvconvert) ' '$OUT/$RB_NAME.out'"
lab_fingerprint $VG fp-after.txt
same_fingerprint fp-before.txt fp-after.txt
st_after=$(tpool_status $VG $POOL); echo "# dmsetup status: $st_after"
check "the kernel's transaction id and metadata blocks unchanged ($(echo "$st_after" | awk '{print $4, $5}'))" \
  [ "$(echo "$st_before" | awk '{print $4, $5}')" = "$(echo "$st_after" | awk '{print $4, $5}')" ]
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "data full"
lab_finish
