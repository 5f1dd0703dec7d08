#!/usr/bin/env bash
# qemu/kernels.sh - find, fetch and unpack the two Debian kernels the boot
# tests run on, and print one "KVER DIR" line for each:
#
#   6.1   the version linux-image-amd64 depends on (plain .ko modules)
#   6.12  the version linux-image-6.12-amd64 depends on (.ko.xz modules)
#
# DIR/boot/vmlinuz-KVER is the kernel, DIR/lib/modules/KVER its modules
# (so DIR is what `newroot-mkimage -b` takes).  Versions are asked of
# apt-cache, never written down here; the .debs are fetched with
# `apt-get download` (never installed: that would run update-initramfs)
# into $NEWROOT_CACHE/kernels and unpacked with dpkg-deb -x into
# $NEWROOT_CACHE/extracted/KVER, the same layout tests/mkimage uses.
#
#   qemu/kernels.sh            both kernels
#   qemu/kernels.sh 6.12       only that one (6.1 or 6.12)
set -eu
cache=${NEWROOT_CACHE:-/var/cache/newroot}
debs=$cache/kernels
ext=$cache/extracted

die() {
	echo "qemu/kernels.sh: $*" >&2
	exit 1
}

# kver_of SERIES -> the KVER apt-cache names for the series' meta package.
kver_from_apt() {
	local meta
	case $1 in
	6.1) meta=linux-image-amd64 ;;
	6.12) meta=linux-image-6.12-amd64 ;;
	*) die "unknown kernel series '$1' (6.1 or 6.12)" ;;
	esac
	apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\(.*-amd64\)$/\1/p' |
		grep -E "^$(echo "$1" | sed 's/\./\\./')[.-]" | head -n1
}

# Without a package list (no apt-get update yet, no network), fall back to
# a .deb already in the cache.
kver_from_cache() {
	local f
	for f in "$debs"/linux-image-"$1"[.-]*-amd64_*.deb; do
		[ -f "$f" ] || continue
		f=${f##*/linux-image-}
		echo "${f%%_*}"
	done | grep -v -- '-unsigned' | sort -V | tail -n1
}

kver_of() {
	local k
	k=$(kver_from_apt "$1")
	if [ -z "$k" ] && [ "$(id -u)" -eq 0 ] && [ -z "${updated:-}" ]; then
		updated=1
		echo "qemu/kernels.sh: apt-cache knows no $1 kernel;" \
			"running apt-get update" >&2
		apt-get update -q >/dev/null 2>&1 || true
		k=$(kver_from_apt "$1")
	fi
	[ -n "$k" ] || k=$(kver_from_cache "$1")
	[ -n "$k" ] || die "cannot find the Debian $1 kernel: apt-cache" \
		"names none and $debs has no .deb (run apt-get update)"
	echo "$k"
}

fetch() { # fetch KVER -> path of the .deb
	local k=$1 f
	for f in "$debs"/linux-image-"$k"_*_amd64.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	mkdir -p "$debs"
	echo "qemu/kernels.sh: downloading linux-image-$k" >&2
	(cd "$debs" && apt-get download -q "linux-image-$k" >&2) ||
		die "apt-get download linux-image-$k failed"
	for f in "$debs"/linux-image-"$k"_*_amd64.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	die "apt-get download left no linux-image-$k .deb in $debs"
}

unpack() { # unpack KVER
	local k=$1 d=$ext/$1 deb tmp
	if [ -f "$d/boot/vmlinuz-$k" ] && [ -d "$d/lib/modules/$k" ]; then
		index "$k"
		return 0
	fi
	deb=$(fetch "$k")
	mkdir -p "$ext"
	tmp=$(mktemp -d "$ext/.$k.XXXXXX")
	echo "qemu/kernels.sh: unpacking ${deb##*/}" >&2
	dpkg-deb -x "$deb" "$tmp" || {
		rm -rf "$tmp"
		die "dpkg-deb -x $deb failed"
	}
	# Another run may have unpacked it meanwhile: keep the first.
	if [ -f "$d/boot/vmlinuz-$k" ]; then
		rm -rf "$tmp"
	else
		rm -rf "$d"
		mv "$tmp" "$d"
	fi
	index "$k"
}

# The .deb ships modules.order and modules.builtin but no modules.dep (its
# postinst runs depmod): build the index when missing, whoever unpacked it.
index() {
	local d=$ext/$1
	if [ ! -f "$d/lib/modules/$1/modules.dep" ] && command -v depmod \
		>/dev/null; then
		depmod -b "$d" "$1" 2>/dev/null || true
	fi
}

series=("$@")
[ ${#series[@]} -gt 0 ] || series=(6.1 6.12)
mkdir -p "$ext" 2>/dev/null || die "cannot create $ext (set NEWROOT_CACHE)"
exec 9>"$ext/.lock"
flock 9
for s in "${series[@]}"; do
	k=$(kver_of "$s")
	unpack "$k"
	echo "$k $ext/$k"
done
