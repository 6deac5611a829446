# Guest script (lab/capture.sh states): builds each state of the issue-11 lab jobs the way the job does
# and captures the real outputs of what a diagnosis reads, into /mnt/lab/captures/<state>/<image>/<name>.txt
# (<image> is debian12 or debian13, from /etc/os-release). Each file holds the command, its exit status,
# stdout and stderr. Every state starts on a fresh data disk (/dev/vdb, /dev/vdc, ...).
. /mnt/lab/lib.sh
. /etc/os-release
IMG=debian$VERSION_ID
CAP=$LAB_SHARE/captures
mapfile -t DISKS < <(lsblk -dn -o NAME | grep -E '^vd[b-z]$' | sort | sed 's#^#/dev/#')
D=0
# fresh_disk: the next unused data disk becomes $PV; the VGs of the previous one are deactivated and forgotten
fresh_disk(){
  vgchange -an >/dev/null 2>&1; dmsetup remove_all --force >/dev/null 2>&1
  [ -n "${PV:-}" ] && wipefs -a -q "$PV" >/dev/null 2>&1
  PV=${DISKS[$D]}; D=$((D + 1))
  rm -rf /root/thin-pool-repair "$SCRATCH"; mkdir -p "$SCRATCH"
}
# cap STATE NAME COMMAND...: run it, save command, exit status, stdout and stderr; print them
cap(){
  local state=$1 name=$2 rc; shift 2
  mkdir -p "$CAP/$state/$IMG"
  "$@" > "$SCRATCH/cap.out" 2> "$SCRATCH/cap.err"; rc=$?
  { echo "\$ $*"; echo "exit: $rc"; echo "--- stdout"; cat "$SCRATCH/cap.out"; echo "--- stderr"; cat "$SCRATCH/cap.err"; } \
    > "$CAP/$state/$IMG/$name.txt"
  echo "## $state/$IMG/$name.txt"; cat "$CAP/$state/$IMG/$name.txt"
  return $rc
}
# the lvs fields of the shipped playbook's diagnosis, in its order
PB_FIELDS=lv_name,segtype,lv_attr,lv_size,pool_lv,data_percent,metadata_percent,lv_metadata_size,lv_active,lv_device_open,lv_skip_activation,lv_health_status,thin_id,transaction_id
# cap_reads STATE VG POOL: what a diagnosis reads, in the state as it is (nothing activated)
cap_reads(){
  local s=$1 vg=$2 pool=$3
  cap "$s" lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$PB_FIELDS" "$vg"
  cap "$s" lvs-json lvs -a --reportformat json --units b --nosuffix -o "$PB_FIELDS" "$vg"
  cap "$s" lvs-flags lvs -a --noheadings --separator '|' -o lv_name,lv_attr,lv_skip_activation,lv_autoactivation "$vg"
  cap "$s" vgs vgs --noheadings --separator '|' --units b --nosuffix -o vg_name,vg_size,vg_free,vg_extent_size,vg_free_count,vg_lock_type,vg_attr "$vg"
  cap "$s" vgs-vg_free vgs --noheadings --units b --nosuffix -o vg_free "$vg"
  cap "$s" vgs-vg_lock_type vgs -o vg_lock_type "$vg"
  cap "$s" dmsetup-status dmsetup status
  cap "$s" dmsetup-status-tpool dmsetup status "$(dm_name "$vg" "$pool")-tpool"
  cap "$s" dmsetup-info-name-open dmsetup info -c --noheadings --separator '|' -o name,open
}
# cap_activation STATE VG POOL: lvchange -ay of the pool (the exact refusal), dmesg, what it left behind
cap_activation(){
  local s=$1 vg=$2 pool=$3
  dmesg -C
  cap "$s" lvchange-ay-pool lvchange -ay "$vg/$pool"
  cap "$s" dmesg sh -c 'dmesg | tail -n 20'
  cap "$s" dmsetup-info-after-activation dmsetup info -c --noheadings --separator '|' -o name,open
}
# cap_check STATE VG POOL: thin_check (read-only) of _tmeta through a component activation, its exit status.
# An active pool is deactivated first (its live _tmeta is another device: 1.x thin_check refuses it, busy);
# a _tmeta that was active on its own stays active, otherwise it is deactivated afterwards.
cap_check(){
  local s=$1 vg=$2 pool=$3 alone= tm=/dev/mapper/$(dm_name "$2" "$3")_tmeta
  [ "$(lv_field "$vg/${pool}_tmeta" lv_active)" = active ] && [ "$(lv_field "$vg/$pool" lv_active)" != active ] && alone=1
  if [ -z "$alone" ]; then
    [ "$(lv_field "$vg/$pool" lv_active)" = active ] && cap "$s" thin_check-live-tmeta thin_check "$tm"
    vgchange -an "$vg" >/dev/null 2>&1
    cap "$s" lvchange-ay-tmeta lvchange -ay -y "$vg/${pool}_tmeta"
  fi
  cap "$s" thin_check-tmeta thin_check "$tm"
  cap "$s" thin_dump-tmeta-head sh -c "thin_dump $tm | head -n 2"
  [ -n "$alone" ] || lvchange -an "$vg/${pool}_tmeta" >/dev/null 2>&1
}

