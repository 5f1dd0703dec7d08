#!/usr/bin/env bash
# tests/mkimage/image.sh - the archive itself: the same inputs give the
# same bytes in every compression, the standard tools read it, --list
# shows what cpio shows, /init and /dev/console are there, --add keeps
# files, modes, directories and symlinks.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage image
scratch
export TZ=UTC

read -r kver dir < <(kernels | head -n1)
if [ -z "${kver:-}" ]; then
	echo "skip image: no Debian kernel .deb in $cache/kernels"
	exit 0
fi
# A copy of the init: a make elsewhere must not change it between builds.
cp build/newroot "$tmp/init"
mk() {
	"$MKIMAGE" --no-defaults -m virtio_blk,ext4 -b "$dir" -k "$kver" \
		--init "$tmp/init" "$@"
}

# Something to --add: a file with an odd mode, a tree, a symlink.
mkdir -p "$tmp/add/tree/sub"
echo hello >"$tmp/add/hello"
chmod 0751 "$tmp/add/hello"
echo deep >"$tmp/add/tree/sub/deep"
ln -s ../hello "$tmp/add/tree/link"

for c in zstd gzip xz lz4 none; do
	if [ "$c" = lz4 ] && ! command -v lz4 >/dev/null; then
		echo "skip $c: lz4 is not installed"
		continue
	fi
	mk --compress "$c" -o "$tmp/a.$c" --add "$tmp/add/hello:/etc/hello" \
		--add "$tmp/add/tree:/opt/tree" 2>"$tmp/err" || {
		echo "not ok $c: build failed"
		sed 's/^/#   /' "$tmp/err"
		continue
	}
	touch -d '2001-01-01' "$tmp/add/hello" # mtimes must not matter
	mk --compress "$c" -o "$tmp/b.$c" --add "$tmp/add/hello:/etc/hello" \
		--add "$tmp/add/tree:/opt/tree" 2>/dev/null
	check "$c: two builds give identical bytes" cmp -s "$tmp/a.$c" "$tmp/b.$c"
	case $c in
	zstd) tool="zstd -dc" ;; gzip) tool="gzip -dc" ;; xz) tool="xz -dc" ;;
	lz4) tool="lz4 -dc" ;; none) tool="cat" ;;
	esac
	$tool <"$tmp/a.$c" >"$tmp/cpio.$c" 2>/dev/null
	check "$c: $tool reads it" test -s "$tmp/cpio.$c"
	cpio -t --quiet <"$tmp/cpio.$c" >"$tmp/t.$c" 2>/dev/null
	check "$c: cpio -t reads it" grep -qx init "$tmp/t.$c"
	"$MKIMAGE" --list "$tmp/a.$c" >"$tmp/l.$c" 2>"$tmp/err"
	awk '{ p = ($1 ~ /^[cb]/) ? $3 : $3; for (i = 4; i <= NF && $i != "->"; i++) p = p " " $i; print p }' \
		"$tmp/l.$c" >"$tmp/lp.$c"
	check "$c: --list names the entries cpio -t names" cmp -s "$tmp/t.$c" "$tmp/lp.$c"
done
[ -f "$tmp/a.xz" ] && check "xz: CRC32 check (the kernel cannot check CRC64)" \
	sh -c "xz --robot -lv '$tmp/a.xz' | grep -q CRC32"
[ -f "$tmp/a.lz4" ] && check "lz4: the legacy frame the kernel reads (lz4 -l)" \
	test "$(od -An -tx1 -N4 "$tmp/a.lz4" | tr -d ' ')" = 02214c18
[ -f "$tmp/a.gzip" ] && check "gzip: no name and no time in the header" \
	test "$(od -An -tx1 -j3 -N5 "$tmp/a.gzip" | tr -d ' ')" = 0000000000

l=$tmp/l.none
check "--list: /init is executable" grep -qE '^-rwx.* init$' "$l"
check "--list: /dev/console is char 5,1" grep -qE '^crw------- +5,1 +dev/console$' "$l"
check "--list: the modules" grep -qE "lib/modules/$kver/kernel/fs/ext4/ext4\.ko" "$l"
check "--list: the index" grep -q 'lib/modules/newroot.index$' "$l"
for d in dev proc sys run new-root; do
	check "--list: directory /$d" grep -qE "^drwx.* $d$" "$l"
done
check "--add: a file keeps its mode (0751)" grep -qE '^-rwxr-x--x +6 etc/hello$' "$l"
check "--add: a tree, recursively" grep -qE ' opt/tree/sub/deep$' "$l"
check "--add: a symlink stays a symlink" grep -qE '^lrwx.* opt/tree/link -> \.\./hello$' "$l"
mkdir -p "$tmp/x"
(cd "$tmp/x" && cpio -i --quiet -d <"$tmp/cpio.none" 2>/dev/null)
check "cpio -i: /init is the newroot binary" cmp -s "$tmp/x/init" "$tmp/init"
check "cpio -i: the added file's contents" grep -qx hello "$tmp/x/etc/hello"

# Every entry: uid 0, gid 0, mtime 0 (no SOURCE_DATE_EPOCH) ...
bad=$(cpio -tv --quiet --numeric-uid-gid <"$tmp/cpio.none" 2>/dev/null |
	awk '$3 != 0 || $4 != 0' | wc -l)
check "cpio -tv: every entry owned by 0:0" test "$bad" -eq 0
dates=$(cpio -tv --quiet <"$tmp/cpio.none" 2>/dev/null | grep -c 'Jan  1  1970')
check "cpio -tv: every mtime is 1970-01-01" test "$dates" -eq "$(wc -l <"$tmp/t.none")"
# ... and SOURCE_DATE_EPOCH sets it.
SOURCE_DATE_EPOCH=1700000000 mk --compress none -o "$tmp/sde" 2>/dev/null
check "SOURCE_DATE_EPOCH: mtime 2023-11-14" \
	sh -c "cpio -tv --quiet <'$tmp/sde' 2>/dev/null | grep -q 'Nov 14  2023 init'"
check "SOURCE_DATE_EPOCH: different bytes" sh -c "! cmp -s '$tmp/sde' '$tmp/a.none'"
# Entries sorted, inode numbers 1, 2, 3 ... in that order.
sorted=$(LC_ALL=C sort -c "$tmp/t.none" 2>&1 && echo yes)
check "entries sorted by path" test "$sorted" = yes
