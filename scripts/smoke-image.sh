#!/usr/bin/env bash
# A smoke test of the image itself, no kernel of ours: the unpacked tree's
# programs run under qemu-aarch64 -L (user mode; glibc's loader and libraries
# come from the tree). One PASS/FAIL line per check, then "N passed, N failed";
# the exit status is 0 only when none failed.
#
# qemu-user runs one program at a time (a child it starts would be the host's
# binary of the same path) and has no ptrace, so: shell built-ins only, strace
# by its version, and every dynamically linked program's libraries checked by
# glibc's loader in list mode (ld.so --list, what ldd does).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tree="${TREE:-$root/build/rootfs-tree}"
[ -x "$tree/init" ] || { echo "smoke-image: no image tree at $tree (just image builds it)" >&2; exit 1; }
passed=0 failed=0
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

run() { QEMU_LD_PREFIX="$tree" timeout 30 qemu-aarch64 -L "$tree" "$@"; }

check() { # name expected-substring program-in-tree args...
  local name=$1 want=$2 prog=$3; shift 3
  run "$tree$prog" "$@" >"$out" 2>&1
  local status=$?
  if [ "$status" -eq 0 ] && { [ -z "$want" ] || grep -q -- "$want" "$out"; }; then
    echo "PASS $name"; passed=$((passed + 1))
  else
    echo "FAIL $name (status $status, wanted '$want'):"; head -5 "$out" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

check bash_runs_builtins 42 /usr/bin/bash -c 'x=6; echo $((x * 7))'
check bash_version 'GNU bash' /usr/bin/bash --version
check busybox_lists_applets ash /usr/bin/busybox --list
check busybox_ash_builtins ash-ok /usr/bin/busybox sh -c 'x=ash-ok; echo $x'
check busybox_applet_link 'BusyBox' /usr/bin/sh --help
check sh_is_busybox busybox /usr/bin/busybox readlink "$tree/usr/bin/sh"
check ls_lists_the_tree busybox /usr/bin/ls "$tree/usr/bin"
check ls_long_format init /usr/bin/ls -l "$tree/init"
check cat_reads_passwd 'root:x:0:0' /usr/bin/cat "$tree/etc/passwd"
# ps -q reads the named process only: qemu-user's /proc breaks procps' full scan.
check ps_shows_one_process PID /usr/bin/ps -o pid,comm -q 1
check ps_version procps-ng /usr/bin/ps --version
check free_shows_memory Mem: /usr/bin/free
check top_version procps-ng /usr/bin/top -V
check strace_version 'strace -- version' /usr/bin/strace -V
check mount_version util-linux /usr/bin/mount --version
check findmnt_version util-linux /usr/bin/findmnt --version
check musl_static_program 'failures: 0' /usr/local/bin/muslcheck-static
check musl_dynamic_program 'failures: 0' /usr/local/bin/muslcheck-dynamic
check init_is_posix_sh_syntax '' /usr/bin/busybox sh -n "$tree/init"
check image_selftest_is_sh_syntax '' /usr/bin/busybox sh -n "$tree/usr/bin/image-selftest"

# Every dynamically linked program and library finds what it needs in the tree.
missing=""
count=0
while IFS= read -r f; do
  head -c 4 "$f" 2>/dev/null | grep -q 'ELF' || continue
  grep -q 'ld-linux-aarch64.so.1' "$f" || continue  # statically linked: no loader
  count=$((count + 1))
  # The path as the guest sees it: -L maps it into the tree.
  if ! listing="$(run "$tree/usr/lib/ld-linux-aarch64.so.1" --list "${f#"$tree"}" 2>&1)"; then
    missing="$missing ${f#"$tree"}: $(printf '%s' "$listing" | sed -n 's/.*loading shared libraries: \([^:]*\):.*/\1/p' | head -1)"
  fi
done < <(find "$tree/usr/bin" "$tree/usr/sbin" -maxdepth 1 -type f)
if [ "$count" -gt 50 ] && [ -z "$missing" ]; then
  echo "PASS every_program_finds_its_libraries ($count programs)"; passed=$((passed + 1))
else
  echo "FAIL every_program_finds_its_libraries ($count programs):$missing"; failed=$((failed + 1))
fi

if [ -f "$tree/usr/bin/usertest" ]; then
  # ELF magic, 64-bit, little-endian (bytes 0-5); e_machine 183, EM_AARCH64 (bytes 18-19).
  header="$(od -A n -t x1 -N 20 "$tree/usr/bin/usertest" | tr -d ' \n')"
  if [ "${header:0:12}" = 7f454c460201 ] && [ "${header:36:4}" = b700 ]; then
    echo "PASS usertest_is_aarch64_elf"; passed=$((passed + 1))
  else
    echo "FAIL usertest_is_aarch64_elf: not an AArch64 ELF executable"; failed=$((failed + 1))
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