lab_env
hdr "environment ($IMG)"
cap env lvm-version lvm version
cap env thin_check-V thin_check -V
cap env uname-r uname -r
cap env java-version java -version
cap env lvmconfig lvmconfig --type full activation/monitoring activation/auto_set_activation_skip activation/thin_pool_autoextend_threshold global/thin_check_options global/thin_check_executable allocation/thin_pool_metadata_require_separate_pvs
cap env lvs-o-help sh -c 'lvs -o help 2>&1 | grep -E "autoactivation|skip_activation|lock_type|health|segtype"'
cap env thin-tools-help sh -c 'thin_check -h 2>&1; thin_dump -h 2>&1; ls /usr/sbin | grep -E "^(thin|cache|era)_"'
VG=pve POOL=data

state_component(){
  hdr "component-tmeta: _tmeta left active after a manual thin_check"
  fresh_disk
  lab_light_pool $VG $POOL
  lab_sums $VG sums-component.txt >/dev/null
  lab_state_component $VG $POOL tmeta
  cap_reads component-tmeta $VG $POOL
  cap_activation component-tmeta $VG $POOL
  cap_check component-tmeta $VG $POOL
  cap component-tmeta lvchange-an-tmeta lvchange -an $VG/${POOL}_tmeta
  cap component-tmeta lvchange-ay-pool-after lvchange -ay $VG/$POOL
  cap component-tmeta lvs-after lvs -a --noheadings --separator '|' --units b --nosuffix -o "$PB_FIELDS" $VG

  hdr "component-tdata: _tdata left active"
  lab_state_component $VG $POOL tdata
  cap component-tdata lvchange-ay-tdata-again lvchange -ay -y $VG/${POOL}_tdata
  cap_reads component-tdata $VG $POOL
  cap_activation component-tdata $VG $POOL
  cap component-tdata vgchange-ay vgchange -ay $VG
  cap component-tdata lvchange-an-tdata lvchange -an $VG/${POOL}_tdata
  cap component-tdata lvchange-ay-pool-after lvchange -ay $VG/$POOL
  cap_check component-tdata $VG $POOL
  lab_sums $VG sums-component-after.txt >/dev/null
  same_sums sums-component.txt sums-component-after.txt "component left active, deactivated"
}

state_txid(){
  hdr "txid-mismatch: LVM's transaction_id 2 ahead of the kernel metadata's"
  fresh_disk
  lab_light_pool $VG $POOL
  lab_sums $VG sums-txid.txt >/dev/null
  vgchange -an $VG >/dev/null
  cap txid-mismatch vgcfgbackup vgcfgbackup -f "$SCRATCH/before.vg" $VG
  lab_state_txid $VG $POOL 2
  cap txid-mismatch vgcfgbackup-diff diff "$SCRATCH/$VG.txid.vg.orig" "$SCRATCH/$VG.txid.vg"
  cap txid-mismatch vgcfgrestore-force-again vgcfgrestore --force -f "$SCRATCH/$VG.txid.vg" $VG
  cap txid-mismatch vgcfgrestore-without-force vgcfgrestore -f "$SCRATCH/$VG.txid.vg" $VG
  cap_reads txid-mismatch $VG $POOL
  cap_activation txid-mismatch $VG $POOL
  cap txid-mismatch vgchange-ay vgchange -ay $VG
  cap_check txid-mismatch $VG $POOL
  hdr "txid-mismatch: the fix (vgcfgbackup, the kernel's number back, vgcfgrestore --force)"
  cap txid-mismatch fix-vgcfgbackup vgcfgbackup -f "$SCRATCH/fix.vg" $VG
  sed "s/^\(\t\t\t\ttransaction_id = \)$TXID_LVM\$/\1$TXID_KERNEL/" "$SCRATCH/fix.vg" > "$SCRATCH/fix.edited.vg"
  cap txid-mismatch fix-diff diff "$SCRATCH/fix.vg" "$SCRATCH/fix.edited.vg"
  cap txid-mismatch fix-vgcfgrestore-force vgcfgrestore --force -f "$SCRATCH/fix.edited.vg" $VG
  cap txid-mismatch fix-lvchange-ay-pool lvchange -ay $VG/$POOL
  cap txid-mismatch fix-lvs lvs -a --noheadings --separator '|' --units b --nosuffix -o "$PB_FIELDS" $VG
  lab_sums $VG sums-txid-after.txt >/dev/null
  same_sums sums-txid.txt sums-txid-after.txt "transaction_id mismatch fixed by hand"
}

