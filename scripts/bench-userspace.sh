#!/usr/bin/env bash
# User programs on Lichen against Linux (figures, never verdicts): the same
# guest program, `/bin/usertest --bench` (usertest/.../bench), as /init's
# command on each kernel, in the same QEMU (virt, cortex-a72, TCG) with the
# same CPU count and memory; Linux with kpti=0 (scripts/run-linux.sh). Then
# a table: each figure on both kernels and the ratio Lichen / Linux (below 1
# is Lichen faster). Boot to init is the median over BOOTS boots of each
# kernel of what run-lichen.sh and run-linux.sh print as "QEMU start to
# /init" (the host's clock, to /init's first line).
#
#   scripts/bench-userspace.sh              every benchmark
#   BENCH='getpid pipe_pingpong' scripts/bench-userspace.sh
#
# Variables: BENCH (benchmark names, default all), BENCH_SMP (CPUs for both,
# default 2, run-lichen's default), BENCH_MEM (memory for both, default 1G,
# what Lichen needs with the image in RAM), BOOTS (default 3).
# The two kernels run back to back, then their extra boots alternate, so a
# change in the host's load falls on both.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
smp="${BENCH_SMP:-2}"
mem="${BENCH_MEM:-1G}"
boots="${BOOTS:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# kernel (lichen or linux), command, log name: the console in $out/NAME.log,
# the script's timing line in $out/NAME.err.
boot() {
  LICHEN_SMP="$smp" LINUX_SMP="$smp" LICHEN_MEM="$mem" LINUX_MEM="$mem" INIT="$2" \
    "$root/scripts/run-$1.sh" > "$out/$3.log" 2> "$out/$3.err" < /dev/null
  local status=$?
  [ "$status" = 0 ] || echo "bench-userspace: $1 ($2) ended with status $status (see its lines below)" >&2
}
boot_ms() { sed -n 's/.*QEMU start to \/init \([0-9]*\) ms.*/\1/p' "$out/$1.err"; }

for kernel in lichen linux; do
  echo "bench-userspace: $kernel, /bin/usertest --bench ${BENCH:-}" >&2
  boot "$kernel" "/bin/usertest --bench ${BENCH:-}" "$kernel-bench"
  tr -d '\r' < "$out/$kernel-bench.log" | grep -E '^BENCH' > "$out/$kernel.lines"
  grep -h '^BENCH-ERROR' "$out/$kernel.lines" >&2
  boot_ms "$kernel-bench" > "$out/$kernel.boots"
done
for ((i = 2; i <= boots; i++)); do
  for kernel in lichen linux; do
    boot "$kernel" true "$kernel-boot$i"
    boot_ms "$kernel-boot$i" >> "$out/$kernel.boots"
  done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# The guest prints nanoseconds; the table shows microseconds, which reads
# better from getpid's few to fork+exec's thousands.
figure() { awk -v n="$2" '$1 == "BENCH" && $2 == n { printf "%.2f\n", $3 / 1000; exit }' "$out/$1.lines"; }
unit() { awk -v n="$1" '$1 == "BENCH" && $2 == n { sub(/^ns/, "us", $4); print $4; exit }' "$out/lichen.lines" "$out/linux.lines"; }
row() { # name unit lichen linux
  awk -v name="$1" -v unit="$2" -v a="$3" -v b="$4" 'BEGIN {
    ratio = (a != "" && b != "" && b > 0) ? sprintf("%.2f", a / b) : "-"
    printf "%-20s %-9s %12s %12s %7s\n", name, unit, a == "" ? "-" : a, b == "" ? "-" : b, ratio
  }'
}

echo "bench-userspace: $(date +%F), QEMU $(qemu-system-aarch64 --version | awk 'NR == 1 { print $4 }') TCG on $(nproc) host cores," \
     "virt cortex-a72 -smp $smp -m $mem; Linux $(cat "$root/build/linux/package" 2>/dev/null) kpti=0"
printf "%-20s %-9s %12s %12s %7s\n" name unit lichen linux ratio
row boot_to_init ms "$(median "$out/lichen.boots")" "$(median "$out/linux.boots")"
names="$(cat "$out/lichen.lines" "$out/linux.lines" | awk '$1 == "BENCH" && !seen[$2]++ { print $2 }')"
for name in $names; do
  row "$name" "$(unit "$name")" "$(figure lichen "$name")" "$(figure linux "$name")"
done
echo "bench-userspace: boots to /init (ms): lichen $(paste -sd' ' "$out/lichen.boots"), linux $(paste -sd' ' "$out/linux.boots")"
