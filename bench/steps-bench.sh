#!/usr/bin/env bash
# The engine's own cost per step: a playbook of 100 steps (50 commands, each followed by a check of
# its output) run through the launcher, and where the time goes: the JVM and engine start-up
# (`runbook --version`), reading and checking the playbook (`runbook lint`), the steps themselves
# (from the journal: run-started to run-finished) and, of that, the commands' own time (the sum of
# the steps' durations as the engine measured them). The same 50 commands in bash are the floor.
#
#   bench/steps-bench.sh [RUNS] [OTHER_LAUNCHER]      (default 5 runs)
#
# Then the run once more per run with RUNBOOK_PHASES set, and the median of each phase the engine
# reports (the launcher and the JVM's start, the command line, reading, checking, the run directory,
# the steps, the report; and of the steps, the commands, starting them, the look for what they left
# running, the journal, the events).
#
# With OTHER_LAUNCHER (another build's launcher, e.g. a copy of an earlier commit's checkout), the
# playbook's run is timed with both launchers in turn, run after run, so that both see the same load
# on a shared machine: compare their CPU times.
set -euo pipefail
runs=${1:-5}
other=${2:-}
. "$(dirname "$0")/start-up.sh"

pb="$work/hundred.yaml"
{
  echo "runbook: 1"
  echo "name: hundred-steps"
  echo "title: 50 commands, each checked"
  echo "steps:"
  for i in $(seq 1 50); do
    echo "  - id: c$i"
    echo "    title: Command $i"
    echo "    changes: false"
    echo "    run: [echo, \"value $i\"]"
    echo "  - id: k$i"
    echo "    title: Check $i"
    echo "    assert-output:"
    echo "      of: c$i"
    echo "      matches: 'value (?<n>[0-9]+)'"
  done
} >"$pb"
script="$work/hundred.sh"
{
  echo "set -e"
  for i in $(seq 1 50); do
    echo "out=\$(echo \"value $i\"); [[ \$out =~ value\ ([0-9]+) ]]"
  done
} >"$script"

echo "100 steps (50 commands, 50 checks), $runs runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
time_runs "bash, the same commands and checks" bash "$script"
time_runs "runbook --version (start-up floor)" "$root/runbook" --version
time_runs "runbook lint (start-up + read + check)" "$root/runbook" lint "$pb"
time_runs "runbook run (everything)" "$root/runbook" run "$pb" --state-dir "$work/state" -q

if [ -n "$other" ]; then
  "$other" --version >/dev/null  # builds it, or its start-up archive, when missing
  : >"$work/this"; : >"$work/that"
  for _ in $(seq "$runs"); do
    : >"$work/cpu"; w=$(wall_ms "$root/runbook" run "$pb" --state-dir "$work/state" -q); echo "$w $(cat "$work/cpu")" >>"$work/this"
    : >"$work/cpu"; w=$(wall_ms "$other" run "$pb" --state-dir "$work/state-other" -q); echo "$w $(cat "$work/cpu")" >>"$work/that"
  done
  for f in this that; do
    label="runbook run, this checkout"; [ $f = that ] && label="runbook run, $other"
    printf '%-40s wall median %5d ms, cpu median %5d ms   (cpu: %s)\n' "$label" "$(cut -d' ' -f1 "$work/$f" | median)" \
      "$(cut -d' ' -f2 "$work/$f" | median)" "$(cut -d' ' -f2 "$work/$f" | tr '\n' ' ')"
  done
fi

# where the time of a run goes, phase by phase, as the engine itself measures it (RUNBOOK_PHASES:
# wall and CPU time of each phase, and the sums of the steps' repeated parts); medians of RUNS runs
: >"$work/phases"; : >"$work/phases-other"
for _ in $(seq "$runs"); do
  RUNBOOK_PHASES=1 "$root/runbook" run "$pb" --state-dir "$work/state" -q 2>&1 >/dev/null | grep '^phases:' >>"$work/phases" || true
  if [ -n "$other" ]; then
    RUNBOOK_PHASES=1 "$other" run "$pb" --state-dir "$work/state-other" -q 2>&1 >/dev/null | grep '^phases:' >>"$work/phases-other" || true
  fi
done
python3 - "$work/phases" "$work/phases-other" "$other" <<'PY'
import re, statistics, sys
def read(f):
    wall, cpu, parts, order = {}, {}, {}, []
    runs = [l for l in open(f) if l.startswith("phases:")]
    for l in runs:
        for name, ms, c in re.findall(r" ([a-z][a-z +]*?) (\d+) ms(?: \(cpu (\d+)\))?,", l.split("[")[0]):
            if name not in wall:
                order.append(name)
            wall.setdefault(name, []).append(int(ms))
            if c:
                cpu.setdefault(name, []).append(int(c))
        for name, ms, n in re.findall(r"\[([a-z ]+) (\d+) ms in (\d+)\]", l):
            parts.setdefault(name, []).append((int(ms), int(n)))
    return len(runs), wall, cpu, parts, order
med = lambda v: int(statistics.median(v)) if v else 0
cols = [read(sys.argv[1])]
if sys.argv[3]:
    cols.append(read(sys.argv[2]))
if not cols[0][0]:
    print("no phases printed (RUNBOOK_PHASES)")
    sys.exit(0)
names = list(cols[0][4]) + [n for c in cols[1:] for n in c[4] if n not in cols[0][4]]
heads = ["this checkout"] + ([sys.argv[3]] if sys.argv[3] else [])
print(f"where a run's time goes (RUNBOOK_PHASES, medians of {cols[0][0]} runs; cpu: the engine's process, all its threads)")
print(f"  {'phase':<28}" + "".join(f" | {h[-30:]:>30}" for h in heads))
def cell(c, n):
    _, wall, cpu, _, _ = c
    if n not in wall:
        return f"{'-':>30}"
    return f"{'wall %5d ms' % med(wall[n]) + (', cpu %4d ms' % med(cpu[n]) if n in cpu else ''):>30}"
for n in names:
    print(f"  {n:<28}" + "".join(" | " + cell(c, n) for c in cols))
tot = lambda c: f"wall {sum(med(c[1][n]) for n in c[4]):5d} ms, cpu {sum(med(c[2][n]) for n in c[4] if n in c[2]):4d} ms"
print(f"  {'total':<28}" + "".join(f" | {tot(c):>30}" for c in cols))
parts = list(cols[0][3]) + [n for c in cols[1:] for n in c[3] if n not in cols[0][3]]
for n in parts:
    row = []
    for c in cols:
        v = c[3].get(n)
        row.append(f"{'wall %5d ms in %d' % (med([m for m, _ in v]), v[0][1]) if v else '-':>30}")
    print(f"  {'of the steps: ' + n:<28}" + "".join(" | " + r for r in row))
PY
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

# where the run's time goes, from the last run's journal
journal=$(ls -d "$work"/state/runs/*/ | tail -1)journal.jsonl
python3 - "$journal" <<'PY'
import json, sys
from datetime import datetime
recs = [json.loads(l) for l in open(sys.argv[1])]
t = lambda r: datetime.fromisoformat(r["time"].replace("Z", "+00:00"))
loop = (t(recs[-1]) - t(recs[0])).total_seconds() * 1000
commands = sum(r["values"].get("duration", 0) for r in recs if r["type"] == "step-finished" and r["step"].startswith("c"))
print(f"last run, from its journal: steps {loop:.0f} ms (run-started to run-finished), of them the commands "
      f"{commands} ms; the engine's own cost {(loop - commands) / 100:.2f} ms per step")
PY