state_activation_skip(){
  hdr "activation-skip: volumes as Proxmox makes them, then damaged metadata"
  fresh_disk
  BASES= POOL_DATA=20G POOL_META_INIT=8M lab_make_pool $VG $POOL
  cap activation-skip lvcreate-thin-setautoactivation lvcreate -y -V 4M --thinpool $VG/$POOL -n vm-199-disk-0 --setautoactivation n
  lab_make_pve_volumes $VG $POOL
  cap activation-skip lvs-attr-autoactivation lvs -o lv_name,lv_attr,autoactivation $VG
  cap_reads activation-skip $VG $POOL
  vgchange -an $VG >/dev/null
  cap activation-skip vgchange-ay vgchange -ay $VG
  cap activation-skip lvs-after-vgchange-ay lvs -a --noheadings --separator '|' --units b --nosuffix -o "$PB_FIELDS" $VG
  cap activation-skip lvchange-ay-snapshot lvchange -ay $VG/snap_vm-100-disk-0_before
  cap activation-skip lvchange-ay-K-snapshot lvchange -ay -K $VG/snap_vm-100-disk-0_before
  cap activation-skip vgchange-aay vgchange -aay $VG
  cap activation-skip lvchange-ay-select-pool-K lvchange -ay -K --select pool_lv=$POOL $VG
  lab_sums $VG sums-skip.txt >/dev/null
  lab_damage $VG $POOL
  cap_reads activation-skip-damaged $VG $POOL
  cap activation-skip-damaged lvs-attr-autoactivation lvs -o lv_name,lv_attr,autoactivation $VG
  cap_activation activation-skip-damaged $VG $POOL
  cap_check activation-skip-damaged $VG $POOL
}

state_data_full(){
  hdr "data-full: Data% 100"
  fresh_disk
  lab_state_data_full $VG $POOL
  cap_reads data-full $VG $POOL
  cap_activation data-full $VG $POOL
  cap data-full lvcreate-thin lvcreate -y -V 4M --thinpool $VG/$POOL -n refused_thin
  cap data-full write-unmapped timeout 90 dd if=/dev/zero of=/dev/$VG/vm-102-disk-0 bs=4k count=1 seek=32000 oflag=direct
  cap data-full write-mapped dd if=/dev/$VG/vm-100-disk-0 of=/dev/$VG/vm-100-disk-0 bs=4k count=1 skip=100 seek=100 oflag=direct
  lab_sums $VG sums-full.txt >/dev/null
  cap data-full vgchange-an vgchange -an $VG
  cap data-full lvchange-ay-pool-from-inactive lvchange -ay $VG/$POOL
  cap data-full lvs-after-reactivation lvs -a --noheadings --separator '|' --units b --nosuffix -o "$PB_FIELDS" $VG
  cap data-full dmsetup-status-after-reactivation dmsetup status "$(dm_name $VG $POOL)-tpool"
  cap_check data-full $VG $POOL
}

state_vg_free(){
  hdr "vg-too-small / vg-just-enough: damaged metadata (2 MiB) in a VG with 1 MiB and with 2 MiB free"
  fresh_disk
  POOL_DATA=50G lab_make_pool $VG $POOL
  lab_pressure $VG $POOL
  echo "# dmsetup status: $(tpool_status $VG $POOL)"
  cap vg-too-small dmsetup-status-before-damage dmsetup status "$(dm_name $VG $POOL)-tpool"
  lab_damage $VG $POOL
  lab_vg_free $VG $((1 << 20))
  cap_reads vg-too-small $VG $POOL
  cap_activation vg-too-small $VG $POOL
  cap_check vg-too-small $VG $POOL
  cap vg-too-small lvcreate-2M lvcreate -an -Zn -L 2M -n repaired_meta $VG
  lab_vg_free $VG "$(lv_field $VG/${POOL}_tmeta lv_size)"
  cap_reads vg-just-enough $VG $POOL
  cap vg-just-enough lvcreate-old-size lvcreate -an -Zn -L "$(lv_field $VG/${POOL}_tmeta lv_size)b" -n repaired_meta $VG
  cap vg-just-enough vgs-after-lvcreate vgs --noheadings --separator '|' --units b --nosuffix -o vg_name,vg_free,vg_free_count $VG
}

# /mnt/lab/capture-states.list (from lab/capture.sh) names the states to capture; none: every state
STATES=$(cat "$LAB_SHARE/capture-states.list" 2>/dev/null || echo component txid activation-skip data-full vg-free)
for st in $STATES; do "state_${st//-/_}"; done
fresh_disk
lab_finish
