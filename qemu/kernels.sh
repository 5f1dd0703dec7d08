#!/usr/bin/env bash
# qemu/kernels.sh - find, fetch and unpack the Debian kernels the boot
# tests run on, and print one "KVER DIR" line for each:
#
#   6.1   the version linux-image-amd64 depends on (plain .ko modules)
#   6.12  the version linux-image-6.12-amd64 depends on (.ko.xz modules)
#   7     Debian unstable's (sid) linux-image-amd64: Linux 7.x, whose
#         initramfs sits on nullfs, so pivot_root works from it
#
# DIR/boot/vmlinuz-KVER is the kernel, DIR/lib/modules/KVER its modules
# (so DIR is what `newroot-mkimage -b` takes).  Versions are asked of
# apt-cache, never written down here; the .debs are fetched with
# `apt-get download` (never installed: that would run update-initramfs)
# into $NEWROOT_CACHE/kernels and unpacked with dpkg-deb -x into
# $NEWROOT_CACHE/extracted/KVER, the same layout tests/mkimage uses.
#
# Sid is asked through a private apt configuration ($NEWROOT_CACHE/apt-sid:
# its own sources list, package lists and caches; the host's apt sources
# are never changed), on the mirror the host's own sources use for its
# release.  Sid splits the kernel: linux-image-KVER is a meta package over
# linux-binary-KVER (/usr/lib/modules/KVER/vmlinuz, nothing in /boot) and
# linux-modules-KVER (no modules.dep), with modules.builtin and
# modules.order in linux-base-KVER.  The three are unpacked into one DIR,
# with DIR/lib -> usr/lib and DIR/boot/vmlinuz-KVER -> the kernel so that
# DIR works like the others.  A 7.x kernel once unpacked is used until
# NEWROOT_SID_UPDATE=1 asks sid again (sid moves daily; tests want the
# same kernel from run to run).
#
#   qemu/kernels.sh            6.1 and 6.12
#   qemu/kernels.sh 6.12 7     only these (6.1, 6.12 or 7)
#   qemu/kernels.sh --mirror   print "URI [KEYRING]": the host's Debian
#                              mirror (what sid is fetched from)
#
# NEWROOT_KERNELS_OFFLINE=1: ask no apt, take what the cache holds (for
# runs inside another release's root, whose apt knows other kernels).
set -eu
cache=${NEWROOT_CACHE:-/var/cache/newroot}
debs=$cache/kernels
ext=$cache/extracted

die() {
	echo "qemu/kernels.sh: $*" >&2
	exit 1
}

# ---- sid, through a private apt configuration ----
sid=$cache/apt-sid
sid_opts=(-o "Dir::Etc::sourcelist=$sid/sources.list"
	-o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$sid/lists"
	-o "Dir::Cache=$sid/cache" -o "Dir::Cache::archives=$sid/cache/archives")

# host_mirror -> "URI [KEYRING]": the Debian mirror the host's own sources
# use for its release (deb822 .sources or one-line .list), so sid comes
# from wherever this machine is allowed to fetch from.
host_mirror() {
	local rel
	# shellcheck disable=SC1091
	rel=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
	[ -n "$rel" ] || rel=bookworm
	{
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			sed -n "s/^deb \(\[\([^]]*\)\] \)\{0,1\}\([^ ]*\) $rel .*/\3 \2/p" "$f" |
				sed 's/ .*signed-by=\([^ ]*\).*/ \1/; s/ [^/ ][^ ]*$//'
		done
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			awk -v rel="$rel" '
			function flush() {
				if (uri != "" && types ~ /(^| )deb( |$)/ && \
				    (" " suites " ") ~ (" " rel " "))
					print uri, key
				uri = key = suites = types = ""
			}
			/^[ \t]*$/ { flush(); next }
			/^URIs:/ { uri = $2 }
			/^Suites:/ { $1 = ""; suites = $0 }
			/^Types:/ { $1 = ""; types = $0 }
			/^Signed-By:/ { key = $2 }
			END { flush() }' "$f"
		done
	} | grep -v -- '-security' | head -n1
}

sid_setup() {
	local uri key
	[ -f "$sid/sources.list" ] && return 0
	read -r uri key < <(host_mirror) ||
		die "no Debian mirror for this release in /etc/apt/sources.list(.d)"
	[ -n "${key:-}" ] || [ ! -f /usr/share/keyrings/debian-archive-keyring.gpg ] ||
		key=/usr/share/keyrings/debian-archive-keyring.gpg
	mkdir -p "$sid/lists/partial" "$sid/cache/archives/partial"
	echo "deb ${key:+[signed-by=$key] }$uri sid main" >"$sid/sources.list"
}

sid_update() {
	sid_setup
	echo "qemu/kernels.sh: apt-get update for sid ($(cat "$sid/sources.list"))" >&2
	apt-get -q "${sid_opts[@]}" update >/dev/null 2>"$sid/update.log" || {
		cat "$sid/update.log" >&2
		die "apt-get update of the private sid list failed"
	}
}

sid_apt_cache() {
	[ -f "$sid/sources.list" ] || return 0
	apt-cache "${sid_opts[@]}" "$@" 2>/dev/null
}

