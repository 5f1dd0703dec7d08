#!/usr/bin/env bash
# The move method deletes the initramfs contents and nothing else: never a
# file of another filesystem mounted inside it, never what a symlink points
# to, never anything on a root that is not ramfs/tmpfs.
. "$(dirname "$0")/lib/ns.bash"
ns_require move_nuke

# --- on a tmpfs root: delete it all, cross nothing -----------------------
make_ir nuke
make_new "$IR/new-root" nuke
mkdir "$IR/keep"
mount -t tmpfs keep-nuke "$IR/keep"
mkdir -p "$IR/keep/d/e"
echo 1 >"$IR/keep/f1"
echo 2 >"$IR/keep/d/e/f2"
ln -s /new-root/data "$IR/ln-abs"
ln -s new-root/data "$IR/ln-rel"
ln -s /new-root/data/keepme "$IR/etc/ln-file"
ln -s /keep "$IR/lib/ln-keep"
mkdir "$IR/bound"
mount --bind "$IR/new-root/data/sub" "$IR/bound"
keep_before=$(listing "$IR/keep")
new_before=$(listing "$IR/new-root")

out=$W/nuke.out
in_ns "$out" "" /newroot switch-root --method move /new-root /sbin/init
rc=$?
check "move: switched and ran the new init" "exit $rc: $(cat "$out.err")" \
	grep -q '^done$' "$out"
check "move: initramfs contents deleted, mount points left" \
	"$(listing "$IR" | tr '\n' ' ')" \
	[ "$(listing "$IR" | tr '\n' ' ')" = ". ./bound ./keep ./new-root " ]
check "move: a filesystem mounted inside the old root keeps every file" \
	"$(listing "$IR/keep" | tr '\n' ' ')" \
	[ "$(listing "$IR/keep")" = "$keep_before" ]
check "move: symlinks into the new root deleted nothing there" \
	"$(listing "$IR/new-root" | tr '\n' ' ')" \
	[ "$(listing "$IR/new-root")" = "$new_before" ]
check "move: a bind mount of the new root's directory kept its files" \
	"$(ls "$IR/new-root/data/sub")" test -f "$IR/new-root/data/sub/keepme2"

# --- run-init -p: move, delete nothing ----------------------------------
make_ir persist plain
make_new "$IR/new-root" persist
before=$(listing "$IR")
out=$W/persist.out
in_ns "$out" "" /bin/run-init -p -c /dev/console /new-root /sbin/init
rc=$?
check "run-init -p: switched (move: pivot_root refused)" \
	"exit $rc: $(cat "$out.err")" \
	bash -c "grep -q '^done\$' '$out' && grep -q 'moving instead' '$out.err'"
check "run-init -p: initramfs contents kept" "$(listing "$IR")" \
	[ "$(listing "$IR")" = "$before" ]

# --- the new root bind-mounted from the initramfs itself: refused --------
make_ir samefs
mkdir -p "$IR/real/sbin"
cp "$BB" "$IR/real/sbin/init"
mount --bind "$IR/real" "$IR/new-root"
before=$(listing "$IR")
out=$W/samefs.out
in_ns "$out" "" /newroot switch-root --method move /new-root /sbin/init
rc=$?
check "move: new root on the initramfs's own filesystem refused" \
	"exit $rc" [ $rc -eq 111 ]
check "move: ... and nothing deleted" "$(cat "$out.err")" \
	[ "$(listing "$IR")" = "$before" ]

# --- a root that is not ramfs/tmpfs: delete nothing ----------------------
IR=$W/disk
mkdir -p "$IR"
fstype=$(stat -f -c %T "$IR")
case $fstype in
tmpfs | ramfs)
	echo "skip move on a non-tmpfs root: $W is on $fstype"
	;;
*)
	cp "$NR" "$IR/newroot"
	mkdir -p "$IR/dev" "$IR/proc" "$IR/sys" "$IR/run" "$IR/etc" \
		"$IR/new-root"
	echo precious >"$IR/etc/precious"
	make_new "$IR/new-root" disk
	before=$(listing "$IR")
	for m in move auto; do
		out=$W/disk-$m.out
		in_ns "$out" "" /newroot switch-root --method $m /new-root \
			/sbin/init
		rc=$?
		check "$m on a $fstype root: refused" "exit $rc" \
			[ $rc -eq 111 ]
		check "$m on a $fstype root: nothing deleted" \
			"$(cat "$out.err")" \
			[ "$(listing "$IR")" = "$before" ]
		check "$m on a $fstype root: says why" "$(cat "$out.err")" \
			grep -q 'not ramfs or tmpfs' "$out.err"
	done
	;;
esac
ns_done
