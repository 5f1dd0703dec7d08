#!/usr/bin/env bash
# PID 1 waiting in the failure policy (no rd.shell, no panic=: "waiting
# with the message on screen") still reaps every child: an orphan that
# the kernel hands to it and that then exits must not stay a zombie.
#
# newroot runs in boot mode as PID 1 of a new PID namespace, chrooted
# into a tmpfs whose /dev is a symlink to a file: the top stage cannot
# mount /dev (nothing of the host's devtmpfs or console is touched) and
# the failure policy waits.  A shell entered into the namespace with
# nsenter leaves a background child behind; it is reparented to newroot
# and exits a moment later.
. "$(dirname "$0")/lib/ns.bash"
ns_require rescue_reap

IR=$W/ir
mkdir -p "$IR"
mount -t tmpfs ird-reap "$IR"
cp "$NR" "$IR/init"
: >"$IR/not-a-dir"
ln -s /not-a-dir "$IR/dev"

unshare --mount --pid --fork --propagation private \
	chroot "$IR" /init </dev/null >"$W/out" 2>&1 &
ushare=$!

# newroot: unshare's child, PID 1 of the namespace.
nr=
for _ in $(seq 50); do
	nr=$(cat "/proc/$ushare/task/$ushare/children" 2>/dev/null | tr -d ' ')
	[ -n "$nr" ] && grep -q 'waiting' "$W/out" && break
	sleep 0.1
done
check "newroot runs as PID 1 and waits in the failure policy" \
	"$(cat "$W/out")" grep -q 'waiting' "$W/out"

zombies() { # zombies PPID: the zombie children of PPID
	local s
	for s in /proc/[0-9]*/stat; do
		awk -v p="$1" '{ if ($4 == p && $3 == "Z") print $1 }' "$s" \
			2>/dev/null
	done
}

if [ -n "$nr" ]; then
	# Three orphans, one after the other, while PID 1 waits.
	for i in 1 2 3; do
		nsenter -t "$nr" --pid -- /bin/sh -c 'sleep 0.2 & exit 0'
		sleep 0.6
	done
	z=$(zombies "$nr")
	check "no zombie is left under PID 1 while it waits" \
		"zombies: $z" [ -z "$z" ]
	check "PID 1 is still there (it never exits)" "" \
		kill -0 "$nr"
	kill -9 "$nr" 2>/dev/null
fi
wait "$ushare" 2>/dev/null
ns_done
