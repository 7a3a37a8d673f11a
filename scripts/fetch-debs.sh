#!/usr/bin/env bash
# Fetches arm64 .deb files from Debian bookworm into a cache under build/apt,
# with a private apt configuration: its own sources.list, package lists, state
# and archive directories, APT::Architecture=arm64. The machine's apt set-up
# (/etc/apt/sources.list*, dpkg's status, its architectures) is read for the
# mirror URL only and never changed. Works without root.
#
#   scripts/fetch-debs.sh [--no-deps] PKG...
#
# Prints the path of each .deb, one a line: the packages named and, unless
# --no-deps, everything they need (Depends and Pre-Depends, recursively; apt-get
# download alone does not resolve them). .debs already in the cache are not
# fetched again; the package lists are fetched once (FETCH_UPDATE=1 refreshes
# them). The mirror is the Debian archive the machine's apt uses, or
# DEBIAN_MIRROR=URL.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
apt_dir="${APT_DIR:-$root/build/apt}"
debs_dir="$apt_dir/debs"

deps=1
if [ "${1:-}" = "--no-deps" ]; then deps=0; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--no-deps] PKG..." >&2; exit 2; }

# The Debian archive URL the machine's apt already reaches: deb822 .sources
# files (URIs:) and one-line sources.list entries, the first whose path ends in
# /debian (so not debian-security, not a third-party repository).
host_mirror() {
  {
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }'
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i ~ /:\/\//) { print $i; break } }'
  } | sed 's:/*$::' | grep -E '/debian$' | head -1 || true
}

mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
if [ -z "$mirror" ]; then
  echo "fetch-debs: no Debian mirror in /etc/apt; set DEBIAN_MIRROR=URL of a Debian archive" >&2
  exit 1
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || { echo "fetch-debs: $keyring missing (apt-get install debian-archive-keyring)" >&2; exit 1; }

mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/etc/preferences.d" "$apt_dir/state/lists/partial" \
  "$apt_dir/cache/archives/partial" "$debs_dir"
touch "$apt_dir/state/status"
sources="deb [arch=arm64 signed-by=$keyring] $mirror bookworm main
deb [arch=arm64 signed-by=$keyring] $mirror bookworm-updates main"
# A changed mirror or suite list means the lists on disk describe another archive.
if [ "$(cat "$apt_dir/etc/sources.list" 2>/dev/null)" != "$sources" ]; then
  printf '%s\n' "$sources" > "$apt_dir/etc/sources.list"
  rm -f "$apt_dir/state/lists/"*_Packages* "$apt_dir/state/lists/"*Release*
fi

# Every path apt would otherwise take from /etc/apt or /var points into build/apt.
# The machine's apt.conf.d is still read, so a proxy configured there applies.
# Sandbox::User=root: as root, apt would otherwise hand the downloads to the
# _apt user, who cannot write into build/. Languages=none: no translations.
apt_opts=(
  -o "APT::Architecture=arm64" -o "APT::Architectures::=arm64"
  -o "Dir::Etc::sourcelist=$apt_dir/etc/sources.list"
  -o "Dir::Etc::sourceparts=$apt_dir/etc/sources.list.d"
  -o "Dir::Etc::preferences=$apt_dir/etc/preferences"
  -o "Dir::Etc::preferencesparts=$apt_dir/etc/preferences.d"
  -o "Dir::State=$apt_dir/state" -o "Dir::State::status=$apt_dir/state/status"
  -o "Dir::Cache=$apt_dir/cache" -o "Dir::Cache::archives=$apt_dir/cache/archives"
  -o "APT::Sandbox::User=root" -o "Acquire::Languages=none"
  -o "Debug::NoLocking=true" -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false"
  -o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
  -o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false"
  -o "Acquire::IndexTargets::deb::CNF::DefaultEnabled=false"
)

