# Job 14: configurations the playbook does not handle, each built on the real stack the way it arises; each
# must stop with `verdict: unsupported` (exit 3) before any change, every sha256 unchanged, and the host
# left as the run found it (lvs, the device-mapper devices with their state flags, tables and open counts):
#  a. external origin: a thin volume whose origin is a read-only LV outside the pool (lvcreate -s --thinpool
#     with a plain LV as origin), written after it was made; the origin LV byte for byte unchanged;
#  b. suspended pool: the pool's -tpool device suspended (as an interrupted lvextend leaves it) with its thin
#     volumes active; resumed after the run;
#  c. missing PV: the pool's data grown onto a second disk (a loop device), the node shut down, that disk's
#     PV header gone (wiped); the pool is inactive and LVM refuses to activate it. The header is written back
#     after the run and every volume activates with its data.
. /mnt/lab/lib.sh
VG=pve POOL=data TPOOL=$(dm_name pve data)-tpool
LOOP=
cleanup14(){
  dmsetup resume "$TPOOL" 2>/dev/null
  if [ -n "$LOOP" ]; then vgchange -an $VG >/dev/null 2>&1; wipefs -a -q "$LOOP" 2>/dev/null; losetup -d "$LOOP"; fi
}
trap cleanup14 EXIT
# dm_state NAME: every device-mapper device with its state flags (s suspended, i inactive table), open count
# and tables, and lvs: what must be the same after a stop
dm_state(){ { lab_lvs $VG; echo "--- dmsetup"; dmsetup info -c --noheadings --separator '|' -o name,attr,open | sort
  dmsetup table | sort; echo "--- inactive tables"; dmsetup table --inactive | sort; } > "$OUT/$1" 2>&1; }
same_state(){
  if diff -u "$OUT/$1" "$OUT/$2" > "$OUT/$2.diff"; then rm -f "$OUT/$2.diff"; pass "$3: nothing changed: lvs, device-mapper devices (state, open count, tables) identical"
  else fail "$3: something changed ($1 vs $2):"; cat "$OUT/$2.diff"; fi
}
# unsupported LABEL: the checks every case shares
unsupported(){
  check "$1: runbook exits 3 (exit status $RB_EXIT)" [ "$RB_EXIT" = 3 ]
  verdict_once unsupported "$1"
  check "$1: no change ran (no lvchange, lvextend, lvcreate, lvconvert, vgcfgbackup, dmsetup message/resume)" \
    sh -c "! grep -qE '^ *[$] (lvchange|lvextend|lvcreate|lvconvert|vgcfgbackup|vgcfgrestore|dmsetup (message|resume|suspend|clear|load)) ' '$OUT/$RB_NAME.out'"
  check "$1: no backup folder was made" no_backup_dir
}
lab_env
lab_light_pool $VG $POOL

hdr "a: a thin volume with an external origin (a read-only LV outside the pool)"
x lvcreate -q -y -an -Zn -L "$THIN_SIZE" -n base-ext $VG 2>&1 | grep -v 'not zeroed'
x lvchange -q -ay $VG/base-ext || exit 1
gen_data base-ext "$(numfmt --from=iec "$THIN_SIZE")" | dd of=/dev/$VG/base-ext bs=1M iflag=fullblock oflag=direct status=none || exit 1
x lvchange -q -an -pr $VG/base-ext || exit 1
x lvcreate -q -y -s --thinpool $VG/$POOL -n vm-104-disk-0 $VG/base-ext || exit 1
lab_churn /dev/$VG/vm-104-disk-0 14
sync
lvs -a -o lv_name,lv_attr,origin,pool_lv $VG
lab_sums $VG sha256-before.txt
origin_before=$(lv_raw_sum $VG base-ext)
dm_state state-before-ext.txt
lab_runbook external-origin --set vg=$VG --set pool=$POOL --yes --non-interactive
unsupported "external origin"
check "external origin: the output names vm-104-disk-0 and its origin base-ext" output_has "vm-104-disk-0 (origin base-ext)"
dm_state state-after-ext.txt
same_state state-before-ext.txt state-after-ext.txt "external origin"
origin_after=$(lv_raw_sum $VG base-ext)
check "external origin: base-ext byte for byte unchanged ($origin_after)" [ -n "$origin_before" -a "$origin_after" = "$origin_before" ]
lab_sums $VG sha256-after-ext.txt
same_sums sha256-before.txt sha256-after-ext.txt "external origin"
# the next cases are about the pool alone
x lvremove -q -y $VG/vm-104-disk-0 $VG/base-ext || exit 1
lab_sums $VG sha256-before-pool.txt

hdr "b: $TPOOL suspended, as an interrupted lvextend leaves it, its thin volumes active"
x dmsetup suspend $TPOOL || exit 1
dmsetup info -c -o name,attr,open | sed 's/^/   /'
lvs -a -o lv_name,lv_attr $VG
dm_state state-before-suspended.txt
# a playbook that misjudged the state could hang on the suspended pool: a watchdog resumes it after 15 min
( sleep 900; dmsetup resume $TPOOL ) & WATCHDOG=$!
lab_runbook suspended --set vg=$VG --set pool=$POOL --yes --non-interactive
kill $WATCHDOG 2>/dev/null
unsupported suspended
check "suspended: the output says the pool is suspended and how to resume it" output_has "dmsetup resume $TPOOL"
dm_state state-after-suspended.txt
same_state state-before-suspended.txt state-after-suspended.txt suspended
x dmsetup resume $TPOOL
lab_sums $VG sha256-after-suspended.txt
same_sums sha256-before-pool.txt sha256-after-suspended.txt "suspended pool, resumed"

hdr "c: the pool's data grown onto a second disk, which then goes missing"
truncate -s 256M $SCRATCH/disk2.img
# the guest loads only the modules the lab needs at boot (guest/lab-init); loop is a module in Debian's kernel
x modprobe loop || exit 1
LOOP=$(losetup -f --show $SCRATCH/disk2.img) || exit 1
x pvcreate -q -y $LOOP || exit 1
x vgextend -q $VG $LOOP || exit 1
x lvextend -q -L +128M $VG/$POOL $LOOP || exit 1
lvs -a -o lv_name,lv_size,devices $VG
lab_sums $VG sha256-before-missing.txt
x vgchange -an $VG >/dev/null || exit 1
dd if=$LOOP of=$SCRATCH/disk2-head.img bs=1M count=1 status=none || exit 1
dd if=/dev/zero of=$LOOP bs=1M count=1 conv=fsync status=none || exit 1
x pvscan --cache >/dev/null 2>&1
if x lvchange -ay $VG/$POOL > "$OUT/missing-pv-activation.txt" 2>&1; then cat "$OUT/missing-pv-activation.txt"; echo "FAIL: setup: the pool activated without its PV"; exit 1; fi
cat "$OUT/missing-pv-activation.txt"
lvs -a -o lv_name,lv_attr,lv_health_status,devices $VG 2>&1
dm_state state-before-missing.txt
lab_runbook missing-pv --set vg=$VG --set pool=$POOL --yes --non-interactive
unsupported "missing PV"
check "missing PV: the output says a physical volume is missing" output_has "physical volume"
dm_state state-after-missing.txt
same_state state-before-missing.txt state-after-missing.txt "missing PV"
hdr "the disk comes back: its header written back"
dd if=$SCRATCH/disk2-head.img of=$LOOP bs=1M conv=fsync status=none || exit 1
x pvscan --cache >/dev/null 2>&1
lab_sums $VG sha256-after-missing.txt
same_sums sha256-before-missing.txt sha256-after-missing.txt "missing PV, back again"
lab_finish
