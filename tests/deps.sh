#!/usr/bin/env bash
# tests/deps.sh - install the Debian packages the build and the tests need,
# when they are missing.  As root it runs apt-get; otherwise it prints the
# apt-get line to run.
#
#   tests/deps.sh            everything the build and every test need
#   tests/deps.sh PKG...     only these (qemu/deps.sh names its own)
set -eu
pkgs=(
	make gcc libc6-dev libklibc-dev klibc-utils musl-tools libkmod-dev kmod
	libzstd-dev zlib1g-dev liblzma-dev zstd xz-utils lz4 gzip cpio
	util-linux fdisk e2fsprogs xfsprogs btrfs-progs dosfstools mtools
	f2fs-tools squashfs-tools erofs-utils xorriso cryptsetup-bin lvm2 mdadm
	qemu-system-x86 busybox-static initramfs-tools dracut-core shellcheck
	nfs-ganesha nfs-ganesha-vfs rpcbind

	systemd man-db udev strace mmdebstrap clang libclang-rt-14-dev
)
[ $# -gt 0 ] && pkgs=("$@")
missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$s" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || apt-get update
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
