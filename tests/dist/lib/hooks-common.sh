# shellcheck shell=bash
# tests/dist/lib/hooks-common.sh - shared by the dist tests of hooks/
# (sourced from the repository root, not run).
#
# The "installed Debian kernel" of these tests is the unpacked package of
# qemu/kernels.sh: DIR/boot/vmlinuz-KVER with DIR/lib/modules/KVER.  No
# kernel package is installed and nothing of the host's /boot, /lib/modules
# or /etc is written: the hooks take those places from the environment
# (NEWROOT_BOOT_DIR, NEWROOT_MODULES_BASE, NEWROOT_CONF), dracut from its
# options.

MKIMAGE=$PWD/build/newroot-mkimage
NEWROOT=$PWD/build/newroot

check() { # NAME COMMAND... : ok/not ok by the command's status
	local name=$1
	shift
	if "$@"; then echo "ok $name"; else echo "not ok $name"; fi
}

scratch() { # PREFIX
	tmp=$(mktemp -d "/tmp/newroot-$1.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
}

need_build() { # TESTNAME
	if [ ! -x "$MKIMAGE" ] || [ ! -x "$NEWROOT" ]; then
		echo "not ok $1: build/newroot or build/newroot-mkimage missing (make)"
		exit 1
	fi
}

# kernel SERIES: sets kver and kdir (DIR/boot/vmlinuz-KVER,
# DIR/lib/modules/KVER), or returns 1.
kernel() {
	local line
	line=$(qemu/kernels.sh "$1" 2>/dev/null | head -n1)
	[ -n "$line" ] || return 1
	kver=${line%% *} kdir=${line#* }
	[ -f "$kdir/boot/vmlinuz-$kver" ] && [ -d "$kdir/lib/modules/$kver" ]
}

# root_disk OUT: the test root (qemu/mkroot.sh: its /sbin/init prints the
# NEWROOT-TEST lines, the boot report among them) on ext4, MBR partition 1.
root_disk() {
	qemu/mkroot.sh "$tmp/rootfs" >/dev/null &&
		qemu/mkdisk.sh -o "$1" -t ext4 -d "$tmp/rootfs" -L NRDIST \
			>/dev/null
}

# The path of every entry of a newroot image, one a line.
image_paths() {
	"$MKIMAGE" --list "$1" | awk '{ print $NF }'
}

# The first bytes of a file, in hex (compression magic).
magic() {
	od -An -tx1 -N4 "$1" | tr -d ' \n'
}

# boot_check NAME WHAT BOOT.SH-ARGS...: boot with qemu/boot.sh (which
# checks the console against its -e/-r patterns) and print one result.
boot_check() {
	local name=$1 what=$2
	shift 2
	if qemu/boot.sh "$@" 2>"$tmp/boot.err"; then
		echo "ok $name: $what"
	else
		echo "not ok $name: $what"
		sed 's/^/#   /' "$tmp/boot.err" | head -n 60
	fi
}

# layout7_root DIR: a system root of Debian 14's layout for the 7.x kernel
# of `kernel 7` (kver, kdir): DIR/usr/lib/modules/KVER holding links to the
# unpacked package's files (the kernel as vmlinuz), DIR/lib -> usr/lib.
# Sets mods to that modules directory.
layout7_root() {
	mods=$1/usr/lib/modules/$kver
	mkdir -p "$mods"
	ln -s usr/lib "$1/lib"
	for e in "$kdir/usr/lib/modules/$kver"/*; do ln -s "$e" "$mods/"; done
}
