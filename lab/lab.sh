#!/bin/bash
# Boots a lab guest (-i: debian12 = Proxmox 8's stack, debian13 = Proxmox 9's; see build-image.sh) under
# qemu and runs one guest script in it, non-interactively.
#
#   lab/lab.sh [options] GUEST_SCRIPT [FILES...]  run GUEST_SCRIPT in the guest as /mnt/lab/job.sh;
#                                                 FILES (files or folders) are copied next to it
#   lab/lab.sh build                              build the image if it is not cached
#   lab/lab.sh shell                              interactive guest shell on the serial console
# options:
#   -i IMAGE         guest image: debian12 (default) or debian13
#   -a kvm|tcg|auto  accelerator (default $LAB_ACCEL, else auto: kvm when the host CPU has vmx/svm
#                    and a probe boot works, else tcg; the probe result is cached with the image)
#   -m MiB           guest RAM (default 2048)     -c N   vCPUs (default 2)
#   -d SIZE          size of each data disk (default 512G, fresh sparse qcow2 files per run:
#                    the pools are large and nearly empty)
#   -n N             number of data disks, /dev/vdb, /dev/vdc, ... (default 1)
#   -t SECONDS       timeout for the whole boot (default 1800)
#   -o DIR           run directory (default $LAB_HOME/runs/<stamp>-<script name>)
#   -s               ssh into the guest: a free port of 127.0.0.1 is forwarded to the guest's port 22 (qemu's
#                    user network, nothing else reaches the guest) and keys are made for this boot: the
#                    guest's host key and a client key. The guest finds them in /mnt/lab/ssh/ (its sshd is
#                    started by the job, guest/lib.sh lab_sshd); the host side in <run dir>/ssh/: port,
#                    known_hosts (that host key alone), id_ed25519, config (an ssh config using both)
#   -H SCRIPT        a host-side part: bash SCRIPT runs on this machine while the guest is up, with
#                    LAB_RUN_DIR (the run directory) in its environment; its output goes to
#                    <run dir>/host.log; it is ended when the guest powers off (lab/host-parts.sh)
# The run directory holds console.log and share/ (the guest's /mnt/lab: job.log, job.rc and whatever
# the job writes). The root image is attached with snapshot=on: every run starts from the same image.
# Exit status: the job's, or 2 when qemu could not run or the job did not finish (no job.rc).
set -euo pipefail
# the whole script is one block, read before it runs: editing the file during a run (hours under emulation)
# cannot change what the running copy does next
{
LAB=$(cd "$(dirname "$0")" && pwd)
export LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
ACCEL=${LAB_ACCEL:-auto}; TCG_THREAD=${LAB_TCG_THREAD:-multi}; MEM=2048; CPUS=2; DISK=512G; NDISKS=1; TMO=1800; RUN=; IMAGE=debian12
SSH_FWD=; HOST_PART=; SSH_PORT=
usage(){ sed -n '2,/^set /p' "$0" | grep '^#' >&2; exit 64; }
while getopts "i:a:m:c:d:n:t:o:sH:h" o; do case $o in
  i) IMAGE=$OPTARG;; n) NDISKS=$OPTARG;; a) ACCEL=$OPTARG;; m) MEM=$OPTARG;; c) CPUS=$OPTARG;; d) DISK=$OPTARG;; t) TMO=$OPTARG;; o) RUN=$OPTARG;;
  s) SSH_FWD=1;; H) HOST_PART=$OPTARG;;
  *) usage;; esac; done
shift $((OPTIND-1))
[ $# -ge 1 ] || usage
case $ACCEL in auto|kvm|tcg) ;; *) echo "lab: -a expects kvm, tcg or auto, got '$ACCEL'" >&2; exit 64;; esac
case $TCG_THREAD in single|multi) ;; *) echo "lab: LAB_TCG_THREAD is single or multi, got '$TCG_THREAD'" >&2; exit 64;; esac

"$LAB/host-tools.sh"
[[ $NDISKS =~ ^[1-9][0-9]?$ ]] || { echo "lab: -n expects 1 to 99 data disks, got '$NDISKS'" >&2; exit 64; }
"$LAB/build-image.sh" "$IMAGE"
[ "$1" = build ] && exit 0
IMG=$("$LAB/build-image.sh" --print "$IMAGE")

