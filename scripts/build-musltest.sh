#!/usr/bin/env bash
# Builds musltest/muslcheck.c against Debian's musl (the musl and musl-dev
# arm64 packages, with libgcc-12-dev for the soft long double routines musl's
# printf needs) with the clang and ld.lld of jcc's LLVM artifact, twice:
#
#   build/musltest/muslcheck-static    static (crt1.o, libc.a)
#   build/musltest/muslcheck-dynamic   dynamic, PT_INTERP /lib/ld-musl-aarch64.so.1
#
# The image carries the musl package (its loader and libc.so) and both
# programs (scripts/create-image.sh), so a musl program's start-up, loader and
# libc run under either kernel without an Alpine tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/musltest"
sysroot="$out/sysroot"
mkdir -p "$out"
mapfile -t debs < <("$root/scripts/fetch-debs.sh" --no-deps musl musl-dev libgcc-12-dev)
rm -rf "$sysroot"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$sysroot"; done
clang="$("$root/jcc/bin/jcc" tool clang)"
lld="$("$root/jcc/bin/jcc" tool ld.lld)"
lib="$sysroot/usr/lib/aarch64-linux-musl"
libgcc="$(ls "$sysroot"/usr/lib/gcc/aarch64-linux-gnu/*/libgcc.a | head -1)"
"$clang" --target=aarch64-linux-musl -nostdinc -isystem "$sysroot/usr/include/aarch64-linux-musl" \
  -O2 -Wall -Werror -c "$root/musltest/muslcheck.c" -o "$out/muslcheck.o"
"$lld" -static -o "$out/muslcheck-static" "$lib/crt1.o" "$lib/crti.o" "$out/muslcheck.o" \
  "$lib/libc.a" "$libgcc" "$lib/crtn.o"
"$lld" -dynamic-linker /lib/ld-musl-aarch64.so.1 -o "$out/muslcheck-dynamic" "$lib/crt1.o" "$lib/crti.o" \
  "$out/muslcheck.o" -L "$sysroot/lib/aarch64-linux-musl" -lc "$libgcc" "$lib/crtn.o"
echo "build-musltest: $out/muslcheck-static, $out/muslcheck-dynamic"
