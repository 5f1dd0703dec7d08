#!/usr/bin/env bash
# tests/mkimage/hostonly.sh - --host-only takes the modules this machine's
# root needs: the filesystem type of / and the drivers of the root device
# and its parents in sysfs (expected here from modprobe --resolve-alias on
# the same modaliases, for a Debian kernel's modules).
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage hostonly
scratch

read -r kver dir < <(kernels | tail -n1)
if [ -z "${kver:-}" ]; then
	echo "skip hostonly: no Debian kernel .deb in $cache/kernels"
	exit 0
fi
# The device of / is what stat says (in a chroot, mountinfo shows no mount
# at "/"); its type is the one mountinfo gives that device, else statfs's.
majmin=$(stat -c '%Hd:%Ld' /)
fstype=$(awk -v d="$majmin" '$3 == d { for (i = 7; $i != "-"; i++);
	print ($5 == "/" ? 1 : 0), $(i + 1) }' /proc/self/mountinfo |
	sort -s -k1,1n | tail -n1 | cut -d' ' -f2)
if [ -z "$fstype" ]; then
	fstype=$(stat -f -c %T /)
	case $fstype in ext2/ext3 | ext*) fstype=ext4 ;; esac
fi
echo "# / is $majmin ($fstype)"

want=()
modprobe -d "$dir" -S "$kver" -R "$fstype" >/dev/null 2>&1 &&
	want+=("$(modprobe -d "$dir" -S "$kver" -R "$fstype" | head -n1)")
if p=$(realpath "/sys/dev/block/$majmin" 2>/dev/null); then
	while [[ $p == /sys/devices/* ]]; do
		if [ -r "$p/modalias" ]; then
			while read -r m; do want+=("$m"); done < <(
				modprobe -d "$dir" -S "$kver" -R "$(cat "$p/modalias")" 2>/dev/null)
		fi
		p=${p%/*}
	done
fi
# Only modules (a built-in driver is nothing to add).
mods=()
for m in "${want[@]}"; do
	m=${m//-/_}
	grep -qE "/$m\.ko" "$dir/lib/modules/$kver/modules.builtin" || mods+=("$m")
done
echo "# expected: ${mods[*]:-(none)}"

"$MKIMAGE" --no-defaults --host-only -b "$dir" -k "$kver" --compress none \
	-o "$tmp/h.img" 2>"$tmp/err"
check "host-only build" test -s "$tmp/h.img"
sed 's/^/#   /' "$tmp/err"
cpio -i --quiet --to-stdout lib/modules/newroot.index <"$tmp/h.img" \
	>"$tmp/index" 2>/dev/null
if [ ${#mods[@]} -eq 0 ]; then
	echo "skip hostonly modules: this machine's root needs no module of $kver"
fi
for m in "${mods[@]}"; do
	check "host-only: $m in the image, loaded at boot" \
		sh -c "grep -q '^m $m ' '$tmp/index' && grep -qx 'l $m' '$tmp/index'"
done
n=$(grep -c '^m ' "$tmp/index")
echo "# $n modules in the host-only image"
check "host-only: a small image (fewer modules than the default set)" \
	test "$n" -lt 40

# In a chroot (installers and image builders run there) mountinfo has no
# line for "/": the mount that holds the root lies outside it.  The
# builder must still find the device (stat) and its type.
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
	echo "skip host-only in a chroot: needs root and unshare"
	exit 0
fi
croot=$tmp/chroot
mkdir -p "$croot"/{usr,proc,sys,dev,tmp,kdir,out}
for l in bin sbin lib lib64; do
	if [ -L /$l ]; then ln -s "$(readlink /$l)" "$croot/$l"; else mkdir -p "$croot/$l"; fi
done
cp "$MKIMAGE" "$croot/tmp/newroot-mkimage"
cp build/newroot "$croot/tmp/newroot"
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -m --propagation private sh -c '
	set -e
	r=$1 dir=$2 kver=$3
	mount --rbind /usr "$r/usr"
	for l in bin sbin lib lib64; do
		[ -L "/$l" ] || [ ! -d "/$l" ] || mount --rbind "/$l" "$r/$l"
	done
	mount --rbind /proc "$r/proc"
	mount --rbind /sys "$r/sys"
	mount --rbind /dev "$r/dev"
	mount --bind "$dir" "$r/kdir"
	chroot "$r" sh -c "cut -d\" \" -f5 /proc/self/mountinfo | grep -cx /" \
		>"$r/out/root-lines" || true
	chroot "$r" /tmp/newroot-mkimage --no-defaults --host-only \
		--init /tmp/newroot -b /kdir -k "$kver" --compress none \
		-o /out/c.img
' chroot-test "$croot" "$dir" "$kver" >"$tmp/cerr" 2>&1
sed 's/^/#   /' "$tmp/cerr"
check "host-only: mountinfo shows no / in the chroot (the case is real)" \
	grep -qx 0 "$croot/out/root-lines"
check "host-only in a chroot builds an image" test -s "$croot/out/c.img"
if [ -s "$croot/out/c.img" ]; then
	cpio -i --quiet --to-stdout lib/modules/newroot.index \
		<"$croot/out/c.img" >"$tmp/cindex" 2>/dev/null
	check "host-only in a chroot: the same modules as outside" \
		cmp -s <(grep '^l ' "$tmp/index" | sort) <(grep '^l ' "$tmp/cindex" | sort)
fi
