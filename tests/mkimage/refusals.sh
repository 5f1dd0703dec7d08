#!/usr/bin/env bash
# tests/mkimage/refusals.sh - each refusal exits non-zero with a message
# naming the problem, creates no output, leaves an existing output
# untouched and leaves no temporary file behind.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage refusals
scratch

read -r kver dir < <(kernels | head -n1)
if [ -z "${kver:-}" ]; then
	echo "skip refusals: no Debian kernel .deb in $cache/kernels"
	exit 0
fi

refuse "unknown module" "unknown module 'no_such_mod'" \
	-b "$dir" -k "$kver" -m virtio_blk,no_such_mod
refuse "missing modules directory" \
	"$tmp/nowhere/lib/modules/$kver: No such file or directory; install the kernel's modules or pass -b/-k" \
	-b "$tmp/nowhere" -k "$kver"
refuse "unknown kernel version" "lib/modules/0.0-none: No such file or directory" \
	-b "$dir" -k 0.0-none
refuse "--add source missing" "--add $tmp/missing-file: No such file or directory" \
	-b "$dir" -k "$kver" --add "$tmp/missing-file:/etc/x"
refuse "missing init" "$tmp/no-init: the init is missing" \
	-b "$dir" -k "$kver" --init "$tmp/no-init"
refuse "bad compression" "--compress bogus: use zstd, gzip, xz, lz4 or none" \
	-b "$dir" -k "$kver" --compress bogus

# Unwritable output: a directory that does not exist, and /proc.
"$MKIMAGE" -b "$dir" -k "$kver" -o "$tmp/no/such/dir/x.img" 2>"$tmp/err"
rc=$?
check "unwritable output (no directory): exits non-zero" test "$rc" -ne 0
check "unwritable output (no directory): says why" \
	grep -q "cannot write $tmp/no/such/dir/x.img: No such file or directory" "$tmp/err"
"$MKIMAGE" -b "$dir" -k "$kver" -o /proc/newroot-test.img 2>"$tmp/err"
rc=$?
check "unwritable output (/proc): exits non-zero" test "$rc" -ne 0
check "unwritable output (/proc): says why" grep -q "cannot write /proc/newroot-test.img" "$tmp/err"
# An output that is a directory: everything is built, the rename fails.
mkdir -p "$tmp/isdir/out.img"
"$MKIMAGE" -b "$dir" -k "$kver" --no-defaults -o "$tmp/isdir/out.img" 2>"$tmp/err"
rc=$?
check "output is a directory: exits non-zero" test "$rc" -ne 0
check "output is a directory: says why" grep -q "cannot write $tmp/isdir/out.img: Is a directory" "$tmp/err"
check "output is a directory: no temporary file left" test "$(ls -A "$tmp/isdir")" = out.img

# Usage errors exit 100 (and print the usage).
"$MKIMAGE" -b "$dir" >/dev/null 2>"$tmp/err"
check "no -o: exit status 100" test $? -eq 100
check "no -o: says so" grep -q -- "-o OUT is required" "$tmp/err"
"$MKIMAGE" --list "$tmp/err" >/dev/null 2>&1
check "--list of a file that is no image: exits non-zero" test $? -ne 0

# A good build with the same options succeeds (the refusals above were
# for their reasons, not for a broken setup).
"$MKIMAGE" -b "$dir" -k "$kver" -m virtio_blk -o "$tmp/good.img" 2>"$tmp/err"
check "the same build without the faults works" test -s "$tmp/good.img"
