#!/usr/bin/env bash
# One-time set-up of a fresh Debian machine with a JDK and Maven: installs what
# the build and the tests need (just, QEMU, the filesystem tools). Idempotent:
# a second run installs nothing and takes a second.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

need_apt=()
command -v qemu-aarch64 >/dev/null || need_apt+=(qemu-user)
command -v qemu-system-aarch64 >/dev/null || need_apt+=(qemu-system-arm)
command -v mkfs.vfat >/dev/null || need_apt+=(dosfstools)
command -v mcopy >/dev/null || need_apt+=(mtools)
command -v mke2fs >/dev/null || need_apt+=(e2fsprogs)
command -v debugfs >/dev/null || need_apt+=(e2fsprogs)
# The image (scripts/create-image.sh): apt-get and dpkg-deb fetch and unpack
# Debian's arm64 packages into build/ with a private apt configuration.
[ -r /usr/share/keyrings/debian-archive-keyring.gpg ] || need_apt+=(debian-archive-keyring)
command -v dpkg-deb >/dev/null || need_apt+=(dpkg)
command -v curl >/dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need_apt[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# just, from npm (rust-just), into build/tools so nothing global changes.
if [ ! -x "$root/build/tools/bin/just" ]; then
  echo "setup: installing just" >&2
  mkdir -p "$root/build/tools/bin"
  npm install --silent --prefix "$root/build/tools/npm" rust-just >/dev/null
  ln -sf "$root/build/tools/npm/node_modules/rust-just-linux-x64/bin/just" "$root/build/tools/bin/just"
fi
