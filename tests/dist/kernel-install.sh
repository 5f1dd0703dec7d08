#!/usr/bin/env bash
# tests/dist/kernel-install.sh - the kernel-install plugin, run by systemd's
# own kernel-install (Debian 12: systemd 252) with its 90-loaderentry.install,
# for Debian's 6.1 kernel into a temporary BOOT_ROOT with layout=bls:
#   - the boot entry gets newroot's image as its initrd, and that entry
#     (its linux, initrd and options) boots the test root in QEMU;
#   - initrd_generator=dracut in install.conf, or initrds given on the
#     command line, and the plugin stays out;
#   - remove deletes the entry;
#   - Debian 14's layout, with sid's 7.x kernel (qemu/kernels.sh 7): given
#     /usr/lib/modules/KVER/vmlinuz, layout=bls stages newroot's image into
#     the entry; layout=other (nothing reads the staging area) puts it
#     beside the kernel, and remove takes it away.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
need_build kernel-install
scratch dist-kinstall

if ! command -v kernel-install >/dev/null ||
	[ ! -x /usr/lib/kernel/install.d/90-loaderentry.install ]; then
	echo "skip kernel-install: systemd's kernel-install is not installed"
	exit 0
fi
if ! kernel 6.1; then
	echo "skip kernel-install: no Debian 6.1 kernel (qemu/kernels.sh 6.1)"
	exit 0
fi
vmlinuz=$kdir/boot/vmlinuz-$kver
mid=0123456789abcdef0123456789abcdef
mkdir -p "$tmp/boot" "$tmp/conf"
echo "layout=bls" >"$tmp/conf/install.conf"
echo "root=/dev/vda1 panic=5" >"$tmp/conf/cmdline"
cp hooks/newroot.conf "$tmp/newroot.conf"
export NEWROOT_KERNEL_HOOK=$PWD/hooks/kernel/kernel-hook
export NEWROOT_MKIMAGE=$MKIMAGE NEWROOT_MODULES_BASE=$kdir
export NEWROOT_CONF=$tmp/newroot.conf
export BOOT_ROOT=$tmp/boot MACHINE_ID=$mid KERNEL_INSTALL_CONF_ROOT=$tmp/conf
export KERNEL_INSTALL_PLUGINS="$PWD/hooks/kernel-install/50-newroot.install /usr/lib/kernel/install.d/90-loaderentry.install"
entry=$tmp/boot/loader/entries/$mid-$kver.conf
edir=$tmp/boot/$mid/$kver

if kernel-install add "$kver" "$vmlinuz" >"$tmp/out" 2>&1; then
	echo "ok add $kver"
else
	echo "not ok add $kver: kernel-install failed"
	sed 's/^/#   /' "$tmp/out"
fi
check "entry: lists the initrd" grep -q "^initrd .*/$mid/$kver/initrd$" \
	"$entry"
check "entry: the initrd is newroot's image" \
	bash -c "'$MKIMAGE' --list '$edir/initrd' | grep -q ' new-root\$'"

# Boot what the entry says.
opts=$(sed -n 's/^options *//p' "$entry")
if root_disk "$tmp/root.img"; then
	boot_check boot "the entry kernel-install wrote boots ($opts)" \
		-k "$edir/linux" -i "$edir/initrd" -d "virtio:$tmp/root.img" \
		-a "$opts" -t 150 -n dist-kernel-install \
		-e '^NEWROOT-TEST marker=newroot-test-root' \
		-e '^NEWROOT-TEST report root=/dev/vda1' \
		-e '^NEWROOT-TEST report method=move'
else
	echo "not ok boot: could not build the root disk"
fi

kernel-install remove "$kver" >/dev/null 2>&1
check "remove: the entry is gone" \
	bash -c "[ ! -e '$entry' ] && [ ! -e '$edir' ]"

# Another generator chosen: the plugin builds nothing.
printf 'layout=bls\ninitrd_generator=dracut\n' >"$tmp/conf/install.conf"
kernel-install add "$kver" "$vmlinuz" >/dev/null 2>&1
check "initrd_generator=dracut: no newroot initrd" \
	bash -c "[ -f '$entry' ] && ! grep -q '^initrd' '$entry'"
kernel-install remove "$kver" >/dev/null 2>&1

# An initrd given by the caller is the one used.
echo "layout=bls" >"$tmp/conf/install.conf"
echo "someone's initrd" >"$tmp/given.img"
kernel-install add "$kver" "$vmlinuz" "$tmp/given.img" >/dev/null 2>&1
check "given initrd: used, no newroot initrd" \
	bash -c "grep -q '^initrd .*/given.img\$' '$entry' &&
		! grep -q '/initrd\$' '$entry'"
kernel-install remove "$kver" >/dev/null 2>&1

# ---- Debian 14's layout (sid's 7.x kernel) ----
if ! kernel 7; then
	echo "skip layout7: no Debian 7.x kernel (qemu/kernels.sh 7)"
	exit 0
fi
sys=$tmp/sys
layout7_root "$sys"
export NEWROOT_MODULES_BASE=$sys
entry=$tmp/boot/loader/entries/$mid-$kver.conf
edir=$tmp/boot/$mid/$kver

echo "layout=bls" >"$tmp/conf/install.conf"
kernel-install add "$kver" "$mods/vmlinuz" >"$tmp/out" 2>&1
check "layout7 bls: the entry's initrd is newroot's image" \
	bash -c "grep -q '^initrd .*/$mid/$kver/initrd\$' '$entry' &&
		'$MKIMAGE' --list '$edir/initrd' | grep -q ' new-root\$'"
check "layout7 bls: nothing beside the kernel" \
	bash -c "[ ! -e '$mods/initrd' ] && [ ! -e '$mods/initrd-newroot' ]"
kernel-install remove "$kver" >/dev/null 2>&1

echo "layout=other" >"$tmp/conf/install.conf"
kernel-install add "$kver" "$mods/vmlinuz" >"$tmp/out" 2>&1
check "layout7 other: the image beside the kernel (initrd-newroot)" \
	bash -c "'$MKIMAGE' --list '$mods/initrd-newroot' | grep -q ' new-root\$'"
[ -f "$mods/initrd-newroot" ] || sed 's/^/#   /' "$tmp/out"
check "layout7 other: no boot entry" [ ! -e "$entry" ]
kernel-install remove "$kver" >"$tmp/out" 2>&1
check "layout7 other: remove takes it away" [ ! -e "$mods/initrd-newroot" ]
exit 0
