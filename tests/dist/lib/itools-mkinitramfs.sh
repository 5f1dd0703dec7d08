#!/usr/bin/env bash
# tests/dist/lib/itools-mkinitramfs.sh - build an initramfs with Debian's
# own mkinitramfs and newroot's hook installed, without touching the host:
#
#   itools-mkinitramfs.sh [--most] OUT KVER KDIR y|n|stock [MODULE...]
#
# KDIR holds KDIR/lib/modules/KVER and the kernel's config as
# KDIR/boot/config-KVER or KDIR/lib/modules/KVER/config (as
# qemu/kernels.sh extracts them).  y|n is NEWROOT_INIT; stock is Debian's
# image as the package makes it, without newroot's hook.  The modules
# (default virtio_pci virtio_blk ext4) go into the "modules" file with
# MODULES=list, for a small image; with --most, MODULES=most (Debian's
# default) and the modules file holds only the MODULEs named.
#
# In a private mount namespace: a tmpfs over /usr/lib/modules with KDIR's
# tree bound into it, a tmpfs over /boot with the kernel's config, and
# /usr/share/initramfs-tools/hooks replaced by a copy holding the hook,
# where the package installs it.  A private CONFDIR holds initramfs.conf,
# modules and conf.d/newroot (NEWROOT_BINARY and NEWROOT_MKIMAGE point at
# build/).  mkinitramfs's output is in OUT.log.
set -eu
modules=list
[ "${1:-}" != --most ] || { modules=most; shift; }
[ $# -ge 4 ] || {
	echo "usage: $0 [--most] OUT KVER KDIR y|n|stock [MODULE...]" >&2
	exit 2
}
out=$(realpath -m "$1") kver=$2 kdir=$(realpath "$3") mode=$4
shift 4
[ $# -gt 0 ] || [ $modules = most ] || set -- virtio_pci virtio_blk ext4
top=$(cd "$(dirname "$0")/../../.." && pwd)
# Not below build/: the Makefile reads every *.d there, and CONFDIR
# must hold a conf.d directory.
work=$(mktemp -d "${TMPDIR:-/tmp}/itools-mkinitramfs.XXXXXX")
# The mount points must exist: a machine without an installed kernel (a
# fresh chroot, a container) has no /usr/lib/modules.  They are created
# empty and left (as any kernel package would leave them): removing them
# afterwards raced with the other mkinitramfs this test runs at the same
# time, whose private mounts sit on them.
for d in /usr/lib/modules /boot; do
	[ -d "$d" ] || mkdir -p "$d"
done
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/conf/conf.d" "$work/conf/hooks" "$work/conf/scripts" \
	"$work/hooks" "$work/boot"

cp /etc/initramfs-tools/initramfs.conf "$work/conf/"
sed -i "s/^MODULES=.*/MODULES=$modules/" "$work/conf/initramfs.conf"
# ITOOLS_FSTYPE: the root's type for initramfs-tools' fsck hook, which
# otherwise reads it from this machine's /etc/fstab.
[ -z "${ITOOLS_FSTYPE:-}" ] ||
	echo "FSTYPE=$ITOOLS_FSTYPE" >>"$work/conf/initramfs.conf"
printf '%s\n' "$@" >"$work/conf/modules"
cp -a /usr/share/initramfs-tools/hooks/. "$work/hooks/"
if [ "$mode" != stock ]; then
	cat >"$work/conf/conf.d/newroot" <<CONF
NEWROOT_INIT=$mode
NEWROOT_BINARY=$top/build/newroot
NEWROOT_MKIMAGE=$top/build/newroot-mkimage
CONF
	cp "$top/initramfs-tools/hooks/newroot" "$work/hooks/newroot"
fi
# Debian 14's kernel keeps its config beside the modules, not in /boot.
if [ -f "$kdir/boot/config-$kver" ]; then
	cp "$kdir/boot/config-$kver" "$work/boot/"
else
	cp "$kdir/lib/modules/$kver/config" "$work/boot/config-$kver"
fi

# shellcheck disable=SC2016 # expanded by the inner shell
unshare -m --propagation private bash -c '
	set -e
	work=$1 kver=$2 kdir=$3 out=$4
	mount -t tmpfs none /usr/lib/modules
	mkdir /usr/lib/modules/$kver
	mount --bind "$kdir/lib/modules/$kver" /usr/lib/modules/$kver
	mount --bind "$work/boot" /boot
	mount --bind "$work/hooks" /usr/share/initramfs-tools/hooks
	mkinitramfs -v -d "$work/conf" -o "$out" "$kver" >"$out.log" 2>&1 || {
		echo "mkinitramfs failed; the end of $out.log:" >&2
		tail -n 15 "$out.log" >&2
		exit 1
	}
' itools "$work" "$kver" "$kdir" "$out"
