#!/usr/bin/env bash
# runbook fleet over real sshd hosts on loopback addresses (127.77.202.N): for 20 and 50 hosts,
#  - ssh round trips alone: 3 calls per host (what every controller call pays before any engine),
#    with and without connection sharing;
#  - the time to plan a rollout (every host's dry run of the shipped repair, simulated as healthy,
#    so nothing is started): wall time, per-host overhead (wall time / hosts), and the
#    controller's peak memory (maximum resident set), with and without connection sharing.
# Each host's engine is this checkout's launcher (with its start-up archive). Needs root
# (sshd), openssh-server, openssh-client.
#
# Each row ends with the 1-minute load average when it was printed: the figures mean little
# without it on a shared machine.
#
#   bench/fleet-bench.sh [SIZES] [SHARING]     (default "20 50" and "yes no")
set -euo pipefail
sizes=${1:-"20 50"}
sharing=${2:-"yes no"}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/rbfb.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
[ -x /usr/sbin/sshd ] || { echo "fleet-bench: needs openssh-server (apt install openssh-server)" >&2; exit 69; }
mkdir -p /run/sshd
"$root/runbook" --version >/dev/null
max=0
for n in $sizes; do [ "$n" -gt "$max" ] && max=$n; done

ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
cp "$work/client_key.pub" "$work/authorized_keys"
mkdir -p "$work/bin" "$work/sim"
# (a wrapper, not a symbolic link: the launcher finds its checkout from its own path)
printf '#!/bin/sh\nexec %q "$@"\n' "$root/runbook" >"$work/bin/runbook"
chmod +x "$work/bin/runbook"
: >"$work/known_hosts"
: >"$work/ssh_config"
for i in $(seq 1 "$max"); do
  h=$(printf 'b%02d' "$i")
  d="$work/$h"
  mkdir -p "$d" "$d/state"
  ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
  cat >"$d/sshd_config" <<CONF
Port 2222
ListenAddress 127.77.202.$i
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
MaxStartups 200
LogLevel ERROR
SetEnv PATH=$work/bin:/usr/sbin:/usr/bin:/sbin:/bin RUNBOOK_STATE_DIR=$d/state RUNBOOK_DETACH=setsid
CONF
  /usr/sbin/sshd -D -f "$d/sshd_config" -E "$d/sshd.log" &
  pids+=($!)
  echo "[127.77.202.$i]:2222 $(cat "$d/host_key.pub")" >>"$work/known_hosts"
  printf 'Host %s\n  HostName 127.77.202.%s\n  Port 2222\n  User root\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n  GlobalKnownHostsFile /dev/null\n\n' \
    "$h" "$i" "$work/client_key" "$work/known_hosts" >>"$work/ssh_config"
  cp "$root/playbooks/scenarios/healthy.scenario.yaml" "$work/sim/$h.scenario.yaml"
done
sleep 1

inventory() {
  { echo "fleet: 1"; echo "hosts:"; for i in $(seq 1 "$1"); do printf '  b%02d:\n' "$i"; done; } >"$work/inv-$1.yaml"
}

echo "fleet-bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-8s %14s %18s %14s %16s %18s %8s\n' hosts sharing "ssh-3-calls-s" "ssh-per-host-ms" "plan-wall-s" "plan-per-host-ms" "controller-max-rss-MiB" "load-1m"
for n in $sizes; do
  inventory "$n"
  for share in $sharing; do
    if [ "$share" = yes ]; then
      ctl="$work/ctl-$n"; mkdir -m 700 -p "$ctl"
      opts=(-o ControlMaster=auto -o "ControlPath=$ctl/%C" -o ControlPersist=60)
      flag=()
    else
      opts=(-o ControlMaster=no -o ControlPath=none)
      flag=(--no-connection-sharing)
    fi
    # ssh alone: 3 calls per host, hosts in parallel as the controller runs them
    # (waits for these callers only: a bare `wait` would also wait for the sshd servers)
    start=$(date +%s%N)
    callers=()
    for i in $(seq 1 "$n"); do
      ( for _ in 1 2 3; do ssh -F "$work/ssh_config" -o BatchMode=yes -o StrictHostKeyChecking=yes "${opts[@]}" "$(printf 'b%02d' "$i")" true; done ) &
      callers+=($!)
    done
    for p in "${callers[@]}"; do wait "$p" || { echo "fleet-bench: an ssh call failed" >&2; exit 1; }; done
    ssh_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$share" = yes ]; then
      for i in $(seq 1 "$n"); do ssh -F "$work/ssh_config" "${opts[@]}" -O exit "$(printf 'b%02d' "$i")" 2>/dev/null || true; done
    fi
    # the plan of every host (all healthy: nothing starts)
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/rss" "$root/runbook" fleet run -i "$work/inv-$n.yaml" "$root/playbooks/thin-pool-metadata-repair.yaml" \
      --simulate "$work/sim" --yes --ssh-config "$work/ssh_config" "${flag[@]}" --state-dir "$work/controller" >"$work/out-$n-$share.txt" 2>&1 || true
    plan_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    grep -q "$n unchanged" "$work/out-$n-$share.txt" || { echo "fleet-bench: the rollout of $n hosts did not plan every host:" >&2; cat "$work/controller/fleets/"*/report.md >&2; exit 1; }
    printf '%-6s %-8s %14.1f %18d %14.1f %16d %18d %8s\n' "$n" "$share" "$(echo "$ssh_ms / 1000" | bc -l)" $(( ssh_ms / n )) \
      "$(echo "$plan_ms / 1000" | bc -l)" $(( plan_ms / n )) $(( $(cat "$work/rss") / 1024 )) "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
