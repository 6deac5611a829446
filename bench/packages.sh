#!/usr/bin/env bash
# Sizes of the packages the build made (packaging/target) and the start-up time of the self-contained
# archive, unpacked into a scratch folder and run with a PATH that has no java: its own runtime (jlink)
# with the start-up archive its first call made, against ./runbook on the system's JDK.
#   bench/packages.sh [RUNS]     (default 9; build first: mvn -B package)
set -euo pipefail
runs=${1:-9}
. "$(dirname "$0")/start-up.sh"
tgz=$(ls "$root"/packaging/target/runbook-*-linux-x86_64.tar.gz)
deb=$(ls "$root"/packaging/target/runbook_*_all.deb)
tar -C "$work" -xzf "$tgz"
home=$(ls -d "$work"/runbook-*-linux-x86_64)
printf '%-40s %6.1f MiB\n' "$(basename "$deb")" "$(awk -v b="$(stat -c %s "$deb")" 'BEGIN{print b/1048576}')"
printf '%-40s %6.1f MiB\n' "$(basename "$tgz")" "$(awk -v b="$(stat -c %s "$tgz")" 'BEGIN{print b/1048576}')"
printf '%-40s %6d MiB (runtime/: %d MiB)\n' "unpacked" "$(du -sm "$home" | cut -f1)" "$(du -sm "$home/runtime" | cut -f1)"
echo "runtime modules: $("$home/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
nojava=$work/nojava; mkdir -p "$nojava"
for c in bash dirname readlink sed cat cksum cut stat find mkdir mktemp awk rm mv chmod cp head; do ln -s "$(command -v $c)" "$nojava/"; done
t0=$(date +%s%N)
env -i PATH="$nojava" HOME="$work" "$home/bin/runbook" --version >/dev/null 2>&1
echo "first call (prepares the start-up archive): $(( ($(date +%s%N) - t0) / 1000000 )) ms"
echo "median of $runs runs each:"
time_runs "archive: runbook --version" env -i PATH="$nojava" HOME="$work" "$home/bin/runbook" --version
time_runs "archive: runbook lint (shipped, by name)" env -i PATH="$nojava" HOME="$work" "$home/bin/runbook" lint thin-pool-metadata-repair
time_runs "checkout: ./runbook --version" "$root/runbook" --version
time_runs "checkout: ./runbook lint (shipped)" "$root/runbook" lint "$playbook"
