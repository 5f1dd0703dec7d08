# shellcheck shell=bash
# tests/mkimage/lib/common.sh - shared by the mkimage tests (sourced, not run).
#
# kernels: prints "KVER DIR" for each Debian kernel .deb in the cache,
# unpacking it with dpkg-deb -x into $NEWROOT_CACHE/extracted/KVER only
# when that is missing (qemu/kernels.sh uses the same layout).  Versions
# come from the .deb names, never from this file; with no .deb at all the
# packages linux-image-amd64 and linux-image-6.12-amd64 depend on are
# fetched with apt-get download (never installed).
cache=${NEWROOT_CACHE:-/var/cache/newroot}
MKIMAGE=${MKIMAGE:-build/newroot-mkimage}

fetch_kernels() {
	local meta pkg
	mkdir -p "$cache/kernels"
	for meta in linux-image-amd64 linux-image-6.12-amd64; do
		pkg=$(apt-cache depends "$meta" 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-.*-amd64\)$/\1/p' |
			grep -v unsigned | head -n1)
		[ -n "$pkg" ] || continue
		(cd "$cache/kernels" && apt-get download "$pkg" >/dev/null 2>&1) ||
			echo "# apt-get download $pkg failed" >&2
	done
}

kernels() {
	local deb kver n=0
	for deb in "$cache"/kernels/linux-image-*-amd64_*.deb; do
		[ -f "$deb" ] && n=$((n + 1))
	done
	[ "$n" -gt 0 ] || fetch_kernels
	for deb in "$cache"/kernels/linux-image-*-amd64_*.deb; do
		[ -f "$deb" ] || continue
		case $deb in *-unsigned_* | *-dbg_*) continue ;; esac
		kver=${deb##*/linux-image-}
		kver=${kver%%_*}
		if [ ! -d "$cache/extracted/$kver/lib/modules/$kver" ]; then
			mkdir -p "$cache/extracted/$kver.tmp.$$"
			dpkg-deb -x "$deb" "$cache/extracted/$kver.tmp.$$" &&
				mv "$cache/extracted/$kver.tmp.$$" \
					"$cache/extracted/$kver" ||
				{ rm -rf "$cache/extracted/$kver.tmp.$$"; continue; }
		fi
		echo "$kver $cache/extracted/$kver"
	done | sort -V
}

# The path of every entry in an image, one a line (standard tools only).
image_paths() {
	local img=$1 cat
	case $(od -An -tx1 -N4 "$img" | tr -d ' ') in
	28b52ffd) cat="zstd -dc" ;;
	1f8b*) cat="gzip -dc" ;;
	fd377a58) cat="xz -dc" ;;
	02214c18) cat="lz4 -dc" ;;
	*) cat="cat" ;;
	esac
	$cat <"$img" | cpio -t --quiet 2>/dev/null
}

# The module files modprobe would insert for MOD (insmod lines of
# --show-depends, softdeps included), relative to the modules directory,
# one a line.
modprobe_files() { # DIR KVER MOD
	modprobe -d "$1" -S "$2" --show-depends "$3" 2>/dev/null |
		sed -n "s|^insmod $1/lib/modules/$2/\([^ ]*\).*|\1|p" | sort -u
}

check() { # NAME COMMAND... : ok/not ok by the command's status
	local name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "not ok $name"; fi
}

scratch() {
	tmp=$(mktemp -d /tmp/newroot-mkimage-test.XXXXXX)
	trap 'rm -rf "$tmp"' EXIT
}

need_mkimage() {
	if [ ! -x "$MKIMAGE" ] || [ ! -x build/newroot ]; then
		echo "not ok $1: build/newroot-mkimage or build/newroot missing (make)"
		exit 1
	fi
}
