#!/usr/bin/env bash
# tests/fresh.sh - README's two commands on a fresh Debian 12 machine.
#
# Builds a fresh Debian 12 (bookworm) root with mmdebstrap holding only
# git, make, ca-certificates and apt; clones the commit under test (HEAD of
# this checkout) into it; binds the host's /dev, /proc and /sys; and runs
# there exactly what README tells a new user to run:
#
#     make boot </dev/null
#     make check
#
# Everything else (compilers, klibc, QEMU, mkfs tools, the Debian kernels)
# must be installed by the project's own scripts inside that root, so a
# missing install step fails here even when this host has it all.  The
# last line is make check's "N passed, N failed" with make boot counted as
# one more check.  Logs: build/fresh/{boot,check}.log.
#
#   tests/fresh.sh            build the root, run, delete the root
#   tests/fresh.sh --keep     keep the root (its path is printed)
#
# The base tarball is cached in $NEWROOT_CACHE/fresh (default
# /var/cache/newroot/fresh), made again when older than a week; the root
# itself is made anew each run under /var/tmp.  The mirrors are the ones
# this host's apt uses.  Needs root (mmdebstrap, chroot, mounts); the
# mounts live in a private mount namespace and go away with it.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
keep=
[ "${1:-}" = --keep ] && keep=1
cache=${NEWROOT_CACHE:-/var/cache/newroot}/fresh
logs=$top/build/fresh
mkdir -p "$logs"

say() { echo "# fresh: $*"; }
die() {
	echo "not ok fresh: $*"
	echo "0 passed, 1 failed"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap, chroot and bind mounts)"
tests/deps.sh mmdebstrap git >&2 || die "cannot install mmdebstrap and git"
commit=$(git rev-parse HEAD) || die "not a git checkout"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	say "uncommitted changes are NOT tested: only commit $commit is"

