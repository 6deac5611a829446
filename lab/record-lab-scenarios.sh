#!/bin/bash
# Re-records playbooks/scenarios/lab-*.scenario.yaml from lab runs: for each scenario below, the run of its
# job on its image in the newest run folder that has one that passed (job.rc 0).
#
#   lab/record-lab-scenarios.sh [RUN_FOLDER...]
#
# RUN_FOLDER: folders lab/run.sh made ($LAB_HOME/runs/<stamp>-jobs); none means every one under
# $LAB_HOME/runs. A scenario whose job has no passed run there is left as it is, and named. The runs must
# have used the playbook the scenarios are for (`runbook test playbooks/scenarios/` shows it). Prints which
# run each scenario came from. Needs python3 with PyYAML (lab/record-scenario.py). Run from the checkout root.
set -euo pipefail
LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
if [ $# = 0 ]; then set -- "$LAB_HOME"/runs/*-jobs; fi
# passed IMAGE JOB: the result folder of the newest passed run of JOB on IMAGE among the run folders
passed(){
  local d
  for d in $(printf '%s\n' "${FOLDERS[@]}" | sort -r); do
    [ "$(cat "$d/$1/share/results/$2/job.rc" 2>/dev/null)" = 0 ] && { echo "$d/$1/share/results/$2"; return 0; }
  done
  return 0
}
FOLDERS=("$@")
gen(){ case $1 in debian12) echo "Debian 12 (kernel 6.1, lvm2 2.03.16, thin-provisioning-tools 0.9.0: Proxmox 8)";; debian13) echo "Debian 13 (kernel 6.12, lvm2 2.03.31, thin-provisioning-tools 1.1.0: Proxmox 9)";; esac; }
# rec IMAGE JOB RUN_NAME SCENARIO TITLE COMMENT: the last engine run of RUN_NAME (out/RUN_NAME.state)
rec(){
  local img=$1 job=$2 name=$3 out=playbooks/scenarios/$4-$1.scenario.yaml res d
  res=$(passed "$img" "$job")
  if [ -z "$res" ] || [ ! -d "$res/out/$name.state/runs" ]; then
    echo "record: no passed run of $job on $img with $name$([ -f "$out" ] && echo ": $out left as it is")"; return; fi
  d=$(ls -d "$res/out/$name.state/runs"/* | sort | tail -1)
  python3 lab/record-scenario.py "$d" "$out" "Recorded on $img: $5" "Recorded by lab job $job on $(gen "$img") with lab/record-scenario.py: every command of the real
run, in order, with its real exit status and output.
$6"
  echo "record: $out from $d"
}
for img in debian12 debian13; do
  rec $img 02-damaged-offline repair lab-damaged-offline "damaged metadata, the offline rebuild restores every volume" \
"The metadata's space-map index corrupted: thin_check fails, the pool refuses to activate. Verdict damaged:
the offline rebuild."
  rec $img 02-damaged-offline rerun lab-earlier-repair-leftovers "the repaired pool run again, data_meta_before_repair is an earlier repair's leftover: stop" \
"The pool repaired by the job's first run, the old metadata kept as data_meta_before_repair. Verdict
earlier-repair-leftovers: the run stops and touches nothing."
  rec $img 09-txid-mismatch txid-default lab-transaction-id-mismatch-stops "LVM expects transaction 5, the metadata is at 3: stop with the commands" \
"LVM's transaction_id of the pool raised by 2 (vgcfgbackup, the number edited, vgcfgrestore --force).
Verdict transaction-id-mismatch with the defaults: the run stops before any change and prints the fix."
  rec $img 09-txid-mismatch txid-fix lab-transaction-id-mismatch-fixed "the transaction-id mismatch fixed with fix_transaction_id=true" \
"fix_transaction_id=true: the one number edited in a copy of the VG metadata, the diff shown, typed
confirm, vgcfgrestore --force; the pool activates."
  rec $img 09-txid-mismatch healthy lab-healthy "the fixed pool run again: healthy, nothing changes" \
"The pool after the transaction-id fix, active, metadata far from full. Verdict healthy: the run changes
nothing."
  rec $img 11-data-full data-full lab-data-full "the pool's data is full, its metadata fine: stop, no metadata change" \
"Data% 100 (lv_attr D), Meta% low. Verdict data-full: the run stops and changes nothing."
  rec $img 01-full-extend repair lab-metadata-full-extend "metadata 85 % full, a volume open: grown online" \
"The metadata about 85 % full and consistent, vm-100-disk-0 held open by a process (a running guest).
Verdict metadata-full-extend: lvextend --poolmetadatasize online; the kernel's metadata grows, the
volume stays open."
  rec $img 03-swap-held repair lab-open-volume-stop "strategy=swap with a thin volume open: stop before any change" \
"As job 1 (metadata about 85 % full, vm-100-disk-0 held open by a process), strategy=swap: the offline
path needs every thin volume closed, so the run stops before any change and names the holder."
  for c in tmeta tdata; do
    rec $img 08-component-active component-$c lab-component-active-$c "_$c left active, deactivated after a confirm, diagnosed again, the pool activates" \
"_${c} left active (as after a manual check): lvchange -ay of the pool refuses. Verdict component-active:
the component is deactivated after a confirm, the diagnosis runs again (healthy), no rebuild."
  done
  rec $img 10-activation-skip-damaged repair lab-damaged-activation-skip "damaged metadata under Proxmox's activation-skip volumes, the offline rebuild" \
"Volumes as Proxmox makes them (autoactivation off, a snapshot and a template with the activation-skip
flag, a linked clone); damaged metadata. Verdict damaged: the offline rebuild."
  rec $img 12-vg-free too-small lab-vg-too-small "damaged metadata in a VG with 1 MiB free: refused before any change" \
"Damaged 2 MiB metadata; another LV leaves 1 MiB free in the VG. Verdict damaged; the run stops at the
room check before any change."
  rec $img 13-unverified-snapshot declined lab-unverified "active pool, its thin volumes inactive, the metadata snapshot declined: unverified, stop" \
"As a Proxmox node has the pool after a boot with its guests stopped: the pool active, every thin volume
inactive (autoactivation off), so LVM reports no use for them. The operator declines the metadata snapshot
at the terminal. Verdict unverified: the run stops before any change and prints the commands."
  rec $img 13-unverified-snapshot snapshot lab-healthy-snapshot "active pool, its thin volumes inactive: a metadata snapshot lists every device, healthy" \
"As lab-unverified: the pool active, every thin volume inactive. The metadata snapshot approved: reserved,
thin_ls -m lists every thin id, released. Verdict healthy: nothing else changes."
  rec $img 13-unverified-snapshot leftovers lab-lost-device-leftover-kept "a repair by hand lost a thin device, its old metadata kept as data_meta0: stop" \
"The pool's metadata rebuilt by hand without the device of vm-101-disk-0 (dump, device dropped, restore,
swap), the old metadata kept as data_meta0; the node booted again (pool active, volumes inactive). Verdict
earlier-repair-leftovers from data_meta0: the run stops and touches nothing."
  rec $img 13-unverified-snapshot lost-device lab-lost-device-snapshot "data_meta0 removed: the metadata snapshot shows the lost device of vm-101-disk-0" \
"As lab-lost-device-leftover-kept, with data_meta0 removed: only the pool's metadata shows the loss. The
metadata snapshot (approved) lists thin ids 1 and 3, not 2. Verdict earlier-repair-leftovers naming
vm-101-disk-0: the run stops, the snapshot released, nothing else changed."
  rec $img 14-unsupported-states external-origin lab-unsupported-external-origin "a thin volume with an external origin: unsupported, stop" \
"vm-104-disk-0 is a thin snapshot of base-ext, a read-only LV outside the pool (lvcreate -s --thinpool).
Verdict unsupported: the run stops before any change."
  rec $img 14-unsupported-states suspended lab-unsupported-suspended "the pool's -tpool device left suspended: unsupported, stop" \
"pve-data-tpool suspended (dmsetup suspend, as an interrupted lvextend leaves it), the thin volumes active.
Verdict unsupported: the run stops before any change and names dmsetup resume."
  rec $img 14-unsupported-states missing-pv lab-unsupported-missing-pv "the pool's data on a PV that is missing: unsupported, stop" \
"The pool's data grown onto a second disk whose PV header is gone; the pool inactive, LVM refuses to
activate it. Verdict unsupported: the run stops before any change."
  rec $img 16-leaked-blocks leaks lab-leaked-blocks "leaked metadata and data blocks in an inactive pool: freed in place, no rebuild" \
"2 metadata and 3 data blocks leaked in the pool's metadata (the space maps count them, no tree references
them); the pool inactive. Verdict leaked-blocks: after a backup and a raw copy, the pool activated with
thin_check --auto-repair, checked again read-only, activated; no rebuild."
  rec $img 17-needs-check-leaks flagged lab-needs-check-leaks-freed-in-place "an active pool flagged needs_check with leaked blocks only: freed in place, no rebuild" \
"Leaked blocks and the superblock's needs_check flag; the pool activated without LVM's check, so the kernel
runs it read-only, needs_check. Verdict damaged: taken offline, the offline thin_check finds leaks only,
freed in place with thin_check --auto-repair; no rebuild."
  rec $img 18-metadata-at-max at-max lab-metadata-full-at-max "metadata LV at lvm2's maximum (15.88 GiB), counted full: stop, nothing changes" \
"A pool whose metadata LV lvm2 made at its largest size (16G asked for, 15.88 GiB made), as Proxmox sizes
a data pool of 1.56 TiB and more; meta_full_percent=0 so that its nearly empty metadata counts as full.
Verdict metadata-full-at-max: the metadata cannot grow, the run stops before any change."
done
