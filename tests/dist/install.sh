#!/usr/bin/env bash
# tests/dist/install.sh - make install DESTDIR=... [PREFIX=...] lays out the
# tree a Debian package ships, and make uninstall takes it away:
#   - exactly the expected files, with their modes, for PREFIX=/usr and
#     PREFIX=/usr/local (kernel hooks and configuration stay in /etc);
#   - installed scripts name the installed paths and pass sh -n, man pages
#     render without warnings;
#   - the installed pieces work together: the installed kernel hook runs
#     the installed newroot-mkimage, whose image holds the installed newroot;
#   - a changed newroot.conf survives install and uninstall.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
need_build install
scratch dist-install

# The files, relative to DESTDIR, for PREFIX=$1.
expected() {
	local p=${1#/}
	printf '%s\n' \
		"$p/sbin/newroot 755" "$p/sbin/newroot-mkimage 755" \
		"$p/share/man/man8/newroot.8 644" \
		"$p/share/man/man8/newroot-mkimage.8 644" \
		"$p/share/man/man5/newroot.conf.5 644" \
		"$p/lib/newroot/kernel-hook 755" \
		"etc/kernel/postinst.d/newroot 755" \
		"etc/kernel/postrm.d/newroot 755" \
		"etc/newroot/newroot.conf 644" \
		"$p/lib/kernel/install.d/50-newroot.install 755" \
		"$p/lib/dracut/modules.d/90newroot/module-setup.sh 755" \
		"$p/lib/dracut/modules.d/90newroot/newroot-check.sh 755" \
		"$p/lib/initcpio/install/newroot 644"
	[ -f initramfs-tools/hooks/newroot ] &&
		echo "usr/share/initramfs-tools/hooks/newroot 755"
	[ -f initramfs-tools/conf.d/newroot ] &&
		echo "$p/share/newroot/initramfs-tools/conf.d/newroot 644"
	return 0
}

installed() { # DESTDIR: "path mode" of every file and link
	(cd "$1" && find . ! -type d -printf '%P %m\n')
}

for prefix in /usr /usr/local; do
	d=$tmp/dest${prefix//\//-}
	if ! make -s install DESTDIR="$d" PREFIX="$prefix" >"$tmp/make.log" 2>&1; then
		echo "not ok install PREFIX=$prefix: make install failed"
		sed 's/^/#   /' "$tmp/make.log"
		continue
	fi
	expected "$prefix" | sort >"$tmp/want"
	installed "$d" | sort >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then
		echo "ok install PREFIX=$prefix: $(wc -l <"$tmp/got") files where expected"
	else
		echo "not ok install PREFIX=$prefix: the tree differs (- expected, + installed)"
		diff "$tmp/want" "$tmp/got" | sed -n 's/^[<>]/#   &/p'
	fi
	lib=$prefix/lib/newroot/kernel-hook
	check "install PREFIX=$prefix: postinst.d names $lib" \
		grep -q "NEWROOT_KERNEL_HOOK:-$lib}" "$d/etc/kernel/postinst.d/newroot"
	check "install PREFIX=$prefix: postrm.d names $lib" \
		grep -q "NEWROOT_KERNEL_HOOK:-$lib}" "$d/etc/kernel/postrm.d/newroot"
	check "install PREFIX=$prefix: kernel-install plugin names $lib" \
		grep -q "NEWROOT_KERNEL_HOOK:-$lib}" \
		"$d$prefix/lib/kernel/install.d/50-newroot.install"
	check "install PREFIX=$prefix: dracut module names $prefix/sbin/newroot" \
		grep -qx "newroot_default=$prefix/sbin/newroot" \
		"$d$prefix/lib/dracut/modules.d/90newroot/module-setup.sh"
	# shellcheck disable=SC2016 # the text itself
	check "install PREFIX=$prefix: kernel-hook reads /etc/newroot/newroot.conf" \
		grep -q '^conf=${NEWROOT_CONF:-/etc/newroot/newroot.conf}$' \
		"$d$prefix/lib/newroot/kernel-hook"
done

d=$tmp/dest-usr
bad=
for f in "$d"/etc/kernel/*/newroot "$d"/usr/lib/newroot/kernel-hook \
	"$d"/usr/lib/kernel/install.d/50-newroot.install; do
	sh -n "$f" || bad="$bad ${f#"$d"}"
done
for f in "$d"/usr/lib/dracut/modules.d/90newroot/*.sh \
	"$d"/usr/lib/initcpio/install/newroot; do
	bash -n "$f" || bad="$bad ${f#"$d"}"
done
check "installed scripts parse${bad:+ (not:$bad)}" [ -z "$bad" ]
if command -v man >/dev/null; then
	bad=
	for m in "$d"/usr/share/man/man*/*; do
		w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$m" 2>&1 >/dev/null)
		[ -z "$w" ] || bad="$bad ${m##*/}"
	done
	check "man pages render without warnings${bad:+ (not:$bad)}" [ -z "$bad" ]
else
	echo "skip man pages: man-db is not installed"
fi

# The installed pieces together, for an installed kernel.
if kernel 6.1; then
	mkdir -p "$tmp/boot"
	if NEWROOT_KERNEL_HOOK=$d/usr/lib/newroot/kernel-hook \
		NEWROOT_MKIMAGE=$d/usr/sbin/newroot-mkimage \
		NEWROOT_CONF=$d/etc/newroot/newroot.conf \
		NEWROOT_MODULES_BASE=$kdir NEWROOT_BOOT_DIR=$tmp/boot \
		"$d/etc/kernel/postinst.d/newroot" "$kver" \
		"$kdir/boot/vmlinuz-$kver" 2>"$tmp/err"; then
		zstd -dc "$tmp/boot/initrd.img-newroot-$kver" |
			(cd "$tmp" && cpio -i --quiet init 2>/dev/null)
		check "installed: the hook's image holds the installed newroot" \
			cmp -s "$tmp/init" "$d/usr/sbin/newroot"
	else
		echo "not ok installed: the installed kernel hook failed"
		sed 's/^/#   /' "$tmp/err"
	fi
else
	echo "skip installed: no Debian 6.1 kernel (qemu/kernels.sh 6.1)"
fi

# The installed pieces for a kernel of Debian 14's layout (sid's 7.x: the
# kernel only in /usr/lib/modules/KVER, the package naming
# /boot/vmlinuz-KVER): the image goes beside it.
if kernel 7; then
	layout7_root "$tmp/sys7"
	NEWROOT_KERNEL_HOOK=$d/usr/lib/newroot/kernel-hook \
		NEWROOT_MKIMAGE=$d/usr/sbin/newroot-mkimage \
		NEWROOT_CONF=$d/etc/newroot/newroot.conf \
		NEWROOT_MODULES_BASE=$tmp/sys7 DEB_MAINT_PARAMS="configure 1" \
		"$d/etc/kernel/postinst.d/newroot" "$kver" "/boot/vmlinuz-$kver" \
		2>"$tmp/err"
	check "installed: a 7.x kernel in /usr/lib/modules gets its image beside it" \
		bash -c "'$d/usr/sbin/newroot-mkimage' --list '$mods/initrd-newroot' |
			grep -q ' new-root\$'"
else
	echo "skip installed 7.x: no Debian 7.x kernel (qemu/kernels.sh 7)"
fi

# The administrator's configuration is theirs.
echo 'MODULES="loop"' >>"$d/etc/newroot/newroot.conf"
make -s install DESTDIR="$d" >/dev/null 2>&1
check "install again: a changed newroot.conf is kept" \
	grep -q '^MODULES="loop"$' "$d/etc/newroot/newroot.conf"
make -s uninstall DESTDIR="$d" >/dev/null 2>&1
check "uninstall: only the changed newroot.conf is left" \
	[ "$(installed "$d")" = "etc/newroot/newroot.conf 644" ]
make -s uninstall DESTDIR="$tmp/dest-usr-local" PREFIX=/usr/local \
	>/dev/null 2>&1
check "uninstall PREFIX=/usr/local: no file left" \
	[ -z "$(installed "$tmp/dest-usr-local")" ]
check "uninstall: newroot's own directories are gone" \
	bash -c "[ ! -e '$tmp/dest-usr-local/usr/local/lib/newroot' ] &&
		[ ! -e '$tmp/dest-usr-local/usr/local/lib/dracut/modules.d/90newroot' ] &&
		[ ! -e '$tmp/dest-usr-local/etc/newroot' ]"
exit 0
