#!/usr/bin/env bash
# tests/mkimage/output.sh - how the image file is replaced: its mode
# follows the umask or the replaced image and never shows an added secret
# to more people than the secret itself; the data is synced before the
# rename and the directory after it; a signal leaves no temporary file;
# -o naming a symlink replaces its target and keeps the link.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage output
scratch

kver=9.9-output
fake_tree "$tmp/base" "$kver" || exit 1
args=(--no-defaults -b "$tmp/base" -k "$kver" --init build/newroot)
mk() { "$MKIMAGE" "${args[@]}" "$@"; }
mode() { stat -c %a "$1"; }
echo public >"$tmp/pub"
chmod 0644 "$tmp/pub"
echo key >"$tmp/key"
chmod 0600 "$tmp/key"
echo group >"$tmp/grp"
chmod 0640 "$tmp/grp"
mkdir -p "$tmp/o"

# The mode.
(umask 022 && mk -o "$tmp/o/a.img")
check "mode: umask 022 gives 644" test "$(mode "$tmp/o/a.img")" = 644
(umask 077 && mk -o "$tmp/o/b.img")
check "mode: umask 077 gives 600" test "$(mode "$tmp/o/b.img")" = 600
(umask 027 && mk -o "$tmp/o/c.img")
check "mode: umask 027 gives 640" test "$(mode "$tmp/o/c.img")" = 640
(umask 022 && mk -o "$tmp/o/d.img" --add "$tmp/key:etc/key")
check "mode: --add of a 0600 key gives 600" test "$(mode "$tmp/o/d.img")" = 600
(umask 022 && mk -o "$tmp/o/e.img" --add "$tmp/grp:etc/grp" --add "$tmp/pub:etc/pub")
check "mode: --add of a 0640 file gives 640" test "$(mode "$tmp/o/e.img")" = 640
mkdir -m 0700 "$tmp/private"
echo x >"$tmp/private/x"
(umask 022 && mk -o "$tmp/o/f.img" --add "$tmp/private:etc/private")
check "mode: --add of a 0700 directory gives 600" test "$(mode "$tmp/o/f.img")" = 600
echo old >"$tmp/o/g.img"
chmod 0640 "$tmp/o/g.img"
(umask 022 && mk -o "$tmp/o/g.img")
check "mode: the replaced image's 640 is kept" test "$(mode "$tmp/o/g.img")" = 640
chmod 0644 "$tmp/o/g.img"
(umask 022 && mk -o "$tmp/o/g.img" --add "$tmp/key:etc/key")
check "mode: a replaced 644 image holding a key becomes 600" \
	test "$(mode "$tmp/o/g.img")" = 600

# fsync of the file before the rename, of the directory after it.
if command -v strace >/dev/null; then
	strace -f -y -o "$tmp/trace" -e trace=fsync,fdatasync,rename,renameat,renameat2 \
		"$MKIMAGE" "${args[@]}" -o "$tmp/o/s.img" 2>/dev/null
	grep -E '^[0-9]+ +(fsync|fdatasync|rename)' "$tmp/trace" |
		sed -E 's/^[0-9]+ +//' >"$tmp/calls"
	awk -v t="$tmp/o/.s.img.tmp-" -v d="$tmp/o" '
		/^f(data)?sync\(/ && index($0, "<" t) { if (!r) synced = 1 }
		/^rename/ && index($0, "\"" d "/s.img\"") { r = synced ? 1 : -1 }
		/^fsync\(/ && index($0, "<" d ">") && r == 1 { dir = 1 }
		END { exit !(r == 1 && dir) }' "$tmp/calls"
	rc=$?
	check "fsync: the file, then the rename, then the directory" test "$rc" -eq 0
	[ "$rc" -eq 0 ] || sed 's/^/#   /' "$tmp/calls"
else
	echo "skip fsync: strace is not installed"
fi

# A signal while the image is built: no temporary file is left.  A big
# random file compressed with xz keeps the build busy long enough.
head -c 24M /dev/urandom >"$tmp/noise"
set -m # background jobs get SIGINT (not ignored as without job control)
for sig in TERM INT HUP; do
	rm -rf "$tmp/sig"
	mkdir -p "$tmp/sig"
	echo old >"$tmp/sig/x.img"
	"$MKIMAGE" "${args[@]}" --compress xz --add "$tmp/noise:noise" \
		-o "$tmp/sig/x.img" 2>/dev/null &
	pid=$!
	for _ in $(seq 500); do
		compgen -G "$tmp/sig/.x.img.tmp-*" >/dev/null && break
		sleep 0.01
	done
	sleep 0.2
	kill -s "$sig" "$pid"
	wait "$pid" 2>/dev/null
	rc=$?
	check "SIG$sig: the build dies of it" test "$rc" -gt 128
	check "SIG$sig: no temporary file left" test "$(ls -A "$tmp/sig")" = x.img
	check "SIG$sig: the old image is untouched" grep -qx old "$tmp/sig/x.img"
done
set +m

# -o naming a symlink.
mkdir -p "$tmp/l/real"
echo old >"$tmp/l/real/boot.img"
chmod 0640 "$tmp/l/real/boot.img"
ln -s real/boot.img "$tmp/l/link.img"
mk -o "$tmp/l/link.img" 2>"$tmp/err"
check "symlink: -o link succeeds" test $? -eq 0
check "symlink: the link is still a link" test -L "$tmp/l/link.img"
check "symlink: its target is the new image" \
	sh -c "'$MKIMAGE' --list '$tmp/l/real/boot.img' | grep -q ' init$'"
check "symlink: the target keeps its mode" test "$(mode "$tmp/l/real/boot.img")" = 640
check "symlink: no temporary file left" \
	test "$(ls -A "$tmp/l" "$tmp/l/real" | tr '\n' ' ')" = "$tmp/l: link.img real  $tmp/l/real: boot.img "
ln -s nowhere/boot.img "$tmp/l/dangling.img"
refuse "-o a dangling symlink" "-o $tmp/l/dangling.img: a symlink to nothing that exists" \
	"${args[@]}" -o "$tmp/l/dangling.img"
check "-o a dangling symlink: the link is kept" test -L "$tmp/l/dangling.img"
