#!/bin/bash
# Installs what the lab needs on the host (qemu, qemu-img, debootstrap, mkfs.ext4, ssh-keygen) with apt when missing.
set -euo pipefail
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v qemu-img >/dev/null || missing+=(qemu-utils)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
command -v ssh-keygen >/dev/null || missing+=(openssh-client)   # lab.sh -s: the keys of a boot with ssh
[ ${#missing[@]} = 0 ] && exit 0
command -v apt-get >/dev/null || { echo "lab: missing ${missing[*]} and no apt-get to install them; install them by hand" >&2; exit 1; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
echo "lab: installing ${missing[*]}"
# wait for another apt or dpkg run (unattended upgrades, a parallel build) instead of failing at once
LOCK=(-o DPkg::Lock::Timeout=600)
$SUDO apt-get "${LOCK[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${LOCK[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
