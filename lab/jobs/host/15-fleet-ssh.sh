#!/bin/bash
# Job 15's host part (lab/host-parts.sh runs it when the guest's side is ready: sshd up, the pool damaged,
# its sha256 taken): the controller, `runbook fleet` from the engine jar, on this machine; the host is the
# guest, reached at 127.0.0.1 on the port lab.sh -s forwards, as root with the boot's client key; its host
# key is the one lab.sh made for this boot, the only line of the known_hosts the controller uses, strict.
#  1. a known_hosts naming another key: the controller refuses the host before anything runs there;
#  2. the rollout: plan (the dry run on the guest), the typed approval of the batch on standard input, the
#     real run started on the guest; once the guest's run is started, the controller and its shared ssh
#     connection are killed (SIGKILL) while that run goes on;
#  3. `runbook fleet resume` reads the host's run from its own journal (never starts it again), the
#     report names the run id on the host and its outcome; `runbook fleet attach` shows the same.
# Prints PASS:/FAIL: lines (they count as the job's); writes the run id on the host to fleet-host-run.txt
# for the guest's checks. Exit status 1 when a check failed.
set -uo pipefail
# the whole script is one block, read before it runs
{
O=${LAB_JOB_OUT:?} S=${LAB_SSH_DIR:?}
PORT=$(cat "$S/port")
PB=${LAB_PLAYBOOKS:?}/thin-pool-metadata-repair.yaml
STATE=$O/controller-state
RB=(java -jar "${LAB_JAR:?}")
failed=0
pass(){ echo "PASS: $*"; }
fail(){ echo "FAIL: $*"; failed=1; }
check(){ local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }
T0=$(date +%s)
hdr(){ echo; echo "=== [host $(( $(date +%s) - T0 ))s] $*"; }
has(){ grep -qF -- "$2" "$1"; }
# the controller's state (fleet journal, report) is kept with the job's record
rm -rf "$STATE"; mkdir -p "$STATE"

cat > "$O/inventory.yaml" <<INV
fleet: 1
hosts:
  lab-guest:
    address: 127.0.0.1
    port: $PORT
    user: root
    params: {vg: pve, pool: data}
INV
hdr "controller: $("${RB[@]}" --version 2>&1 | head -n 1); $(ssh -V 2>&1); the guest at 127.0.0.1:$PORT"
cat "$O/inventory.yaml"; echo "# known_hosts:"; cat "$S/known_hosts"

hdr "1. a known_hosts with another key for [127.0.0.1]:$PORT: refused, never accepted"
mkdir -p "$O/other-key"; rm -f "$O/other-key/key" "$O/other-key/key.pub"
ssh-keygen -q -t ed25519 -N '' -f "$O/other-key/key"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$O/other-key/key.pub")" > "$O/other-key/known_hosts"
sed "s#UserKnownHostsFile .*#UserKnownHostsFile $O/other-key/known_hosts#" "$S/config" > "$O/other-key/config"
"${RB[@]}" fleet run -i "$O/inventory.yaml" "$PB" --ssh-config "$O/other-key/config" --state-dir "$STATE/other-key" \
  < /dev/null > "$O/fleet-other-key.out" 2>&1
rc=$?; cat "$O/fleet-other-key.out"
check "wrong host key: the rollout stops on the unreachable host (exit 5, --max-unreachable 0) (exit status $rc)" [ "$rc" = 5 ]
check "wrong host key: the host is unreachable and the reason names its host key" \
  grep -qE 'lab-guest +unreachable .*host key' "$O/fleet-other-key.out"
check "wrong host key: the controller's known_hosts is unchanged (nothing accepted)" \
  [ "$(cat "$O/other-key/known_hosts")" = "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$O/other-key/key.pub")" ]

hdr "2. the rollout: plan, the typed approval on standard input, the real run on the guest"
printf 'change 1 host\n' > "$O/approval.txt"
# a session of its own: the controller and its ssh clients end together (the shared connection's master
# leaves the session, ssh daemonizes it; it is found by its control path below)
setsid "${RB[@]}" fleet run -i "$O/inventory.yaml" "$PB" --ssh-config "$S/config" --state-dir "$STATE" \
  < "$O/approval.txt" > "$O/fleet-run.out" 2>&1 &
cpid=$!
# ended with this part (lab.sh ends the part when the guest powers off): nothing of the controller lingers
trap 'kill -KILL -- "-$cpid" 2>/dev/null' EXIT; trap 'exit 143' TERM
FJ=; started=; t=$(date +%s)
while kill -0 "$cpid" 2>/dev/null && [ $(( $(date +%s) - t )) -lt 1200 ]; do
  FJ=$(ls "$STATE"/fleets/*/journal.jsonl 2>/dev/null | head -n 1)
  if [ -n "$FJ" ] && grep -q '"type":"host-started"' "$FJ"; then started=1; break; fi
  sleep 1
done
FLEET=$(basename "$(dirname "${FJ:-x/x}")")
echo "# fleet $FLEET; the controller $( [ -n "$started" ] && echo "journaled host-started after $(( $(date +%s) - t ))s" || echo "did not start the host")"
cut=
if [ -n "$started" ] && ! grep -q '"type":"host-finished"' "$FJ" && kill -0 "$cpid" 2>/dev/null; then
  hdr "kill the controller and its ssh connection (SIGKILL) while the guest's run goes on"
  # the shared connection's master: `ssh: <control path> [mux]`, under the controller's private control
  # directory (named in its ssh clients' ControlPath option)
  for i in $(seq 15); do
    cdir=$(ps -o args= -s "$cpid" | grep -o 'ControlPath=[^ ]*' | head -n 1 | sed 's#ControlPath=##; s#/%C$##')
    [ -n "$cdir" ] && break; sleep 1
  done
  masters=
  [ -n "$cdir" ] && for p in /proc/[0-9]*; do
    case $(tr '\0' ' ' 2>/dev/null < "$p/cmdline") in "ssh: $cdir/"*) masters="$masters ${p#/proc/}";; esac; done
  echo "# controller session $cpid: $(ps -o pid=,args= -s "$cpid" | cut -c1-160 | tr '\n' ';')"
  echo "# shared connection masters under $cdir:${masters:- none}"
  kill -KILL -- "-$cpid" $masters 2>/dev/null
  wait "$cpid" 2>/dev/null
  cut=1
  check "the controller was killed before it saw the host's run end (no host-finished in its journal)" \
    sh -c "! grep -q '\"type\":\"host-finished\"' '$FJ'"
  check "its shared ssh connection was killed with it (the master process$masters)" [ -n "$masters" ]
else
  wait "$cpid"; echo "# the controller ended by itself (exit status $?)"
fi
cat "$O/fleet-run.out"
check "the plan names the host, verdict change, and the offline path (swap_metadata)" \
  grep -qE '^  lab-guest +change +would change: .*swap_metadata' "$O/fleet-run.out"
check "the batch asked for its typed approval: \`change 1 host\`" has "$O/fleet-run.out" 'type `change 1 host` to approve'
check "the fleet journal records the batch approved by the operator" grep -q '"type":"batch-approved".*"by":"operator"' "${FJ:-/dev/null}"
check "the fleet journal records host-starting (the run id) before host-started" \
  sh -c "grep -n '\"type\":\"host-st' '${FJ:-/dev/null}' | head -n 2 | cut -d'\"' -f4 | tr '\n' ' ' | grep -qx 'host-starting host-started '"
check "the controller was killed mid-run (the fault: connection and controller lost)" [ -n "$cut" ]

hdr "3. runbook fleet resume $FLEET: the host's run is read from its own journal, not started again"
"${RB[@]}" fleet resume "$FLEET" --ssh-config "$S/config" --state-dir "$STATE" < /dev/null > "$O/fleet-resume.out" 2>&1
rc=$?; cat "$O/fleet-resume.out"
check "fleet resume exits 0: the rollout succeeded (exit status $rc)" [ "$rc" = 0 ]
check "fleet resume started nothing (one host-starting in the fleet journal)" [ "$(grep -c '"type":"host-starting"' "$FJ")" = 1 ]
RUN=$(grep '"type":"host-starting"' "$FJ" | grep -o '"run":"[^"]*"' | cut -d'"' -f4)
echo "$RUN" > "$O/fleet-host-run.txt"
"${RB[@]}" fleet report "$FLEET" --state-dir "$STATE" > "$O/fleet-report.md" 2>&1
"${RB[@]}" fleet report "$FLEET" --json --state-dir "$STATE" > "$O/fleet-report.json" 2>&1
cat "$O/fleet-report.md"
check "the report names the host's run id ($RUN), outcome succeeded" \
  grep -qE "^\| lab-guest \| succeeded \| change \| succeeded \| \`$RUN\` \|" "$O/fleet-report.md"
check "the report names the backups the run wrote on the host" grep -qE '^\| lab-guest .*/root/thin-pool-repair/' "$O/fleet-report.md"
check "the JSON report: outcome succeeded, 1 host succeeded" \
  sh -c "grep -q '\"outcome\" *: *\"succeeded\"' '$O/fleet-report.json' && grep -q '\"succeeded\" *: *1' '$O/fleet-report.json'"
"${RB[@]}" fleet attach "$FLEET" --ssh-config "$S/config" --state-dir "$STATE" < /dev/null > "$O/fleet-attach.out" 2>&1
rc=$?; cat "$O/fleet-attach.out"
check "fleet attach shows the host succeeded under run $RUN (exit status $rc)" \
  sh -c "[ $rc = 0 ] && grep -qE '^lab-guest +succeeded +change +succeeded .* $RUN' '$O/fleet-attach.out'"
hdr "the fleet journal"
cat "$FJ"
exit $failed
}
