#!/bin/bash
# Builds a lab guest image as an ext4 raw image plus the kernel and initramfs. The images are the two
# generations of the stack Proxmox runs on:
#   debian12  Debian 12 bookworm: kernel 6.1, lvm2 2.03.16, thin-provisioning-tools 0.9.0, OpenJDK 17 (Proxmox 8)
#   debian13  Debian 13 trixie: kernel 6.12, lvm2 2.03.31, thin-provisioning-tools 1.1.0, OpenJDK 21 (Proxmox 9)
#
#   lab/build-image.sh [IMAGE]            build into $LAB_HOME/images/IMAGE-<key>/ unless it is there already
#   lab/build-image.sh --print [IMAGE]    print the image directory (nothing is built)
#   lab/build-image.sh --list             print the image names
# IMAGE defaults to debian12. <key> is a hash of this script, guest/lab-init and IMAGE, so changing either
# file builds new images; older images of the same name are removed after a successful build. LAB_HOME
# defaults to a cache folder outside the checkout.
# Needs root (debootstrap, chroot). Installs debootstrap, qemu and e2fsprogs with apt when missing.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
LAB_HOME=${LAB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/runbook-lab}
IMAGES="debian12 debian13"
PRINT=
case ${1:-} in
  --list) echo "$IMAGES"; exit 0;;
  --print) PRINT=1; shift;;
esac
NAME=${1:-debian12}
case $NAME in
  debian12) SUITE=bookworm; JRE=openjdk-17-jre-headless;;
  debian13) SUITE=trixie;   JRE=openjdk-21-jre-headless;;
  *) echo "build-image: unknown image '$NAME' (one of: $IMAGES)" >&2; exit 64;;
esac
KEY=$( { cat "$LAB/build-image.sh" "$LAB/guest/lab-init"; echo "$NAME"; } | sha256sum | cut -c1-16)
IMG=$LAB_HOME/images/$NAME-$KEY
if [ -n "$PRINT" ]; then echo "$IMG"; exit 0; fi
[ -f "$IMG/root.img" ] && [ -f "$IMG/vmlinuz" ] && [ -f "$IMG/initrd.img" ] && exit 0

[ "$(id -u)" = 0 ] || { echo "build-image: needs root (debootstrap and chroot); run it with sudo" >&2; exit 1; }
mkdir -p "$LAB_HOME"
exec 9>"$LAB_HOME/build-$NAME.lock"
flock 9   # a second build of the same cache waits here, then finds the image done
[ -f "$IMG/root.img" ] && [ -f "$IMG/vmlinuz" ] && [ -f "$IMG/initrd.img" ] && exit 0

# the host tools: the lab must work on a fresh machine (CI)
"$LAB/host-tools.sh"

# Debian mirrors: the ones this machine's apt already uses (override with MIRROR / SECMIRROR).
apt_uris(){ { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/{for(i=2;i<=NF;i++) print $i}';
            cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '/^deb /{print ($2 ~ /^\[/ ? $3 : $2)}'; } || true; }
MIRROR=${MIRROR:-$(apt_uris | grep -v -- '-security' | grep '/debian/*$' | head -n1 || true)}
SECMIRROR=${SECMIRROR:-$(apt_uris | grep -- '/debian-security/*$' | head -n1 || true)}
[ -n "$MIRROR" ] || { echo "build-image: no Debian mirror found in the host's apt sources; set MIRROR=<url of a Debian mirror>" >&2; exit 1; }
B=$LAB_HOME/build/$NAME-$KEY
R=$B/rootfs
t0=$(date +%s)
log(){ echo "[build $(($(date +%s)-t0))s] $*"; }

umount_chroot(){ for m in dev/pts dev proc sys; do mountpoint -q "$R/$m" && umount -l "$R/$m" || true; done; }
trap umount_chroot EXIT

mkdir -p "$B"
if [ ! -e "$R/.debootstrap-done" ]; then
  rm -rf "$R"
  log "$NAME: debootstrap minbase $SUITE from $MIRROR"
  debootstrap --variant=minbase "$SUITE" "$R" "$MIRROR" > "$B/debootstrap.log" 2>&1 \
    || { tail -30 "$B/debootstrap.log"; echo "build-image: debootstrap failed (log: $B/debootstrap.log)" >&2; exit 1; }
  touch "$R/.debootstrap-done"
fi

cat > "$R/etc/apt/sources.list" <<S
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
${SECMIRROR:+deb $SECMIRROR $SUITE-security main}
S
printf '#!/bin/sh\nexit 101\n' > "$R/usr/sbin/policy-rc.d"; chmod +x "$R/usr/sbin/policy-rc.d"
mount --bind /dev "$R/dev"; mount --bind /dev/pts "$R/dev/pts"; mount -t proc proc "$R/proc"; mount -t sysfs sys "$R/sys"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
# lsof + psmisc (fuser): what the playbook uses to name the holders of an open thin volume;
# openssh-server + iproute2: a job reached over ssh through a forwarded port (lab.sh -s, job 15)
PKGS="linux-image-amd64 initramfs-tools kmod udev lvm2 thin-provisioning-tools $JRE fio procps util-linux e2fsprogs lsof psmisc xxd openssh-server iproute2"
log "apt-get install: $PKGS"
chroot "$R" apt-get update -qq
chroot "$R" apt-get install -y -qq --no-install-recommends $PKGS > "$B/apt.log" 2>&1 \
  || { tail -30 "$B/apt.log"; echo "build-image: apt-get install in the guest rootfs failed (log: $B/apt.log)" >&2; exit 1; }
