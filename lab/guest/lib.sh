# Guest-side library of the lab jobs (sourced inside the lab guest, from /mnt/lab/lib.sh).
# Builds a VG and thin pool whose thin volumes hold known data, pushes the pool's metadata usage high,
# puts the pool into a given state, runs the engine, and checks results with PASS:/FAIL: lines.
#
# The states:
#   lab_state_full VG POOL      (a) metadata nearly full, pool consistent and active (rw, no needs_check)
#   lab_state_damaged VG POOL   (b) metadata space-map index corrupted: thin_check fails, the pool refuses
#                                   to activate, every LV inactive
#   lab_hold VG LV              (c) a process holds a thin volume open (call on state a)
#   names with dashes           (d) any of the above with VG/POOL like my-vg/thin-pool
# Sizes are small on purpose: the guest runs under software emulation in CI.
set -u
export LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1
LAB_SHARE=${LAB_SHARE:-/mnt/lab}
OUT=${LAB_OUT:-$LAB_SHARE/out}       # copied back to the host with the run directory (run-jobs.sh: one per job)
SCRATCH=/var/tmp/lab                 # ext4: the thin tools open files with O_DIRECT, which tmpfs (/tmp) rejects
PV=${LAB_PV:-/dev/vdb}               # run-jobs.sh gives every job a data disk of its own
# Metadata usage. A 2 MiB metadata LV (the smallest lvm makes; 1 MiB extents keep it at 2 MiB) holds 512
# blocks of 4 KiB. Facts of the real stack that shape the setup:
#  - lvm refuses new thin volumes once Meta% >= 75 ("Free space in pool ... is above threshold, new
#    volumes are not allowed"), so the volumes must exist before the metadata fills;
#  - growing the pool's data with lvextend grows its metadata too (lvm 2.03.16), so data growth cannot
#    fill it either;
#  - the data space map needs one bitmap block per 16320 chunks, whatever is written.
# So the pool is created large (350 GiB of 64 KiB chunks on the sparse data disk) with roomy metadata,
# the thin volumes get known data, a few snapshots get random writes (shared and unshared btree leaves, as
# in real pools); then the metadata is dumped and restored onto a 2 MiB LV that is swapped in (the same
# tools the repair uses), which leaves it at about 85 % Meta%. Hashing is slow under software emulation
# (about 10 MB/s), so the thin volumes stay small.
POOL_DATA=${LAB_POOL_DATA:-350G}
POOL_META_INIT=64M                   # the pool's metadata when it is made (roomy)
POOL_META=2M
THIN_SIZE=${LAB_THIN_SIZE:-32M}      # size of each base thin volume (written in full)
BASES="vm-100-disk-0 vm-101-disk-0"  # Proxmox-like names; the snapshots are snap_<base>_sN
SNAPSHOTS=${LAB_SNAPSHOTS:-2}        # snapshots with random writes
META_MIN=${LAB_META_MIN:-80}         # the setup fails unless Meta% ends in [META_MIN, META_MAX]
META_MAX=${LAB_META_MAX:-89}         # (the kernel keeps 10 % in reserve: above 90 % the pool turns ro)
mkdir -p "$OUT" "$SCRATCH"

