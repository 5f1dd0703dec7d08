#!/usr/bin/env bash
# The switch never deletes what the new root is built from (overlay
# layers and bind sources on the initramfs), empties the old root after a
# pivot so its memory comes back, refuses a new root below /run, says in
# the dry run what the real run does, and past the point of no return
# says that the switch already happened instead of undoing it.
. "$(dirname "$0")/lib/ns.bash"
ns_require builtfrom

# fill_new DIR: what make_new puts in a new root, in a plain directory.
fill_new() {
	local d=$1
	mkdir -p "$d/bin" "$d/sbin" "$d/lib" "$d/dev" "$d/proc" "$d/sys" \
		"$d/run"
	cp "$BB" "$d/bin/busybox"
	ln -s busybox "$d/bin/sh"
	cat >"$d/lib/init.sh" <<'EOS'
#!/bin/sh
echo "pid $$" >&3
echo "root $(/bin/busybox ls / | /bin/busybox tr '\n' ' ')" >&3
echo "modules $(/bin/busybox ls /lib/modules/7.0 2>&1)" >&3
echo "done" >&3
EOS
	chmod 755 "$d/lib/init.sh"
	ln -s /lib/init.sh "$d/sbin/init"
}

# --- (a) an overlay new root whose layers are initramfs directories ------
for m in move auto; do
	make_ir "ovl-$m" $([ $m = auto ] && echo plain)
	fill_new "$IR/lower"
	mkdir -p "$IR/upper/etc" "$IR/work"
	echo up >"$IR/upper/etc/upfile"
	cp "$BB" "$IR/bin/busybox"
	lower_before=$(listing "$IR/lower")
	ovl='/bin/busybox mount -t overlay ovl -o lowerdir=/lower,upperdir=/upper,workdir=/work /new-root'
	out=$W/ovl-$m-n.out
	in_ns "$out" "" /bin/busybox sh -c "$ovl && exec /newroot switch-root -n --method $m /new-root /sbin/init"
	rc=$?
	check "overlay ($m): dry run names the layers it keeps" \
		"exit $rc: $(cat "$out.err")" \
		bash -c "[ $rc -eq 0 ] && grep -q 'keeping /lower of the initramfs: overlay layer at /new-root' '$out.err' && grep -q 'keeping /upper' '$out.err' && grep -q 'keeping /work' '$out.err'"
	out=$W/ovl-$m.out
	in_ns "$out" "" /bin/busybox sh -c "$ovl && exec /newroot switch-root --method $m /new-root /sbin/init"
	rc=$?
	check "overlay ($m): switched and ran the new init" \
		"exit $rc: $(cat "$out.err")" grep -q '^done$' "$out"
	check "overlay ($m): the lower layer kept every file" \
		"$(listing "$IR/lower" | head -5 | tr '\n' ' ')" \
		[ "$(listing "$IR/lower")" = "$lower_before" ]
	check "overlay ($m): the upper layer kept its files" "" \
		test -f "$IR/upper/etc/upfile"
	check "overlay ($m): the rest of the initramfs deleted" \
		"$(listing "$IR" | grep -v -e lower -e upper -e work | tr '\n' ' ')" \
		[ ! -e "$IR/etc/a" -a ! -e "$IR/newroot" -a ! -e "$IR/lib/c" ]
done

# --- (b) an initramfs directory bind-mounted into the new root ----------
for m in move pivot pivot-olddir; do
	make_ir "bind-$m"
	make_new "$IR/new-root" "bind-$m"
	mkdir -p "$IR/lib/modules/7.0" "$IR/new-root/lib/modules"
	echo dep >"$IR/lib/modules/7.0/modules.dep"
	mount --bind "$IR/lib/modules" "$IR/new-root/lib/modules"
	cat >"$IR/new-root/lib/init.sh" <<'EOS'
#!/bin/sh
echo "modules $(/bin/busybox ls /lib/modules/7.0 2>&1)" >&3
echo "done" >&3
EOS
	out=$W/bind-$m.out
	in_ns "$out" "" /newroot switch-root --method $m /new-root /sbin/init
	rc=$?
	check "bind ($m): switched" "exit $rc: $(cat "$out.err")" \
		grep -q '^done$' "$out"
	check "bind ($m): the new init sees the bound modules" \
		"$(grep '^modules' "$out")" grep -qx 'modules modules.dep' "$out"
	check "bind ($m): the bind source kept its files" \
		"$(cat "$out.err")" test -f "$IR/lib/modules/7.0/modules.dep"
	check "bind ($m): says what it keeps" "$(cat "$out.err")" \
		grep -q 'keeping /lib/modules of the initramfs: bind-mounted at /new-root/lib/modules' "$out.err"
done