# kver_of SERIES -> the KVER apt-cache names for the series' meta package.
kver_from_apt() {
	local meta
	case $1 in
	6.1) meta=linux-image-amd64 ;;
	6.12) meta=linux-image-6.12-amd64 ;;
	7)
		sid_apt_cache depends linux-image-amd64 |
			sed -n 's/^ *Depends: linux-image-\(7\..*-amd64\)$/\1/p' |
			head -n1
		return 0
		;;
	*) die "unknown kernel series '$1' (6.1, 6.12 or 7)" ;;
	esac
	apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\(.*-amd64\)$/\1/p' |
		grep -E "^$(echo "$1" | sed 's/\./\\./')[.-]" | head -n1
}

# Without a package list (no apt-get update yet, no network), fall back to
# a .deb already in the cache (for 7: an unpacked kernel).
kver_from_cache() {
	local f
	if [ "$1" = 7 ]; then
		for f in "$ext"/7.*-amd64/boot/vmlinuz-*; do
			[ -e "$f" ] && echo "${f##*/vmlinuz-}"
		done | sort -V | tail -n1
		return 0
	fi
	for f in "$debs"/linux-image-"$1"[.-]*-amd64_*.deb; do
		[ -f "$f" ] || continue
		f=${f##*/linux-image-}
		echo "${f%%_*}"
	done | grep -v -- '-unsigned' | sort -V | tail -n1
}

kver_of() {
	local k
	if [ -n "${NEWROOT_KERNELS_OFFLINE:-}" ]; then
		k=$(kver_from_cache "$1")
		[ -n "$k" ] || die "no Debian $1 kernel in $cache (offline)"
		echo "$k"
		return 0
	fi
	if [ "$1" = 7 ]; then
		k=
		[ -n "${NEWROOT_SID_UPDATE:-}" ] || k=$(kver_from_cache 7)
		if [ -z "$k" ]; then
			sid_update
			k=$(kver_from_apt 7)
		fi
		[ -n "$k" ] || die "sid's linux-image-amd64 names no 7.x kernel" \
			"($sid/sources.list)"
		echo "$k"
		return 0
	fi
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

# packages KVER -> the packages holding the kernel and its modules
packages() {
	case $1 in
	7.*) echo "linux-binary-$1 linux-modules-$1 linux-base-$1" ;;
	*) echo "linux-image-$1" ;;
	esac
}

fetch() { # fetch PKG -> path of the .deb
	local p=$1 f apt=(apt-get)
	case $p in
	*-7.*) apt+=("${sid_opts[@]}") ;;
	esac
	for f in "$debs/${p}"_*_amd64.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	mkdir -p "$debs"
	echo "qemu/kernels.sh: downloading $p" >&2
	(cd "$debs" && "${apt[@]}" download -q "$p" >&2) ||
		die "apt-get download $p failed"
	for f in "$debs/${p}"_*_amd64.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	die "apt-get download left no $p .deb in $debs"
}

unpack() { # unpack KVER
	local k=$1 d=$ext/$1 deb tmp p
	# (modules.builtin: sid's kernels unpacked before linux-base-KVER
	# was are unpacked again.)
	if [ -e "$d/boot/vmlinuz-$k" ] && [ -d "$d/lib/modules/$k" ] &&
		[ -f "$d/lib/modules/$k/modules.builtin" ]; then
		index "$k"
		return 0
	fi
	mkdir -p "$ext"
	tmp=$(mktemp -d "$ext/.$k.XXXXXX")
	for p in $(packages "$k"); do
		deb=$(fetch "$p") || { rm -rf "$tmp"; exit 1; }
		echo "qemu/kernels.sh: unpacking ${deb##*/}" >&2
		dpkg-deb -x "$deb" "$tmp" || {
			rm -rf "$tmp"
			die "dpkg-deb -x $deb failed"
		}
	done
	# Sid's layout: everything under usr/lib/modules/KVER.
	if [ ! -e "$tmp/boot/vmlinuz-$k" ] &&
		[ -f "$tmp/usr/lib/modules/$k/vmlinuz" ]; then
		[ -e "$tmp/lib" ] || ln -s usr/lib "$tmp/lib"
		mkdir -p "$tmp/boot"
		ln -s "../usr/lib/modules/$k/vmlinuz" "$tmp/boot/vmlinuz-$k"
	fi
	[ -e "$tmp/boot/vmlinuz-$k" ] || {
		rm -rf "$tmp"
		die "$(packages "$k") hold no kernel for $k"
	}
	# Another run may have unpacked it meanwhile: keep the first.
	if [ -e "$d/boot/vmlinuz-$k" ] &&
		[ -f "$d/lib/modules/$k/modules.builtin" ]; then
		rm -rf "$tmp"
	else
		rm -rf "$d"
		mv "$tmp" "$d"
	fi
	index "$k"
}

# The .debs ship modules.order and modules.builtin but no modules.dep (the
# postinst runs depmod): build the index when missing, whoever unpacked it.
index() {
	local d=$ext/$1
	if [ ! -f "$d/lib/modules/$1/modules.dep" ] && command -v depmod \
		>/dev/null; then
		depmod -b "$d" "$1" 2>/dev/null || true
	fi
}

if [ "${1:-}" = --mirror ]; then
	host_mirror
	exit 0
fi
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
