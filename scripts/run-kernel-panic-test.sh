#!/usr/bin/env bash
# Boots lichen.kernel.selftest.PanicProbe (a kernel that panics on purpose
# once every CPU is online) and checks what a panic must do: the message, a
# backtrace naming the Java frames with their lines, the other CPUs stopped,
# and exit status 1 out of QEMU (semihosting).
set -uo pipefail
image="$1"
log="$(mktemp)"
timeout "${KERNEL_TEST_TIMEOUT:-60}" qemu-system-aarch64 -M virt -cpu cortex-a72 -m 512M -smp 2 -nographic -no-reboot \
  -nic none -semihosting-config enable=on,target=native -kernel "$image" > "$log"
status=$?
tr -d '\r' < "$log"
fail() { echo "panic test: $1" >&2; rm -f "$log"; exit 1; }
[ "$status" -eq 1 ] || fail "QEMU exited with status $status, expected 1"
out="$(tr -d '\r' < "$log")"
grep -q 'java.lang.IllegalStateException: panic probe: deliberate' <<<"$out" || fail "no panic message"
grep -qE 'at lichen\.kernel\.selftest\.PanicProbe\.descend\(PanicProbe\.java:[0-9]+\)' <<<"$out" || fail "no backtrace frame with its line"
grep -qE 'at lichen\.kernel\.selftest\.PanicProbe\.start\(PanicProbe\.java:[0-9]+\)' <<<"$out" || fail "the backtrace does not reach start"
grep -q 'cpus: 2 of 2 online' <<<"$out" || fail "the second CPU was not online before the panic"
grep -q 'cpus: the other CPUs are stopped' <<<"$out" || fail "the other CPUs were not stopped"
grep -q 'not reached' <<<"$out" && fail "code after the throw ran"
rm -f "$log"
echo "panic test: message, backtrace, CPUs stopped, status 1"
