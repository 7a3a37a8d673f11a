#!/usr/bin/env bash
# Linux as the oracle: boots Debian's arm64 cloud kernel (bookworm, from the
# same archive as the image's packages) in QEMU virt, cortex-a72, with the
# root-filesystem image on NVMe (the cloud kernel has ext4, NVMe and the PL011
# built in, so no initramfs is needed).
#
#   scripts/run-linux.sh                 a shell on the serial console (Ctrl-A x quits QEMU)
#   INIT='cmd args' scripts/run-linux.sh runs the command as /init's child, then powers off;
#                                        the exit status is the command's (scripts/guest-init.sh)
#
# Variables: IMAGE (default build/rootfs.img), PERSIST (1: writes reach the image), INIT, MEM (default 1G, as run-lichen.sh), SMP
# (default 1), GUEST_TIMEOUT (default 600 s), which mean the same to
# run-lichen.sh; LINUX_MEM, LINUX_SMP and LINUX_TIMEOUT override them here
# only; LINUX_APPEND (more kernel parameters).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
linux_dir="$root/build/linux"
image="${IMAGE:-$root/build/rootfs.img}"
[ -r "$image" ] || { echo "run-linux: no $image (just image builds it)" >&2; exit 1; }

# The kernel: the metapackage linux-image-cloud-arm64 names the current
# linux-image-6.1.0-N-cloud-arm64; its vmlinuz is unpacked into build/linux.
kernel="$linux_dir/vmlinuz"
if [ ! -s "$kernel" ]; then
  set -e
  meta="$("$root/scripts/fetch-debs.sh" --no-deps linux-image-cloud-arm64)"
  pkg="$(dpkg-deb -f "$meta" Depends | tr ',' '\n' | awk '$1 ~ /^linux-image-.*-cloud-arm64$/ { print $1; exit }')"
  [ -n "$pkg" ] || { echo "run-linux: $meta names no kernel package" >&2; exit 1; }
  deb="$("$root/scripts/fetch-debs.sh" --no-deps "$pkg")"
  rm -rf "$linux_dir/unpacked" && mkdir -p "$linux_dir/unpacked"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$linux_dir/unpacked" ./boot
  cp "$linux_dir/unpacked"/boot/vmlinuz-* "$kernel.part"
  cp "$linux_dir/unpacked"/boot/config-* "$linux_dir/config"
  rm -rf "$linux_dir/unpacked"
  echo "$pkg" > "$linux_dir/package"
  mv "$kernel.part" "$kernel"
  set +e
fi

# kpti=0: Debian's kernel forces page-table isolation on with KASLR, which
# makes each system call several times slower under TCG. Words after "--" are
# /init's arguments.
# Writes go to QEMU's snapshot, so the oracle's runs leave the image as built; PERSIST=1 writes them to it.
snapshot=on; [ "${PERSIST:-0}" = 1 ] && snapshot=off
append="console=ttyAMA0 root=/dev/nvme0n1 rootfstype=ext4 rw rootwait init=/init quiet panic=-1 kpti=0 ${LINUX_APPEND:-}"
build_qemu() {
  qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72 -m "${LINUX_MEM:-${MEM:-1G}}" -smp "${LINUX_SMP:-${SMP:-1}}"
    -nographic -no-reboot -nic none -kernel "$kernel"
    -drive "file=$image,if=none,id=d0,format=raw,snapshot=$snapshot" -device nvme,drive=d0,serial=lichen
    -append "$append")
}
name=run-linux
GUEST_TIMEOUT="${LINUX_TIMEOUT:-${GUEST_TIMEOUT:-600}}"
source "$root/scripts/guest-init.sh"
