# shellcheck shell=bash
# tests/mkimage/lib/common.sh - shared by the mkimage tests (sourced, not run).
#
# kernels: prints "KVER DIR" for the two Debian kernels (6.1 with plain
# .ko, 6.12 with .ko.xz), from qemu/kernels.sh: found with apt-cache,
# fetched with apt-get download, unpacked under $NEWROOT_CACHE/extracted,
# never installed.
cache=${NEWROOT_CACHE:-/var/cache/newroot}
MKIMAGE=${MKIMAGE:-build/newroot-mkimage}

kernels() {
	# One place finds, fetches and unpacks the kernels (and runs depmod:
	# the .debs ship no modules.dep).
	qemu/kernels.sh 6.1 6.12 | sort -V
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
