# Guest script (lab/capture.sh runs it): builds each state, checks it is what the jobs need, and
# captures the real outputs of the commands the playbook and its rehearsal scenarios depend on, into
# /mnt/lab/captures/<state>/<name>.txt. Also rehearses the manual online extend and the manual offline
# repair (component activation, thin_check, thin_dump -r, thin_restore, swap) and checks every sha256.
. /mnt/lab/lib.sh
CAP=$LAB_SHARE/captures
# cap STATE NAME COMMAND...: run it, save command, exit status, stdout and stderr; print them
cap(){
  local state=$1 name=$2 rc; shift 2
  mkdir -p "$CAP/$state"
  "$@" > "$SCRATCH/cap.out" 2> "$SCRATCH/cap.err"; rc=$?
  { echo "\$ $*"; echo "exit: $rc"; echo "--- stdout"; cat "$SCRATCH/cap.out"; echo "--- stderr"; cat "$SCRATCH/cap.err"; } \
    > "$CAP/$state/$name.txt"
  echo "## $state/$name.txt"; cat "$CAP/$state/$name.txt"
  return $rc
}
# cap_pool STATE VG POOL: the diagnosis reads
cap_pool(){
  local s=$1 vg=$2 pool=$3
  cap "$s" lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" "$vg"
  cap "$s" vgs-vg_free vgs --noheadings --units b --nosuffix -o vg_free "$vg"
  cap "$s" dmsetup-status-tpool dmsetup status "$(dm_name "$vg" "$pool")-tpool"
  cap "$s" dmsetup-info-name-open dmsetup info -c --noheadings --separator '|' -o name,open
}

lab_env
cap env lvm-version lvm version
cap env thin_check-V thin_check -V
cap env uname-r uname -r
cap env lvmconfig lvmconfig --type full activation/monitoring activation/thin_pool_autoextend_threshold global/thin_check_options allocation/thin_pool_metadata_require_separate_pvs

VG=pve POOL=data
hdr "state full"
lab_state_full $VG $POOL
cap_pool full $VG $POOL
cap full lvs-json lvs -a --reportformat json -o "$LVS_FIELDS" $VG
cap full dmsetup-info-c dmsetup info -c
cap full dmsetup-status-pool-linear dmsetup status "$(dm_name $VG $POOL)"
cap full lvcreate-snapshot-above-75 lvcreate -y -kn -s -n refused_snap $VG/vm-100-disk-0
cap full lvcreate-thin-above-75 lvcreate -y -V 4M --thinpool $VG/$POOL -n refused_thin
lab_sums $VG sums-full.txt

hdr "state held: $VG/vm-100-disk-0 open"
lab_hold $VG vm-100-disk-0
cap held lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap held dmsetup-info-name-open dmsetup info -c --noheadings --separator '|' -o name,open
cap held lsof-mapper lsof "/dev/mapper/$(dm_name $VG vm-100-disk-0)"
cap held lsof-dev-vg lsof "/dev/$VG/vm-100-disk-0"
cap held lsof-F lsof -F pcun "/dev/mapper/$(dm_name $VG vm-100-disk-0)"
cap held fuser-v fuser -v "/dev/mapper/$(dm_name $VG vm-100-disk-0)"
cap held fuser fuser "/dev/mapper/$(dm_name $VG vm-100-disk-0)"
cap held lvchange-an-held lvchange -an $VG/vm-100-disk-0
cap held vgchange-an-held vgchange -an $VG
cap held lvs-after-vgchange-an lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap held lvchange-an-pool-held lvchange -an $VG/$POOL
kill "$HOLDER_PID"; wait "$HOLDER_PID" 2>/dev/null
vgchange -ay $VG >/dev/null
lvcreate -q -an -Zn -L 4M -n scratch_meta $VG >/dev/null 2>&1
cap held lvconvert-swap-while-active lvconvert -y --thinpool $VG/$POOL --poolmetadata $VG/scratch_meta
lvremove -q -y $VG/scratch_meta >/dev/null

hdr "manual online extend (state full)"
cap extend lvextend-poolmetadatasize lvextend --poolmetadatasize +2M $VG/$POOL
cap_pool extend $VG $POOL
lab_sums $VG sums-extend.txt
same_sums sums-full.txt sums-extend.txt "manual online extend"

