#!/usr/bin/env bash
# tests/mkimage/list-hostile.sh - --list on crafted images: the kernel
# hook runs it on whatever sits in /boot, so a bad image must end quickly
# with a message, never hang or read past the file.  Needs no kernel.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage list-hostile
scratch

# hdr NAME MODE SIZE [NAMESIZE]: a newc header and its padded name; SIZE
# and NAMESIZE are the literal 8-character fields (so they can be bad).
hdr() {
	local name=$1 mode=$2 size=$3 ns=${4:-}
	[ -n "$ns" ] || ns=$(printf %08X $((${#name} + 1)))
	printf '070701%08X%s%08X%08X%08X%08X%s%08X%08X%08X%08X%s%08X' \
		1 "$mode" 0 0 1 0 "$size" 0 0 0 0 "$ns" 0
	printf '%s\0' "$name"
	# header (110) + name + NUL, padded to 4
	local n=$(((110 + ${#name} + 1) % 4))
	[ "$n" -eq 0 ] || head -c $((4 - n)) /dev/zero
}
trailer() { hdr TRAILER!!! 00000000 00000000; }

# list NAME IMAGE WANT-RC MESSAGE-REGEX: within 10 s, that status, that
# message on stderr.
list() {
	local name=$1 img=$2 want=$3 msg=$4 rc
	timeout 10 "$MKIMAGE" --list "$img" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$name: ends in time" test "$rc" -ne 124
	check "$name: exit status $want" test "$rc" -eq "$want"
	if [ -n "$msg" ]; then
		check "$name: says why" grep -qE -- "$msg" "$tmp/err"
	fi
	[ "$rc" -eq "$want" ] || sed 's/^/#   stderr: /' "$tmp/err"
}
damaged="$tmp/.*: damaged, or not a newc cpio archive"

# A size field with a sign: strtoul took -0000070 as -112, which led
# back to the header, for ever.
{ hdr x 000081A4 -0000070; trailer; } >"$tmp/sign.img"
list "size -0000070" "$tmp/sign.img" 1 "$damaged"
# A symlink whose size is -1: the target was printed past the buffer,
# then the walk went back to the same entry.
{ hdr l 0000A1FF -0000001; printf 'abcd'; trailer; } >"$tmp/link.img"
list "symlink size -0000001" "$tmp/link.img" 1 "$damaged"
# Only 8 hex digits: no space, plus sign or 0x.
{ hdr f 000081A4 " 0000004"; printf 'abcd'; trailer; } >"$tmp/space.img"
list "size with a leading space" "$tmp/space.img" 1 "$damaged"
{ hdr f 000081A4 "0x000004"; printf 'abcd'; trailer; } >"$tmp/0x.img"
list "size with 0x" "$tmp/0x.img" 1 "$damaged"
{ hdr f 000081A4 00000004 "+0000002"; printf 'abcd'; trailer; } >"$tmp/plus.img"
list "name size with +" "$tmp/plus.img" 1 "$damaged"
# Sizes that pass the end, and an archive cut short.
{ hdr f 000081A4 FFFFFFFF; printf 'abcd'; trailer; } >"$tmp/big.img"
list "size past the end" "$tmp/big.img" 1 "$damaged"
{ hdr f 000081A4 00000004 FFFFFFFF; } >"$tmp/bigname.img"
list "name size past the end" "$tmp/bigname.img" 1 "$damaged"
{ hdr f 000081A4 00000004; printf 'ab'; } >"$tmp/cut.img"
list "archive cut short" "$tmp/cut.img" 1 "$damaged"

# The good shape: a plain archive, then a compressed one.
{ hdr kernel 000041ED 00000000; trailer; } >"$tmp/early"
{ hdr init 000081ED 00000004; printf 'abcd'; trailer; } | gzip -n >"$tmp/main.gz"
cat "$tmp/early" "$tmp/main.gz" >"$tmp/good.img"
list "plain + gzip image" "$tmp/good.img" 0 ""
check "plain + gzip image: both archives listed" \
	test "$(awk '{print $NF}' "$tmp/out" | tr '\n' ' ')" = "kernel init "

# Compressed archives nested: a few levels list, more are refused (a
# gzip quine would otherwise recurse for ever).
cp "$tmp/main.gz" "$tmp/n1"
for i in 2 3 4 5 6; do gzip -n <"$tmp/n$((i - 1))" >"$tmp/n$i"; done
list "gzip nested 4 deep" "$tmp/n4" 0 ""
list "gzip nested 5 deep" "$tmp/n5" 1 "nested more than 4 deep"

# A name with a newline cannot forge a line of the listing.
{ hdr $'a\nb' 000081A4 00000000; trailer; } >"$tmp/nl.img"
list "name with a newline" "$tmp/nl.img" 0 ""
check "name with a newline: one line, escaped" \
	test "$(wc -l <"$tmp/out")" -eq 1 -a "$(awk '{print $NF}' "$tmp/out")" = 'a\012b'
