#!/usr/bin/env bash
# tests/mkimage/paths.sh - every name in the archive stays inside the
# image: --add SRC:DST is cleaned ('//' and '.' collapsed) or refused
# ('..', empty, a file over a directory or the reverse), and a firmware
# name from a module's modinfo cannot reach outside lib/firmware.  A fake
# module tree (one module built here with gcc, indexed by depmod) stands
# in for a kernel.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage paths
scratch

kver=9.9-paths
base=$tmp/base
mkdir -p "$base/lib/modules/$kver/kernel" "$base/lib/firmware" "$tmp/sub"
printf '%s\n' 'const char m[] __attribute__((section(".modinfo"), used)) =' \
	'"license=GPL\0name=evil\0firmware=../../secret\0firmware=/abs.bin\0"' \
	'"firmware=a/../../secret\0firmware=./ok.bin\0";' >"$tmp/evil.c"
if ! gcc -c -o "$base/lib/modules/$kver/kernel/evil.ko" "$tmp/evil.c" ||
	! depmod -b "$base" "$kver" 2>/dev/null; then
	echo "not ok paths: cannot build the fake module tree (gcc, depmod)"
	exit 1
fi
echo "host secret" >"$base/secret"
echo abs >"$base/lib/firmware/abs.bin"
echo ok >"$base/lib/firmware/ok.bin"
args=(--no-defaults -b "$base" -k "$kver" --init build/newroot --compress none)

# Firmware names from modinfo.
"$MKIMAGE" "${args[@]}" -m evil -o "$tmp/fw.img" 2>"$tmp/err"
check "firmware: the build succeeds" test -s "$tmp/fw.img"
cpio -t --quiet <"$tmp/fw.img" >"$tmp/paths" 2>/dev/null
check "firmware: no '..' name in the archive" sh -c "! grep -q '\.\.' '$tmp/paths'"
check "firmware: the file outside lib/firmware is not copied" \
	sh -c "! grep -q 'secret' '$tmp/paths'"
check "firmware: a warning names the module and ../../secret" \
	grep -q "warning: module evil names firmware '../../secret' outside lib/firmware" "$tmp/err"
check "firmware: a warning for a/../../secret" \
	grep -q "firmware 'a/../../secret' outside" "$tmp/err"
check "firmware: a warning for the absolute /abs.bin" \
	grep -q "firmware '/abs.bin' outside" "$tmp/err"
check "firmware: ./ok.bin is copied as lib/firmware/ok.bin" \
	grep -qx lib/firmware/ok.bin "$tmp/paths"
check "firmware: no name with // or /./" sh -c "! grep -qE '//|/\./|/$' '$tmp/paths'"

# --add DST.
echo file >"$tmp/f"
mkdir -p "$tmp/tree/d"
echo in-tree >"$tmp/tree/d/x"
refuse "--add f:../../etc/evil" "--add $tmp/f:\.\./\.\./etc/evil: '\.\.' in the path in the image" \
	"${args[@]}" --add "$tmp/f:../../etc/evil"
refuse "--add f:etc/../../x" "--add $tmp/f:etc/\.\./\.\./x: '\.\.' in the path" \
	"${args[@]}" --add "$tmp/f:etc/../../x"
refuse "--add ../f (DST from SRC)" "--add \.\./f: '\.\.' in the path in the image; name one below / \(SRC:DST\)" \
	"${args[@]}" --add ../f
refuse "--add f: (empty DST)" "--add $tmp/f:: no path in the image; name one after the colon" \
	"${args[@]}" --add "$tmp/f:"
refuse "--add f:/ (root as DST)" "--add $tmp/f:/: no path in the image" \
	"${args[@]}" --add "$tmp/f:/"
refuse "--add f:lib (a directory)" "lib: is a directory in the image; a file cannot replace it" \
	"${args[@]}" --add "$tmp/f:lib"
refuse "--add f:lib also names the argument" "--add $tmp/f:lib: Is a directory" \
	"${args[@]}" --add "$tmp/f:lib"
refuse "--add f:etc/x then f:etc/x/y" "etc/x: is a file in the image; etc/x/y cannot go below it" \
	"${args[@]}" --add "$tmp/f:etc/x" --add "$tmp/f:etc/x/y"
refuse "--add tree:opt then f:opt" "opt: is a directory in the image" \
	"${args[@]}" --add "$tmp/tree:opt" --add "$tmp/f:opt"
refuse "--add f:init-dir then tree:init-dir" "init-dir: is a file in the image; a directory cannot replace it" \
	"${args[@]}" --add "$tmp/f:init-dir" --add "$tmp/tree:init-dir"

"$MKIMAGE" "${args[@]}" -o "$tmp/clean.img" --add "$tmp/f://etc/./x//y" \
	--add "$tmp/tree:./opt/t/" 2>"$tmp/err"
cpio -t --quiet <"$tmp/clean.img" >"$tmp/paths" 2>/dev/null
check "--add f://etc/./x//y: stored as etc/x/y" grep -qx etc/x/y "$tmp/paths"
check "--add tree:./opt/t/: stored as opt/t/d/x" grep -qx opt/t/d/x "$tmp/paths"
check "--add: no name with //, /./ or a trailing /" \
	sh -c "! grep -qE '//|(^|/)\.(/|$)|/$' '$tmp/paths'"