hdr "state damaged (fresh pool)"
vgremove -ff -y $VG >/dev/null; pvremove -y -q "$PV" >/dev/null
lab_make_pool $VG $POOL
lab_pressure $VG $POOL
lab_sums $VG sums-before-damage.txt
cap pre-damage lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap pre-damage dmsetup-status-tpool dmsetup status "$(dm_name $VG $POOL)-tpool"
lab_damage $VG $POOL
mkdir -p "$CAP/damaged"; cp "$OUT/damaged-activation.txt" "$CAP/damaged/lvchange-ay-pool-first.txt"
cap damaged lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap damaged vgs-vg_free vgs --noheadings --units b --nosuffix -o vg_free $VG
cap damaged dmsetup-status-tpool dmsetup status "$(dm_name $VG $POOL)-tpool"
cap damaged dmesg-tail sh -c "dmesg | tail -n 15"
cap damaged dmsetup-info-name-open dmsetup info -c --noheadings --separator '|' -o name,open
cap damaged lvchange-ay-pool lvchange -ay $VG/$POOL
cap damaged dmsetup-info-after-failed-activation dmsetup info -c --noheadings --separator '|' -o name,open
cap damaged lvs-after-failed-activation lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap damaged vgchange-ay vgchange -ay $VG
cap damaged lvs-after-vgchange-ay lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
vgchange -an $VG >/dev/null 2>&1
cap damaged lvchange-ay-tmeta-without-y lvchange -ay $VG/${POOL}_tmeta
cap damaged lvchange-ay-tmeta lvchange -ay -y $VG/${POOL}_tmeta
TMETA=/dev/mapper/$(dm_name $VG $POOL)_tmeta
cap damaged ls-tmeta ls -l "$TMETA" "/dev/$VG/${POOL}_tmeta"
cap damaged dmsetup-info-tmeta dmsetup info -c "$(dm_name $VG $POOL)_tmeta"
cap damaged lvs-tmeta-active lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap damaged lvchange-ay-pool-while-tmeta-active lvchange -ay $VG/$POOL
cap damaged thin_check-fails thin_check "$TMETA"
cap damaged thin_dump-without-r sh -c "thin_dump -f xml $TMETA > $SCRATCH/plain.xml"
cap damaged thin_dump-without-r-tail tail -c 400 "$SCRATCH/plain.xml"
cap damaged thin_dump-r sh -c "thin_dump -r -f xml $TMETA > $SCRATCH/dump.xml"
cap damaged thin_dump-r-head head -n 8 "$SCRATCH/dump.xml"
cap damaged thin_dump-r-tail tail -n 4 "$SCRATCH/dump.xml"
cap damaged thin_dump-r-devices grep -c '<device ' "$SCRATCH/dump.xml"
cap damaged dd-raw-copy dd if="$TMETA" of="$SCRATCH/tmeta.img" bs=1M
OLD_RAW=$(sha256sum < "$TMETA" | cut -d' ' -f1)
cap damaged lvchange-an-tmeta lvchange -an $VG/${POOL}_tmeta
TMETA_BYTES=$(lv_field $VG/${POOL}_tmeta lv_size)
cap damaged vgcfgbackup vgcfgbackup -f "$SCRATCH/$VG.before.vg" $VG

hdr "manual offline repair"
cap repair lvcreate-same-size lvcreate -an -Zn -L "${TMETA_BYTES}b" -n repaired_small $VG
cap repair lvchange-ay-small lvchange -ay $VG/repaired_small
cap repair thin_restore-same-size thin_restore -i "$SCRATCH/dump.xml" -o "/dev/mapper/$(dm_name $VG repaired_small)"
cap repair thin_check-same-size thin_check "/dev/mapper/$(dm_name $VG repaired_small)"
lvchange -an $VG/repaired_small >/dev/null; lvremove -y -q $VG/repaired_small >/dev/null
cap repair lvcreate lvcreate -an -Zn -L "$(( TMETA_BYTES * 2 ))b" -n repaired_01 $VG
cap repair lvchange-ay lvchange -ay $VG/repaired_01
cap repair thin_restore thin_restore -i "$SCRATCH/dump.xml" -o "/dev/mapper/$(dm_name $VG repaired_01)"
cap repair thin_check-passes thin_check "/dev/mapper/$(dm_name $VG repaired_01)"
cap repair thin_dump-restored-head sh -c "thin_dump /dev/mapper/$(dm_name $VG repaired_01) | head -n 3"
cap repair lvchange-an lvchange -an $VG/repaired_01
cap repair lvconvert-swap lvconvert --thinpool $VG/$POOL --poolmetadata $VG/repaired_01 -y
cap repair lvs-after-swap lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" $VG
cap repair lvrename lvrename $VG repaired_01 ${POOL}_meta_before_repair
cap repair vgchange-ay vgchange -ay $VG
cap_pool repaired $VG $POOL
lvchange -ay $VG/${POOL}_meta_before_repair >/dev/null
NEW_NAME_RAW=$(sha256sum < "/dev/mapper/$(dm_name $VG ${POOL}_meta_before_repair)" | cut -d' ' -f1)
lvchange -an $VG/${POOL}_meta_before_repair >/dev/null
[ "$OLD_RAW" = "$NEW_NAME_RAW" ] && pass "old metadata kept byte for byte under ${POOL}_meta_before_repair" \
  || fail "${POOL}_meta_before_repair does not hold the old metadata ($OLD_RAW vs $NEW_NAME_RAW)"
lab_sums $VG sums-after-repair.txt
same_sums sums-before-damage.txt sums-after-repair.txt "manual offline repair"

hdr "names with dashes: my-vg/thin-pool; a pool without thin volumes"
vgremove -ff -y $VG >/dev/null; pvremove -y -q "$PV" >/dev/null
x pvcreate -q -y "$PV"; x vgcreate -q -s 1M my-vg "$PV"
cap empty-pool lvcreate-thin-pool lvcreate -y --type thin-pool -L 100G --poolmetadatasize 2M --chunksize 64k -n thin-pool my-vg
cap_pool empty-pool my-vg thin-pool
cap empty-pool dmsetup-status-pool dmsetup status my--vg-thin--pool
cap empty-pool dmsetup-table dmsetup table
BASES="vm-100-disk-0" lab_make_pool_volumes my-vg thin-pool
cap_pool dashes my-vg thin-pool
cap dashes ls-dev-mapper ls /dev/mapper
lab_finish
