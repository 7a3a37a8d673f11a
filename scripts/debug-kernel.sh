#!/usr/bin/env bash
# just debug: QEMU waits for gdb at reset; gdb-multiarch (installed on first
# use) loads the kernel's ELF, whose DWARF line tables map every instruction
# to its Java source line, and finds the sources of every module.
#   break Kernel.java:40     continue     bt     next     info registers
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v gdb-multiarch >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends gdb-multiarch >/dev/null
fi
# The root filesystem image as the initrd, as `just run` boots it, when it has been built.
initrd=(); [ -f "$root/build/rootfs.img" ] && initrd=(-initrd "$root/build/rootfs.img")
qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1G -nographic -no-reboot -nic none \
  -kernel "$root/build/kernel/Image" "${initrd[@]}" -S -gdb tcp::1234 &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
dirs=()
for d in "$root"/kernel/src/main/java "$root"/arch/aarch64/src/main/java "$root"/libkernel/src/main/java \
         "$root"/fs/src/main/java "$root"/jcc/runtime/src/main/java "$root"/arch/aarch64/src/main/asm; do
  [ -d "$d" ] && dirs+=(-ex "directory $d")
done
gdb-multiarch -q "${dirs[@]}" -ex "file $root/build/kernel/Image.elf" -ex "target remote :1234" "$@"
