#!/usr/bin/env bash
# tests/dist/debian13.sh - the other dist tests again, against Debian 13's
# (trixie) tools: initramfs-tools, dracut and systemd's kernel-install, in
# a Debian 13 root made with mmdebstrap.  The host (Debian 12) runs them
# against its own tools as the rest of tests/dist.
#
# The root's tarball is made once and kept in
# $NEWROOT_CACHE/debian13/ (default /var/cache/newroot; never in the
# repository), from the Debian mirror the host's apt sources use.  Each run
# unpacks it into /tmp, clones this repository's committed HEAD into it
# with the host's build/ outputs (newroot is static; newroot-mkimage needs
# the same libraries, which trixie has), binds /dev /proc /sys and the
# kernel cache, and runs every tests/dist/*.sh but this one inside, in a
# private mount namespace.  Each inner line is printed with "debian13 "
# before the test's name.
#
#   bash tests/dist/debian13.sh                every dist test in trixie
#   bash tests/dist/debian13.sh kernel-install only these
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
cache=${NEWROOT_CACHE:-/var/cache/newroot}
dir=$cache/debian13
tarball=$dir/trixie.tar.zst
# What the tests need inside: the tools under test, QEMU and the disk and
# image tools of qemu/ and tests/dist (newroot-mkimage's libraries too),
# shellcheck for the hooks; cryptsetup and lvm for newroot.conf's
# WITH=crypt,lvm (tests/dist/kernel-postinst.sh).
pkgs=initramfs-tools,dracut-core,systemd,udev,kmod,qemu-system-x86,busybox-static,e2fsprogs,fdisk,cpio,zstd,xz-utils,gzip,make,util-linux,libkmod2,libzstd1,liblzma5,zlib1g,man-db,shellcheck,cryptsetup-bin,lvm2

if [ -n "${NEWROOT_IN_DEBIAN13:-}" ] ||
	[ "$(cut -d. -f1 /etc/debian_version 2>/dev/null)" = 13 ]; then
	echo "skip debian13: this is Debian 13 already"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "skip debian13: a chroot needs root"
	exit 0
fi
if ! command -v mmdebstrap >/dev/null; then
	echo "skip debian13: mmdebstrap is not installed (tests/deps.sh)"
	exit 0
fi
if [ ! -x build/newroot ] || [ ! -x build/newroot-mkimage ]; then
	echo "not ok debian13: build/newroot or build/newroot-mkimage missing (make)"
	exit 1
fi
tests=()
if [ $# -gt 0 ]; then
	for t in "$@"; do tests+=("tests/dist/${t%.sh}.sh"); done
else
	for t in tests/dist/*.sh; do
		[ "$t" = tests/dist/debian13.sh ] || tests+=("$t")
	done
fi

# The kernels the inner tests ask for, fetched here (the root's apt knows
# trixie's, not these).
qemu/kernels.sh 6.1 6.12 7 >/dev/null ||
	echo "# debian13: qemu/kernels.sh failed; the inner tests will skip"

# ---- the root's tarball, made once ----
mkdir -p "$dir"
exec 8>"$dir/.lock"
flock 8
if [ ! -s "$tarball" ] || [ "$(cat "$dir/packages" 2>/dev/null)" != "$pkgs" ]; then
	read -r mirror _ < <(qemu/kernels.sh --mirror)
	if [ -z "${mirror:-}" ]; then
		echo "not ok debian13: no Debian mirror in the host's apt sources"
		exit 1
	fi
	echo "# debian13: mmdebstrap trixie from $mirror (once; cached in $dir)"
	if ! mmdebstrap --variant=apt --include="$pkgs" trixie \
		"$dir/trixie.tmp.tar.zst" "$mirror" >"$dir/mmdebstrap.log" 2>&1; then
		echo "not ok debian13: mmdebstrap failed ($dir/mmdebstrap.log)"
		tail -n 20 "$dir/mmdebstrap.log" | sed 's/^/#   /'
		rm -f "$dir/trixie.tmp.tar.zst"
		exit 1
	fi
	mv "$dir/trixie.tmp.tar.zst" "$tarball"
	echo "$pkgs" >"$dir/packages"
fi
flock -u 8

# ---- a root of it, with this repository ----
tmp=$(mktemp -d /tmp/newroot-debian13.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root"
if ! tar -C "$root" -xf "$tarball"; then
	echo "not ok debian13: cannot unpack $tarball"
	exit 1
fi
# Where an installed system has its kernels (the tests mount the
# unpacked ones there, in a namespace of their own).
mkdir -p "$root/usr/lib/modules" "$root/boot"
git clone -q "$top" "$root/src" || {
	echo "not ok debian13: git clone of $top failed"
	exit 1
}
cp -a build "$root/src/"
rm -rf "$root/src/build/test-logs" "$root/src/build/boot"
# Newer than the fresh sources, and without the dependency files (they
# name the host's klibc headers): make install must not rebuild (no
# compiler in the root).
find "$root/src/build" -name '*.d' -delete
# One time for every file: touched one after another, a generated header
# (build/gen/errtab.h) could end up newer than the object made from it.
# To the nanosecond: whole seconds could be older than the clone.
stamp=$(date +%s.%N)
find "$root/src/build" -exec touch -d "@$stamp" {} +
itools=$(chroot "$root" dpkg-query -W -f='${Version}' initramfs-tools)
dracut=$(chroot "$root" dpkg-query -W -f='${Version}' dracut-core)
systemd=$(chroot "$root" dpkg-query -W -f='${Version}' systemd)
echo "# debian13: $(cat "$root/etc/debian_version"): initramfs-tools $itools," \
	"dracut $dracut, systemd $systemd"

# ---- the tests, inside ----
inner=$(printf ' %q' "${tests[@]}")
unshare -m --propagation private sh -c '
	r=$1
	shift
	# The root a mount of its own, as on a real system (host-only
	# images look for "/" in /proc/self/mountinfo).
	mount --bind "$r" "$r" &&
	mount --rbind /dev "$r/dev" && mount -t proc proc "$r/proc" &&
	mount --rbind /sys "$r/sys" && mount -t tmpfs tmpfs "$r/tmp" &&
	mkdir -p "$r/var/cache/newroot" &&
	mount --bind "$2" "$r/var/cache/newroot" || exit 1
	exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 NEWROOT_IN_DEBIAN13=1 \
		NEWROOT_KERNELS_OFFLINE=1 bash -c "cd /src && for t in $1; do
			echo \"# --- \$t\"; bash \$t; done"
' sh "$root" "$inner" "$cache" >"$tmp/out" 2>&1
rc=$?
sed -e 's/^\(not ok\|ok\|skip\) /\1 debian13 /' "$tmp/out"
[ "$rc" -eq 0 ] || echo "not ok debian13: the chroot run exited with $rc"
exit 0
