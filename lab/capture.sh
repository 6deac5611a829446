#!/bin/bash
# Captures real outputs of the lvm, device-mapper and thin tools in the lab's pool states, the source for
# the rehearsal scenarios' canned outputs. One boot per image.
#
#   lab/capture.sh [states] [IMAGE...]   the states of the diagnosis jobs (guest/capture-states.sh) into
#                                        lab/captures/<state>/<image>/<name>.txt; default: both images;
#                                        CAPTURE_STATES="txid data-full" limits it to those states
#                                        (component txid activation-skip data-full vg-free)
#   lab/capture.sh base                  the first states (guest/capture.sh: full, held, damaged, the
#                                        manual repair, ...) on debian12 into lab/captures/<state>/<name>.txt
# Only the folders a run writes are replaced.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
what=${1:-states}; [ $# -gt 0 ] && shift
case $what in
  states) script=$LAB/guest/capture-states.sh; images=${*:-$("$LAB/build-image.sh" --list)}; disks=8;;
  base) script=$LAB/guest/capture.sh; images=debian12; disks=1;;
  *) echo "capture: expected 'states' or 'base', got '$what'" >&2; exit 64;;
esac
rc=0
for img in $images; do
  run=$LAB_HOME/runs/$(date +%Y%m%d-%H%M%S)-capture-$what-$img
  r=0; extra=()
  if [ -n "${CAPTURE_STATES:-}" ]; then
    mkdir -p "$run.files"; echo "$CAPTURE_STATES" > "$run.files/capture-states.list"; extra=("$run.files/capture-states.list"); fi
  "$LAB/lab.sh" -i "$img" -n $disks -t 5400 -o "$run" "$script" "$LAB/guest/lib.sh" "${extra[@]}" || r=$?
  [ -d "$run/share/captures" ] || { echo "capture: the guest wrote no captures (run dir $run)" >&2; exit 1; }
  if [ $what = base ]; then
    for d in "$run"/share/captures/*/; do s=$(basename "$d"); rm -f "$LAB/captures/$s"/*.txt; mkdir -p "$LAB/captures/$s"; cp "$d"/*.txt "$LAB/captures/$s/"; done
  else
    for d in "$run"/share/captures/*/"$img"/; do
      s=$(basename "$(dirname "$d")"); rm -rf "$LAB/captures/$s/$img"; mkdir -p "$LAB/captures/$s"; cp -r "$d" "$LAB/captures/$s/$img"
    done
  fi
  echo "capture: $img: $(find "$run/share/captures" -name '*.txt' | wc -l) files into $LAB/captures (guest exit status $r)"
  [ $r = 0 ] || rc=$r
done
exit $rc