# ---------------------------------------------------------------- results
RESULTS=()
pass(){ RESULTS+=("PASS: $*"); echo "PASS: $*"; }
fail(){ RESULTS+=("FAIL: $*"); echo "FAIL: $*"; }
# check DESCRIPTION COMMAND...: PASS when the command succeeds
check(){ local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
up(){ cut -d' ' -f1 /proc/uptime; }
LAB_T0=$(up)
since(){ awk -v a="$(up)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }
hdr(){ echo; echo "=== [guest ${LAB_T0:+$(since "$LAB_T0")s}] $*"; }
# x COMMAND...: print the command, run it, show a non-zero exit status
x(){ echo "# $*"; "$@"; local rc=$?; [ $rc = 0 ] || echo "   (exit status $rc)"; return $rc; }
# lab_finish: the summary; exit status 1 when any check failed or none ran
lab_finish(){
  [ -n "${HOLDER_PID:-}" ] && kill "$HOLDER_PID" 2>/dev/null
  hdr "summary ($(since "$LAB_T0")s in the guest)"
  printf '%s\n' "${RESULTS[@]}" | tee "$OUT/summary.txt"
  [ ${#RESULTS[@]} -gt 0 ] || { echo "FAIL: no check ran"; exit 1; }
  ! printf '%s\n' "${RESULTS[@]}" | grep -q '^FAIL' || exit 1
  exit 0
}

# ---------------------------------------------------------------- names and reports
# dm_name VG LV: device-mapper name (every '-' inside a name doubled)
dm_name(){ echo "${1//-/--}-${2//-/--}"; }
LVS_FIELDS=lv_name,lv_attr,lv_size,pool_lv,data_percent,metadata_percent,lv_metadata_size,lv_active,lv_health_status,thin_id,transaction_id,lv_device_open
lab_lvs(){ lvs -a --noheadings --separator '|' --units b --nosuffix -o "$LVS_FIELDS" "$1"; }
# lab_lvs_save VG FILE: the machine-readable lvs, printed and saved under $OUT
lab_lvs_save(){ lab_lvs "$1" > "$OUT/$2" 2>&1; echo "# lvs -a ... -o $LVS_FIELDS $1  -> $2"; cat "$OUT/$2"; }
# lv_field VG/LV FIELD: one lvs field, trimmed
lv_field(){ lvs --noheadings --nosuffix --units b -o "$2" "$1" 2>/dev/null | tr -d ' '; }
thin_volumes(){ lvs --noheadings -o lv_name -S 'segtype=thin' "$1" | tr -d ' ' | sort; }
tpool_status(){ dmsetup status "$(dm_name "$1" "$2")-tpool"; }
# meta_used VG POOL: used/total metadata blocks from the kernel
meta_blocks(){ tpool_status "$1" "$2" | awk '{print $5}'; }

# lab_sums VG FILE: sha256 of every thin volume (activates them, also those with the activation-skip
# flag), printed and saved under $OUT
lab_sums(){
  local vg=$1 f=$OUT/$2 t; t=$(up)
  vgchange -ay -K "$vg" >/dev/null
  thin_volumes "$vg" | sed "s#^#/dev/$vg/#" | xargs -r -P 2 -n 1 sha256sum | sed "s#/dev/$vg/##" | sort -k2 > "$f"
  echo "# sha256 of $(wc -l < "$f") thin volumes -> $2 ($(since "$t")s)"; cat "$f"
}
# same_sums BEFORE AFTER LABEL
same_sums(){
  if [ -s "$OUT/$1" ] && diff -u "$OUT/$1" "$OUT/$2" > "$OUT/$2.diff"; then
    rm -f "$OUT/$2.diff"; pass "$3: sha256 of all $(wc -l < "$OUT/$1") thin volumes unchanged"
  else fail "$3: sha256 lists differ ($1 vs $2):"; cat "$OUT/$2.diff"; fi
}

# ---------------------------------------------------------------- setup
lab_env(){
  hdr "environment"
  # the JRE's version from its package: a `java -version` costs tens of seconds under emulation
  echo "kernel $(uname -r); $(lvm version | head -1 | sed 's/  */ /g'); thin_check $(thin_check -V); $(dpkg-query -W -f '${Package} ${Version}' 'openjdk-*-jre-headless' 2>/dev/null)"
  # no dmeventd in the guest: lvm must not try to monitor (the image is built with this; make sure)
  sed -i 's/^\(\s*\)# monitoring = 1/\1monitoring = 0/' /etc/lvm/lvm.conf
  [ "$(lvmconfig --type full activation/monitoring)" = "monitoring=0" ] || { echo "FAIL: lvm monitoring is still on"; exit 1; }
}

# gen_data NAME BYTES: deterministic data, every 4 KiB block unique ("NAME 4k-block 000...0N\n")
gen_data(){ seq -f "$1 4k-block %0$((4095 - ${#1} - 10)).0f" 1 $(( $2 / 4096 )); }

# lab_make_pool VG POOL: VG on $PV (1 MiB extents), thin pool ($POOL_DATA, 64 KiB chunks, $POOL_META_INIT
# metadata), base thin volumes written in full with known data. Jobs that need no full metadata make a
# smaller pool: POOL_DATA=20G POOL_META_INIT=8M lab_make_pool VG POOL
lab_make_pool(){
  local vg=$1 pool=$2
  hdr "create VG $vg, thin pool $vg/$pool ($POOL_DATA data), thin volumes $BASES"
  x pvcreate -y -q "$PV" >/dev/null || exit 1
  x vgcreate -q -s 1M "$vg" "$PV" >/dev/null || exit 1
  # (lvm warns that 64 KiB chunks are below its suggestion for this pool size: small chunks are the point)
  x lvcreate -q -y --type thin-pool -L "$POOL_DATA" --poolmetadatasize "$POOL_META_INIT" --chunksize 64k -n "$pool" "$vg" 2>&1 \
    | grep -v -e 'Chunk size is smaller' -e 'can address at most'
  [ "${PIPESTATUS[0]}" = 0 ] || exit 1
  lab_make_pool_volumes "$vg" "$pool"
}
# lab_make_pool_volumes VG POOL: the base thin volumes ($BASES), written in full with known data
lab_make_pool_volumes(){
  local vg=$1 pool=$2 b t bytes
  bytes=$(numfmt --from=iec "$THIN_SIZE")
  for b in $BASES; do
    x lvcreate -q -y -V "$THIN_SIZE" --thinpool "$vg/$pool" -n "$b" || exit 1
    t=$(up)
    gen_data "$b" "$bytes" | dd of="/dev/$vg/$b" bs=1M iflag=fullblock oflag=direct status=none || exit 1
    echo "   wrote $THIN_SIZE of known data to $b ($(since "$t")s)"
  done
  sync
}

# lab_pressure VG POOL: $SNAPSHOTS thin snapshots with random 4 KiB writes (each write unshares a leaf
# of the mapping tree), then the metadata moves onto a 2 MiB LV (lab_small_metadata)
lab_pressure(){
  local vg=$1 pool=$2 i base t0; t0=$(up)
  hdr "metadata pressure on $vg/$pool: $SNAPSHOTS snapshots with random writes, metadata onto $POOL_META"
  for ((i = 1; i <= SNAPSHOTS; i++)); do
    set -- $BASES; base=$([ $((i % 2)) = 1 ] && echo "$1" || echo "$2")
    lvcreate -q -y -kn -s -n "snap_${base}_s$i" "$vg/$base" > "$SCRATCH/lvc.log" 2>&1 \
      || { cat "$SCRATCH/lvc.log"; echo "FAIL: setup: snapshot $i refused"; exit 1; }
    fio --name=churn --filename="/dev/$vg/snap_${base}_s$i" --rw=randwrite --bs=4k --direct=1 --ioengine=psync \
        --number_ios=200 --size="$THIN_SIZE" --randrepeat=1 --randseed=$i --output="$SCRATCH/fio.log" >/dev/null 2>&1 \
      || { cat "$SCRATCH/fio.log"; echo "FAIL: setup: fio failed"; exit 1; }
    sync
    echo "   snap_${base}_s$i + 200 random 4k writes -> Data% $(lv_field "$vg/$pool" data_percent) Meta% $(lv_field "$vg/$pool" metadata_percent) ($(meta_blocks "$vg" "$pool") blocks) at $(since "$t0")s"
  done
  lab_small_metadata "$vg" "$pool"
  echo "   Meta% $(lv_field "$vg/$pool" metadata_percent) ($(meta_blocks "$vg" "$pool") blocks) at $(since "$t0")s"
}

# lab_small_metadata VG POOL: dump the pool's metadata, restore it onto a $POOL_META LV, swap that in,
# drop the old metadata LV, and give the pool a spare of the new size. Leaves everything active.
lab_small_metadata(){
  local vg=$1 pool=$2 small=lab_meta_small tmp=$SCRATCH/setup-dump.xml
  x vgchange -q -an "$vg" >/dev/null || exit 1
  x lvchange -q -ay -y "$vg/${pool}_tmeta" || exit 1
  thin_dump -f xml "/dev/mapper/$(dm_name "$vg" "$pool")_tmeta" > "$tmp" || { echo "FAIL: setup: thin_dump"; exit 1; }
  x lvchange -q -an "$vg/${pool}_tmeta" || exit 1
  x lvcreate -q -an -Zn -L "$POOL_META" -n "$small" "$vg" 2>&1 | grep -v 'not zeroed'
  x lvchange -q -ay "$vg/$small" || exit 1
  x thin_restore -q -i "$tmp" -o "/dev/mapper/$(dm_name "$vg" "$small")" || { echo "FAIL: setup: thin_restore onto $POOL_META"; exit 1; }
  x lvchange -q -an "$vg/$small" || exit 1
  # the old spare is as big as the roomy metadata; the swap makes a new one as big as the 2 MiB LV
  x lvremove -q -y "$vg/lvol0_pmspare" || exit 1
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$small" || exit 1
  x lvremove -q -y "$vg/$small" || exit 1
  # the swap makes no spare; creating a pool does: a throw-away one leaves a 2 MiB spare behind
  x lvcreate -q -y -an --type thin-pool -L 4M --poolmetadatasize "$POOL_META" -n lab_tmp_pool "$vg" 2>&1 | grep -v -e 'WARNING: Logical volume' -e 'not zeroed'
  x lvremove -q -y "$vg/lab_tmp_pool" || exit 1
  [ "$(lv_field "$vg/lvol0_pmspare" lv_size)" = "$(lv_field "$vg/${pool}_tmeta" lv_size)" ] \
    || { echo "FAIL: setup: the spare is not as big as the metadata"; lvs -a "$vg"; exit 1; }
  x vgchange -q -ay "$vg" >/dev/null || exit 1
}

# lab_state_full VG POOL: state (a). Leaves the pool and every thin volume active.
lab_state_full(){
  local vg=$1 pool=$2 m st
  lab_make_pool "$vg" "$pool"
  lab_pressure "$vg" "$pool"
  m=$(lv_field "$vg/$pool" metadata_percent); st=$(tpool_status "$vg" "$pool")
  echo "# dmsetup status $(dm_name "$vg" "$pool")-tpool"; echo "$st"
  awk -v m="$m" -v a="$META_MIN" -v b="$META_MAX" 'BEGIN{exit !(m >= a && m <= b)}' \
    || { echo "FAIL: setup: Meta% is $m, not in [$META_MIN, $META_MAX]: calibrate LAB_POOL_DATA"; exit 1; }
  set -- $st
  [ "${8:-}" = rw ] && [ "${11:-}" = - ] || { echo "FAIL: setup: pool is not rw without needs_check: $st"; exit 1; }
}

# corrupt_sm_index DEVICE: overwrite 64 bytes inside the metadata space map's index block (a fixed
# pattern, so every run breaks the same way); its checksum no longer matches: thin_check fails while
# thin_dump -r still recovers every mapping. The index block number is in the superblock at byte 208.
corrupt_sm_index(){
  local dev=$1 idx
  idx=$(od -An -t u8 -j 208 -N 8 "$dev" | tr -d ' ')
  [ -n "$idx" ] && [ "$idx" -gt 0 ] || { echo "FAIL: setup: no space-map index block in the superblock of $dev"; exit 1; }
  echo "   metadata space-map index is block $idx; overwriting 64 bytes at offset 64"
  printf '\xa5%.0s' $(seq 64) | dd of="$dev" bs=1 seek=$(( idx * 4096 + 64 )) conv=notrunc,fsync status=none
}

# lab_damage VG POOL: state (b) from state (a). Swaps the metadata out into a plain LV of the same size,
# corrupts it there, swaps it back, removes the helper LV. Afterwards every LV is inactive and the pool
# refuses to activate.
lab_damage(){
  local vg=$1 pool=$2 size swap=lab_meta_swap
  hdr "damage the metadata of $vg/$pool (space-map index, swapped out and back)"
  size=$(lv_field "$vg/${pool}_tmeta" lv_size)
  x vgchange -an "$vg" >/dev/null || exit 1
  x lvcreate -q -an -Zn -L "${size}b" -n "$swap" "$vg" || exit 1
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$swap" || exit 1
  x lvchange -ay "$vg/$swap" || exit 1
  x thin_check -q "/dev/mapper/$(dm_name "$vg" "$swap")" || { echo "FAIL: setup: metadata was bad before the damage"; exit 1; }
  corrupt_sm_index "/dev/mapper/$(dm_name "$vg" "$swap")"
  if x thin_check -q "/dev/mapper/$(dm_name "$vg" "$swap")"; then echo "FAIL: setup: thin_check does not see the damage"; exit 1; fi
  x lvchange -an "$vg/$swap" || exit 1
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$swap" || exit 1
  x lvremove -q -y "$vg/$swap" || exit 1
  # the pool must refuse to activate now (lvm runs thin_check first)
  if x lvchange -ay "$vg/$pool" > "$OUT/damaged-activation.txt" 2>&1; then
    cat "$OUT/damaged-activation.txt"; echo "FAIL: setup: the damaged pool activated"; exit 1; fi
  cat "$OUT/damaged-activation.txt"
  vgchange -an "$vg" >/dev/null 2>&1
}

# raw_tmeta_sum VG POOL: sha256 of the pool's metadata LV, read through a read-only component activation
raw_tmeta_sum(){
  local vg=$1 pool=$2 s
  lvchange -ay -y "$vg/${pool}_tmeta" >/dev/null || return 1
  s=$(sha256sum < "/dev/mapper/$(dm_name "$vg" "$pool")_tmeta" | cut -d' ' -f1)
  lvchange -an "$vg/${pool}_tmeta" >/dev/null || return 1
  echo "$s"
}

# lab_hold VG LV: state (c): a process keeps the thin volume open; prints nothing, sets HOLDER_PID
lab_hold(){
  sleep infinity < "/dev/$1/$2" > /dev/null 2>&1 &
  HOLDER_PID=$!
  sleep 1
  echo "# holder of /dev/$1/$2: pid $HOLDER_PID ($(cat /proc/$HOLDER_PID/comm))"
  fuser -v "/dev/$1/$2" 2>&1 || true
}

# ---------------------------------------------------------------- the engine
JAR=$LAB_SHARE/runbook.jar
PLAYBOOK=$LAB_SHARE/playbooks/thin-pool-metadata-repair.yaml
STATE_DIR=/var/tmp/runbook-state
# Where the start-up archive (class-data sharing) of the engine is kept in this boot: on the guest's own
# disk (the JVM maps it; the share is a 9p mount), made once per boot by run-jobs.sh
LAB_STARTUP=/var/cache/runbook-lab
# lab_engine ARGS...: the engine started the way the packages' launcher starts it (the share's copy of
# packaging/lib/launcher.sh): its JVM options and the start-up archive dumped from the class list the build
# recorded. A plain `java -jar` costs about twice the processor time per call, which under emulation is a
# minute and more. Without the class list in the share the engine runs without the archive (the launcher
# would otherwise record one with training runs, minutes under emulation).
lab_engine(){
  ( RB_JAR=$JAR RB_PLAYBOOKS=$LAB_SHARE/playbooks RB_TRAIN=("$LAB_SHARE/playbooks") RB_SCENARIO= \
    RB_CLASSLIST=$LAB_SHARE/classlist RB_CACHE=$LAB_STARTUP RB_QUIET_PREPARE=1
    [ -s "$RB_CLASSLIST" ] || export RUNBOOK_STARTUP_ARCHIVE=off
    # shellcheck source=../../packaging/lib/launcher.sh
    . "$LAB_SHARE/launcher.sh" && rb_exec "$@" )
}
# lab_runbook NAME ARGS...: `runbook run PLAYBOOK ARGS` (lab_engine); output in $OUT/NAME.out/.err,
# exit status in RB_EXIT; the run directory is copied to $OUT/NAME.state
lab_runbook(){
  local name=$1 t; shift
  RB_NAME=$name
  [ -f "$JAR" ] || { fail "engine jar missing from the share ($JAR)"; lab_finish; }
  [ -f "$PLAYBOOK" ] || { fail "playbook missing from the share ($PLAYBOOK)"; lab_finish; }
  hdr "runbook run $(basename "$PLAYBOOK") $*"
  t=$(up)
  NO_COLOR=1 lab_engine run "$PLAYBOOK" "$@" --state-dir "$STATE_DIR" \
    > "$OUT/$name.out" 2> "$OUT/$name.err"
  RB_EXIT=$?
  echo "--- stdout ($OUT/$name.out)"; cat "$OUT/$name.out"
  echo "--- stderr"; cat "$OUT/$name.err"
  echo "--- exit status $RB_EXIT after $(since "$t")s"
  rm -rf "$OUT/$name.state"; cp -r "$STATE_DIR" "$OUT/$name.state" 2>/dev/null || true
}

# ---------------------------------------------------------------- checks shared by the jobs
# pool_status_field VG POOL N: field N of the pool's dmsetup status (5 used/total metadata, 8 mode, 11 needs_check)
pool_status_field(){ tpool_status "$1" "$2" 2>/dev/null | awk -v n="$3" '{print $n}'; }
# all_thin_active VG: every thin volume is active (prints the inactive ones)
all_thin_active(){
  local inactive
  inactive=$(lvs --noheadings --separator '|' -o lv_name,lv_active -S 'segtype=thin' "$1" | tr -d ' ' | awk -F'|' '$2 != "active" {print $1}')
  [ -z "$inactive" ] || { echo "   inactive: $inactive"; return 1; }
}
# nothing_written_to_backup_dir: the playbook's default dump_dir was not created
no_backup_dir(){ [ ! -e /root/thin-pool-repair ] || { ls -lR /root/thin-pool-repair; return 1; }; }
# output_has TEXT: the engine's stdout or stderr of the last run contains TEXT (fixed string)
output_has(){ cat "$OUT/$RB_NAME.out" "$OUT/$RB_NAME.err" | grep -qF -- "$1"; }

# lab_job_offline VG POOL: jobs 2 and 5. Damaged metadata (state b), the playbook with the defaults:
# it must take the offline path; afterwards the pool and every thin volume activate, the sha256 of every
# thin volume is unchanged, and the old metadata is kept byte for byte under <pool>_meta_before_repair.
lab_job_offline(){
  local vg=$1 pool=$2 old_raw kept_raw before_meta after_meta
  lab_env
  lab_make_pool "$vg" "$pool"
  lab_pressure "$vg" "$pool"
  lab_lvs_save "$vg" lvs-before-damage.txt
  echo "# dmsetup status $(dm_name "$vg" "$pool")-tpool: $(tpool_status "$vg" "$pool")"
  before_meta=$(lv_field "$vg/$pool" metadata_percent)
  lab_sums "$vg" sha256-before.txt
  lab_damage "$vg" "$pool"
  old_raw=$(raw_tmeta_sum "$vg" "$pool")
  echo "# sha256 of the damaged metadata LV: $old_raw"
  lab_lvs_save "$vg" lvs-before.txt
  lab_runbook repair --set "vg=$vg" --set "pool=$pool" --yes --non-interactive
  check "runbook exits 0 (exit status $RB_EXIT)" [ "$RB_EXIT" = 0 ]
  verdict_is damaged
  check "the run took the offline path (its output shows the thin_dump -r command run)" \
    output_has "\$ thin_dump -r -f xml"
  lab_lvs_save "$vg" lvs-after.txt
  check "pool $vg/$pool is active after the run" [ "$(lv_field "$vg/$pool" lv_active)" = active ]
  check "every thin volume is active after the run" all_thin_active "$vg"
  echo "# dmsetup status $(dm_name "$vg" "$pool")-tpool: $(tpool_status "$vg" "$pool")"
  check "kernel status rw and not needs_check" \
    [ "$(pool_status_field "$vg" "$pool" 8) $(pool_status_field "$vg" "$pool" 11)" = "rw -" ]
  after_meta=$(lv_field "$vg/$pool" metadata_percent)
  check "Meta% $before_meta (before the damage) -> $after_meta" awk -v a="$after_meta" -v b="$before_meta" 'BEGIN{exit !(a != "" && a < b)}'
  check "thin_check of the new metadata passes (lvm activated the pool)" [ -n "$after_meta" ]
  if lvs "$vg/${pool}_meta_before_repair" >/dev/null 2>&1; then
    lvchange -ay "$vg/${pool}_meta_before_repair" >/dev/null
    kept_raw=$(sha256sum < "/dev/mapper/$(dm_name "$vg" "${pool}_meta_before_repair")" | cut -d' ' -f1)
    lvchange -an "$vg/${pool}_meta_before_repair" >/dev/null
    check "old metadata kept byte for byte as $vg/${pool}_meta_before_repair ($kept_raw)" [ "$kept_raw" = "$old_raw" ]
  else fail "no LV $vg/${pool}_meta_before_repair holds the old metadata"; fi
  lab_sums "$vg" sha256-after.txt
  same_sums sha256-before.txt sha256-after.txt "offline repair of $vg/$pool"
  [ -n "${LAB_NO_FINISH:-}" ] || lab_finish
}

# ---------------------------------------------------------------- causes that look like damage (issue 11)
# Each state is built the way it arises on a real host. Sizes are small: only the full-metadata states
# need the big pool.

# lab_churn DEV SEED [N]: N (200) random 4 KiB writes into DEV: unshares blocks of a snapshot's origin or
# clone, as a running guest does
lab_churn(){
  fio --name=churn --filename="$1" --rw=randwrite --bs=4k --direct=1 --ioengine=psync --number_ios="${3:-200}" \
      --size="$THIN_SIZE" --randrepeat=1 --randseed="$2" --output="$SCRATCH/fio.log" >/dev/null 2>&1 \
    || { cat "$SCRATCH/fio.log"; echo "FAIL: setup: fio into $1 failed"; exit 1; }
}

# lab_light_pool VG POOL: a pool whose metadata is far from full (20 GiB of 64 KiB chunks, 8 MiB metadata),
# the base thin volumes with known data, and one snapshot whose origin was written after it was taken
lab_light_pool(){
  local vg=$1 pool=$2
  POOL_DATA=${LAB_LIGHT_DATA:-20G} POOL_META_INIT=8M lab_make_pool "$vg" "$pool"
  x lvcreate -q -y -kn -s -n snap_vm-100-disk-0_s1 "$vg/vm-100-disk-0" || exit 1
  lab_churn "/dev/$vg/vm-100-disk-0" 1
  sync
}

# lab_make_pve_volumes VG POOL: thin volumes with known data, made the way Proxmox makes them:
#  vm-100-disk-0    a disk with autoactivation off (lvchange --setautoactivation n: lvcreate refuses the
#                   option for thin volumes, `Option --setautoactivation is unsupported with thins.`)
#  snap_vm-100-disk-0_before  its snapshot: read-only, activation-skip flag (-ky); the disk was written after it
#  base-101-disk-0  a template: a disk renamed to base-..., then inactive, read-only, activation-skip
#  vm-102-disk-0    a linked clone of the template (-kn), written after it was made
#  vm-103-disk-0    a disk made by hand, with lvm's defaults (autoactivation on, no skip flag)
# Without -K, lvchange -ay and vgchange -ay skip the snapshot and the template.
lab_make_pve_volumes(){
  local vg=$1 pool=$2 bytes; bytes=$(numfmt --from=iec "$THIN_SIZE")
  hdr "thin volumes on $vg/$pool the way Proxmox makes them"
  x lvcreate -q -y -V "$THIN_SIZE" --thinpool "$vg/$pool" -n vm-100-disk-0 || exit 1
  x lvchange -q --setautoactivation n "$vg/vm-100-disk-0" || echo "NOTE: lvm refuses to turn autoactivation off for vm-100-disk-0"
  gen_data vm-100-disk-0 "$bytes" | dd of="/dev/$vg/vm-100-disk-0" bs=1M iflag=fullblock oflag=direct status=none || exit 1
  x lvcreate -q -y -n snap_vm-100-disk-0_before -pr -ky -s "$vg/vm-100-disk-0" || exit 1
  lab_churn "/dev/$vg/vm-100-disk-0" 11
  x lvcreate -q -y -V "$THIN_SIZE" --thinpool "$vg/$pool" -n vm-101-disk-0 || exit 1
  x lvchange -q --setautoactivation n "$vg/vm-101-disk-0" || echo "NOTE: lvm refuses to turn autoactivation off for vm-101-disk-0"
  gen_data vm-101-disk-0 "$bytes" | dd of="/dev/$vg/vm-101-disk-0" bs=1M iflag=fullblock oflag=direct status=none || exit 1
  x lvrename -q "$vg" vm-101-disk-0 base-101-disk-0 || exit 1
  x lvchange -q -an -pr -ky "$vg/base-101-disk-0" || exit 1
  x lvcreate -q -y -n vm-102-disk-0 -prw -kn -s "$vg/base-101-disk-0" || exit 1
  x lvchange -q --setautoactivation n "$vg/vm-102-disk-0" || echo "NOTE: lvm refuses to turn autoactivation off for vm-102-disk-0"
  lvchange -q -ay "$vg/vm-102-disk-0" >/dev/null 2>&1
  lab_churn "/dev/$vg/vm-102-disk-0" 12
  x lvcreate -q -y -V "$THIN_SIZE" --thinpool "$vg/$pool" -n vm-103-disk-0 || exit 1
  gen_data vm-103-disk-0 "$bytes" | dd of="/dev/$vg/vm-103-disk-0" bs=1M iflag=fullblock oflag=direct status=none || exit 1
  sync
}
# lab_flags VG FILE: name|activation-skip flag (lv_attr position 10)|autoactivation of every thin volume,
# printed and saved under $OUT
lab_flags(){
  lvs --noheadings --separator '|' -o lv_name,lv_attr,lv_autoactivation -S 'segtype=thin' "$1" | tr -d ' ' \
    | awk -F'|' '{print $1 "|" substr($2, 10, 1) "|" ($3 == "" ? "-" : $3)}' | sort > "$OUT/$2"
  echo "# thin volumes: name|lv_attr position 10|lv_autoactivation -> $2"; cat "$OUT/$2"
}

# lab_state_component VG POOL tmeta|tdata: the pool and its volumes inactive and one component of the pool
# left active, as after an operator's manual check (activate _tmeta, run thin_check, forget to deactivate;
# or look at _tdata). lvchange -ay of the pool then refuses; its output goes to $OUT/component-activation.txt.
lab_state_component(){
  local vg=$1 pool=$2 c=$3
  hdr "leave $vg/${pool}_$c active, as a manual check does"
  x vgchange -an "$vg" >/dev/null || exit 1
  x lvchange -ay -y "$vg/${pool}_$c" || exit 1
  [ "$c" = tmeta ] && x thin_check "/dev/mapper/$(dm_name "$vg" "$pool")_tmeta"
  if x lvchange -ay "$vg/$pool" > "$OUT/component-activation.txt" 2>&1; then
    cat "$OUT/component-activation.txt"; echo "FAIL: setup: the pool activated while ${pool}_$c is active"; exit 1; fi
  cat "$OUT/component-activation.txt"
  grep -qF "is prohibited while logical volume $vg/${pool}_$c is active" "$OUT/component-activation.txt" \
    || { echo "FAIL: setup: lvchange -ay did not name ${pool}_$c as the reason"; exit 1; }
}

# lab_state_txid VG POOL [DELTA]: LVM's transaction_id of the pool DELTA (2) ahead of the one in the
# kernel metadata, as operators meet it after the metadata filled up. Made with the tools the fix uses:
# vgcfgbackup, that one number edited in the pool's segment, vgcfgrestore --force. The metadata itself
# stays intact (thin_check passes); lvchange -ay refuses with `Thin pool ... transaction_id is N, while
# expected M.`; its output goes to $OUT/txid-activation.txt, the kernel's N and lvm's M to TXID_KERNEL, TXID_LVM.
lab_state_txid(){
  local vg=$1 pool=$2 d=${3:-2} f
  f=$SCRATCH/$vg.txid.vg
  hdr "transaction_id of $vg/$pool in the LVM metadata set $d ahead of the kernel metadata"
  x vgchange -an "$vg" >/dev/null || exit 1
  x vgcfgbackup -f "$f.orig" "$vg" || exit 1
  # the text format indents with tabs: an LV's name at two, its segment's fields at four
  awk -v d="$d" -v pool="$pool" '
    /^\t\t[^\t{}=]+ \{$/ { lv = $1 }
    lv == pool && /^\t\t\t\ttransaction_id = [0-9]+$/ && !done { sub(/[0-9]+$/, $3 + d); done = 1 }
    { print }' "$f.orig" > "$f"
  diff "$f.orig" "$f"
  [ "$(diff "$f.orig" "$f" | grep -c '^[<>]')" = 2 ] || { echo "FAIL: setup: the edit did not change exactly one line"; exit 1; }
  TXID_KERNEL=$(awk -v pool="$pool" '/^\t\t[^\t{}=]+ \{$/ { lv = $1 } lv == pool && /^\t\t\t\ttransaction_id = / { print $3; exit }' "$f.orig")
  TXID_LVM=$((TXID_KERNEL + d))
  x vgcfgrestore --force -f "$f" "$vg" || exit 1
  if x lvchange -ay "$vg/$pool" > "$OUT/txid-activation.txt" 2>&1; then
    cat "$OUT/txid-activation.txt"; echo "FAIL: setup: the pool activated despite the mismatch"; exit 1; fi
  cat "$OUT/txid-activation.txt"
  grep -q "transaction_id is $TXID_KERNEL, while expected $TXID_LVM" "$OUT/txid-activation.txt" \
    || { echo "FAIL: setup: lvchange -ay did not report the transaction_id mismatch"; exit 1; }
  vgchange -an "$vg" >/dev/null 2>&1
}

# lab_state_data_full VG POOL: the pool's data full (Data% 100, `D` at lv_attr position 9) while its
# metadata is fine, as it arises: an overcommitted pool, a guest that keeps writing. The kernel queues
# writes to a full pool for no_space_timeout seconds (60) and then fails them; the lab lowers that to 5 s
# (the state afterwards is the same). Leaves the pool and its volumes active.
lab_state_data_full(){
  local vg=$1 pool=$2
  POOL_DATA=96M POOL_META_INIT=4M lab_make_pool "$vg" "$pool"
  hdr "fill the data of $vg/$pool: vm-102-disk-0 (128 MiB) written until the pool is full"
  echo 5 > /sys/module/dm_thin_pool/parameters/no_space_timeout
  x lvcreate -q -y -V 128M --thinpool "$vg/$pool" -n vm-102-disk-0 2>&1 | grep -v -e 'exceeds the size' -e 'Sum of all thin'
  gen_data vm-102-disk-0 $((128 << 20)) | dd of="/dev/$vg/vm-102-disk-0" bs=1M iflag=fullblock oflag=direct status=none \
    && { echo "FAIL: setup: 128 MiB fitted into the pool"; exit 1; }
  sync
  echo 60 > /sys/module/dm_thin_pool/parameters/no_space_timeout
  echo "   Data% $(lv_field "$vg/$pool" data_percent) Meta% $(lv_field "$vg/$pool" metadata_percent) attr $(lv_field "$vg/$pool" lv_attr)"
  echo "# dmsetup status $(dm_name "$vg" "$pool")-tpool: $(tpool_status "$vg" "$pool")"
  [ "$(lv_field "$vg/$pool" data_percent)" = 100.00 ] || { echo "FAIL: setup: Data% is not 100"; exit 1; }
}

# lab_vg_free VG BYTES: a plain LV (lab_filler) takes the VG's free space down to BYTES (whole extents), as
# other LVs do on a real host; a second call replaces the filler
lab_vg_free(){
  local vg=$1 want=$2 ext free
  lvremove -q -y "$vg/lab_filler" >/dev/null 2>&1
  ext=$(vgs --noheadings --units b --nosuffix -o vg_extent_size "$vg" | tr -d ' ')
  free=$(vgs --noheadings -o vg_free_count "$vg" | tr -d ' ')
  x lvcreate -q -y -an -Zn -l $(( free - want / ext )) -n lab_filler "$vg" 2>&1 | grep -v 'not zeroed'
  echo "   $vg free: $(vgs --noheadings --units b --nosuffix -o vg_free "$vg" | tr -d ' ') bytes"
}

# lab_fingerprint VG NAME: what must not change when the playbook refuses: lvs (every LV, its attributes,
# sizes, transaction ids), the device-mapper devices with their open counts and tables
lab_fingerprint(){
  { lab_lvs "$1"; echo "--- dmsetup"; dmsetup info -c --noheadings --separator '|' -o name,open | sort
    dmsetup table | sort; } > "$OUT/$2" 2>&1
}
# same_fingerprint BEFORE AFTER: PASS when identical
same_fingerprint(){
  if diff -u "$OUT/$1" "$OUT/$2" > "$OUT/$2.diff"; then rm -f "$OUT/$2.diff"; pass "nothing changed: lvs and device-mapper devices identical before and after"
  else fail "something changed ($1 vs $2):"; cat "$OUT/$2.diff"; fi
}
# The playbook prints one line `verdict: <id>` per diagnosis (a run that fixes a cause and diagnoses
# again prints two). VERDICTS: the ids of the last run, in order, one per line.
VERDICT_IDS="healthy unverified metadata-full-extend metadata-full-at-max data-full damaged leaked-blocks transaction-id-mismatch component-active earlier-repair-leftovers unsupported"
# (the engine prints a step's title after its id: `  -- diagnosis_verdict: verdict: damaged`)
verdicts(){ grep -oE '(^|[[:space:]:])verdict: [a-z-]+[[:space:]]*$' "$OUT/$RB_NAME.out" | sed 's/.*verdict: //; s/[[:space:]]*$//'; }
# verdict_is ID [LABEL]: the run's first verdict is ID, and every verdict line names a documented id
verdict_is(){
  local v all bad; all=$(verdicts | tr '\n' ' '); v=$(verdicts | head -n 1)
  bad=$(verdicts | while read -r x; do [[ " $VERDICT_IDS " == *" $x "* ]] || echo "$x"; done)
  check "${2:+$2: }verdict: $1 (the run printed: ${all:-no verdict line})" [ "$v" = "$1" -a -z "$bad" ]
}
# verdict_once ID [LABEL]: exactly one verdict line, and it is ID
verdict_once(){
  local all; all=$(verdicts | tr '\n' ' ')
  check "${2:+$2: }exactly one verdict line, verdict: $1 (the run printed: ${all:-no verdict line})" [ "$(verdicts)" = "$1" ]
}
# ran CMD: the last run ran a command starting with CMD (the engine prints each as `$ CMD ...`)
ran(){ grep -qE "^ *[$] $1( |$)" "$OUT/$RB_NAME.out"; }
# no_rebuild VG POOL: no LV added by the offline repair, no old metadata kept under a new name
no_rebuild(){
  local extra
  extra=$(diff <(cut -d'|' -f1 "$OUT/${3:-lvs-before.txt}" | tr -d ' []') <(lab_lvs "$1" | cut -d'|' -f1 | tr -d ' []') | grep '^[<>]')
  check "no rebuild: the same LVs before and after (no new LV, no ${2}_meta_before_repair)${extra:+: $extra}" [ -z "$extra" ]
}
# lv_raw_sum VG LV: sha256 of a plain LV's content (activated for the read, deactivated afterwards)
lv_raw_sum(){
  lvchange -ay "$1/$2" >/dev/null || return 1
  sha256sum < "/dev/mapper/$(dm_name "$1" "$2")" | cut -d' ' -f1
  lvchange -an "$1/$2" >/dev/null
}

# ---------------------------------------------------------------- the metadata-snapshot path, unsupported states
# held_root VG POOL: the held-root field of the pool's kernel status (`-` when no metadata snapshot is held)
held_root(){ pool_status_field "$1" "$2" 7; }
# lab_state_node_stopped VG POOL: the pool as a Proxmox node has it after a boot with its guests stopped:
# every thin volume with autoactivation off (Proxmox creates its disks so), the VG deactivated and then
# autoactivated as at boot (`vgchange -aay`, what the boot's event activation does): the pool comes up,
# its thin volumes stay inactive, and LVM reports no use for them.
lab_state_node_stopped(){
  local vg=$1 pool=$2 lv active
  hdr "$vg/$pool as a Proxmox node leaves it with its guests stopped: pool active, thin volumes inactive"
  for lv in $(thin_volumes "$vg"); do lvchange -q --setautoactivation n "$vg/$lv" || exit 1; done
  x vgchange -an "$vg" >/dev/null || exit 1
  x vgchange -aay "$vg" || exit 1
  [ "$(lv_field "$vg/$pool" lv_active)" = active ] || { echo "FAIL: setup: vgchange -aay left $vg/$pool inactive"; lvs -a "$vg"; exit 1; }
  active=$(lvs --noheadings --separator '|' -o lv_name,lv_active -S 'segtype=thin' "$vg" | tr -d ' ' | awk -F'|' '$2 == "active" {print $1}')
  [ -z "$active" ] || { echo "FAIL: setup: vgchange -aay activated thin volumes with autoactivation off: $active"; exit 1; }
  echo "# dmsetup status $(dm_name "$vg" "$pool")-tpool: $(tpool_status "$vg" "$pool")"
}
# lab_sums_some VG FILE LV...: sha256 of the named thin volumes only (each activated with -K), as lab_sums
lab_sums_some(){
  local vg=$1 f=$OUT/$2 lv; shift 2
  for lv in "$@"; do lvchange -q -ay -K "$vg/$lv" || { echo "FAIL: $vg/$lv does not activate"; return 1; }; done
  for lv in "$@"; do sha256sum "/dev/$vg/$lv"; done | sed "s#/dev/$vg/##" | sort -k2 > "$f"
  echo "# sha256 of $(wc -l < "$f") thin volumes -> $2"; cat "$f"
}
# lab_lose_device VG POOL LV LEFTOVER: a repair by hand that lost the device of LV, the way such metadata
# arises (a 0.9.0 `thin_dump -r` that dropped an unreadable device with exit 0, restored and swapped in):
# the pool's metadata dumped, the device of LV left out, restored onto a new LV, swapped in with
# lvconvert --poolmetadata; the LV holding the old metadata is named LEFTOVER (what lvconvert --repair calls
# it: <pool>_meta0). LVM still lists LV with its thin id; the metadata no longer has it. Leaves every LV inactive.
lab_lose_device(){
  local vg=$1 pool=$2 lv=$3 leftover=$4 id size new=${2}_lossy xml=$SCRATCH/lose.xml
  id=$(lv_field "$vg/$lv" thin_id)
  hdr "a repair by hand that lost $vg/$lv (thin id $id): dump, restore without its device, swap, old metadata kept as $leftover"
  x vgchange -an "$vg" >/dev/null || exit 1
  x lvchange -q -ay -y "$vg/${pool}_tmeta" || exit 1
  thin_dump -f xml "/dev/mapper/$(dm_name "$vg" "$pool")_tmeta" > "$xml.orig" || { echo "FAIL: setup: thin_dump"; exit 1; }
  x lvchange -q -an "$vg/${pool}_tmeta" || exit 1
  awk -v id="$id" 'index($0, "<device dev_id=\"" id "\"") { skip = 1 } !skip { print } skip && /<\/device>/ { skip = 0 }' "$xml.orig" > "$xml"
  echo "   devices in the dump: $(grep -c '<device ' "$xml.orig"), in the restored copy: $(grep -c '<device ' "$xml")"
  [ "$(grep -c '<device ' "$xml")" = $(( $(grep -c '<device ' "$xml.orig") - 1 )) ] || { echo "FAIL: setup: device $id not dropped"; exit 1; }
  size=$(lv_field "$vg/${pool}_tmeta" lv_size)
  x lvcreate -q -an -Zn -L "${size}b" -n "$new" "$vg" 2>&1 | grep -v 'not zeroed'
  x lvchange -q -ay "$vg/$new" || exit 1
  x thin_restore -q -i "$xml" -o "/dev/mapper/$(dm_name "$vg" "$new")" || { echo "FAIL: setup: thin_restore"; exit 1; }
  x lvchange -q -an "$vg/$new" || exit 1
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$new" || exit 1
  x lvrename -q "$vg" "$new" "$leftover" || exit 1
}
# lab_runbook_tty NAME ANSWERS ARGS...: as lab_runbook, but the engine runs on a pseudo-terminal (script) as
# at an operator's console, and ANSWERS (printf format, one answer per line) is what the operator types at its
# questions. The output (stdout and stderr together, as the terminal shows them) is in $OUT/NAME.out.
lab_runbook_tty(){
  local name=$1 answers=$2 t; shift 2
  RB_NAME=$name
  printf '%s\n' '. /mnt/lab/lib.sh; lab_engine "$@"' > "$SCRATCH/engine-tty.sh"
  hdr "runbook run $(basename "$PLAYBOOK") $* (on a terminal, answering: $(printf "$answers" | tr '\n' ' '))"
  t=$(up)
  # shellcheck disable=SC2059
  printf "$answers" | NO_COLOR=1 script -qefc "bash $SCRATCH/engine-tty.sh run $PLAYBOOK $(printf '%q ' "$@") --state-dir $STATE_DIR" /dev/null \
    > "$OUT/$name.out" 2> "$OUT/$name.err"
  RB_EXIT=$?
  echo "--- terminal ($OUT/$name.out)"; tr -d '\r' < "$OUT/$name.out" | sed 's/\x1b\[[0-9]*[FJ]//g'
  echo "--- exit status $RB_EXIT after $(since "$t")s"
  rm -rf "$OUT/$name.state"; cp -r "$STATE_DIR" "$OUT/$name.state" 2>/dev/null || true
}
# tty_verdicts: the verdicts of the last lab_runbook_tty run: the terminal shows the step list (`ok verdict: <id>
# <time>`) or, when it cannot redraw, the same lines as without a terminal (`-- diagnosis_verdict: verdict: <id>`)
tty_verdicts(){
  tr -d '\r' < "$OUT/$RB_NAME.out" | grep -aoE '(ok verdict: [a-z-]+)|((^|[[:space:]:])verdict: [a-z-]+[[:space:]]*$)' \
    | sed 's/.*verdict: //; s/[[:space:]]*$//'
}
# lab_fingerprint_snap VG NAME: lab_fingerprint without the pool's Meta%: a metadata snapshot, taken and
# released, writes a few metadata blocks (the kernel's used count may differ by them afterwards)
lab_fingerprint_snap(){
  { lab_lvs "$1" | awk -F'|' -v OFS='|' '{ $6 = ""; print }'; echo "--- dmsetup"; dmsetup info -c --noheadings --separator '|' -o name,open | sort
    dmsetup table | sort; } > "$OUT/$2" 2>&1
}
# ---------------------------------------------------------------- reached over ssh (lab.sh -s, job 15)
# lab_sshd: the guest's sshd on port 22 of its user network (lab.sh -s forwards a port of the host's
# 127.0.0.1 to it), with the host key lab.sh made for this boot and the host side's key authorized for
# root, both from /mnt/lab/ssh/. sshd runs in the job's session (-D), so the job runner ends it with the job.
lab_sshd(){
  local k=$LAB_SHARE/ssh nic t
  hdr "sshd with the host key made for this boot"
  [ -s "$k/ssh_host_ed25519_key" ] && [ -s "$k/authorized_keys" ] \
    || { fail "no ssh keys in $k: the boot needs lab.sh -s (lab/run.sh gives it to a job with a host part)"; lab_finish; }
  # the user network: qemu's slirp hands out 10.0.2.15 and forwards the host's port there
  nic=$(ls /sys/class/net | grep -vx lo | head -n 1)
  [ -n "$nic" ] || { fail "no network interface in the guest (virtio_net missing from the image?)"; lab_finish; }
  x ip link set lo up && x ip link set "$nic" up && x ip addr add 10.0.2.15/24 dev "$nic" \
    || { fail "the guest's network ($nic) could not be set up"; lab_finish; }
  install -d -m 0755 /run/sshd; install -d -m 0700 /etc/lab-ssh /root/.ssh
  install -m 0600 "$k/ssh_host_ed25519_key" /etc/lab-ssh/ssh_host_ed25519_key
  install -m 0600 "$k/authorized_keys" /root/.ssh/authorized_keys
  # only what the lab needs: root with the authorized key, no password, no forwarding; no AcceptEnv (the
  # host's locale does not travel)
  cat > /etc/lab-ssh/sshd_config <<CFG
Port 22
HostKey /etc/lab-ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile /root/.ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowTcpForwarding no
X11Forwarding no
LogLevel VERBOSE
CFG
  /usr/sbin/sshd -t -f /etc/lab-ssh/sshd_config || { fail "sshd -t refuses the lab's sshd_config"; lab_finish; }
  /usr/sbin/sshd -D -e -f /etc/lab-ssh/sshd_config >> "$OUT/sshd.log" 2>&1 &
  SSHD_PID=$!
  t=$(up)
  until grep -q '^ *[0-9]*: 00000000:0016 00000000:0000 0A' /proc/net/tcp 2>/dev/null; do
    kill -0 "$SSHD_PID" 2>/dev/null || { cat "$OUT/sshd.log"; fail "sshd exited at its start"; lab_finish; }
    sleep 1
  done
  echo "   sshd (pid $SSHD_PID) listens on port 22 after $(since "$t")s; host key $(ssh-keygen -l -f /etc/lab-ssh/ssh_host_ed25519_key | cut -d' ' -f2)"
}

# lab_host_part [SECONDS]: asks lab/host-parts.sh on the host to run this job's host part
# (lab/jobs/host/<job>.sh) and waits for its end (default 1500 s); its output is printed and its PASS:/FAIL:
# lines count as the job's. Sets HOST_RC (none when it did not end in time).
lab_host_part(){
  local tmo=${1:-1500} t l
  t=$(up); HOST_RC=none
  rm -f "$OUT/host.rc"; : > "$OUT/host-go"
  hdr "the host part of this job runs on the host (lab/jobs/host/); waiting for it"
  while [ ! -f "$OUT/host.rc" ]; do
    sleep 2
    awk -v a="$(up)" -v b="$t" -v m="$tmo" 'BEGIN{exit !(a - b > m)}' && break
  done
  [ -f "$OUT/host.rc" ] && HOST_RC=$(cat "$OUT/host.rc")
  echo "--- host part: exit status $HOST_RC after $(since "$t")s; its log ($OUT/host.log):"
  sed 's/^/host| /' "$OUT/host.log" 2>/dev/null
  while IFS= read -r l; do case $l in PASS:*|FAIL:*) RESULTS+=("$l");; esac; done < <(cat "$OUT/host.log" 2>/dev/null)
  [ "$HOST_RC" != none ] || fail "the host part did not end within ${tmo}s (lab/run.sh runs it; lab.sh -H lab/host-parts.sh)"
}

# ---------------------------------------------------------------- leaked blocks (jobs 16, 17)
# lab_leak DEVICE META DATA [needs_check]: gives the thin metadata on DEVICE (a plain LV or file, not in use)
# META leaked metadata blocks and DATA leaked data blocks: free blocks of each space map's first bitmap
# counted as used once, with the index entry's free count, the superblock's allocated count and every
# checksum kept consistent, so that only the references are missing, which is what a leak is (the way
# engine test LeakedBlocksTest makes them, and what a metadata operation cut short leaves). With
# `needs_check`, the superblock's needs_check flag (bit 0 of its flags) is set too, as the kernel sets it
# when a metadata operation fails. python3 is in both images (the thin tools have no way to make leaks).
lab_leak(){
  python3 - "$@" <<'PY'
import struct, sys
dev, nmeta, ndata = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
flag = len(sys.argv) > 4 and sys.argv[4] == 'needs_check'
BLOCK = 4096
SUPERBLOCK_XOR, INDEX_XOR, BITMAP_XOR, BTREE_XOR = 160774, 160478, 240779, 121107
TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    TABLE.append(c)
def seal(b, xor):
    # persistent-data's checksum: crc32c of the block after the field, without the final inversion, xor a salt
    c = 0xFFFFFFFF
    for x in b[4:]:
        c = TABLE[(c ^ x) & 0xFF] ^ (c >> 8)
    struct.pack_into('<I', b, 0, (c ^ xor) & 0xFFFFFFFF)
    return b
f = open(dev, 'r+b')
def read(n):
    f.seek(n * BLOCK); return bytearray(f.read(BLOCK))
def write(n, b):
    f.seek(n * BLOCK); f.write(b)
def leak(root, index_xor, count):
    if count == 0:
        return
    sb = read(0)
    nr, allocated, index_root = struct.unpack_from('<QQQ', sb, root)
    index = read(index_root)
    # the metadata space map's index: one block of entries from offset 16; the data space map's: a btree whose
    # single leaf holds the entries after its 32-byte header and its keys (max_entries at offset 20)
    entry = 16 if index_xor == INDEX_XOR else 32 + 8 * struct.unpack_from('<I', index, 20)[0]
    bitmap_block = struct.unpack_from('<Q', index, entry)[0]
    bm = read(bitmap_block)
    limit = min(nr, (BLOCK - 16) * 4)
    done, b = 0, limit // 2
    while b < limit and done < count:
        word = 16 + (b // 32) * 8
        shift = (b % 32) * 2
        bits = struct.unpack_from('<Q', bm, word)[0]
        if (bits >> shift) & 3 == 0:
            struct.pack_into('<Q', bm, word, bits | (1 << (shift + 1)))
            done += 1
        b += 1
    if done != count:
        sys.exit('only %d free blocks to leak in the first bitmap' % done)
    write(bitmap_block, seal(bm, BITMAP_XOR))
    struct.pack_into('<I', index, entry + 8, struct.unpack_from('<I', index, entry + 8)[0] - count)
    write(index_root, seal(index, index_xor))
    sb = read(0)
    struct.pack_into('<Q', sb, root + 8, allocated + count)
    write(0, seal(sb, SUPERBLOCK_XOR))
    print('   leaked %d %s blocks (first bitmap at block %d)' % (count, 'metadata' if index_xor == INDEX_XOR else 'data', bitmap_block))
leak(192, INDEX_XOR, nmeta)
leak(64, BTREE_XOR, ndata)
if flag:
    sb = read(0)
    struct.pack_into('<I', sb, 4, struct.unpack_from('<I', sb, 4)[0] | 1)
    write(0, seal(sb, SUPERBLOCK_XOR))
    print('   set the needs_check flag in the superblock')
f.flush()
import os
os.fsync(f.fileno())
f.close()
PY
}
# lab_state_leaks VG POOL META DATA [needs_check]: leaked blocks in the pool's metadata (lab_leak), made on
# a swapped-out copy and swapped back, as lab_damage does. The read-only thin_check must fail on leaks alone
# (its output in $OUT/leaks-check.txt). Every LV is inactive afterwards: the pool is not activated, since
# LVM's check at activation (1.x: --clear-needs-check-flag) would free the leaks by itself.
lab_state_leaks(){
  local vg=$1 pool=$2 size swap=lab_meta_swap dev
  hdr "leak $3 metadata and $4 data blocks in the metadata of $vg/$pool${5:+, needs_check flag set} (swapped out and back)"
  size=$(lv_field "$vg/${pool}_tmeta" lv_size)
  x vgchange -an "$vg" >/dev/null || exit 1
  x lvcreate -q -an -Zn -L "${size}b" -n "$swap" "$vg" 2>&1 | grep -v 'not zeroed'
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$swap" || exit 1
  x lvchange -ay "$vg/$swap" || exit 1
  dev=/dev/mapper/$(dm_name "$vg" "$swap")
  x thin_check -q "$dev" || { echo "FAIL: setup: metadata was bad before the leaks"; exit 1; }
  lab_leak "$dev" "$3" "$4" ${5:-} || { echo "FAIL: setup: lab_leak"; exit 1; }
  if x thin_check "$dev" > "$OUT/leaks-check.txt" 2>&1; then
    cat "$OUT/leaks-check.txt"; echo "FAIL: setup: thin_check does not see the leaks"; exit 1; fi
  cat "$OUT/leaks-check.txt"
  grep -qE 'blocks have leaked|reference counts differ for block [0-9]+, expected 0, but got 1' "$OUT/leaks-check.txt" \
    || { echo "FAIL: setup: thin_check printed no leak line"; exit 1; }
  x lvchange -an "$vg/$swap" || exit 1
  x lvconvert -q -y --thinpool "$vg/$pool" --poolmetadata "$vg/$swap" || exit 1
  x lvremove -q -y "$vg/$swap" || exit 1
}
# metadata_check_after VG POOL FILE: the pool and its volumes deactivated, the read-only thin_check of its
# metadata (a read-only component activation), its output saved under $OUT; exit status of thin_check
metadata_check_after(){
  local vg=$1 pool=$2 rc
  vgchange -an "$vg" >/dev/null || return 1
  lvchange -ay -y "$vg/${pool}_tmeta" >/dev/null || return 1
  thin_check "/dev/mapper/$(dm_name "$vg" "$pool")_tmeta" > "$OUT/$3" 2>&1; rc=$?
  lvchange -an "$vg/${pool}_tmeta" >/dev/null
  echo "# thin_check of $vg/${pool}_tmeta (read-only): exit status $rc -> $3"; cat "$OUT/$3"
  return $rc
}
