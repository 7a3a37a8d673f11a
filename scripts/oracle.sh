#!/usr/bin/env bash
# The oracle: one command on the same image under Debian's Linux and under
# Lichen, in the same QEMU; the lines /init's command printed (from
# "init: started" to "INIT-EXIT=N") must be the same on both.
#
#   scripts/oracle.sh 'cmd args'    prints a diff (Linux -, Lichen +) and exits 1 when they differ
#
# Kernel log lines are left out of the comparison: Linux's "[  1.234] ..." and
# Lichen's "lichen: ..." (an unimplemented call is logged there, and is
# visible in the output as the difference it makes).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: scripts/oracle.sh 'command'" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

program_lines() { # console log -> the command's lines
  sed -n '/^init: started/,/^INIT-EXIT=/p' "$1" | grep -v -e '^\[ *[0-9.]*\]' -e '^lichen: ' -e '^reboot: '
}
INIT="$1" "$root/scripts/run-linux.sh" > "$out/linux.log" 2> "$out/linux.err"
INIT="$1" "$root/scripts/run-lichen.sh" > "$out/lichen.log" 2> "$out/lichen.err"
grep -h -e 'QEMU start' "$out/linux.err" "$out/lichen.err" >&2
program_lines "$out/linux.log" > "$out/linux.lines"
program_lines "$out/lichen.log" > "$out/lichen.lines"
if diff -u --label linux --label lichen "$out/linux.lines" "$out/lichen.lines"; then
  echo "oracle: the same $(wc -l < "$out/linux.lines") lines on Linux and Lichen"
else
  grep -h '^lichen: ' "$out/lichen.log" | sort -u >&2
  echo "oracle: Lichen differs from Linux" >&2
  exit 1
fi
