#!/usr/bin/env bash
# Builds the root-filesystem image, ext4, without root (docs/image.md):
#
#   scripts/create-image.sh            build/rootfs.img from Debian bookworm arm64
#                                      packages (unpacked tree: build/rootfs-tree)
#   ALPINE_TARBALL=alpine-minirootfs-*-aarch64.tar.gz scripts/create-image.sh --alpine
#                                      build/rootfs-alpine.img from Alpine's
#                                      minirootfs (downloaded when no tarball is given)
#
# Both get the files under image/ (/init, /etc, /usr/bin/image-selftest, /usr/bin/tool-session), the
# directories the kernel mounts on, and /bin/usertest when build/usertest/usertest
# exists (USERTEST_BINARY=path names another), and /usr/local/bin/muslcheck-static
# and -dynamic when scripts/build-musltest.sh has built them. The packages come from the cache under
# build/apt (scripts/fetch-debs.sh): a rebuild from the cache takes seconds.
#
# Variables: IMAGE_FREE_MB (free space in the image, default 64), USERTEST_BINARY.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"

# Debian's packages for the image. Their libraries (and glibc's loader) come
# with them as dependencies; ncurses-base holds the terminfo top needs, bsdutils
# script(1) (a shell on a pseudo-terminal).
packages=(bash busybox coreutils procps strace util-linux mount bsdutils ncurses-base findutils grep sed gzip less musl)
# Needed only by maintainer scripts, which are never run here; leaving them out
# leaves out perl, dpkg and debconf.
exclude="init-system-helpers debconf cdebconf dpkg gawk original-awk"

flavour=debian
if [ "${1:-}" = "--alpine" ]; then flavour=alpine; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--alpine]" >&2; exit 2; }

if [ "$flavour" = debian ]; then
  tree="$build/rootfs-tree"; img="$build/rootfs.img"
else
  tree="$build/rootfs-alpine-tree"; img="$build/rootfs-alpine.img"
fi
start=$EPOCHREALTIME

# A tree made by a non-root build may hold read-only directories.
if [ -e "$tree" ]; then chmod -R u+w "$tree" 2>/dev/null || true; rm -rf "$tree"; fi
mkdir -p "$tree"

if [ "$flavour" = debian ]; then
  mapfile -t debs < <(FETCH_EXCLUDE="$exclude" "$root/scripts/fetch-debs.sh" "${packages[@]}")
  [ ${#debs[@]} -gt 0 ] || { echo "create-image: no packages fetched" >&2; exit 1; }
  # Merged /usr, as a bookworm installation has it: /bin, /sbin, /lib are
  # relative links into /usr (relative, so they resolve inside the tree for
  # qemu-aarch64 -L too). tar keeps them when a package holds ./bin/.
  mkdir -p "$tree/usr/bin" "$tree/usr/sbin" "$tree/usr/lib"
  ln -s usr/bin "$tree/bin"; ln -s usr/sbin "$tree/sbin"; ln -s usr/lib "$tree/lib"
  for deb in "${debs[@]}"; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tree" --keep-directory-symlink --no-same-owner
  done
  # Documentation, manuals and translations: a third of the tree, unused.
  rm -rf "$tree/usr/share/doc" "$tree/usr/share/man" "$tree/usr/share/info" "$tree/usr/share/locale" \
    "$tree/usr/share/lintian" "$tree/usr/share/bash-completion"

  # BusyBox's applet links where no package put a program; /bin/sh is BusyBox
  # ash (Debian's sh, dash, is not in the image). The applet list comes from
  # the binary itself, run under qemu-aarch64 (one program, no binfmt needed).
  ln -s busybox "$tree/usr/bin/sh"
  applets="$(qemu-aarch64 -L "$tree" "$tree/usr/bin/busybox" --list-full)"
  [ -n "$applets" ] || { echo "create-image: busybox --list-full printed nothing" >&2; exit 1; }
  for applet in $applets; do
    dir="${applet%/*}"; name="${applet##*/}"
    case "$dir" in bin | usr/bin) dir=usr/bin ;; sbin | usr/sbin) dir=usr/sbin ;; *) continue ;; esac
    [ -e "$tree/usr/bin/$name" ] || [ -L "$tree/usr/bin/$name" ] || [ -e "$tree/usr/sbin/$name" ] && continue
    if [ "$dir" = usr/bin ]; then ln -s busybox "$tree/$dir/$name"; else ln -s ../bin/busybox "$tree/$dir/$name"; fi
  done
  cp -R --no-preserve=ownership "$root/image/." "$tree/"
