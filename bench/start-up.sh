# What the start-up benchmarks share: source it with `. "$(dirname "$0")/start-up.sh"` after
# `runs` is set. It sets root, jar, archive, playbook, fast (the launcher's JVM flags) and work (a
# scratch directory removed at exit), and has the launcher build the jar and its class-data archive
# when they are missing or stale.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/engine/target/runbook.jar"
archive=""  # set below, once the launcher has made it
playbook="$root/playbooks/thin-pool-metadata-repair.yaml"
fast=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/runbook" --version >/dev/null
# the launcher keeps one archive per Java runtime and jar (packaging/lib/launcher.sh): the newest one is
# the one it just made or used for the java on PATH
archive=$(ls -t "$root"/engine/target/startup-*.jsa | head -n 1)

# Wall time of one command in milliseconds, its output thrown away; an exit code of 0 or 1 (lint's
# findings) is not a failure here. The CPU time (user + system) goes to $work/cpu: on a busy machine
# the wall time says more about the neighbours than about the command.
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

# Runs a command $runs times and prints one line: LABEL, median wall and CPU time, every wall time.
time_runs() {
  local label=$1
  shift
  local times=()
  : >"$work/cpu"
  for _ in $(seq "$runs"); do
    times+=("$(wall_ms "$@")")
  done
  printf '%-40s wall median %5d ms, cpu median %5d ms   (wall: %s)\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(median <"$work/cpu")" "${times[*]}"
}
