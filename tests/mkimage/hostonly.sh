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
read -r majmin fstype < <(awk '$5 == "/" { for (i = 7; $i != "-"; i++); print $3, $(i + 1) }' \
	/proc/self/mountinfo | tail -n1)
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