else
  tarball="${ALPINE_TARBALL:-}"
  if [ -z "$tarball" ]; then
    # The newest minirootfs from Alpine's mirror, kept under build/alpine.
    mirror="${ALPINE_MIRROR:-https://dl-cdn.alpinelinux.org/alpine}"
    mkdir -p "$build/alpine"
    index="$(curl -fsS --max-time 30 "$mirror/latest-stable/releases/aarch64/latest-releases.yaml")" || {
      echo "create-image: cannot reach $mirror; give ALPINE_TARBALL=path/to/alpine-minirootfs-*-aarch64.tar.gz" >&2
      exit 1
    }
    name="$(printf '%s\n' "$index" | awk '/file: alpine-minirootfs-.*-aarch64.tar.gz/ { print $2; exit }')"
    [ -n "$name" ] || { echo "create-image: no minirootfs in $mirror's release index" >&2; exit 1; }
    tarball="$build/alpine/$name"
    [ -s "$tarball" ] || curl -fsS -o "$tarball.part" "$mirror/latest-stable/releases/aarch64/$name"
    [ -s "$tarball" ] || mv "$tarball.part" "$tarball"
  fi
  [ -r "$tarball" ] || { echo "create-image: cannot read $tarball" >&2; exit 1; }
  tar -x -C "$tree" --no-same-owner -f "$tarball"
  [ -x "$tree/bin/busybox" ] || { echo "create-image: $tarball has no /bin/busybox" >&2; exit 1; }
  # Alpine keeps its own /etc (passwd, group, profile); ash is its shell.
  mkdir -p "$tree/usr/bin"
  cp --no-preserve=ownership "$root/image/init" "$tree/init"
  cp --no-preserve=ownership "$root/image/usr/bin/image-selftest" "$root/image/usr/bin/tool-session" "$tree/usr/bin/"
  cp --no-preserve=ownership "$root/image/etc/hostname" "$tree/etc/hostname"
fi

usertest="${USERTEST_BINARY:-$build/usertest/usertest}"
if [ -f "$usertest" ]; then
  install -m 755 "$usertest" "$tree/usr/bin/usertest"
  echo "create-image: /bin/usertest from ${usertest#"$root"/}" >&2
else
  echo "create-image: no $usertest (just usertest builds it); the image has no /bin/usertest" >&2
fi

# musl's programs (scripts/build-musltest.sh); the Debian image's musl package brings their loader.
for m in muslcheck-static muslcheck-dynamic; do
  if [ -f "$build/musltest/$m" ]; then
    mkdir -p "$tree/usr/local/bin"
    install -m 755 "$build/musltest/$m" "$tree/usr/local/bin/$m"
  fi
done

mkdir -p "$tree/proc" "$tree/sys" "$tree/dev" "$tree/tmp" "$tree/run" "$tree/root" "$tree/mnt" "$tree/var/tmp"
chmod 1777 "$tree/tmp" "$tree/var/tmp"
chmod 700 "$tree/root"
chmod 755 "$tree/init"

# Size: the tree plus IMAGE_FREE_MB free, plus a tenth for ext4's metadata.
used_mb=$(( $(du -s -k "$tree" | cut -f1) / 1024 ))
size_mb=$(( used_mb + used_mb / 10 + ${IMAGE_FREE_MB:-64} ))
rm -f "$img"
mke2fs -q -F -t ext4 -b 4096 -L lichen-root -E root_owner=0:0 -d "$tree" "$img" "${size_mb}M" >/dev/null

# Without root the files in the tree belong to the builder, and mke2fs -d
# copies owners as they are: make every inode root's. Device nodes cannot be
# made without root either; debugfs writes them (devtmpfs covers /dev once
# mounted, but the kernel opens /dev/console before that).
cmds="$(mktemp)"
if [ "$(id -u)" -ne 0 ]; then
  (cd "$tree" && find . -mindepth 1 -printf '%P\n') | while IFS= read -r path; do
    printf 'sif "/%s" uid 0\nsif "/%s" gid 0\n' "$path" "$path"
  done > "$cmds"
fi
printf 'cd /dev\nmknod console c 5 1\nsif console mode 020600\nmknod null c 1 3\nsif null mode 020666\n' >> "$cmds"
debugfs -w -f "$cmds" "$img" >/dev/null 2>"$cmds.err" || { cat "$cmds.err" >&2; exit 1; }
if grep -v '^debugfs ' "$cmds.err" | grep -q .; then
  echo "create-image: debugfs:" >&2; head "$cmds.err" >&2; exit 1
fi
rm -f "$cmds" "$cmds.err"
e2fsck -fn "$img" >/dev/null 2>&1 || { echo "create-image: e2fsck finds $img inconsistent" >&2; exit 1; }

ms=$(( (${EPOCHREALTIME/./} - ${start/./}) / 1000 ))
echo "create-image: ${img#"$root"/}: ${size_mb} MiB ext4, ${used_mb} MiB of files, $(find "$tree" | wc -l) entries, $ms ms" >&2