# no_timer_check: on a busy host an emulated CPU can be too slow for the kernel's early check of the
# IO-APIC timer, which then panics ("IO-APIC + timer doesn't work!")
qemu_cmd(){ # $1=accel $2=rundir; prints the command line, one word per line
  local acc=$1 run=$2 cpu=max
  [ "$acc" = kvm ] && cpu=max,-arch-capabilities
  # TCG: one host thread per vCPU (multi) or one for all (single, LAB_TCG_THREAD=single; docs/lab.md)
  [ "$acc" = tcg ] && acc=tcg,thread=$TCG_THREAD
  printf '%s\n' qemu-system-x86_64 -machine q35 -accel "$acc" -cpu "$cpu" -smp "$CPUS" -m "$MEM" \
    -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0,115200 init=/sbin/lab-init quiet loglevel=4 panic=-1 mitigations=off no_timer_check" \
    -drive "file=$IMG/root.img,if=virtio,format=raw,snapshot=on" \
    -virtfs "local,path=$run/share,mount_tag=lab,security_model=none,id=lab" \
    -nodefaults -display none -no-reboot
  # the network: none, or (-s) the user network with only the ssh port forwarded from 127.0.0.1
  if [ -n "$SSH_PORT" ]; then printf '%s\n' -nic "user,model=virtio-net-pci,restrict=on,hostfwd=tcp:127.0.0.1:$SSH_PORT-:22"
  else printf '%s\n' -nic none; fi
  local i
  for ((i = 1; i <= NDISKS; i++)); do
    printf '%s\n' -drive "file=$run/data$i.qcow2,if=virtio,format=qcow2,cache=unsafe,discard=unmap"; done
}
newrun(){ # $1=name [$2=dir]
  local r=${2:-$LAB_HOME/runs/$(date +%Y%m%d-%H%M%S)-$1}
  local i
  rm -rf "$r"; mkdir -p "$r/share"
  for ((i = 1; i <= NDISKS; i++)); do qemu-img create -q -f qcow2 "$r/data$i.qcow2" "$DISK"; done
  echo "$r"; }

probe_kvm(){ # a KVM boot must print the marker within 120 s
  local r; r=$(newrun kvmprobe); echo 'echo KVM-PROBE-OK' > "$r/share/job.sh"
  local -a cmd; mapfile -t cmd < <(qemu_cmd kvm "$r")
  timeout 120 "${cmd[@]}" -serial "file:$r/console.log" </dev/null >"$r/qemu.err" 2>&1 || true
  if grep -q KVM-PROBE-OK "$r/console.log" 2>/dev/null; then echo kvm; else echo tcg; fi
  rm -rf "$r"
}
if [ "$ACCEL" = auto ]; then
  if [ -f "$IMG/accel" ]; then ACCEL=$(cat "$IMG/accel")
  elif ! { [ -r /dev/kvm ] && [ -w /dev/kvm ]; }; then ACCEL=tcg; echo tcg > "$IMG/accel"
  elif ! grep -qwE 'vmx|svm' /proc/cpuinfo; then
    # e.g. a PVM host (kvm_pvm): /dev/kvm exists but a stock kernel runs far slower there than under TCG
    ACCEL=tcg; echo tcg > "$IMG/accel"
    echo "lab: host CPU has no vmx/svm$( [ -d /sys/module/kvm_pvm ] && echo ' (/dev/kvm is kvm_pvm)'); using TCG"
  else ACCEL=$(probe_kvm); echo "$ACCEL" > "$IMG/accel"; fi
fi

if [ "$1" = shell ]; then
  r=$(newrun shell "$RUN")
  echo "lab: interactive shell (accel=$ACCEL); Ctrl-a x quits qemu"
  mapfile -t cmd < <(qemu_cmd "$ACCEL" "$r")
  exec "${cmd[@]}" -serial mon:stdio
fi

script=$1; shift
[ -f "$script" ] || { echo "lab: guest script $script does not exist" >&2; exit 66; }
[ -z "$HOST_PART" ] || [ -f "$HOST_PART" ] || { echo "lab: host-side script $HOST_PART does not exist" >&2; exit 66; }
r=$(newrun "$(basename "$script" .sh)" "$RUN")
cp "$script" "$r/share/job.sh"
# (-p: a file keeps its time; the engine's start-up archive is tied to its jar's size and time)
for f in "$@"; do cp -rp "$f" "$r/share/"; done

