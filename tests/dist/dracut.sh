#!/usr/bin/env bash
# tests/dist/dracut.sh - dracut's own image, with the newroot module, boots
# and newroot does its final switch: Debian's dracut-core builds a
# non-hostonly image for Debian's 6.12 kernel (unpacked by qemu/kernels.sh)
# with "base newroot rootfs-block" and the virtio and ext4 drivers; QEMU
# boots it on a virtio disk holding the test root, whose init shows the
# report newroot wrote (/run/newroot/report).  dracut runs with a copy of
# its module tree (dracutbasedir) holding hooks/dracut/90newroot, and no
# configuration of the host: nothing of the host is written.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
need_build dracut
scratch dist-dracut

if ! command -v dracut >/dev/null || [ ! -d /usr/lib/dracut/modules.d ]; then
	echo "skip dracut: dracut-core is not installed (tests/deps.sh)"
	exit 0
fi
if ! kernel 6.12; then
	echo "skip dracut: no Debian 6.12 kernel (qemu/kernels.sh 6.12)"
	exit 0
fi

# dracut's tree as links, its modules as copies (what they install must
# be files, not links to the host's tree), plus this module.
cp -as /usr/lib/dracut "$tmp/dracut"
rm -rf "$tmp/dracut/modules.d"
cp -r /usr/lib/dracut/modules.d "$tmp/dracut/modules.d"
cp -r hooks/dracut/90newroot "$tmp/dracut/modules.d/"
mkdir -p "$tmp/conf.d"
img=$tmp/initrd.img
if dracutbasedir=$tmp/dracut NEWROOT_BIN=$NEWROOT dracut --no-hostonly \
	--conf /dev/null --confdir "$tmp/conf.d" --tmpdir "$tmp" \
	--kmoddir "$kdir/lib/modules/$kver" \
	-m "base newroot rootfs-block" \
	--drivers "virtio_pci virtio_blk ext4" --no-early-microcode \
	--compress gzip --force "$img" "$kver" >"$tmp/dracut.log" 2>&1; then
	echo "ok dracut $kver: built $(stat -c %s "$img") bytes with" \
		"base newroot rootfs-block"
else
	echo "not ok dracut $kver: dracut failed"
	tail -n 30 "$tmp/dracut.log" | sed 's/^/#   /'
	exit 1
fi
check "dracut: the module was included" \
	grep -q 'Including module: newroot' "$tmp/dracut.log"
lsinitrd "$img" 2>/dev/null >"$tmp/list"
check "image: /usr/sbin/newroot" grep -q ' usr/sbin/newroot$' "$tmp/list"
check "image: switch_root is newroot" \
	grep -q ' usr/sbin/switch_root -> newroot$' "$tmp/list"
check "image: dracut's /init" grep -q ' init$' "$tmp/list"

if ! root_disk "$tmp/root.img"; then
	echo "not ok boot: could not build the root disk"
	exit 1
fi
# "dracut: Switching root" is dracut's init reaching its last line; the
# report lines exist only when newroot switched (util-linux's switch_root
# writes none).
boot_check "boot $kver" "dracut's image boots, newroot switched" \
	-k "$kdir/boot/vmlinuz-$kver" -i "$img" -d "virtio:$tmp/root.img" \
	-a "root=/dev/vda1 panic=5" -t 240 -n dist-dracut \
	-e 'dracut: Switching root' \
	-e '^NEWROOT-TEST marker=newroot-test-root' \
	-e '^NEWROOT-TEST pid=1$' \
	-e '^NEWROOT-TEST report method=move$' \
	-e '^NEWROOT-TEST report root=/dev/vda1$' \
	-e '^NEWROOT-TEST report fstype=ext4$' \
	-e '^NEWROOT-TEST initramfs-visible=no' \
	-r 'is not newroot'
exit 0
