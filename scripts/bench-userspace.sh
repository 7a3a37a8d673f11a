#!/usr/bin/env bash
# User programs on Lichen against Linux (figures, never verdicts): the same
# guest program, `/bin/usertest --bench` (usertest/.../bench), as /init's
# command on each kernel, in the same QEMU (virt, cortex-a72, TCG) with the
# same CPU count and memory; Linux with kpti=0 (scripts/run-linux.sh). Then
# a table: each figure on both kernels and the ratio Lichen / Linux (below 1
# is Lichen faster). Each figure is the median of RUNS runs; boot to init is
# the median of the runs' "QEMU start to /init" (the host's clock, to /init's
# first line, as run-lichen.sh and run-linux.sh print it).
#
#   scripts/bench-userspace.sh              every benchmark
#   BENCH='getpid pipe_pingpong' scripts/bench-userspace.sh
#
# Variables: BENCH (benchmark names, default all), BENCH_SMP (CPUs for both,
# default 2, run-lichen's default), BENCH_MEM (memory for both, default 1G,
# what Lichen needs with the image in RAM), RUNS (default 3).
# The kernels alternate, run by run, so a change in the host's load falls on
# both.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
smp="${BENCH_SMP:-2}"
mem="${BENCH_MEM:-1G}"
runs="${RUNS:-3}"
load_before="$(cut -d' ' -f1 /proc/loadavg)"  # the host is shared: its load says how far to trust the figures
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# kernel (lichen or linux), run number: the console in $out/KERNEL.RUN.log,
# the script's timing line in .err, the BENCH lines in .lines, the boot time
# appended to $out/KERNEL.boots.
bench() {
  local log="$out/$1.$2"
  LICHEN_SMP="$smp" LINUX_SMP="$smp" LICHEN_MEM="$mem" LINUX_MEM="$mem" INIT="/bin/usertest --bench ${BENCH:-}" \
    "$root/scripts/run-$1.sh" > "$log.log" 2> "$log.err" < /dev/null
  local status=$?
  [ "$status" = 0 ] || echo "bench-userspace: $1, run $2, ended with status $status" >&2
  tr -d '\r' < "$log.log" | grep -E '^BENCH' > "$log.lines"
  grep -h '^BENCH-ERROR' "$log.lines" >&2
  sed -n 's/.*QEMU start to \/init \([0-9]*\) ms.*/\1/p' "$log.err" >> "$out/$1.boots"
}

for ((run = 1; run <= runs; run++)); do
  for kernel in lichen linux; do
    echo "bench-userspace: run $run of $runs, $kernel" >&2
    bench "$kernel" "$run"
  done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# The guest prints nanoseconds; the table shows microseconds, which reads
# better from getpid's few to fork+exec's thousands.
figure() { # kernel name: the median over the runs
  cat "$out/$1".*.lines | awk -v n="$2" '$1 == "BENCH" && $2 == n { printf "%.2f\n", $3 / 1000 }' > "$out/values"
  median "$out/values"
}
unit() { cat "$out"/*.lines | awk -v n="$1" '$1 == "BENCH" && $2 == n { sub(/^ns/, "us", $4); print $4; exit }'; }
row() { # name unit lichen linux
  awk -v name="$1" -v unit="$2" -v a="$3" -v b="$4" 'BEGIN {
    ratio = (a != "" && b != "" && b > 0) ? sprintf("%.2f", a / b) : "-"
    printf "%-20s %-9s %12s %12s %7s\n", name, unit, a == "" ? "-" : a, b == "" ? "-" : b, ratio
  }'
}

echo "bench-userspace: $(date +%F), QEMU $(qemu-system-aarch64 --version | awk 'NR == 1 { print $4 }') TCG on $(nproc) host cores," \
     "virt cortex-a72 -smp $smp -m $mem, median of $runs runs; Linux $(cat "$root/build/linux/package" 2>/dev/null) kpti=0"
printf "%-20s %-9s %12s %12s %7s\n" name unit lichen linux ratio
row boot_to_init ms "$(median "$out/lichen.boots")" "$(median "$out/linux.boots")"
names="$(cat "$out"/*.lines | awk '$1 == "BENCH" && !seen[$2]++ { print $2 }')"
for name in $names; do
  row "$name" "$(unit "$name")" "$(figure lichen "$name")" "$(figure linux "$name")"
done
# The parallel speed-up: one CPU-bound process's time per step over four side by side (ParallelWorkBench).
speedup() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b; else printf "-" }'; }
if grep -qs 'cpu_bound_x4' "$out"/*.lines; then
  echo "bench-userspace: parallel speed-up of 4 CPU-bound processes on $smp CPUs (cpu_bound_x1 / cpu_bound_x4):" \
       "lichen $(speedup "$(figure lichen cpu_bound_x1)" "$(figure lichen cpu_bound_x4)")," \
       "linux $(speedup "$(figure linux cpu_bound_x1)" "$(figure linux cpu_bound_x4)")"
fi
echo "bench-userspace: boots to /init (ms): lichen $(paste -sd' ' "$out/lichen.boots"), linux $(paste -sd' ' "$out/linux.boots");" \
     "host load average $load_before before, $(cut -d' ' -f1 /proc/loadavg) after"
