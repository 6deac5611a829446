#!/usr/bin/env bash
# Peak memory (RSS) of the engine while one command writes a large stdout: once streamed to an
# output file, once kept in the step log with the default 8 MiB capture, and a baseline that runs
# `true`. Usage: bench/output-memory.sh [SIZE]   (SIZE as head -c takes it; default 2G)
# JAVA_OPTS overrides the JVM options (default -Xmx256m).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-2G}
java_opts=${JAVA_OPTS:--Xmx256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -B -o -q -f "$root/pom.xml" -pl engine compile 2>&1 | sed "s/\x1b\[[0-9;]*m//g" # maven colours even in batch mode
javac -d "$work/classes" -cp "$root/engine/target/classes" "$root/bench/OutputMemory.java"

echo "head -c $size /dev/zero, java $java_opts"
for mode in baseline output-file capture; do
  # shellcheck disable=SC2086 # java_opts holds several options
  /usr/bin/time -v -o "$work/time.txt" \
    java $java_opts -cp "$work/classes:$root/engine/target/classes" OutputMemory "$mode" "$size" "$work"
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  printf '%-12s peak RSS %d MiB\n' "$mode" $((kib / 1024))
done
