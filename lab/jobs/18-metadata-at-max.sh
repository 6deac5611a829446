# Job 18: a pool whose metadata LV is at the largest size this host's lvm2 makes (asked for 16 GiB, lvm2
# clamps it to 15.88 GiB, rounded up to whole extents: 17049845760 bytes with 4 MiB extents, on both images,
# allocation/thin_pool_crop_metadata = 0), as Proxmox sizes the
# metadata of a data pool of 1.56 TiB and more. Its metadata cannot grow, so an online extend is impossible.
#  - defaults: the metadata is nearly empty (a new pool), so the verdict is healthy and nothing changes;
#  - meta_full_percent=0: the same pool counts as full. Filling 16 GiB of metadata for real would take
#    hundreds of millions of mappings, far beyond an emulated guest; what this run proves on the real
#    kernel and lvm2 is the rest of the decision: the size lvm2 reports, the maximum the playbook derives
#    from the host's lvm2 version and lvm.conf, and the stop. Verdict metadata-full-at-max: non-zero exit,
#    no lvextend and no rebuild, lvs and device-mapper devices identical, every sha256 unchanged.
# The pool is made with allocation/zero_metadata = 0: lvm2 would otherwise write 15.88 GiB of zeros (twice,
# with the spare) under emulation; the kernel formats the metadata itself at the first activation.
. /mnt/lab/lib.sh
VG=pve POOL=data
lab_env
hdr "create VG $VG, thin pool $VG/$POOL (20G data, metadata asked for at 16G), thin volumes $BASES"
x pvcreate -y -q "$PV" >/dev/null || exit 1
x vgcreate -q -s 4M "$VG" "$PV" >/dev/null || exit 1
x lvcreate -y --config 'allocation/zero_metadata = 0' --type thin-pool -L 20G --poolmetadatasize 16G \
  --chunksize 64k -n "$POOL" "$VG" || exit 1
lab_make_pool_volumes $VG $POOL
meta_size=$(lv_field $VG/${POOL}_tmeta lv_size)
extent=$(vgs --noheadings --units b --nosuffix -o vg_extent_size $VG | tr -d ' ')
# the format's 255 bitmaps of 16320 blocks of 4 KiB, rounded up to whole extents (the playbook's meta_max_bytes)
max=$(( (17045913600 + extent - 1) / extent * extent ))
echo "# ${POOL}_tmeta: $meta_size bytes; extents of $extent bytes; dmsetup status: $(tpool_status $VG $POOL)"
check "lvm2 made the metadata LV at its maximum, 15.88 GiB in whole extents ($meta_size bytes, expected $max)" [ "$meta_size" = "$max" ]
lab_sums $VG sha256-before.txt
lab_lvs_save $VG lvs-before.txt
lab_fingerprint $VG fp-before.txt

lab_runbook defaults --set vg=$VG --set pool=$POOL --yes --non-interactive
check "defaults: runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
verdict_is healthy defaults

lab_runbook at-max --set vg=$VG --set pool=$POOL --set meta_full_percent=0 --yes --non-interactive
check "at the maximum: runbook exits non-zero (exit status $RB_EXIT)" [ "$RB_EXIT" != 0 ]
verdict_is metadata-full-at-max "at the maximum"
check "at the maximum: the output names the maximum, 15.88 GiB" output_has '15.88 GiB'
check "at the maximum: no change ran (no lvextend, lvcreate, thin_dump, thin_restore, lvconvert)" \
  sh -c "! grep -qE '^ *[\$] (lvextend|lvcreate|thin_dump|thin_restore|lvconvert) ' '$OUT/$RB_NAME.out'"
lab_fingerprint $VG fp-after.txt
same_fingerprint fp-before.txt fp-after.txt
check "at the maximum: the metadata LV still has its size" [ "$(lv_field $VG/${POOL}_tmeta lv_size)" = "$meta_size" ]
lab_sums $VG sha256-after.txt
same_sums sha256-before.txt sha256-after.txt "metadata at the maximum"
lab_finish
