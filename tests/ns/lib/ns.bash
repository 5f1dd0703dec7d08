# tests/ns/lib/ns.bash - shared by the namespace tests: sourced, not run.
#
# The tests run the real static build/newroot as PID 1 of a new PID and
# mount namespace (unshare --mount --pid --fork), chrooted into a tmpfs
# "initramfs" whose /new-root is another tmpfs.  Both tmpfs are mounted
# in the host namespace first, so the host can still list them after the
# namespace is gone: that is how deletions (and their absence) are seen.
#
# The new init is a busybox shell script that writes what it sees to fd 3
# (fds 0-2 are the new root's /dev/console, a copy of /dev/null).
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
top=$PWD
NR=${NEWROOT_BIN:-$top/build/newroot}
BB=/bin/busybox
W=
fails=0

ok() { echo "ok $1"; }
not_ok() {
	echo "not ok $1${2:+: $2}"
	fails=$((fails + 1))
}
# check NAME WHY COMMAND...: ok when COMMAND succeeds
check() {
	local name=$1 why=$2
	shift 2
	if "$@"; then ok "$name"; else not_ok "$name" "$why"; fi
}

ns_require() {
	local m
	for m in "$NR" "$BB"; do
		if [ ! -x "$m" ]; then
			echo "skip $1: $m is missing (run make; apt-get install busybox-static)"
			exit 0
		fi
	done
	if [ "$(id -u)" -ne 0 ] || ! unshare --mount --pid --fork true 2>/dev/null; then
		echo "skip $1: needs root and unshare --mount --pid"
		exit 0
	fi
	W=$(mktemp -d /tmp/newroot-ns.XXXXXX)
	trap ns_cleanup EXIT
}

ns_cleanup() {
	local m
	# Innermost first.
	for m in $(awk -v w="$W" '$5 ~ "^"w {print $5}' /proc/self/mountinfo |
		sort -r); do
		umount -l "$m" 2>/dev/null
	done
	rm -rf "$W"
}

# make_ir NAME [plain]: a tmpfs "initramfs" at $W/NAME with newroot,
# applet links, some files to delete and the API directories.  Sets IR.
# With "plain", IR is the directory $W/NAME/r of that tmpfs: no mount's
# root, so pivot_root answers EINVAL as it does on the initial rootfs.
make_ir() {
	IR=$W/$1
	mkdir -p "$IR"
	mount -t tmpfs "ird-$1" "$IR"
	[ "${2:-}" = plain ] && IR=$IR/r && mkdir "$IR"
	cp "$NR" "$IR/newroot"
	mkdir -p "$IR/bin" "$IR/etc/deep/er" "$IR/lib" "$IR/dev" "$IR/proc" \
		"$IR/sys" "$IR/run" "$IR/new-root"
	ln -s /newroot "$IR/bin/run-init"
	ln -s /newroot "$IR/bin/switch_root"
	echo a >"$IR/etc/a"
	echo b >"$IR/etc/deep/er/b"
	echo c >"$IR/lib/c"
	: >"$IR/init"
}

# make_new DIR [TAG]: a tmpfs new root at DIR with busybox and an init
# script reached through an absolute symlink (/sbin/init -> /lib/init.sh),
# which only resolves inside the new root.
make_new() {
	local d=$1
	mkdir -p "$d"
	mount -t tmpfs "newroot-${2:-x}" "$d"
	mkdir -p "$d/bin" "$d/sbin" "$d/lib" "$d/dev" "$d/proc" "$d/sys" \
		"$d/run" "$d/data/sub"
	cp "$BB" "$d/bin/busybox"
	ln -s busybox "$d/bin/sh"
	cat >"$d/lib/init.sh" <<'EOS'
#!/bin/sh
echo "pid $$" >&3
for a in "$@"; do echo "arg $a" >&3; done
echo "root $(/bin/busybox ls / | /bin/busybox tr '\n' ' ')" >&3
while read -r l; do echo "mi $l" >&3; done </proc/self/mountinfo
echo "done" >&3
EOS
	chmod 755 "$d/lib/init.sh"
	ln -s /lib/init.sh "$d/sbin/init"
	echo keep >"$d/data/keepme"
	echo keep >"$d/data/sub/keepme2"
}

# shared_ir: one initramfs and new root for the cases that must not
# change anything (each of them checks that it did not).  Sets IR.
SHARED_IR=
shared_ir() {
	if [ -z "$SHARED_IR" ]; then
		make_ir shared
		make_new "$IR/new-root" shared
		SHARED_IR=$IR
	fi
	IR=$SHARED_IR
}

# What both below do first inside the namespace: /proc, and a /dev with
# console and null (/dev/null's numbers for both: nothing is written to a
# real console), then the caller's SETUP.
# shellcheck disable=SC2016
ns_prepare='mount -t proc proc "$ir/proc" || exit 99
mount -t tmpfs devtmp "$ir/dev" || exit 99
mknod "$ir/dev/console" c 1 3
mknod "$ir/dev/null" c 1 3
eval "$setup"'

# in_ns OUT SETUP CMD...: run CMD (a command line inside $IR, exec'd by
# chroot as PID 1) in a new namespace after SETUP (shell code, may be
# empty) has mounted /proc and a /dev with console and null.  fd 3 of the
# namespace goes to OUT; its stderr to OUT.err.  Returns the exit status.
in_ns() {
	local out=$1 setup=$2
	shift 2
	timeout 20 unshare --mount --pid --fork --propagation private \
		bash -c '
		ir=$1 setup=$2 ns_prepare=$3
		shift 3
		eval "$ns_prepare"
		exec chroot "$ir" "$@"' ns "$IR" "$setup" "$ns_prepare" "$@" \
		3>"$out" 2>"$out.err" </dev/null
}

# attempt OUT SETUP ARGS...: in a new namespace, run newroot ARGS in the
# chroot as a child (so the mount table can be read after it), and write
# "rc N" and "mounts same|changed" to OUT.
attempt() {
	local out=$1 setup=$2
	shift 2
	timeout 20 unshare --mount --pid --fork --propagation private \
		bash -c '
		ir=$1 setup=$2 ns_prepare=$3
		shift 3
		eval "$ns_prepare"
		m1=$(cat /proc/self/mountinfo)
		chroot "$ir" /newroot "$@"
		echo "rc $?"
		m2=$(cat /proc/self/mountinfo)
		if [ "$m1" = "$m2" ]; then echo "mounts same"
		else echo "mounts changed"; diff <(echo "$m1") <(echo "$m2"); fi
		' ns "$IR" "$setup" "$ns_prepare" "$@" >"$out" 2>"$out.err" </dev/null
}

# The listing of a tree, to compare before and after.
listing() { (cd "$1" && find . -xdev | sort); }

# Show what went wrong.
show() {
	local f
	for f in "$@"; do
		[ -f "$f" ] && sed 's/^/#   /' "$f"
	done
	return 0
}

ns_done() {
	[ "$fails" -eq 0 ]
}
