#!/usr/bin/env bash
# What a cold JVM costs before runbook does any work of its own: three tiny programs built against
# the engine jar (the JVM alone, the command-line library parsing a command, the YAML library loading
# the shipped playbook), each with a class-data archive of its own, against `runbook lint` itself.
# Usage: bench/startup-floor.sh [RUNS]   (default 7)
set -euo pipefail

runs=${1:-7}
# shellcheck source=bench/start-up.sh
. "$(dirname "$0")/start-up.sh"

mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$jar" "$root"/bench/floor/*.java
(cd "$work/classes" && jar cf "$work/floor.jar" ./*.class)

# A static class-data archive per program, trained on the run it is timed on, as the launcher does.
archived() {
  local name=$1
  shift
  java "${fast[@]}" -XX:DumpLoadedClassList="$work/$name.list" -cp "$work/floor.jar:$jar" "$name" "$@" >/dev/null 2>&1 || true
  java "${fast[@]}" -Xshare:dump -XX:SharedClassListFile="$work/$name.list" -XX:SharedArchiveFile="$work/$name.jsa" \
    -cp "$work/floor.jar:$jar" >/dev/null 2>&1
  time_runs "$name" java "${fast[@]}" -XX:SharedArchiveFile="$work/$name.jsa" -cp "$work/floor.jar:$jar" "$name" "$@"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "every line: C1 only, serial GC, a static CDS archive; median of $runs cold runs"
echo
archived Hello
archived PicocliOnly --strict "$playbook"
archived YamlOnly "$playbook"
time_runs "runbook --version" java "${fast[@]}" -XX:SharedArchiveFile="$archive" -jar "$jar" --version
time_runs "runbook lint (shipped playbook)" java "${fast[@]}" -XX:SharedArchiveFile="$archive" \
  -jar "$jar" lint "$playbook"
