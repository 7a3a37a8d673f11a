#!/usr/bin/env bash
# Lichen on the image: build/kernel/Image in QEMU virt (cortex-a72, two CPUs)
# with the root-filesystem image as its root disk, then /init.
#   ROOT=virtio (the default): the image is a virtio-blk disk (root=/dev/vda),
#     with a virtio-rng beside it. Writes are dropped at exit (QEMU's
#     snapshot=on) unless PERSIST=1, which writes them to IMAGE (`just run` does).
#   ROOT=initrd: the image is loaded whole into RAM as the initrd; writes stay
#     in RAM and are gone at power-off.
#
#   scripts/run-lichen.sh                 a shell on the serial console (Ctrl-A x quits QEMU)
#   INIT='cmd args' scripts/run-lichen.sh runs the command as /init's child, then powers off;
#                                         the exit status is the command's (scripts/guest-init.sh)
#
# Variables: IMAGE (default build/rootfs.img), ROOT, PERSIST, NET, NET_PORT, INIT, GIC (2 or 3, default 2), LICHEN_CPU
# (default cortex-a72; max has PAN),
# MEM (default 1G: the image is in RAM), SMP (default 2), GUEST_TIMEOUT
# (default 600 s), which mean the same to run-linux.sh; LICHEN_MEM and
# LICHEN_SMP override MEM and SMP here only; LICHEN_APPEND (more kernel parameters).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kernel="$root/build/kernel/Image"
image="${IMAGE:-$root/build/rootfs.img}"
[ -r "$kernel" ] || { echo "run-lichen: no $kernel (just kernel builds it)" >&2; exit 1; }
[ -r "$image" ] || { echo "run-lichen: no $image (just image builds it)" >&2; exit 1; }

case "${ROOT:-virtio}" in
  virtio)
    snapshot=on; [ "${PERSIST:-0}" = 1 ] && snapshot=off
    # force-legacy=false: QEMU's virtio-mmio gives the modern (version 2) interface, the one the kernel drives.
    root_disk=(-global virtio-mmio.force-legacy=false -drive "file=$image,if=none,id=root,format=raw,snapshot=$snapshot"
      -device virtio-blk-device,drive=root -device virtio-rng-device)
    root_arg="root=/dev/vda rw" ;;
  initrd) root_disk=(-initrd "$image"); root_arg="" ;;
  *) echo "run-lichen: ROOT=$ROOT is neither virtio nor initrd" >&2; exit 2 ;;
esac
# NET=1: a virtio-net device on QEMU's user-mode network, the host's port NET_PORT (default 8080)
# forwarded to the guest's port 80 (`just run` sets it). Off by default: a fixed host port would
# clash between QEMUs run at once.
net=(-nic none)
if [ "${NET:-0}" = 1 ]; then
  net=(-netdev "user,id=net0,hostfwd=tcp::${NET_PORT:-8080}-:80" -device virtio-net-device,netdev=net0)
fi
append="console=ttyAMA0 $root_arg init=/init ${LICHEN_APPEND:-}"
build_qemu() {
  qemu=(qemu-system-aarch64 -M "virt,gic-version=${GIC:-2}" -cpu "${LICHEN_CPU:-cortex-a72}" -m "${LICHEN_MEM:-${MEM:-1G}}" -smp "${LICHEN_SMP:-${SMP:-2}}"
    -nographic -no-reboot "${net[@]}" -kernel "$kernel" "${root_disk[@]}"
    -append "$append")
}
name=run-lichen
source "$root/scripts/guest-init.sh"
