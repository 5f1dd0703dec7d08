#!/usr/bin/env bash
# Every check runs before anything changes: a refusal names the path and
# the reason, exits non-zero, and leaves the files and the mount table as
# they were.  The dry run does every check but the PID 1 one.
. "$(dirname "$0")/lib/ns.bash"
ns_require refusals

# refuse NAME WANT_RC MESSAGE_REGEX SETUP ARGS...
refuse() {
	local name=$1 want=$2 msg=$3 setup=$4 out=$W/$1.out
	shift 4
	if [ -n "${PREP:-}" ]; then
		make_ir "$name"
		make_new "$IR/new-root" "$name"
		eval "$PREP"
	else
		shared_ir
	fi
	local before
	before=$(listing "$IR" && listing "$IR/new-root")
	attempt "$out" "$setup" "$@"
	local rc
	rc=$(sed -n 's/^rc //p' "$out")
	if [ "$rc" != "$want" ]; then
		not_ok "$name: exit $want" "exit '$rc'"
		show "$out" "$out.err"
		return
	fi
	check "$name: exit $want" "" true
	check "$name: message names the path and the reason" \
		"$(cat "$out.err")" grep -Eq "$msg" "$out.err"
	check "$name: mount table unchanged" "$(cat "$out")" \
		grep -q '^mounts same$' "$out"
	check "$name: files unchanged" "" \
		[ "$(listing "$IR" && listing "$IR/new-root")" = "$before" ]
}

S="switch-root --force --no-console"
refuse missing-init 111 '/sbin/nope in /new-root: No such file' "" \
	$S /new-root /sbin/nope
PREP='chmod 644 "$IR/new-root/lib/init.sh"' \
	refuse noexec-init 111 '/new-root/lib/init.sh\) has no execute permission' "" \
	$S /new-root /sbin/init
refuse dir-init 111 '/new-root/bin is a directory' "" \
	$S /new-root /bin
# /sbin/escape -> /newroot exists in the initramfs, not in the new root:
# an absolute link resolves inside the new root only.
PREP='ln -s /newroot "$IR/new-root/sbin/escape"' \
	refuse escaping-symlink 111 '/sbin/escape in /new-root: No such file' \
	"" $S /new-root /sbin/escape
PREP='ln -s loop "$IR/new-root/sbin/loop"' \
	refuse symlink-loop 111 'too many levels of symbolic links' "" \
	$S /new-root /sbin/loop
PREP='mkdir -p "$IR/plain/sbin" && cp "$BB" "$IR/plain/sbin/init"' \
	refuse not-mountpoint 111 '/plain is not a mount point' "" \
	$S /plain /sbin/init
refuse missing-newroot 111 'new root /nowhere: No such file' "" \
	$S /nowhere /sbin/init
refuse current-root 111 'new root / is the current root' "" \
	$S / /sbin/init
refuse console-missing 111 'console /dev/ttyNOPE .*No such file' "" \
	switch-root --force -c /dev/ttyNOPE /new-root /sbin/init
# /dev would not move: the new root has no directory for it.
PREP='rmdir "$IR/new-root/dev"' \
	refuse console-no-dev 111 \
	'console /dev/console \(looked for at /new-root/dev/console\)' "" \
	switch-root --force /new-root /sbin/init
refuse console-not-chr 111 'console /lib/init.sh .*not a character device' \
	"" switch-root --force -c /lib/init.sh /new-root /sbin/init
refuse unknown-cap 111 "unknown capability 'CAP_BOGUS'" "" \
	$S -d cap_sys_module,CAP_BOGUS /new-root /sbin/init
refuse not-pid1 111 'not PID 1' "" \
	switch-root --no-console /new-root /sbin/init
refuse move-not-pid1 111 'runs only as PID 1' "" \
	$S --method move /new-root /sbin/init
refuse olddir-readonly 111 'old root /new-root/old-root is missing and /new-root is not writable .*: mkdir /old-root on the root filesystem' \
	'mount -o remount,bind,ro "$ir/new-root"' \
	$S --method pivot-olddir /new-root /sbin/init
refuse bad-method 100 "unknown method 'sideways'" "" \
	switch-root --method sideways /new-root /sbin/init
refuse dry-run 0 'dry run: switching to /new-root and executing /sbin/init would succeed' \
	"" switch-root -n /new-root /sbin/init -x
refuse dry-run-fails 111 '/sbin/nope in /new-root: No such file' "" \
	switch-root --dry-run /new-root /sbin/nope
ns_done
