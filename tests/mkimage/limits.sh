#!/usr/bin/env bash
# tests/mkimage/limits.sh - what a newc header cannot hold (8 hex digits
# per number) is refused with a message naming it, never written wrapped:
# SOURCE_DATE_EPOCH outside 0..4294967295 or not a number, a file of
# 4 GiB or more.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage limits
scratch

read -r kver dir < <(kernels | head -n1)
if [ -z "${kver:-}" ]; then
	echo "skip limits: no Debian kernel .deb in $cache/kernels"
	exit 0
fi
mk() { "$MKIMAGE" --no-defaults -m virtio_blk -b "$dir" -k "$kver" "$@"; }

# refuse NAME MESSAGE-REGEX [VAR=VALUE] ARGS...
refuse() {
	local name=$1 want=$2 rc
	shift 2
	rm -f "$tmp/out.img"
	(ulimit -v 3000000 && env "$@") >/dev/null 2>"$tmp/err"
	rc=$?
	check "$name: exits non-zero" test "$rc" -ne 0
	check "$name: says why" grep -qE -- "$want" "$tmp/err"
	grep -qE -- "$want" "$tmp/err" || sed 's/^/#   stderr: /' "$tmp/err"
	check "$name: no output" test ! -e "$tmp/out.img"
}

for v in -1 4294967296 18446744073709551617 12abc " 5" 0x10; do
	refuse "SOURCE_DATE_EPOCH='$v'" \
		"SOURCE_DATE_EPOCH=$v: not a time a newc archive can hold" \
		SOURCE_DATE_EPOCH="$v" "$MKIMAGE" --no-defaults -m virtio_blk \
		-b "$dir" -k "$kver" -o "$tmp/out.img"
done

# The largest time works, and is what cpio shows.
SOURCE_DATE_EPOCH=4294967295 mk --compress none -o "$tmp/max.img" 2>"$tmp/err"
check "SOURCE_DATE_EPOCH=4294967295: builds" test -s "$tmp/max.img"
check "SOURCE_DATE_EPOCH=4294967295: in the headers" \
	test "$(head -c 54 "$tmp/max.img" | tail -c 8)" = FFFFFFFF
SOURCE_DATE_EPOCH= mk --compress none -o "$tmp/empty.img" 2>"$tmp/err"
check "SOURCE_DATE_EPOCH empty: builds with time 0" \
	test "$(head -c 54 "$tmp/empty.img" | tail -c 8)" = 00000000

# A sparse file of 4 GiB, alone and inside an added directory (the
# memory limit above keeps a failing build from reading it whole).
mkdir -p "$tmp/big/sub"
truncate -s 4G "$tmp/big/sub/huge"
refuse "--add of a 4 GiB file" "$tmp/big/sub/huge: 4294967296 bytes; a newc archive holds files below 4 GiB" \
	"$MKIMAGE" --no-defaults -m virtio_blk -b "$dir" -k "$kver" \
	-o "$tmp/out.img" --add "$tmp/big/sub/huge:/huge"
refuse "--add of a directory holding a 4 GiB file" "$tmp/big/sub/huge: 4294967296 bytes" \
	"$MKIMAGE" --no-defaults -m virtio_blk -b "$dir" -k "$kver" \
	-o "$tmp/out.img" --add "$tmp/big:/big"
# 4 GiB - 1 is not refused by this check (the memory limit stops the
# build later).
truncate -s 4294967295 "$tmp/big/sub/huge"
(ulimit -v 3000000 && mk -o "$tmp/out.img" --add "$tmp/big/sub/huge:/huge") \
	>/dev/null 2>"$tmp/err"
check "a file of 4 GiB - 1 is not refused for its size" \
	sh -c "! grep -q 'below 4 GiB' '$tmp/err'"
