#!/usr/bin/env bash
# Kernel figures (no verdicts): the in-kernel benchmark's own lines, then the
# host's view of a whole boot of the normal image (QEMU start to power-off,
# best of 3), under TCG on this machine.
set -euo pipefail
bench="$1"; image="$2"
qemu() { qemu-system-aarch64 -M virt -cpu cortex-a72 -m 512M -nographic -no-reboot -nic none "$@"; }
qemu -semihosting-config enable=on,target=native -kernel "$bench" | tr -d '\r' | grep '^bench:'
best=""
for i in 1 2 3; do
  start=$(date +%s%N)
  qemu -kernel "$image" > /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "bench: QEMU start to power-off of build/kernel/Image (boot log and self-test included): ${best} ms (best of 3)"
