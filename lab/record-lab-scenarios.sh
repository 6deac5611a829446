#!/bin/bash
# Re-records playbooks/scenarios/lab-*.scenario.yaml from the lab runs named below (run folders under
# $LAB_HOME/runs/; the ones of the last recording are in docs/lab.md, "Scenarios recorded from the lab").
# Needs python3 with PyYAML (lab/record-scenario.py). Run from the checkout root.
set -euo pipefail
LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
R=$LAB_HOME/runs
rec(){ local d; d=$(ls -d $1/runs/* | sort | tail -1); python3 lab/record-scenario.py "$d" "playbooks/scenarios/$2.scenario.yaml" "$3" "$4"; }
gen(){ case $1 in debian12) echo "Debian 12 (kernel 6.1, lvm2 2.03.16, thin-provisioning-tools 0.9.0: Proxmox 8)";; debian13) echo "Debian 13 (kernel 6.12, lvm2 2.03.31, thin-provisioning-tools 1.1.0: Proxmox 9)";; esac; }
hdr(){ echo "Recorded by lab job $1 on $(gen $2) with lab/record-scenario.py: every command of the real
run, in order, with its real exit status and output."; }
for img in debian12 debian13; do
  case $img in debian12) r2=$R/20261203-111125-jobs; r9=$R/20261203-120816-jobs;; debian13) r2=$R/20261203-111123-jobs; r9=$R/20261203-115813-jobs;; esac
  rec $r2/$img/share/results/02-damaged-offline/out/repair.state lab-damaged-offline-$img "Recorded on $img: damaged metadata, the offline rebuild restores every volume" "$(hdr 02-damaged-offline $img)
The metadata's space-map index corrupted: thin_check fails, the pool refuses to activate. Verdict damaged:
the offline rebuild."
  rec $r2/$img/share/results/02-damaged-offline/out/rerun.state lab-earlier-repair-leftovers-$img "Recorded on $img: the repaired pool run again, data_meta_before_repair is an earlier repair's leftover: stop" "$(hdr 02-damaged-offline $img)
The pool repaired by the job's first run, the old metadata kept as data_meta_before_repair. Verdict
earlier-repair-leftovers: the run stops and touches nothing."
  rec $r9/$img/share/results/09-txid-mismatch/out/txid-default.state lab-transaction-id-mismatch-stops-$img "Recorded on $img: LVM expects transaction 5, the metadata is at 3: stop with the commands" "$(hdr 09-txid-mismatch $img)
LVM's transaction_id of the pool raised by 2 (vgcfgbackup, the number edited, vgcfgrestore --force).
Verdict transaction-id-mismatch with the defaults: the run stops before any change and prints the fix."
  rec $r9/$img/share/results/09-txid-mismatch/out/txid-fix.state lab-transaction-id-mismatch-fixed-$img "Recorded on $img: the transaction-id mismatch fixed with fix_transaction_id=true" "$(hdr 09-txid-mismatch $img)
fix_transaction_id=true: the one number edited in a copy of the VG metadata, the diff shown, typed
confirm, vgcfgrestore --force; the pool activates."
done
rec $R/20261203-111125-jobs/debian12/share/results/11-data-full/out/data-full.state lab-data-full-debian12 "Recorded on debian12: the pool's data is full, its metadata fine: stop, no metadata change" "$(hdr 11-data-full debian12)
Data% 100 (lv_attr D), Meta% low. Verdict data-full: the run stops and changes nothing."
for c in tmeta tdata; do rec $R/20261203-111123-jobs/debian13/share/results/08-component-active/out/component-$c.state lab-component-active-$c-debian13 "Recorded on debian13: _$c left active, deactivated after a confirm, diagnosed again, the pool activates" "$(hdr 08-component-active debian13)
_${c} left active (as after a manual check): lvchange -ay of the pool refuses. Verdict component-active:
the component is deactivated after a confirm, the diagnosis runs again (healthy), no rebuild."; done
rec $R/20261203-115813-jobs/debian13/share/results/10-activation-skip-damaged/out/repair.state lab-damaged-activation-skip-debian13 "Recorded on debian13: damaged metadata under Proxmox's activation-skip volumes, the offline rebuild" "$(hdr 10-activation-skip-damaged debian13)
Volumes as Proxmox makes them (autoactivation off, a snapshot and a template with the activation-skip
flag, a linked clone); damaged metadata. Verdict damaged: the offline rebuild."
rec $R/20261203-115813-jobs/debian13/share/results/12-vg-free/out/too-small.state lab-vg-too-small-debian13 "Recorded on debian13: damaged metadata in a VG with 1 MiB free: refused before any change" "$(hdr 12-vg-free debian13)
Damaged 2 MiB metadata; another LV leaves 1 MiB free in the VG. Verdict damaged; the run stops at the
room check before any change."
