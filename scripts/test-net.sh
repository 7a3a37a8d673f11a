#!/usr/bin/env bash
# The served page (issue 15): boots the kernel with a virtio-net device on
# QEMU's user-mode network (NET=1, the host's port NET_PORT forwarded to the
# guest's 80), configures eth0 and the default route with BusyBox's ifconfig
# and route as on Linux, serves a directory with `busybox httpd`, and fetches
# from the host with curl through the forwarded port: a small page and a
# 3.3 MiB file (four copies of /bin/busybox) compared byte for byte with the
# image's tree. A CGI script (/cgi-bin/stop) tells the guest to power off
# (GUEST_TIMEOUT, default 120 s, bounds a guest never told).
# Prints the large fetch's rate as a figure (curl's speed_download), not a verdict.
#
#   scripts/test-net.sh             Lichen (scripts/run-lichen.sh)
#   RUNNER=linux scripts/test-net.sh  the same on Linux: needs a kernel with virtio-net and virtio-mmio
#                                   built in (Debian's cloud kernel has them as modules, which the image lacks)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runner="$root/scripts/run-${RUNNER:-lichen}.sh"
tree="$root/build/rootfs-tree"
port="${NET_PORT:-$((20000 + $$ % 20000))}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; [ -n "${guest:-}" ] && kill "$guest" 2>/dev/null' EXIT
[ -x "$tree/bin/busybox" ] || { echo "test-net: no $tree/bin/busybox (just image builds it)" >&2; exit 1; }
command -v curl >/dev/null || { echo "test-net: curl is not installed" >&2; exit 1; }

page='hello from the guest'
cmd="busybox ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up && busybox route add default gw 10.0.2.2 &&
mkdir -p /tmp/w/cgi-bin && echo '$page' > /tmp/w/index.html &&
cat /bin/busybox /bin/busybox /bin/busybox /bin/busybox > /tmp/w/big &&
printf '#!/bin/busybox sh\necho Content-Type: text/plain\necho\necho stopping\ntouch /tmp/stop\n' > /tmp/w/cgi-bin/stop &&
chmod +x /tmp/w/cgi-bin/stop && busybox httpd -p 80 -h /tmp/w && echo SERVING &&
until [ -e /tmp/stop ]; do sleep 0.1; done; sleep 0.2"
NET=1 NET_PORT="$port" GUEST_TIMEOUT="${GUEST_TIMEOUT:-120}" INIT="/bin/busybox sh -c \"$cmd\"" "$runner" > "$work/console" 2>&1 &
guest=$!

fail() { echo "test-net: FAIL: $*"; tail -20 "$work/console"; exit 1; }
for _ in $(seq 600); do
  grep -q '^SERVING' "$work/console" && break
  kill -0 "$guest" 2>/dev/null || fail "the guest ended before serving"
  sleep 0.1
done
grep -q '^SERVING' "$work/console" || fail "the guest did not start serving"

got="$(curl -sS -m 20 "http://127.0.0.1:$port/")" || fail "curl of / failed"
[ "$got" = "$page" ] || fail "/ read '$got', not '$page'"
cat "$tree/bin/busybox" "$tree/bin/busybox" "$tree/bin/busybox" "$tree/bin/busybox" > "$work/expected"
rate="$(curl -sS -m 60 -o "$work/big" -w '%{speed_download}' "http://127.0.0.1:$port/big")" || fail "curl of /big failed"
cmp -s "$work/expected" "$work/big" || fail "/big differs from the image's bytes ($(stat -c %s "$work/big") of $(stat -c %s "$work/expected") bytes)"
curl -sS -m 20 "http://127.0.0.1:$port/cgi-bin/stop" > /dev/null || fail "the stop request failed"
wait "$guest"; status=$?; guest=""
[ "$status" = 0 ] || fail "the guest's command ended with $status"
size="$(stat -c %s "$work/big")"
echo "test-net: ${RUNNER:-lichen}: / and a $size-byte file served by busybox httpd, fetched through hostfwd, intact;" \
  "the file at $(awk -v r="$rate" 'BEGIN { printf "%.2f", r / 1e6 }') MB/s"
