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

# refuse NAME EXPECTED-MESSAGE-REGEX ARGS...: $MKIMAGE -o OUT ARGS exits
# non-zero with that message, once with no output file, once with an
# existing one that must survive byte for byte; no temporary file left.
# Uses $tmp (scratch).
refuse() {
	local name=$1 want=$2 out rc
	shift 2
	out=$tmp/out/new.img
	rm -rf "$tmp/out"
	mkdir -p "$tmp/out"
	"$MKIMAGE" -o "$out" "$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
	check "$name: exits non-zero" test "$rc" -ne 0
	check "$name: says why" grep -qE -- "$want" "$tmp/err"
	[ "$rc" -ne 0 ] && grep -qE -- "$want" "$tmp/err" ||
		sed 's/^/#   stderr: /' "$tmp/err"
	check "$name: no output file" test ! -e "$out"
	echo precious >"$tmp/out/old.img"
	"$MKIMAGE" -o "$tmp/out/old.img" "$@" >/dev/null 2>&1
	check "$name: an existing output is untouched" grep -qx precious "$tmp/out/old.img"
	check "$name: no temporary file left" \
		test "$(ls -A "$tmp/out")" = old.img
}

# fake_tree BASE KVER [MODINFO-C-STRING...]: BASE/lib/modules/KVER with
# one module, evil.ko (an object built here with gcc whose .modinfo holds
# the strings given), indexed by depmod, and an empty BASE/lib/firmware:
# a kernel tree for tests that need no real kernel.
fake_tree() {
	local base=$1 kver=$2 c
	shift 2
	mkdir -p "$base/lib/modules/$kver/kernel" "$base/lib/firmware"
	c=$base/evil.c
	{
		echo 'const char m[] __attribute__((section(".modinfo"), used)) ='
		printf '%s\n' '"license=GPL\0name=evil\0"'
		printf '%s\n' "$@"
		echo ';'
	} >"$c"
	if ! gcc -c -o "$base/lib/modules/$kver/kernel/evil.ko" "$c" ||
		! depmod -b "$base" "$kver" 2>/dev/null; then
		echo "not ok fake_tree: cannot build a module tree (gcc, depmod)"
		return 1
	fi
	rm -f "$c"
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

# need_stack_tools NAME: cryptsetup, lvm and mdadm are installed (issue
# 13's tests), else a skip line and status 1.
need_stack_tools() {
	local p
	for p in cryptsetup lvm mdadm; do
		if ! PATH=/usr/sbin:/sbin:$PATH command -v $p >/dev/null; then
			echo "skip $1: $p is not installed (tests/deps.sh)"
			return 1
		fi
	done
}
