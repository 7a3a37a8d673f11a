#!/usr/bin/env bash
# The virtio root keeps what is written: Lichen boots from a COPY of the image
# as its virtio-blk root (PERSIST=1), writes files (one small, one of 2 MiB,
# a directory, a rename and a removal) and powers off; then, on the host,
# `e2fsck -fn` must find the filesystem clean and `debugfs` must read the files
# back with the contents written. The kernel's power-off line must count
# flushes (the sync reached the device). build/rootfs.img is never touched.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
image="${IMAGE:-$root/build/rootfs.img}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
disk="$work/disk.img"
cp --sparse=always "$image" "$disk"
fail() { echo "test-persistence: FAIL: $*" >&2; exit 1; }

script='echo persisted-$((6*7)) > /root/small.txt
mkdir -p /root/dir
/usr/bin/seq 1 300000 > /root/dir/big.txt
echo temporary > /root/gone.txt
echo renamed > /root/before.txt
mv /root/before.txt /root/dir/after.txt
rm /root/gone.txt
/usr/bin/md5sum /root/dir/big.txt'
IMAGE="$disk" ROOT=virtio PERSIST=1 INIT="sh -c '$script'" GUEST_TIMEOUT="${GUEST_TIMEOUT:-120}" \
  "$root/scripts/run-lichen.sh" > "$work/console.log" 2>&1 || { cat "$work/console.log"; fail "the guest session failed"; }
flushes="$(sed -n 's/^lichen: virtio-blk: .* \([0-9][0-9]*\) flushes.*/\1/p' "$work/console.log")"
[ -n "$flushes" ] && [ "$flushes" -gt 0 ] || { cat "$work/console.log"; fail "no flush reached the device"; }

e2fsck -fn "$disk" > "$work/fsck.log" 2>&1 || { cat "$work/fsck.log"; fail "e2fsck -fn found errors"; }
read_back() { debugfs -R "cat $1" "$disk" 2>/dev/null; }
[ "$(read_back /root/small.txt)" = persisted-42 ] || fail "/root/small.txt does not read back"
[ "$(read_back /root/dir/after.txt)" = renamed ] || fail "/root/dir/after.txt (renamed) does not read back"
debugfs -R "stat /root/gone.txt" "$disk" 2>&1 | grep -q "File not found" || fail "/root/gone.txt was removed but is still there"
want="$(seq 1 300000 | md5sum | cut -d' ' -f1)"
[ "$(read_back /root/dir/big.txt | md5sum | cut -d' ' -f1)" = "$want" ] || fail "/root/dir/big.txt differs from what was written"
grep -q "^$want " "$work/console.log" || fail "the guest's md5sum of big.txt was not $want"
echo "test-persistence: clean e2fsck, 3 files and a removal read back by debugfs ($(sed -n 's/^lichen: //p' "$work/console.log"))"