# The host's mirrors for Debian and its security archive (deb822 or
# one-line sources), else deb.debian.org.
mirror_of() { # PATTERN -> first URI of the host's sources matching it
	# shellcheck disable=SC2016 # apt's own $(...) syntax, not the shell's
	{
		apt-get indextargets --format '$(REPO_URI)' 2>/dev/null
		sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources \
			2>/dev/null | tr ' ' '\n'
		sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\).*/\2/p' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list \
			2>/dev/null
	} | sed 's|/*$||' | grep -E "$1" | head -n1
}
deb=$(mirror_of '/debian$')
sec=$(mirror_of '/debian-security$')
deb=${deb:-http://deb.debian.org/debian}
sec=${sec:-http://deb.debian.org/debian-security}
# Settings of the host's apt that the fresh root needs to reach the same
# mirrors (a proxy; snapshot mirrors whose Release files have expired).
aptopts=()
while IFS= read -r l; do
	aptopts+=(--aptopt="$l")
done < <(apt-config dump 2>/dev/null | grep -E \
	'^Acquire::(http|https)::Proxy |^Acquire::Check-Valid-Until |^Acquire::Check-Date ')

# ---- the base: bookworm with git, make, ca-certificates and apt ----
base=$cache/bookworm-git-make.tar
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ ! -s "$base" ] || [ -n "$(find "$base" -mtime +7 2>/dev/null)" ]; then
	say "mmdebstrap bookworm ($deb, $sec) into $base"
	t0=$(date +%s)
	mmdebstrap --variant=minbase --format=tar \
		--include=git,make,ca-certificates,apt \
		"${aptopts[@]}" bookworm "$base.tmp" \
		"deb $deb bookworm main" "deb $deb bookworm-updates main" \
		"deb $sec bookworm-security main" >"$logs/mmdebstrap.log" 2>&1 || {
		tail -n 20 "$logs/mmdebstrap.log"
		rm -f "$base.tmp"
		die "mmdebstrap failed (build/fresh/mmdebstrap.log)"
	}
	mv "$base.tmp" "$base"
	say "base made in $(($(date +%s) - t0)) s"
fi
flock -u 9

root=$(mktemp -d /var/tmp/newroot-fresh.XXXXXX)
# The root's package scripts see the host's /dev through the bind (as the
# issue asks): systemd's postinst runs systemd-tmpfiles, which gives
# /dev/kvm, /dev/net/tun ... the root's groups and modes.  The owners and
# modes of the host's device nodes are noted first and put back after.
devstate=$(mktemp /var/tmp/newroot-fresh-dev.XXXXXX)
find /dev -maxdepth 2 \( -type c -o -type b \) -printf '%m %U %G %p\n' \
	>"$devstate" 2>/dev/null
restore_dev() {
	local m u g p
	while read -r m u g p; do
		[ -e "$p" ] || continue
		[ "$(stat -c '%a %u %g' "$p")" = "$m $u $g" ] && continue
		chown "$u:$g" "$p" && chmod "$m" "$p" &&
			say "put back $p to mode $m, owner $u:$g"
	done <"$devstate"
	rm -f "$devstate"
}
cleanup() {
	restore_dev
	if [ -n "$keep" ]; then
		say "the root is kept in $root"
	else
		rm -rf --one-file-system "$root"
	fi
}
trap cleanup EXIT
tar -C "$root" --numeric-owner -xf "$base" || die "cannot unpack $base"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
for o in "${aptopts[@]}"; do
	echo "${o#--aptopt=};"
done >"$root/etc/apt/apt.conf.d/90newroot-fresh-host"
if ! git clone -q --no-hardlinks "$top" "$root/root/newroot" ||
	! git -C "$root/root/newroot" checkout -q --detach "$commit"; then
	die "cannot clone $top at $commit into the root"
fi
say "commit $commit in a fresh bookworm root at $root"

# One command in the root: its own mount namespace holding the binds.
# The root is a mount point of its own (as / is on a machine), /run a
# tmpfs; /dev (with /dev/kvm when the host has it), /proc and /sys are
# the host's.
in_root() { # LOG COMMAND
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m --propagation private bash -c '
		set -e
		r=$1
		mount --bind "$r" "$r"
		mount --rbind /dev "$r/dev"
		mount --rbind /proc "$r/proc"
		mount --rbind /sys "$r/sys"
		mount -t tmpfs -o mode=755 fresh-run "$r/run"
		exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			TERM=dumb CI="${CI:-}" NEWROOT_ACCEL="${NEWROOT_ACCEL:-}" \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			bash -c "cd /root/newroot && $2"
	' fresh "$root" "$2" </dev/null 2>&1 | tee "$1"
	return "${PIPESTATUS[0]}"
}

t0=$(date +%s)
if in_root "$logs/boot.log" 'make boot </dev/null'; then
	boot=ok
else
	boot=failed
fi
t1=$(date +%s)
say "make boot: $boot in $((t1 - t0)) s"
in_root "$logs/check.log" 'make check'
check_rc=$?
t2=$(date +%s)
say "make check: exit $check_rc in $((t2 - t1)) s"

line=$(tr -d '\r' <"$logs/check.log" |
	grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' | tail -n1)
p=0 f=0 s=
if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]; then
	p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[4]}
elif [ "$check_rc" -ne 0 ]; then
	echo "not ok fresh: make check exited $check_rc without a result line"
	f=1
fi
if [ "$check_rc" -ne 0 ] && [ "$f" -eq 0 ]; then
	echo "not ok fresh: make check exited $check_rc with no failed test"
	f=$((f + 1))
fi
if [ "$boot" = ok ]; then
	echo "ok fresh: make boot </dev/null on a fresh Debian 12 root"
	p=$((p + 1))
else
	echo "not ok fresh: make boot </dev/null on a fresh Debian 12 root (build/fresh/boot.log)"
	f=$((f + 1))
fi
say "in all $((t2 - t0)) s for make boot and make check"
echo "$p passed, $f failed${s:+, $s skipped}"
[ "$f" -eq 0 ]
