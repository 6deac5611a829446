#!/usr/bin/env bash
# Lint start-up and throughput: cold-JVM lint of the shipped playbook (median wall time of RUNS
# runs, several JVM settings) and one lint call over 1,000 generated playbooks.
# Usage: bench/lint-bench.sh [RUNS]   (default 7)
# Targets on a 2-core machine: one file <= 0.25 s wall, 1,000 files <= 3 s.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-7}
jar="$root/engine/target/runbook.jar"
playbook="$root/playbooks/thin-pool-metadata-repair.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$jar" ] || [ -n "$(find "$root/engine/src/main" "$root/engine/pom.xml" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -o -DskipTests package) 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
fi

# Wall time of one command in milliseconds; lint's own exit code (0 or 1) is not a failure here.
# The CPU time (user + system) of the last command goes to $work/cpu: on a busy machine the wall time
# says more about the neighbours than about lint.
wall_ms() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1 || [ $? -le 1 ]
  end=$(date +%s%N)
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$work/time" >>"$work/cpu"
  echo $(( (end - start) / 1000000 ))
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Times RUNS runs of a JVM setting and prints the median.
measure() {
  local label=$1
  shift
  local times=()
  : >"$work/cpu"
  for _ in $(seq "$runs"); do
    times+=("$(wall_ms java "$@" -jar "$jar" lint "$playbook")")
  done
  printf '%-40s wall median %5d ms, cpu median %5d ms   (wall: %s)\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(median <"$work/cpu")" "${times[*]}"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
echo "cold JVM, lint of $(basename "$playbook") ($(wc -l <"$playbook") lines):"
fast=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
measure "java -jar (defaults)"
measure "+ C1 only, serial GC" "${fast[@]}"
# An application class-data archive: the classes lint loads, parsed and verified once (JDK 17:
# -XX:ArchiveClassesAtExit on a training run, then -XX:SharedArchiveFile).
java "${fast[@]}" -XX:ArchiveClassesAtExit="$work/lint.jsa" -jar "$jar" lint "$playbook" >/dev/null 2>&1 || true
measure "+ application CDS archive" "${fast[@]}" -XX:SharedArchiveFile="$work/lint.jsa"

echo
echo "one lint call over 1,000 generated playbooks:"
mkdir -p "$work/many"
for i in $(seq 1000); do
  cat >"$work/many/playbook-$i.yaml" <<YAML
runbook: 1
name: generated-$i
title: Generated playbook $i
params:
  vg: {default: vg$i, pattern: '^[a-z0-9]+\$'}
  limit: {type: int, default: '$((i % 90 + 5))'}
vars:
  tpool: "\${dm:name(vg, 'pool$i')}-tpool"
steps:
  - id: lvs
    title: "List the volumes of \${vg}"
    changes: false
    parse-table:
      run: lvs --noheadings --separator '|' -o lv_name,data_percent \${vg}
      format: delimited
      separator: '|'
      columns: [name, data]
      types: {data: percent}
  - id: status
    title: "Read \${tpool}"
    changes: false
    run: dmsetup status \${tpool}
  - id: full
    title: The pool is below $((i % 90 + 5))%
    when: lvs.count > $((i % 7))
    assert-output:
      of: status
      not-contains: needs_check
      that: exit == 0 && all(lvs.rows, r -> r.data == null || r.data < limit)
  - id: confirm_grow
    title: Approve growing \${vg}/pool$i
    confirm:
      prompt: "Grow the metadata of \${vg}/pool$i by \${size:human($i * 1048576)}?"
  - id: grow
    title: Grow the metadata
    doc: Grows the metadata of pool$i.
    when: full.ok && count(lvs.rows, r -> r.name == 'pool$i') == 1
    retry: {attempts: 3, delay: 1s, until: grow.exit == 0}
    run: [lvextend, --poolmetadatasize, "+${i}M", "\${vg}/pool$i"]
YAML
done
times=()
: >"$work/cpu"
for _ in 1 2 3; do
  times+=("$(wall_ms java "${fast[@]}" -XX:SharedArchiveFile="$work/lint.jsa" -jar "$jar" lint "$work/many")")
done
printf '%-40s wall median %5d ms, cpu median %5d ms   (wall: %s)\n' "1,000 files, C1, serial GC, CDS" \
  "$(printf '%s\n' "${times[@]}" | median)" "$(median <"$work/cpu")" "${times[*]}"
findings=$(java "${fast[@]}" -jar "$jar" lint "$work/many" 2>/dev/null | tail -1 || true)
echo "lint said: $findings"
