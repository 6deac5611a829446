#!/usr/bin/env bash
# Proves `runbook run --detach` where systemd runs the host: the run becomes a transient unit
# runbook-<run id> that systemd runs, it survives the end of the session that started it, `attach`
# answers its confirm, and it finishes. Boots a Debian 12 tree whose PID 1 is systemd in a container
# (systemd-nspawn -b), installs the engine's Debian package in it, and runs there:
#
#   1. an operator session (a transient scope, as logind makes one per login) starts a playbook with
#      --detach: a slow change, then a confirm, then a second change;
#   2. the unit exists (systemctl status) and holds the engine and its command; the session is ended
#      (systemctl stop on its scope: what logind does when a session is terminated);
#   3. the run goes on; `runbook attach` from another process answers the confirm; the run succeeds,
#      each change ran once, and the unit is gone once it has ended;
#   4. the control: the same with RUNBOOK_DETACH=setsid (a session of its own, no unit): ending the
#      operator's session stops that run, because its engine stayed in the session's cgroup.
#
#   lab/detach-systemd.sh [ROOTFS]
#
# ROOTFS: a Debian 12 tree with systemd, dbus and a Java 17 runtime; it is copied, never changed. Without
# it one is made with debootstrap from this machine's apt mirror. Needs root, systemd-nspawn
# (systemd-container), nsenter, and packaging/target/runbook_*_all.deb (mvn -B package). Prints each
# check and exits 0 when all passed. Not a unit test: it needs root and boots a container (about a minute).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

