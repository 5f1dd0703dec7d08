#!/usr/bin/env bash
# tests/dist/kernel-postinst.sh - the kernel hooks, run as the kernel's
# package runs them (/etc/kernel/postinst.d/newroot KVER /boot/vmlinuz-KVER
# with DEB_MAINT_PARAMS), against Debian's 6.1 kernel unpacked by
# qemu/kernels.sh, into a temporary /boot:
#   - the image they build boots in QEMU (virtio, ext4, root=LABEL=) and
#     the real init sees newroot's boot report;
#   - newroot.conf: MODULES, COMPRESS, MODE=host-only, INITRD_NAME=standard, WITH,
#     a bad value is refused;
#   - an image of the standard name that newroot did not make is neither
#     replaced nor removed; postrm removes newroot's images, and only on
#     "remove"; INITRD=No and "upgrade" do nothing;
#   - Debian 14's layout, with sid's 7.x kernel (qemu/kernels.sh 7): the
#     kernel only in /usr/lib/modules/KVER/vmlinuz while the package still
#     names /boot/vmlinuz-KVER: the image goes beside it (initrd-newroot,
#     initrd with INITRD_NAME=standard) and boots with method=pivot; once
#     linux-base's 00-legacy-boot has copied the kernel to /boot, the image
#     goes to /boot/initrd.img-KVER; postrm after the package's files are
#     gone removes it from where it is.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
need_build kernel-postinst
scratch dist-postinst

if ! kernel 6.1; then
	echo "skip kernel-postinst: no Debian 6.1 kernel (qemu/kernels.sh 6.1)"
	exit 0
fi
vmlinuz=$kdir/boot/vmlinuz-$kver
boot=$tmp/boot
mkdir -p "$boot"
export NEWROOT_KERNEL_HOOK=$PWD/hooks/kernel/kernel-hook
export NEWROOT_MKIMAGE=$MKIMAGE NEWROOT_MODULES_BASE=$kdir
export NEWROOT_BOOT_DIR=$boot NEWROOT_CONF=$tmp/newroot.conf
cp hooks/newroot.conf "$NEWROOT_CONF"
postinst() { DEB_MAINT_PARAMS="configure 1" hooks/kernel/postinst.d/newroot "$@"; }
postrm() { DEB_MAINT_PARAMS="remove" hooks/kernel/postrm.d/newroot "$@"; }
img=$boot/initrd.img-newroot-$kver
std=$boot/initrd.img-$kver

# The default configuration, as a kernel package's configure runs it.
if postinst "$kver" "$vmlinuz" 2>"$tmp/err"; then
	echo "ok postinst $kver: built $(stat -c %s "$img") bytes"
else
	echo "not ok postinst $kver: failed"
	sed 's/^/#   /' "$tmp/err"
fi
check "postinst: zstd by default" [ "$(magic "$img")" = 28b52ffd ]
check "postinst: only the newroot name" [ ! -e "$std" ]
check "postinst: no temporary file left" \
	[ "$(find "$boot" -mindepth 1 | wc -l)" -eq 1 ]

# Boot it: the kernel of the package, the image of the hook, a virtio disk
# with the test root.
if root_disk "$tmp/root.img"; then
	boot_check "boot $kver" "the postinst image boots the test root" \
		-k "$vmlinuz" -i "$img" -d "virtio:$tmp/root.img" \
		-a "root=LABEL=NRDIST panic=5" -t 150 -n dist-kernel-postinst \
		-e '^NEWROOT-TEST marker=newroot-test-root' \
		-e '^NEWROOT-TEST pid=1$' \
		-e '^NEWROOT-TEST report root=/dev/vda1' \
		-e '^NEWROOT-TEST report method=move' \
		-e '^NEWROOT-TEST initramfs-visible=no'
else
	echo "not ok boot $kver: could not build the root disk"
fi

# Not on upgrade, not for INITRD=No, and postrm only on remove.
rm -f "$img"
DEB_MAINT_PARAMS="upgrade 1" hooks/kernel/postinst.d/newroot "$kver" \
	"$vmlinuz" 2>/dev/null
check "postinst: nothing on 'upgrade'" [ ! -e "$img" ]
INITRD=No postinst "$kver" "$vmlinuz" 2>/dev/null
check "postinst: nothing for INITRD=No" [ ! -e "$img" ]
hooks/kernel/postinst.d/newroot "" 2>/dev/null
check "postinst: a missing version exits 2" [ $? -eq 2 ]

