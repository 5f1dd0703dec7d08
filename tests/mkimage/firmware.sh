#!/usr/bin/env bash
# tests/mkimage/firmware.sh - the firmware files a module names (modinfo
# firmware=) are copied from BASEDIR/lib/firmware when they are there;
# missing ones do not stop the build.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage firmware
scratch

read -r kver dir < <(kernels | head -n1)
if [ -z "${kver:-}" ]; then
	echo "skip firmware: no Debian kernel .deb in $cache/kernels"
	exit 0
fi
# A base directory with the kernel's modules and a firmware tree that has
# one of the files e100 names.
mkdir -p "$tmp/base/lib/modules" "$tmp/base/lib/firmware"
ln -s "$dir/lib/modules/$kver" "$tmp/base/lib/modules/$kver"
mod=$(grep -o "[^ ]*/e100\.ko[.a-z]*" "$dir/lib/modules/$kver/modules.dep" | head -n1)
mapfile -t fws < <(modinfo -F firmware "$dir/lib/modules/$kver/$mod" 2>/dev/null)
if [ ${#fws[@]} -lt 2 ]; then
	echo "skip firmware: e100 names no firmware in $kver"
	exit 0
fi
mkdir -p "$tmp/base/lib/firmware/${fws[0]%/*}"
echo "firmware blob" >"$tmp/base/lib/firmware/${fws[0]}"
"$MKIMAGE" --no-defaults -m e100 -b "$tmp/base" -k "$kver" --compress none \
	-o "$tmp/fw.img" 2>"$tmp/err"
check "firmware: build with a missing firmware file succeeds" test -s "$tmp/fw.img"
check "firmware: a warning names the missing file" \
	grep -q "warning: firmware ${fws[1]} is not in" "$tmp/err"
image_paths "$tmp/fw.img" >"$tmp/paths"
check "firmware: ${fws[0]} copied" grep -qx "lib/firmware/${fws[0]}" "$tmp/paths"
check "firmware: ${fws[1]} (absent) not invented" \
	sh -c "! grep -qx 'lib/firmware/${fws[1]}' '$tmp/paths'"
mkdir -p "$tmp/x"
(cd "$tmp/x" && cpio -i --quiet -d <"$tmp/fw.img" 2>/dev/null)
check "firmware: contents kept" grep -qx "firmware blob" "$tmp/x/lib/firmware/${fws[0]}"
