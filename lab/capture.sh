#!/bin/bash
# Captures real outputs of the lvm, device-mapper and thin tools in each pool state (guest/capture.sh)
# into lab/captures/<state>/<name>.txt: the source for the rehearsal scenarios' canned outputs.
#   lab/capture.sh [lab.sh options]
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
run=$LAB_HOME/runs/$(date +%Y%m%d-%H%M%S)-capture
rc=0
"$LAB/lab.sh" "$@" -o "$run" "$LAB/guest/capture.sh" "$LAB/guest/lib.sh" || rc=$?
[ -d "$run/share/captures" ] || { echo "capture: the guest wrote no captures (run dir $run)" >&2; exit 1; }
rm -rf "$LAB/captures"; cp -r "$run/share/captures" "$LAB/captures"
echo "capture: $(find "$LAB/captures" -name '*.txt' | wc -l) files in $LAB/captures (guest exit status $rc)"
exit $rc
