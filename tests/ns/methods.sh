#!/usr/bin/env bash
# Each method really switches: the new init runs as PID 1 with its
# arguments, inside the new root; pivot leaves no trace of the old root.
. "$(dirname "$0")/lib/ns.bash"
ns_require methods

# run_method NAME EXPECT_OLD(yes|no) NEWROOT-ARGS...
run_method() {
	local name=$1 old=$2 out=$W/$1.out
	shift 2
	make_ir "$name"
	make_new "$IR/new-root" "$name"
	in_ns "$out" "" /newroot switch-root "$@" /new-root /sbin/init \
		one "two words" -x --method=move
	local rc=$?
	if [ $rc -ne 0 ] || ! grep -q '^done$' "$out"; then
		not_ok "$name runs the new init" "exit $rc"
		show "$out" "$out.err"
		return
	fi
	check "$name: new init is PID 1" "$(grep '^pid' "$out")" \
		grep -qx 'pid 1' "$out"
	check "$name: init gets its arguments, dashes included" \
		"$(grep '^arg' "$out" | tr '\n' '|')" \
		[ "$(grep '^arg' "$out" | tr '\n' '|')" = \
		"arg one|arg two words|arg -x|arg --method=move|" ]
	check "$name: / is the new root" "$(grep '^root' "$out")" \
		grep -q '^root .*data' "$out"
	check "$name: /proc moved into the new root" "no proc line" \
		grep -q '^mi .* /proc .* proc ' "$out"
	check "$name: /dev moved into the new root" "no /dev line" \
		grep -q '^mi .* /dev .* devtmp' "$out"
	if [ "$old" = skip ]; then
		: # move: the old root is under the new one, out of sight
	elif [ "$old" = no ]; then
		check "$name: old root gone from mountinfo" \
			"$(grep "ird-$name" "$out")" \
			bash -c "! grep -q 'ird-$name' '$out'"
	else
		check "$name: old root still mounted" "no ird-$name line" \
			grep -q "ird-$name" "$out"
	fi
}

run_method pivot no --method pivot --no-console
run_method auto no -c /dev/console
run_method olddir no --method=pivot-olddir
check "olddir: old-root directory removed" "$(grep '^root' "$W/olddir.out")" \
	bash -c "! grep -q '^root .*old-root' '$W/olddir.out'"
run_method keepold yes --method pivot-olddir --old-root /oldr \
	--keep-old-root
check "keepold: old root kept at /oldr" "no mount at /oldr" \
	grep -q '^mi .* /oldr .*ird-keepold' "$W/keepold.out"
run_method move skip --method move
check "move: initramfs contents deleted" "$(listing "$W/move")" \
	[ "$(listing "$W/move")" = "$(printf '.\n./new-root')" ]

# auto where pivot_root answers EINVAL: / is a plain directory of a tmpfs,
# not a mount, as the initial rootfs looks to pivot_root.
make_ir fallback plain
make_new "$IR/new-root" fallback
out=$W/fallback.out
in_ns "$out" "" /newroot switch-root /new-root /sbin/init fb
rc=$?
if [ $rc -ne 0 ] || ! grep -q '^done$' "$out"; then
	not_ok "auto falls back to move on EINVAL" "exit $rc"
	show "$out" "$out.err"
else
	check "auto falls back to move on EINVAL" "$(cat "$out.err")" \
		grep -q 'moving instead' "$out.err"
	check "fallback: new init is PID 1 with its argument" \
		"$(grep -e '^pid' -e '^arg' "$out")" \
		[ "$(grep -e '^pid' -e '^arg' "$out" | tr '\n' '|')" = \
		"pid 1|arg fb|" ]
	check "fallback: the initramfs contents deleted" \
		"$(listing "$IR")" \
		[ "$(listing "$IR")" = "$(printf '.\n./new-root')" ]
fi
ns_done
