#!/usr/bin/env bash
# qemu/deps.sh - install the Debian packages the QEMU harness needs, when
# they are missing (tests/deps.sh does the installing; it prints the apt-get
# line and exits 1 when not root).  The kernels come from qemu/kernels.sh.
exec "$(dirname "$0")/../tests/deps.sh" \
	qemu-system-x86 busybox-static e2fsprogs xfsprogs btrfs-progs \
	dosfstools mtools f2fs-tools squashfs-tools erofs-utils fdisk cpio \
	nfs-ganesha nfs-ganesha-vfs rpcbind iproute2 cryptsetup-bin lvm2 mdadm
