#!/usr/bin/env bash
# qemu/accel.sh - decide once whether QEMU guests run under KVM or TCG, and
# print one line: "kvm REASON" or "tcg REASON".
#
# Opening /dev/kvm proves nothing: on some hosts it belongs to a nested
# hypervisor that cannot run an ordinary guest (QEMU starts, or aborts on an
# MSR, and the guest never prints a byte).  So the test is a guest: a
# 512-byte boot sector that writes a marker to the first serial port must
# print it within NEWROOT_ACCEL_WAIT seconds (default 10; under KVM it takes
# well under one) with -enable-kvm, or the answer is TCG.
#
# The answer is cached in build/accel for this boot of the host (keyed by
# /proc/sys/kernel/random/boot_id and whether /dev/kvm exists), so a test
# run probes once; concurrent callers wait for the first one (flock).
#
#   NEWROOT_ACCEL=kvm|tcg   skip the probe and use that
#   qemu/accel.sh --fresh   probe again, ignoring the cache
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cache=$top/build/accel
wait_s=${NEWROOT_ACCEL_WAIT:-10}

case ${NEWROOT_ACCEL:-} in
kvm | tcg)
	echo "$NEWROOT_ACCEL NEWROOT_ACCEL=$NEWROOT_ACCEL was given"
	exit 0
	;;
'') ;;
*)
	echo "qemu/accel.sh: NEWROOT_ACCEL='$NEWROOT_ACCEL': use kvm or tcg" >&2
	exit 2
	;;
esac

key="$(cat /proc/sys/kernel/random/boot_id 2>/dev/null) $([ -e /dev/kvm ] &&
	echo kvm-dev || echo no-kvm-dev)"
mkdir -p "$top/build"
exec 9>"$cache.lock"
flock 9
if [ "${1:-}" != --fresh ] && [ -f "$cache" ] &&
	[ "$(head -n1 "$cache")" = "$key" ]; then
	sed -n 2p "$cache"
	exit 0
fi

decide() {
	if [ ! -e /dev/kvm ]; then
		echo "tcg there is no /dev/kvm"
		return
	fi
	if ! { : <>/dev/kvm; } 2>/dev/null; then
		echo "tcg /dev/kvm cannot be opened by $(id -un)"
		return
	fi
	local work out p i
	work=$(mktemp -d "${TMPDIR:-/tmp}/newroot-accel.XXXXXX")
	# Real mode: ds=0, si=message, dx=COM1; out each byte; cli; hlt.
	printf '\x31\xc0\x8e\xd8\xbe\x16\x7c\xba\xf8\x03\xac\x84\xc0\x74\x03' \
		>"$work/boot.bin"
	printf '\xee\xeb\xf8\xfa\xf4\xeb\xfdNEWROOT-ACCEL-OK\r\n\0' \
		>>"$work/boot.bin"
	truncate -s 510 "$work/boot.bin"
	printf '\x55\xaa' >>"$work/boot.bin"
	out=$work/serial
	: >"$out"
	timeout -k 2 "$((wait_s + 2))" qemu-system-x86_64 -nodefaults \
		-no-user-config -display none -m 16 -enable-kvm -cpu host \
		-drive "file=$work/boot.bin,format=raw,if=ide" \
		-serial "file:$out" >"$work/err" 2>&1 &
	p=$!
	for ((i = 0; i < wait_s * 10; i++)); do
		grep -q NEWROOT-ACCEL-OK "$out" && break
		kill -0 "$p" 2>/dev/null || break
		sleep 0.1
	done
	kill "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	if grep -q NEWROOT-ACCEL-OK "$out"; then
		echo "kvm a test guest printed under KVM in $((i / 10)).$((i % 10)) s"
	elif [ -s "$work/err" ]; then
		echo "tcg /dev/kvm opens but a test guest failed under KVM:" \
			"$(grep -v 'terminating on signal' "$work/err" |
				head -n1 | cut -c1-160)"
	else
		echo "tcg /dev/kvm opens but a test guest printed nothing" \
			"within ${wait_s} s under KVM"
	fi
	rm -rf "$work"
}

answer=$(decide)
printf '%s\n%s\n' "$key" "$answer" >"$cache"
echo "$answer"
