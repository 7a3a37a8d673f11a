#!/usr/bin/env bash
# Boots a kernel test image under QEMU virt with semihosting, so the kernel's
# exit status becomes QEMU's. The verdict needs both: status 0 and a closing
# "N passed, 0 failed" line (a kernel that powered off early via PSCI would
# also exit 0). A hang is a failure after the timeout. GIC=2|3 picks QEMU's
# interrupt controller (the kernel is told which, to check it drives that one),
# SMP the number of CPUs, CPU QEMU's CPU model (cortex-a72; max has PAN, and the
# kernel is told to expect it). The root filesystem image (INITRD, default
# build/rootfs.img) is QEMU's -initrd, which the file-system tests read and write;
# a 1 MiB scratch disk of zeros (a fresh temporary file) is a virtio-blk device
# beside it, for the virtio-blk tests, a virtio-rng device for the entropy test,
# and a virtio-net device on QEMU's user-mode network (no ports forwarded).
set -uo pipefail
image="$1"
log="$(mktemp)"
scratch="$(mktemp)"
trap 'rm -f "$log" "$scratch"' EXIT
truncate -s 1M "$scratch"
gic="${GIC:-2}"
cpu="${CPU:-cortex-a72}"
args="expect-gic=$gic"
if [ "$cpu" = max ]; then args="$args expect-pan=1"; fi
timeout "${KERNEL_TEST_TIMEOUT:-120}" qemu-system-aarch64 -M "virt,gic-version=$gic" -cpu "$cpu" -m 1G -smp "${SMP:-2}" \
  -initrd "${INITRD:-build/rootfs.img}" -global virtio-mmio.force-legacy=false \
  -drive "file=$scratch,if=none,id=scratch,format=raw" -device virtio-blk-device,drive=scratch \
  -device virtio-rng-device -netdev user,id=net0 -device virtio-net-device,netdev=net0 -nographic -no-reboot -semihosting-config enable=on,target=native -kernel "$image" -append "$args" | tee "$log"
status=${PIPESTATUS[0]}
summary="$(tr -d '\r' < "$log" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)"
if [ "$status" -ne 0 ]; then echo "kernel test: QEMU exited with status $status" >&2; exit 1; fi
case "$summary" in
  *" passed, 0 failed") exit 0 ;;
  "") echo "kernel test: no summary line (the kernel stopped early)" >&2; exit 1 ;;
  *) exit 1 ;;
esac