[ "$(id -u)" = 0 ] || fail "run as root: the container needs it"
command -v systemd-nspawn >/dev/null || fail "systemd-nspawn is missing: apt install systemd-container"
command -v nsenter >/dev/null || fail "nsenter is missing: apt install util-linux"
deb=$(ls "$root"/packaging/target/runbook_*_all.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no packaging/target/runbook_*_all.deb: build it with mvn -B package"

work=$(mktemp -d /var/tmp/runbook-detach-systemd.XXXXXX)
nspawn_pid=
cleanup() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true # systemd-nspawn powers the container off
    for _ in $(seq 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

tree=$work/rootfs
if [ $# -ge 1 ]; then
  [ -x "$1/usr/lib/systemd/systemd" ] || fail "$1 has no systemd (usr/lib/systemd/systemd)"
  cp -a "$1" "$tree"
else
  command -v debootstrap >/dev/null || fail "no ROOTFS given and debootstrap is missing: apt install debootstrap"
  mirror=$(grep -rhoE '^(deb|URIs:) +(\[[^]]*\] +)?[a-z]+://[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE '[a-z]+://[^ ]+' | grep -v security | head -1)
  [ -n "$mirror" ] || fail "no apt mirror found in /etc/apt/sources.list*: give a ROOTFS"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,default-jre-headless,procps bookworm "$tree" "$mirror" \
    > "$work/debootstrap.log" 2>&1 || fail "debootstrap failed; see $work/debootstrap.log"
fi
cp "$deb" "$tree/root/runbook.deb"
mkdir -p "$tree/root/pb"
cat > "$tree/root/pb/slow.yaml" <<'EOF'
runbook: 1
name: slow-change
title: A slow change, a confirm, a second change
steps:
  - id: change
    title: Apply a slow change
    doc: Appends `applied` to changes.log after 8 seconds.
    run: [sh, -c, "sleep 8; echo applied >> /root/pb/changes.log"]
  - id: approve
    title: Approve the second change
    confirm:
      prompt: Apply the second change?
  - id: second
    title: Apply the second change
    doc: Appends `second` to changes.log.
    run: [sh, -c, "echo second >> /root/pb/changes.log"]
EOF

systemd-nspawn -q -b -D "$tree" -M runbook-lab --register=no --keep-unit --console=passive > "$work/nspawn.log" 2>&1 &
nspawn_pid=$!
init=
for _ in $(seq 60); do
  init=$(pgrep -P "$nspawn_pid" | head -1 || true)
  [ -n "$init" ] && [ "$(cat /proc/"$init"/comm 2>/dev/null)" = systemd ] && break
  sleep 1
done
[ -n "$init" ] || fail "the container did not boot; see $work/nspawn.log: $(tail -3 "$work/nspawn.log")"
# a command in the container, as root logged in there
inside() { nsenter -t "$init" -m -u -i -n -p -- /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LANG=C.UTF-8 "$@"; }
for _ in $(seq 90); do
  state=$(inside systemctl is-system-running 2>/dev/null || true)
  case $state in running|degraded) break ;; esac
  sleep 1
done
ok "container booted; PID 1 there is $(inside cat /proc/1/comm), system $state"
inside dpkg -i /root/runbook.deb > "$work/dpkg.log" 2>&1 || fail "dpkg -i failed: $(tail -3 "$work/dpkg.log")"
ok "installed $(inside runbook --version)"

# 1. a session starts the run with --detach and ends
out=$(inside systemd-run --scope --quiet --unit=operator-session-1 -- bash -c 'cd /root/pb && runbook run slow.yaml --detach')
echo "$out" | sed 's/^/    /'
id=$(echo "$out" | sed -nE 's/^run ([^ ]+) started in the background.*/\1/p')
[ -n "$id" ] || fail "run --detach printed no run id"
echo "$out" | grep -F "as the systemd unit runbook-$id" >/dev/null || fail "the run is not a systemd unit"
inside systemctl stop operator-session-1.scope 2>/dev/null || true
ok "the operator's session operator-session-1.scope is gone: $(inside systemctl is-active operator-session-1.scope || true)"

# 2. the unit holds the engine and its command
status=$(inside systemctl status --no-pager --lines=0 "runbook-$id" || true)
echo "$status" | sed -E 's/^(.{0,150}).*/    \1/'
echo "$status" | grep -F "Active: active (running)" >/dev/null || fail "unit runbook-$id is not running"
echo "$status" | grep -F "/system.slice/runbook-$id.service" >/dev/null || fail "the engine is not in the unit's cgroup"
echo "$status" | grep -F "sleep 8" >/dev/null || fail "the change's command is not in the unit"
ok "unit runbook-$id runs the engine and its command, in its own cgroup"

# 3. attach answers the confirm once the run waits for it; the run finishes
for _ in $(seq 60); do
  grep -F '"type":"waiting"' "$tree/var/lib/runbook/runs/$id/journal.jsonl" >/dev/null 2>&1 && break
  sleep 1
done
grep -F '"type":"waiting"' "$tree/var/lib/runbook/runs/$id/journal.jsonl" >/dev/null || fail "the run never reached its confirm"
ok "the run reached its confirm without a terminal and waits (journal: waiting)"
code=0
attached=$( (sleep 2; echo yes; sleep 5) | inside timeout 120 runbook attach "$id") || code=$?
echo "$attached" | sed 's/^/    /'
[ "$code" = 0 ] || fail "attach exited $code"
echo "$attached" | grep -F "approved by attach" >/dev/null || fail "attach did not answer the confirm"
echo "$attached" | grep -F "run succeeded" >/dev/null || fail "the run did not succeed"
[ "$(cat "$tree/root/pb/changes.log")" = "$(printf 'applied\nsecond')" ] || fail "changes.log: $(cat "$tree/root/pb/changes.log")"
ok "attach answered the confirm; the run succeeded; each change ran once"
for _ in $(seq 30); do inside systemctl is-active --quiet "runbook-$id" || break; sleep 1; done
inside systemctl is-active --quiet "runbook-$id" && fail "unit runbook-$id still active after its run ended"
ok "unit runbook-$id is gone: $(inside runbook runs | grep -F "$id")"

# 4. the control: a session of its own (setsid) dies with the session's cgroup
rm -f "$tree/root/pb/changes.log"
out=$(inside systemd-run --scope --quiet --unit=operator-session-2 -- env RUNBOOK_DETACH=setsid bash -c 'cd /root/pb && runbook run slow.yaml --detach')
id2=$(echo "$out" | sed -nE 's/^run ([^ ]+) started in the background.*/\1/p')
echo "$out" | grep -F "in a session of its own" >/dev/null || fail "RUNBOOK_DETACH=setsid did not choose setsid: $out"
inside systemctl is-active --quiet operator-session-2.scope || fail "the setsid engine is not in the session's scope"
inside systemctl stop operator-session-2.scope
sleep 3
outcome=$(inside runbook runs | grep -F "$id2" | awk '{print $4}')
[ "$outcome" != running ] || fail "the setsid run survived its session's end"
ok "control: with RUNBOOK_DETACH=setsid, ending the session stopped run $id2 ($outcome): the unit is what keeps a run alive under systemd"
echo "all checks passed"