if [ "${FETCH_UPDATE:-0}" = 1 ] || ! ls "$apt_dir/state/lists/"*_Packages* >/dev/null 2>&1; then
  echo "fetch-debs: apt-get update (arm64, $mirror)" >&2
  apt-get "${apt_opts[@]}" -qq update >&2
  rm -f "$apt_dir/state/resolved-"*
fi

# The closure over Depends and Pre-Depends, level by level. apt-cache depends
# --recurse would take every alternative of "a | b" and every provider of a
# virtual package; this takes one of each group: one already chosen, else the
# first not excluded. Packages in FETCH_EXCLUDE (space-separated) are left out
# with what only they need: the image never runs maintainer scripts, so e.g.
# init-system-helpers (and with it perl) is not needed at run time.
closure() {
  local -A seen=()
  local frontier=("$@") groups group p pick
  for p in ${FETCH_EXCLUDE:-}; do seen[$p]=x; done
  for p in "$@"; do seen[$p]=1; done
  while [ ${#frontier[@]} -gt 0 ]; do
    # One line per dependency group: its alternatives, each virtual package
    # replaced by its providers, in apt's order.
    mapfile -t groups < <(apt-cache "${apt_opts[@]}" depends --no-recommends --no-suggests \
        --no-conflicts --no-breaks --no-replaces --no-enhances "${frontier[@]}" \
      | awk '
          function flush() { if (group != "") print group; group = "" }
          /^ [ |](Pre)?Depends: / {
            if (!cont) flush()
            cont = ($1 ~ /^\|/); virt = ($2 ~ /^</)
            if (!virt) group = group " " $2
            next
          }
          /^    [^ ]/ { if (virt) group = group " " $1; next }
          { virt = 0 }
          END { flush() }')
    frontier=()
    for group in "${groups[@]}"; do
      pick=""
      for p in $group; do
        p="${p%%:*}"
        if [ "${seen[$p]:-}" = 1 ]; then pick=""; break; fi
        [ -z "$pick" ] && [ -z "${seen[$p]:-}" ] && pick="$p"
      done
      [ -n "$pick" ] || continue
      seen[$pick]=1
      frontier+=("$pick")
    done
  done
  for p in "${!seen[@]}"; do [ "${seen[$p]}" = 1 ] && echo "$p"; done | sort
}
# The resolved list is kept beside the package lists (resolving takes a few
# seconds) and reused for the same request until the lists are fetched again.
key="$(echo "$deps $* / ${FETCH_EXCLUDE:-}" | sha1sum | cut -c1-16)"
saved="$apt_dir/state/resolved-$key"
if [ -s "$saved" ]; then
  cat "$saved"
  exit 0
fi
if [ "$deps" = 1 ]; then
  mapfile -t pkgs < <(closure "$@")
else
  pkgs=("$@")
fi

# Each package's cache file name (as apt-get download names it: the epoch's
# ':' as '%3a') from its candidate version, in one apt-cache call.
missing=()
paths=()
while read -r pkg ver arch; do
  paths+=("$debs_dir/${pkg}_${ver//:/%3a}_$arch.deb")
  [ -s "${paths[-1]}" ] || missing+=("$pkg=$ver")
done < <(apt-cache "${apt_opts[@]}" show --no-all-versions "${pkgs[@]}" \
  | awk '/^Package:/ { p = $2 } /^Version:/ { v = $2 } /^Architecture:/ { a = $2 } /^$/ { if (p != "") print p, v, a; p = "" } END { if (p != "") print p, v, a }')

if [ "${#paths[@]}" -ne "${#pkgs[@]}" ]; then
  echo "fetch-debs: some packages have no candidate version: ${pkgs[*]}" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "fetch-debs: downloading ${#missing[@]} packages" >&2
  (cd "$debs_dir" && apt-get "${apt_opts[@]}" -qq download "${missing[@]}" >&2)
fi
for f in "${paths[@]}"; do
  [ -s "$f" ] || { echo "fetch-debs: expected $f after download" >&2; exit 1; }
done
printf '%s\n' "${paths[@]}" > "$saved.tmp"
mv "$saved.tmp" "$saved"
cat "$saved"
