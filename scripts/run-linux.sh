#!/usr/bin/env bash
# Linux as the oracle: boots Debian's arm64 cloud kernel (bookworm, from the
# same archive as the image's packages) in QEMU virt, cortex-a72, with the
# root-filesystem image on NVMe (the cloud kernel has ext4, NVMe and the PL011
# built in, so no initramfs is needed).
#
#   scripts/run-linux.sh                 a shell on the serial console (Ctrl-A x quits QEMU)
#   INIT='cmd args' scripts/run-linux.sh runs the command as /init's child, then powers off;
#                                        the exit status is the command's
#
# /init prints "INIT-EXIT=N" before power-off (QEMU's own status is 0 after
# PSCI SYSTEM_OFF whatever happened); this script exits with N, or with 1 when
# the line never came (the command or the kernel died), or 124 after
# LINUX_TIMEOUT seconds (default 600). It prints how long QEMU took from its
# start to /init's first line and to power-off.
#
# Variables: IMAGE (default build/rootfs.img), INIT, LINUX_TIMEOUT, LINUX_MEM
# (default 512M), LINUX_SMP (default 1), LINUX_APPEND (more kernel parameters).
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
append="console=ttyAMA0 root=/dev/nvme0n1 rootfstype=ext4 rw rootwait init=/init quiet panic=-1 kpti=0 ${LINUX_APPEND:-}"
# The kernel splits at spaces and drops quotes, so a command that holds quotes,
# backslashes or runs of blanks is passed base64-encoded (/init decodes it).
if [ -n "${INIT:-}" ]; then
  case "$INIT" in
    *[\"\'\\$'\t\n']* | *"  "*) append="$append -- -c64 $(printf '%s' "$INIT" | base64 -w0)" ;;
    *) append="$append -- $INIT" ;;
  esac
fi
qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72 -m "${LINUX_MEM:-512M}" -smp "${LINUX_SMP:-1}"
  -nographic -no-reboot -nic none -kernel "$kernel"
  -drive "file=$image,if=none,id=d0,format=raw" -device nvme,drive=d0,serial=lichen
  -append "$append")

if [ -z "${INIT:-}" ]; then
  exec "${qemu[@]}"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
t0=$EPOCHREALTIME
t_init=""
exit_line=""
# The console is copied through as it comes; the marker lines are noted.
while IFS= read -r line; do
  line="${line%$'\r'}"
  printf '%s\n' "$line"
  case "$line" in
    "init: started"*) [ -n "$t_init" ] || t_init=$EPOCHREALTIME ;;
    INIT-EXIT=*) exit_line="$line" ;;
  esac
done < <(timeout "${LINUX_TIMEOUT:-600}" "${qemu[@]}" </dev/null 2>&1; echo "QEMU-STATUS=$?" > "$log")
t_end=$EPOCHREALTIME
qemu_status="$(sed -n 's/^QEMU-STATUS=//p' "$log")"

ms() { echo $(( (${2/./} - ${1/./}) / 1000 )); }
timing="QEMU start to power-off $(ms "$t0" "$t_end") ms"
[ -n "$t_init" ] && timing="QEMU start to /init $(ms "$t0" "$t_init") ms, $timing"
echo "run-linux: $timing" >&2

if [ "$qemu_status" = 124 ]; then
  echo "run-linux: timed out after ${LINUX_TIMEOUT:-600} s" >&2
  exit 124
fi
if [ -z "$exit_line" ]; then
  echo "run-linux: no INIT-EXIT line (QEMU status $qemu_status): the command or the kernel died" >&2
  exit 1
fi
status="${exit_line#INIT-EXIT=}"
case "$status" in '' | *[!0-9]*) echo "run-linux: bad line $exit_line" >&2; exit 1 ;; esac
exit "$status"