# --- the pivot methods empty the old root, never across mounts ----------
for m in pivot pivot-olddir; do
	make_ir "empty-$m"
	make_new "$IR/new-root" "empty-$m"
	mkdir "$IR/other"
	mount -t tmpfs "other-$m" "$IR/other"
	mkdir -p "$IR/other/d"
	echo 1 >"$IR/other/d/f"
	other_before=$(listing "$IR/other")
	out=$W/empty-$m.out
	in_ns "$out" "" /newroot switch-root --method $m /new-root /sbin/init
	rc=$?
	check "empty ($m): switched" "exit $rc: $(cat "$out.err")" \
		grep -q '^done$' "$out"
	check "empty ($m): the old root's files are gone" \
		"$(listing "$IR" | tr '\n' ' ')" \
		[ ! -e "$IR/etc/a" -a ! -e "$IR/newroot" -a ! -e "$IR/etc/deep/er/b" ]
	check "empty ($m): a filesystem mounted below it kept every file" \
		"$(listing "$IR/other" | tr '\n' ' ')" \
		[ "$(listing "$IR/other")" = "$other_before" ]
done
# --keep-old-root: nothing deleted.
make_ir keepold
make_new "$IR/new-root" keepold
out=$W/keepold.out
in_ns "$out" "" /newroot switch-root --method pivot-olddir --keep-old-root \
	/new-root /sbin/init
check "pivot-olddir --keep-old-root: the old root keeps its files" \
	"$(cat "$out.err")" test -f "$IR/etc/deep/er/b"

# --- a new root below /run: refused, dry run and real run alike ---------
make_ir belowrun
make_new "$IR/new-root" belowrun
setup='mount -t tmpfs runt "$ir/run" && mkdir "$ir/run/root" && mount --bind "$ir/new-root" "$ir/run/root"'
for n in -n --force; do
	out=$W/belowrun$n.out
	attempt "$out" "$setup" switch-root $n --no-console /run/root /sbin/init
	check "new root below /run ($n): refused" "$(cat "$out" "$out.err")" \
		grep -qx 'rc 111' "$out"
	check "new root below /run ($n): says where to mount it" \
		"$(cat "$out.err")" \
		grep -q 'new root /run/root (/run/root) is below /run.*mount the root elsewhere, e.g. /new-root' "$out.err"
	check "new root below /run ($n): mount table unchanged" "" \
		grep -qx 'mounts same' "$out"
done

# --- auto's dry run runs the move method's checks where it will move ----
make_ir autosame plain
mkdir -p "$IR/real/sbin"
cp "$BB" "$IR/real/sbin/init"
mount --bind "$IR/real" "$IR/new-root"
before=$(listing "$IR")
out=$W/autosame-n.out
attempt "$out" "" switch-root -n --no-console /new-root /sbin/init
check "auto -n on the initial rootfs, new root on its filesystem: refused" \
	"$(cat "$out" "$out.err")" grep -qx 'rc 111' "$out"
check "auto -n ...: says why" "$(cat "$out.err")" \
	grep -q 'same filesystem as /: the move method would delete it' "$out.err"
out=$W/autosame.out
in_ns "$out" "" /newroot switch-root --no-console /new-root /sbin/init
rc=$?
check "auto (real run) ...: refused as the dry run said" \
	"exit $rc: $(cat "$out.err")" bash -c "[ $rc -eq 111 ] && grep -q 'same filesystem as /' '$out.err'"
check "auto (real run) ...: nothing deleted" "" \
	[ "$(listing "$IR")" = "$before" ]

# --- past the point of no return: no undo, and it says so --------------
# The move method deletes the initramfs, then cannot move the new root
# (its parent mount is shared): the switch already happened.
make_ir late plain
mkdir "$IR/mnt"
setup='mount -t tmpfs mnt "$ir/mnt" && mount --make-shared "$ir/mnt" &&
mkdir "$ir/mnt/nr" && mount -t tmpfs nr "$ir/mnt/nr" &&
mkdir -p "$ir/mnt/nr/sbin" "$ir/mnt/nr/dev" "$ir/mnt/nr/proc" &&
cp /bin/busybox "$ir/mnt/nr/sbin/init"'
out=$W/late.out
in_ns "$out" "$setup" /newroot switch-root --method move --no-console \
	/mnt/nr /sbin/init
rc=$?
check "failure after the deletion: says the switch already happened" \
	"exit $rc: $(cat "$out.err")" \
	grep -q 'failed after the switch already happened' "$out.err"
check "failure after the deletion: no advice to retry another method" \
	"$(cat "$out.err")" bash -c "! grep -q 'initial rootfs' '$out.err'"

# --- a tree deeper than two descriptors per level allow -----------------
make_ir deep
make_new "$IR/new-root" deep
(cd "$IR" && mkdir -p "$(printf 'd/%.0s' $(seq 600))" && : >"$(printf 'd/%.0s' $(seq 600))f")
out=$W/deep.out
in_ns "$out" "ulimit -n 1024" /newroot switch-root --method move /new-root \
	/sbin/init
rc=$?
check "600 levels under ulimit -n 1024: switched" \
	"exit $rc: $(tail -3 "$out.err")" grep -q '^done$' "$out"
check "600 levels under ulimit -n 1024: all deleted" \
	"$(tail -3 "$out.err")" test ! -e "$IR/d"
ns_done
