#!/usr/bin/env bash
# qemu/deps.sh - install the Debian packages the QEMU harness needs, when
# they are missing.  As root it runs apt-get; otherwise it prints the
# apt-get line to run and exits 1.  The kernels come from qemu/kernels.sh.
set -eu
pkgs=(
	qemu-system-x86 busybox-static e2fsprogs xfsprogs btrfs-progs
	dosfstools mtools f2fs-tools squashfs-tools erofs-utils fdisk cpio
)
missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$s" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "qemu/deps.sh: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
echo "qemu/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || apt-get update
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