# free_port: a port of 127.0.0.1 nothing listens on (qemu fails loudly if another process takes it first)
free_port(){
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  echo "lab: no free port found on 127.0.0.1" >&2; return 1
}
if [ -n "$SSH_FWD" ]; then
  command -v ssh-keygen >/dev/null || { echo "lab: -s needs ssh-keygen (openssh-client)" >&2; exit 1; }
  SSH_PORT=$(free_port)
  # the keys of this boot: the guest's host key is made here, so the host side trusts exactly this key
  # (known_hosts holds it alone) and never has to accept one it is shown
  mkdir -p -m 0700 "$r/ssh"; mkdir -p -m 0700 "$r/share/ssh"
  ssh-keygen -q -t ed25519 -N '' -C "lab guest $(basename "$r")" -f "$r/share/ssh/ssh_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C "lab host side $(basename "$r")" -f "$r/ssh/id_ed25519"
  cp "$r/ssh/id_ed25519.pub" "$r/share/ssh/authorized_keys"
  echo "$SSH_PORT" > "$r/ssh/port"
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$r/share/ssh/ssh_host_ed25519_key.pub")" > "$r/ssh/known_hosts"
  cat > "$r/ssh/config" <<CFG
# the lab guest of $(basename "$r"): ssh -F $r/ssh/config -p $SSH_PORT root@127.0.0.1
Host *
  User root
  IdentityFile $r/ssh/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $r/ssh/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
CFG
fi
echo "lab: run dir $r  image=$IMAGE accel=$ACCEL mem=${MEM}M cpus=$CPUS disks=${NDISKS}x$DISK${SSH_PORT:+ ssh=127.0.0.1:$SSH_PORT}${HOST_PART:+ host part=$(basename "$HOST_PART")}"
mapfile -t cmd < <(qemu_cmd "$ACCEL" "$r")
t0=${EPOCHREALTIME/./}
host_pid=
if [ -n "$HOST_PART" ]; then
  # its own session: ended as a whole (its pid is the session's) when the guest is gone
  LAB_RUN_DIR=$r setsid bash "$HOST_PART" < /dev/null > "$r/host.log" 2>&1 & host_pid=$!
fi
set +e
timeout "$TMO" "${cmd[@]}" -serial stdio </dev/null 2>"$r/qemu.err" \
  | while IFS= read -r line; do e=$(( ${EPOCHREALTIME/./} - t0 ))
      printf '[%4d.%d] %s\n' $((e/1000000)) $((e/100000%10)) "${line%$'\r'}"; done | tee "$r/console.log"
qrc=${PIPESTATUS[0]}
if [ -n "$host_pid" ]; then
  kill -TERM -- "-$host_pid" 2>/dev/null; sleep 1; kill -KILL -- "-$host_pid" 2>/dev/null
  wait "$host_pid" 2>/dev/null
fi
set -e
e=$(( ${EPOCHREALTIME/./} - t0 ))
rm -f "$r"/data*.qcow2 "$r/share/ssh/ssh_host_ed25519_key"
jrc=$(cat "$r/share/job.rc" 2>/dev/null || echo none)
printf 'lab: qemu rc=%s job rc=%s wall=%d.%ds image=%s accel=%s\n' "$qrc" "$jrc" $((e/1000000)) $((e/100000%10)) "$IMAGE" "$ACCEL$([ "$ACCEL" = tcg ] && echo " ($TCG_THREAD thread)")" | tee -a "$r/console.log"
if [ -s "$r/qemu.err" ]; then echo "lab: qemu stderr:"; cat "$r/qemu.err"; fi
# keep the 30 newest run directories
ls -1d "$LAB_HOME"/runs/*/ 2>/dev/null | head -n -30 | xargs -r rm -rf
if [ "$jrc" = none ]; then
  if [ "$qrc" = 124 ]; then echo "lab: FAIL: the guest did not finish within ${TMO}s (console: $r/console.log)" >&2
  else echo "lab: FAIL: qemu exited with status $qrc before the job finished (console: $r/console.log, qemu stderr above)" >&2; fi
  exit 2
fi
exit "$jrc"
}
