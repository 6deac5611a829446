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
: >"$work/phases"
for _ in $(seq "$runs"); do
  RUNBOOK_PHASES=1 "$root/runbook" run "$pb" --state-dir "$work/state" -q 2>&1 >/dev/null | grep '^phases:' >>"$work/phases" || true
done
python3 - "$work/phases" <<'PY'
import re, statistics, sys
runs = [l for l in open(sys.argv[1]) if l.startswith("phases:")]
if not runs:
    print("no phases printed (RUNBOOK_PHASES): an engine older than the phases?")
    sys.exit(0)
wall, cpu, parts, order = {}, {}, {}, []
for l in runs:
    for name, ms, c in re.findall(r" ([a-z][a-z +]*?) (\d+) ms(?: \(cpu (\d+)\))?,", l.split("[")[0]):
        if name not in wall:
            order.append(name)
        wall.setdefault(name, []).append(int(ms))
        if c:
            cpu.setdefault(name, []).append(int(c))
    for name, ms, n in re.findall(r"\[([a-z ]+) (\d+) ms in (\d+)\]", l):
        parts.setdefault(name, []).append((int(ms), int(n)))
med = lambda v: int(statistics.median(v))
print(f"where a run's time goes (RUNBOOK_PHASES, median of {len(runs)} runs; cpu: the engine's process, every thread):")
for name in order:
    c = f", cpu {med(cpu[name]):4d} ms" if name in cpu else ""
    print(f"  {name:<28} wall {med(wall[name]):5d} ms{c}")
print(f"  {'total':<28} wall {sum(med(wall[n]) for n in order):5d} ms, cpu {sum(med(cpu[n]) for n in order if n in cpu):4d} ms")
for name, v in parts.items():
    print(f"  of the steps: {name:<14} wall {med([m for m, _ in v]):5d} ms in {v[0][1]} calls")
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
