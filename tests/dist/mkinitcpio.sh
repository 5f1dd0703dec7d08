#!/usr/bin/env bash
# tests/dist/mkinitcpio.sh - the mkinitcpio install hook.  mkinitcpio is
# not available on Debian, so this is shellcheck and a build check, not a
# boot: the hook's build() runs after the base hook in a buildroot laid out
# as mkinitcpio lays it out (tests/dist/lib/hooks-mkinitcpio.sh, written
# after mkinitcpio's functions), and the result must have newroot as the
# /usr/bin/switch_root that mkinitcpio's /init executes last.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/dist/lib/hooks-common.sh
need_build mkinitcpio
scratch dist-mkinitcpio
hook=$PWD/hooks/mkinitcpio/install/newroot
echo "# mkinitcpio is not packaged for Debian: build check only, no boot"

if command -v shellcheck >/dev/null; then
	check "shellcheck: the hook" shellcheck -s bash "$hook"
else
	echo "skip shellcheck: shellcheck is not installed (tests/deps.sh)"
fi
if [ ! -x /bin/busybox ]; then
	echo "skip build: busybox is not installed (tests/deps.sh)"
	exit 0
fi

# The hook finds newroot in PATH, as on an installed system.
mkdir -p "$tmp/bin"
cp "$NEWROOT" "$tmp/bin/newroot"
build_with() { # HOOKS...
	(
		export PATH=$tmp/bin:$PATH
		. tests/dist/lib/hooks-mkinitcpio.sh
		# shellcheck disable=SC2034 # read by the hook
		HOOKS=("$@")
		mkinitcpio_buildroot "$tmp/root"
		mkinitcpio_base
		run_build_hook "$hook"
	)
}

if build_with base udev block filesystems newroot 2>"$tmp/err"; then
	echo "ok build: build() ran after base"
else
	echo "not ok build: build() failed"
	sed 's/^/#   /' "$tmp/err"
fi
sr=$tmp/root/usr/bin/switch_root
check "build: /usr/bin/newroot is the binary" \
	cmp -s "$NEWROOT" "$tmp/root/usr/bin/newroot"
check "build: /usr/bin/switch_root -> newroot" \
	[ "$(readlink "$sr")" = newroot ]
check "build: switch_root answers as newroot" \
	bash -c "'$sr' --version 2>&1 | grep -q 'from newroot'"
check "build: the other applets stay busybox's" \
	[ "$(readlink "$tmp/root/usr/bin/mount")" = busybox ]

rm -rf "$tmp/root"
build_with base systemd block filesystems newroot 2>"$tmp/err"
check "systemd hook: newroot stays out" \
	[ "$(readlink "$tmp/root/usr/bin/switch_root")" = busybox ]
check "systemd hook: the warning says why" \
	grep -q "systemd hook switches the root itself" "$tmp/err"
exit 0
