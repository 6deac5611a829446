#!/bin/bash
# The engine's cost per call inside a lab guest (software emulation unless KVM is usable), the two ways
# a lab job can start it, alternating in one boot so that both meet the same load:
#   plain     java -jar runbook.jar (what the jobs did before)
#   launcher  the packages' launcher (guest/lib.sh, lab_engine): -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
#             and the start-up archive dumped from the build's class list (the first call dumps it)
# Each call rehearses one recorded scenario of the shipped repair (`runbook test`: the whole playbook is
# parsed, checked and run against canned outputs, no lvm command runs), so the figure is the engine alone.
#
#   sudo bench/lab-engine-bench.sh [IMAGE [ROUNDS]]      (IMAGE debian13 or debian12, ROUNDS 3)
#
# Prints per call the wall time and the processor time of the guest's JVM (bash `time`), then medians.
# Needs the jar and packaging/target/classlist (mvn -B -DskipTests package) and root (lab/lab.sh).
set -euo pipefail
{
root=$(cd "$(dirname "$0")/.." && pwd)
img=${1:-debian13}; rounds=${2:-3}
[ -s "$root/packaging/target/classlist" ] || { echo "bench: packaging/target/classlist missing: mvn -B -DskipTests package" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/bench.sh" <<GUEST
. /mnt/lab/lib.sh
S=\$LAB_SHARE/playbooks/scenarios/lab-damaged-offline-$img.scenario.yaml
[ -f "\$S" ] || S=\$LAB_SHARE/playbooks/scenarios/healthy.scenario.yaml
TIMEFORMAT='%R %U %S'
call(){ local m=\$1; shift; { time "\$@" > /dev/null 2>&1; } 2> "\$SCRATCH/t"; read -r r u s < "\$SCRATCH/t"
  echo "BENCH \$m wall \$r s, cpu \$(awk -v u="\$u" -v s="\$s" 'BEGIN{printf "%.1f", u + s}') s"; }
echo "BENCH scenario \$(basename "\$S"); \$(nproc) vCPUs; java \$(readlink -f \$(command -v java))"
call first-launcher-call-with-dump lab_engine test "\$S"
for i in \$(seq $rounds); do
  call plain java -jar "\$JAR" test "\$S"
  call launcher lab_engine test "\$S"
done
GUEST
out=$work/out.txt
"$root/lab/lab.sh" -i "$img" -t 5400 "$work/bench.sh" "$root/lab/guest/lib.sh" "$root/engine/target/runbook.jar" \
  "$root/playbooks" "$root/packaging/lib/launcher.sh" "$root/packaging/target/classlist" > "$out" 2>&1 || true
grep -h 'BENCH ' "$out" | sed 's/^.*BENCH /BENCH /' > "$work/figures"
sed 's/^BENCH //' "$work/figures"
median(){ sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
for m in plain launcher; do
  n=$(grep -c "^BENCH $m wall" "$work/figures" || true)
  [ "$n" -gt 0 ] || continue
  echo "median $m: wall $(awk -v m="$m" '$2 == m {print $4}' "$work/figures" | median) s, cpu $(awk -v m="$m" '$2 == m {print $7}' "$work/figures" | median) s ($n calls)"
done
grep -q 'BENCH launcher' "$out" || { echo "bench: the guest printed no figures; its console: $(grep -o '/[^ ]*console.log' "$out" | head -n 1)" >&2; exit 1; }
exit 0
}
