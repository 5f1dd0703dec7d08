#!/usr/bin/env bash
# The applets by name: run-init speaks klibc's syntax and exit codes (so
# initramfs-tools can call it unchanged), switch_root util-linux's and
# busybox's, newroot its own (100 bad usage, 111 refused).
. "$(dirname "$0")/lib/ns.bash"
ns_require applets

# switches NAME ARGS...: exec ARGS as PID 1 in the chroot; the new init
# must run as PID 1 with the arguments "a" and "-b".
switches() {
	local name=$1 out=$W/$1.out
	shift
	make_ir "$name"
	make_new "$IR/new-root" "$name"
	in_ns "$out" "" "$@"
	local rc=$?
	check "$name: switches, init is PID 1 with its arguments" \
		"exit $rc: $(cat "$out.err")" \
		[ "$(grep -e '^pid' -e '^arg' "$out" | tr '\n' '|')" = \
		"pid 1|arg a|arg -b|" ]
}

# exits NAME WANT_RC STREAM(out|err|quiet) REGEX ARGS...: run newroot ARGS as a
# child in the chroot of a namespace; check the status and what it said.
exits() {
	local name=$1 want=$2 stream=$3 re=$4 out=$W/$1.out rc
	shift 4
	shared_ir
	attempt "$out" "" "$@"
	rc=$(sed -n 's/^rc //p' "$out")
	check "$name: exit $want" "exit '$rc': $(cat "$out.err")" \
		[ "$rc" = "$want" ]
	if [ "$stream" = quiet ]; then
		check "$name: says nothing" "$(cat "$out.err")" \
			[ ! -s "$out.err" ]
	elif [ "$stream" = out ]; then
		check "$name: says so" "$(cat "$out")" grep -Eq "$re" "$out"
	else
		check "$name: says so" "$(cat "$out.err")" \
			grep -Eq "$re" "$out.err"
	fi
}

# run-init, as initramfs-tools calls it.
switches run-init /bin/run-init -c /dev/console /new-root /sbin/init a -b
# run-init -n as PID 1, the way initramfs-tools checks before the switch.
make_ir run-init-n
make_new "$IR/new-root" run-init-n
in_ns "$W/run-init-n.out" "" /bin/run-init -n -d cap_sys_module /new-root \
	/sbin/init a -b
rc=$?
check "run-init -n as PID 1: exit 0, no switch" \
	"exit $rc: $(cat "$W/run-init-n.out" "$W/run-init-n.out.err")" \
	[ $rc -eq 0 -a ! -s "$W/run-init-n.out" ]
exits run-init-dry 0 quiet '' run-init -n -d CAP_SYS_MODULE,cap_mknod \
	/new-root /sbin/init
exits run-init-usage 1 err \
	'^Usage: exec run-init \[-d caps\] \[-c consoledev\] \[-n\] \[-p\] /real-root /sbin/init \[args\]$' \
	run-init /new-root
exits run-init-badopt 1 err 'Usage: exec run-init' \
	run-init -x /new-root /sbin/init
exits run-init-refused 1 err 'init /sbin/nope in /new-root' \
	run-init -n /new-root /sbin/nope
exits run-init-badcap 1 err "unknown capability 'CAP_NOPE'" \
	run-init -n -d CAP_NOPE /new-root /sbin/init

# switch_root, util-linux/busybox.
switches switch_root /bin/switch_root -c /dev/console /new-root /sbin/init \
	a -b
switches switch_root-noc /bin/switch_root /new-root /sbin/init a -b
exits switch_root-usage 1 err 'Usage:' switch_root /new-root
exits switch_root-help 0 out '<newrootdir> <init>' switch_root --help
exits switch_root-version 0 out 'switch_root from newroot' switch_root -V
exits switch_root-refused 1 err 'not PID 1' switch_root /new-root /sbin/init

# newroot's own syntax.
switches newroot-argv0 /newroot switch-root /new-root /sbin/init a -b
exits newroot-usage 100 err 'usage: newroot switch-root' switch-root /x
exits newroot-nocmd 100 err "unknown command 'frobnicate'" frobnicate
exits newroot-help 0 out 'Exit status: 100 bad usage, 111' --help
exits newroot-version 0 out '^newroot [0-9]' --version
exits newroot-optval 100 err "option '--method' needs a value" \
	switch-root --method
exits newroot-opt-eq 100 err "unknown method 'x'" \
	switch-root --method=x /new-root /sbin/init
exits newroot-badopt 100 err "unknown option '--frob'" \
	switch-root --frob /new-root /sbin/init
exits newroot-refused 111 err 'not PID 1' switch-root /new-root /sbin/init
ns_done
