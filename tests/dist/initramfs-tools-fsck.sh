#!/usr/bin/env bash
# tests/dist/initramfs-tools-fsck.sh - newroot as /init (NEWROOT_INIT=y)
# in an image built by Debian's mkinitramfs finds the fsck that
# initramfs-tools' own fsck hook copies (FSTYPE=ext4: /usr/sbin/fsck,
# fsck.ext4 -> e2fsck, behind the image's /sbin -> usr/sbin link) and
# checks the root with it: a root not cleanly unmounted is repaired
# (exit status 1; e2fsck names it by its label, NRDIST), the boot goes
# on, and the real system has /run/initramfs/fsck.log and the fsck-root
# stamp.  One mkinitramfs run
# (tests/dist/lib/itools-mkinitramfs.sh), one QEMU boot on Debian's 6.12.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
work=$PWD/build/dist-itools-fsck
mkdir -p "$work"

skip() { echo "skip initramfs-tools-fsck: $*"; exit 0; }
for t in mkinitramfs unshare lsinitramfs qemu-system-x86_64 debugfs; do
	command -v "$t" >/dev/null || skip "$t is missing (tests/deps.sh)"
done
[ "$(id -u)" -eq 0 ] || skip "mkinitramfs in a mount namespace needs root"
if ! [ -x /sbin/fsck ] || ! [ -x /sbin/e2fsck ]; then
	skip "no fsck or e2fsck here for the hook to copy"
fi
kernel 6.12 || skip "no Debian 6.12 kernel (qemu/kernels.sh 6.12)"
need_build initramfs-tools-fsck

if ! ITOOLS_FSTYPE=ext4 tests/dist/lib/itools-mkinitramfs.sh \
	"$work/init.img" "$kver" "$kdir" y 2>"$work/init.err"; then
	echo "not ok initramfs-tools-fsck: mkinitramfs"
	sed 's/^/#   /' "$work/init.err"
	exit 1
fi
lsinitramfs -l "$work/init.img" >"$work/init.list"
n=0
for re in ' init -> sbin/newroot$' ' sbin -> usr/sbin$' ' usr/sbin/fsck$' \
	' usr/sbin/fsck.ext4 -> e2fsck$' ' usr/sbin/e2fsck$'; do
	n=$((n + 1))
	if grep -Eq -- "$re" "$work/init.list"; then
		echo "ok initramfs-tools-fsck: image $n: $re"
	else
		echo "not ok initramfs-tools-fsck: image $n: no line matching '$re'"
	fi
done

# A test root (qemu/mkroot.sh) on ext4, marked not cleanly unmounted.
scratch itools-fsck
if ! root_disk "$work/root.img" ||
	! debugfs -w -R 'ssv state 0' "$work/root.img?offset=1048576" \
		>/dev/null 2>&1; then
	echo "not ok initramfs-tools-fsck: building the test root disk failed"
	exit 1
fi
if qemu/boot.sh -n itools-fsck -k "$kdir/boot/vmlinuz-$kver" \
	-i "$work/init.img" -a "root=/dev/vda1" -d "virtio:$work/root.img" \
	-l "$work/console.log" \
	-e 'newroot: checking the root filesystem /dev/vda1 \(ext4\)' \
	-e '^(NRDIST|/dev/vda1) was not cleanly unmounted, check forced\.' \
	-e 'newroot: fsck corrected errors on the root filesystem /dev/vda1 \(exit status 1\)' \
	-e '^NEWROOT-TEST fsck.log=yes fsck-root=yes ' \
	-e '^NEWROOT-TEST fsck.log: exit status 1$' \
	-e '^NEWROOT-TEST end$' -r 'Kernel panic' 2>"$work/boot.err"; then
	echo "ok initramfs-tools-fsck: boot repairs the root with the image's fsck"
else
	echo "not ok initramfs-tools-fsck: boot repairs the root with the image's fsck"
	sed 's/^/#   /' "$work/boot.err"
fi