# The configuration: extra modules, gzip, the standard name.
cat >"$NEWROOT_CONF" <<EOF
MODULES="dm_mod, loop"
COMPRESS=gzip
INITRD_NAME=standard
EOF
postinst "$kver" "$vmlinuz" 2>"$tmp/err"
check "conf: INITRD_NAME=standard writes $(basename "$std")" [ -f "$std" ]
check "conf: COMPRESS=gzip" [ "$(magic "$std")" = 1f8b0800 ]
image_paths "$std" >"$tmp/paths" 2>/dev/null
check "conf: MODULES adds dm_mod" grep -q '/dm-mod\.ko$' "$tmp/paths"
check "conf: MODULES adds loop" grep -q '/loop\.ko$' "$tmp/paths"
check "conf: generic keeps the default drivers" \
	grep -q '/virtio_blk\.ko$' "$tmp/paths"

# conf_build WHAT: the postinst with $NEWROOT_CONF; $tmp/paths lists
# its image.  Status 1 (and a not ok line) when it failed.
conf_build() {
	if postinst "$kver" "$vmlinuz" 2>"$tmp/err"; then
		image_paths "$img" >"$tmp/paths" 2>/dev/null
		return 0
	fi
	echo "not ok conf: $1 failed"
	sed 's/^/#   /' "$tmp/err"
	return 1
}

# host-only: what this machine's root needs, not the whole default set.
printf 'MODE=host-only\nMODULES=loop\n' >"$NEWROOT_CONF"
if conf_build MODE=host-only; then
	check "conf: MODE=host-only leaves nvme out" \
		bash -c "! grep -q '/nvme\.ko\$' '$tmp/paths'"
	check "conf: MODE=host-only keeps MODULES" \
		grep -q '/loop\.ko$' "$tmp/paths"
fi
rm -f "$img"

# WITH: the tools for a root on LUKS, LVM or md, in a generic image.
printf 'WITH="crypt, lvm"\n' >"$NEWROOT_CONF"
if conf_build WITH=crypt,lvm; then
	check "conf: WITH=crypt,lvm adds cryptsetup and lvm" \
		bash -c "grep -q 'sbin/cryptsetup\$' '$tmp/paths' && grep -q 'sbin/lvm\$' '$tmp/paths'"
	check "conf: WITH=crypt,lvm leaves mdadm out" \
		bash -c "! grep -q 'sbin/mdadm\$' '$tmp/paths'"
fi
rm -f "$img"
printf 'WITH=zfs\n' >"$NEWROOT_CONF"
postinst "$kver" "$vmlinuz" 2>"$tmp/err"
rc=$?
check "conf: WITH=zfs is refused, named" \
	bash -c "[ $rc -eq 1 ] && grep -q 'newroot.conf: WITH=zfs' '$tmp/err' && [ ! -e '$img' ]"

printf 'COMPRESS=brotli\n' >"$NEWROOT_CONF"
postinst "$kver" "$vmlinuz" 2>"$tmp/err"
rc=$?
check "conf: a bad COMPRESS is refused (exit 1)" [ $rc -eq 1 ]
check "conf: the message names the file and the key" \
	grep -q "newroot.conf: COMPRESS=brotli" "$tmp/err"
check "conf: nothing built after a refusal" [ ! -e "$img" ]

# An image of the standard name from another generator stays untouched;
# newroot's goes to its own name.
printf 'INITRD_NAME=standard\n' >"$NEWROOT_CONF"
rm -f "$std"
echo "initramfs-tools image" >"$std"
sum=$(md5sum <"$std")
postinst "$kver" "$vmlinuz" 2>"$tmp/err"
check "standard: a foreign image is not replaced" \
	[ "$(md5sum <"$std")" = "$sum" ]
check "standard: the warning names it" grep -q "was not made by newroot" \
	"$tmp/err"
check "standard: newroot's image goes to its own name" [ -f "$img" ]

# postrm: not on upgrade; on remove, newroot's images go, the others stay.
DEB_MAINT_PARAMS="upgrade" hooks/kernel/postrm.d/newroot "$kver" \
	"$vmlinuz" 2>/dev/null