chroot "$R" apt-get clean
# no host keys in the image: every guest would share them; a boot with ssh gets a key made for it (lab.sh -s)
rm -f "$R"/etc/ssh/ssh_host_*

# guest init (PID 1)
install -m 0755 "$LAB/guest/lab-init" "$R/sbin/lab-init"
mkdir -p "$R/mnt/lab"
echo lvmlab > "$R/etc/hostname"
printf '127.0.0.1 localhost lvmlab\n' > "$R/etc/hosts"
printf '/dev/vda / ext4 rw 0 1\n' > "$R/etc/fstab"
# no dmeventd in the guest (no systemd): without this lvm tries to monitor pools it cannot monitor
sed -i 's/^\(\s*\)# monitoring = 1/\1monitoring = 0/' "$R/etc/lvm/lvm.conf"
grep -qE '^\s*monitoring = 0' "$R/etc/lvm/lvm.conf" || { echo "build-image: could not disable monitoring in lvm.conf" >&2; exit 1; }

KVER=$(ls "$R/lib/modules" | sort -V | tail -1)
log "kernel $KVER"
MODS="dm-thin-pool dm-persistent-data dm-snapshot 9p 9pnet_virtio virtio_blk ext4 virtio_net"
for m in $MODS; do
  chroot "$R" modinfo -k "$KVER" -F filename $m >/dev/null || { echo "build-image: module $m missing from the guest kernel" >&2; exit 1; }
done
mkdir -p "$IMG.tmp"
cp "$R/boot/vmlinuz-$KVER" "$IMG.tmp/vmlinuz"; cp "$R/boot/initrd.img-$KVER" "$IMG.tmp/initrd.img"
# slim the rootfs: a virtio guest needs no hardware drivers, docs or apt lists (of the network drivers
# only virtio's stays, for the user network of lab.sh -s)
K=$R/lib/modules/$KVER/kernel
find "$K/drivers/net" -mindepth 1 -maxdepth 1 ! -name 'virtio_net.ko*' ! -name 'net_failover.ko*' -exec rm -rf {} +
rm -rf "$K/sound" "$K/net/wireless" "$K/net/bluetooth" "$K/net/mac80211" \
       "$K"/drivers/{gpu,media,infiniband,staging,usb,hid,input,iio,bluetooth,hwmon,isdn,mmc,mtd,nfc,platform,power,thunderbolt,video,w1,watchdog,edac,leds,misc,firewire,spi,i2c,pinctrl,gnss,comedi}
rm -rf "$R"/boot/* "$R"/var/lib/apt/lists/* "$R"/usr/share/doc/* "$R"/usr/share/man/* "$R"/usr/share/locale/*
chroot "$R" depmod -a "$KVER"
for m in $MODS; do
  chroot "$R" modinfo -k "$KVER" -F filename $m >/dev/null || { echo "build-image: slimming removed module $m" >&2; exit 1; }
done
INFO=$( echo "image: $NAME ($SUITE)"; echo "key: $KEY"; echo "built: $(date -u +%FT%TZ)"; echo "kernel: $KVER"
  chroot "$R" dpkg-query -W -f='${Package} ${Version}\n' lvm2 thin-provisioning-tools $JRE linux-image-amd64 openssh-server )
umount_chroot

SZ_MB=$(( $(du -sm "$R" | cut -f1) + 300 ))
log "mkfs.ext4 -d rootfs (${SZ_MB}M)"
mkfs.ext4 -q -F -L labroot -d "$R" "$IMG.tmp/root.img" "${SZ_MB}M"
{ echo "$INFO"; echo "build time: $(($(date +%s)-t0))s"; } > "$IMG.tmp/BUILD-INFO"
rm -rf "$IMG"; mv "$IMG.tmp" "$IMG"
# the rootfs and the images of older keys are not needed any more
rm -rf "$B"
# (images of the other name stay; a folder named by the key alone is an image of the one-image layout)
for d in "$LAB_HOME"/images/"$NAME"-*/ "$LAB_HOME"/images/????????????????/; do
  [ -d "$d" ] && [ "${d%/}" != "$IMG" ] && rm -rf "$d"; done
for d in "$LAB_HOME"/build/"$NAME"-*/; do [ -d "$d" ] && [ "${d%/}" != "$B" ] && rm -rf "$d"; done
cat "$IMG/BUILD-INFO"
log "done: $IMG"
