#!/usr/bin/env bash
# Lint start-up and throughput: cold-JVM lint of the shipped playbook (median wall time of RUNS
# runs, several JVM settings) and one lint call over 1,000 generated playbooks.
# Usage: bench/lint-bench.sh [RUNS]   (default 7)
# Targets on a 2-core machine: one file <= 0.25 s wall, 1,000 files <= 3 s.
set -euo pipefail

runs=${1:-7}
# shellcheck source=bench/start-up.sh
. "$(dirname "$0")/start-up.sh"

# A cold JVM linting the shipped playbook with these JVM options.
measure() {
  local label=$1
  shift
  time_runs "$label" java "$@" -jar "$jar" lint "$playbook"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
echo "cold JVM, lint of $(basename "$playbook") ($(wc -l <"$playbook") lines):"
measure "java -jar (defaults)"
measure "+ C1 only, serial GC" "${fast[@]}"
# JDK 17's dynamic archive (-XX:ArchiveClassesAtExit on a training run) for comparison: it cannot
# hold picocli's classes, whose class-file version is too old for it
java "${fast[@]}" -XX:ArchiveClassesAtExit="$work/dynamic.jsa" -jar "$jar" lint "$playbook" >/dev/null 2>&1 || true
measure "+ dynamic CDS archive" "${fast[@]}" -XX:SharedArchiveFile="$work/dynamic.jsa"
measure "+ the launcher's static CDS archive" "${fast[@]}" -XX:SharedArchiveFile="$archive"

echo
echo "for scale, the same JVM settings and archive:"
cat >"$work/tiny.yaml" <<'YAML'
runbook: 1
name: tiny
title: One step
steps:
  - id: look
    title: Look
    changes: false
    run: [true]
YAML
time_runs "runbook --version (start-up alone)" java "${fast[@]}" -XX:SharedArchiveFile="$archive" -jar "$jar" --version
time_runs "lint of a one-step playbook" java "${fast[@]}" -XX:SharedArchiveFile="$archive" -jar "$jar" lint "$work/tiny.yaml"

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
runs=3 time_runs "1,000 files, C1, serial GC, CDS" java "${fast[@]}" -XX:SharedArchiveFile="$archive" -jar "$jar" lint "$work/many"
findings=$(java "${fast[@]}" -jar "$jar" lint "$work/many" 2>/dev/null | tail -1 || true)
echo "lint said: $findings"