check "postrm: nothing on 'upgrade'" [ -f "$img" ]
postrm "$kver" "$vmlinuz" 2>/dev/null
check "postrm: newroot's image removed" [ ! -e "$img" ]
check "postrm: the foreign image kept" [ "$(md5sum <"$std")" = "$sum" ]
rm -f "$std"
printf 'INITRD_NAME=standard\n' >"$NEWROOT_CONF"
postinst "$kver" "$vmlinuz" 2>/dev/null
postrm "$kver" "$vmlinuz" 2>/dev/null
check "postrm: newroot's standard-name image removed" [ ! -e "$std" ]
echo "not an image" >"$img"
postrm "$kver" "$vmlinuz" 2>/dev/null
check "postrm: a file of newroot's name it did not make is kept" [ -f "$img" ]

# ---- Debian 14's layout (sid's 7.x kernel) ----
if ! kernel 7; then
	echo "skip layout7: no Debian 7.x kernel (qemu/kernels.sh 7)"
	exit 0
fi
# A system root of that layout: usr/lib/modules/KVER (the unpacked
# package's files, linked), lib -> usr/lib, an empty /boot.
sys=$tmp/sys
layout7_root "$sys"
mkdir -p "$sys/boot"
unset NEWROOT_BOOT_DIR
export NEWROOT_MODULES_BASE=$sys
cp hooks/newroot.conf "$NEWROOT_CONF"

postinst "$kver" "/boot/vmlinuz-$kver" 2>"$tmp/err" &&
	postinst "$kver" "$sys/boot/vmlinuz-$kver" 2>>"$tmp/err"
check "layout7: the package's /boot/vmlinuz-$kver is missing: built beside /usr/lib/modules/$kver/vmlinuz" \
	[ -f "$mods/initrd-newroot" ]
[ -f "$mods/initrd-newroot" ] || sed 's/^/#   /' "$tmp/err"
check "layout7: nothing written to /boot" \
	[ -z "$(ls -A "$sys/boot")" ]
printf 'INITRD_NAME=standard\n' >"$NEWROOT_CONF"
postinst "$kver" "$mods/vmlinuz" 2>"$tmp/err"
check "layout7: INITRD_NAME=standard writes /usr/lib/modules/$kver/initrd" \
	[ -f "$mods/initrd" ]
root_img=$tmp/root.img
if [ -f "$mods/initrd" ] && { [ -f "$root_img" ] || root_disk "$root_img"; }; then
	boot_check "boot $kver" "the image beside the 7.x kernel boots, fd-based pivot" \
		-k "$mods/vmlinuz" -i "$mods/initrd" -d "virtio:$root_img" \
		-a "root=LABEL=NRDIST panic=5" -t 150 -n dist-kernel-postinst-7 \
		-e '^NEWROOT-TEST marker=newroot-test-root' \
		-e '^NEWROOT-TEST pid=1$' \
		-e '^NEWROOT-TEST report method=pivot$' \
		-e '^NEWROOT-TEST initramfs-visible=no'
else
	echo "not ok boot $kver: no image or no root disk"
fi
# The package is removed: its files go first, then postrm runs.
rm "$mods/vmlinuz"
postrm "$kver" "/boot/vmlinuz-$kver" 2>/dev/null
check "layout7: postrm removes both images beside the modules" \
	bash -c "[ ! -e '$mods/initrd' ] && [ ! -e '$mods/initrd-newroot' ]"

# linux-base's 00-legacy-boot copied the kernel to /boot: /boot's names.
ln -s "$kdir/usr/lib/modules/$kver/vmlinuz" "$sys/boot/vmlinuz-$kver"
postinst "$kver" "$sys/boot/vmlinuz-$kver" 2>"$tmp/err"
check "layout7: the kernel copied to /boot: /boot/initrd.img-$kver" \
	[ -f "$sys/boot/initrd.img-$kver" ]
check "layout7: nothing beside the modules then" \
	bash -c "[ ! -e '$mods/initrd' ] && [ ! -e '$mods/initrd-newroot' ]"
rm "$sys/boot/vmlinuz-$kver"
postrm "$kver" "$sys/boot/vmlinuz-$kver" 2>/dev/null
check "layout7: postrm removes it from /boot" \
	[ ! -e "$sys/boot/initrd.img-$kver" ]
exit 0
