#!/usr/bin/env bash
# tests/mkimage/fsck.sh - --with fsck: util-linux fsck, e2fsck with the
# fsck.ext2/3/4 names, their interpreter and every library they need
# (DT_NEEDED, followed through the libraries) are in the image, and the
# image's fsck checks a real ext4 filesystem there (chroot, as root):
# e2fsck's own "clean" line.  Without --with the image has none of it;
# an unknown feature is refused; two builds are the same bytes.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
for p in /sbin/fsck /sbin/e2fsck; do
	if [ ! -x "$p" ]; then
		echo "skip fsck: $p is not installed (util-linux, e2fsprogs)"
		exit 0
	fi
done
need_mkimage fsck
scratch
fake_tree "$tmp/tree" 1.0-test || exit 1
build() { "$MKIMAGE" --no-defaults -b "$tmp/tree" -k 1.0-test --compress none "$@"; }
if ! build -o "$tmp/f.img" --with fsck 2>"$tmp/err"; then
	echo "not ok fsck: build with --with fsck failed"
	sed 's/^/#   /' "$tmp/err"
	exit 0
fi
image_paths "$tmp/f.img" >"$tmp/paths"
check "fsck: sbin/fsck in the image" grep -qx sbin/fsck "$tmp/paths"
check "fsck: sbin/e2fsck in the image" grep -qx sbin/e2fsck "$tmp/paths"
mkdir -p "$tmp/root"
(cd "$tmp/root" && cpio -id --quiet <"$tmp/f.img")
for t in ext2 ext3 ext4; do
	check "fsck: sbin/fsck.$t is a link to e2fsck" \
		test "$(readlink "$tmp/root/sbin/fsck.$t")" = e2fsck
done
# Every library the programs need, and what those need, by name.
needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'; }
todo=("$tmp/root/sbin/fsck" "$tmp/root/sbin/e2fsck") seen=
while [ ${#todo[@]} -gt 0 ]; do
	f=${todo[0]}
	todo=("${todo[@]:1}")
	for lib in $(needed "$f"); do
		case " $seen " in *" $lib "*) continue ;; esac
		seen="$seen $lib"
		path=$(grep -m1 "/$lib\$" "$tmp/paths")
		check "fsck: ${f##*/} needs $lib, which is there" test -n "$path"
		[ -n "$path" ] && todo+=("$tmp/root/$path")
	done
done
ip=$(readelf -l /sbin/e2fsck | sed -n 's/.*interpreter: \(.*\)\]$/\1/p')
check "fsck: the interpreter $ip" grep -qx "${ip#/}" "$tmp/paths"
check "fsck: libext2fs among the libraries (e2fsck's)" \
	grep -q "/libext2fs.so" "$tmp/paths"

# The real run: the image's fsck on an ext4 filesystem made by mke2fs.
if [ "$(id -u)" != 0 ]; then
	echo "skip fsck runs in the image: not root (chroot)"
elif ! command -v mke2fs >/dev/null; then
	echo "skip fsck runs in the image: no mke2fs"
else
	truncate -s 8M "$tmp/root/disk.img"
	mke2fs -q -F -t ext4 "$tmp/root/disk.img"
	out=$(chroot "$tmp/root" /sbin/fsck -a -V -t ext4 /disk.img 2>&1)
	rc=$?
	check "fsck: the image's fsck checks ext4 (exit 0)" test "$rc" -eq 0
	check "fsck: e2fsck's own clean line" \
		grep -q '^/disk.img: clean, ' <<<"$out"
	[ "$rc" -eq 0 ] || sed 's/^/#   /' <<<"$out"
fi

build -o "$tmp/f2.img" --with fsck 2>/dev/null
check "fsck: two builds are the same bytes" cmp -s "$tmp/f.img" "$tmp/f2.img"
build -o "$tmp/plain.img" 2>/dev/null
no_fsck() { ! "$MKIMAGE" --list "$1" | grep -q sbin/fsck; }
check "fsck: without --with fsck, no fsck" no_fsck "$tmp/plain.img"
refuse "fsck: unknown feature" "--with fsck,nosuch: no feature 'nosuch'" \
	--no-defaults -b "$tmp/tree" -k 1.0-test --with fsck,nosuch

# --host-only: the checker for this machine's root, without --with.
case $(stat -f -c %T /) in
ext2/ext3)
	type=$(findmnt -n -o FSTYPE / 2>/dev/null)
	build -o "$tmp/h.img" --host-only 2>"$tmp/err"
	"$MKIMAGE" --list "$tmp/h.img" >"$tmp/hl" 2>/dev/null
	check "fsck: --host-only on a ${type:-ext} root adds fsck" \
		grep -q ' sbin/fsck$' "$tmp/hl"
	check "fsck: --host-only adds fsck.${type:-ext4} -> e2fsck" \
		grep -q " sbin/fsck.${type:-ext4} -> e2fsck$" "$tmp/hl"
	;;
*) echo "skip fsck --host-only: / is $(stat -f -c %T /), not ext2/3/4" ;;
esac
