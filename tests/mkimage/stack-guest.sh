#!/usr/bin/env bash
# tests/mkimage/stack-guest.sh - newroot-mkimage --host-only over a real
# kernel's sysfs: qemu/mkstack.sh --check-host-only builds LVM on LUKS and
# md RAID1 in its helper guest (Debian 6.1 under QEMU), opens them, and
# runs build/newroot-mkimage --host-only there with the LV or the array as
# the root device; the image must hold the tools, configuration, crypttab
# line and modules that stack needs and none of the others (cryptsetup
# and lvm but no mdadm; mdadm, md_mod and raid1 but no raid456).  One
# QEMU guest at a time, about a minute each under TCG.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage stack-guest
scratch

if ! command -v qemu-system-x86_64 >/dev/null; then
	echo "skip stack-guest: no qemu-system-x86_64 (qemu/deps.sh)"
	exit 0
fi
if ! qemu/kernels.sh 6.1 >/dev/null 2>&1; then
	echo "skip stack-guest: no Debian 6.1 kernel (qemu/kernels.sh 6.1)"
	exit 0
fi
need_stack_tools stack-guest || exit 0
qemu/mkroot.sh "$tmp/root" || { echo "not ok stack-guest: qemu/mkroot.sh"; exit 1; }
for kind in lvm-on-luks md1; do
	if qemu/mkstack.sh -d "$tmp/root" --check-host-only "$kind" "$tmp/$kind" \
		>"$tmp/$kind.out" 2>&1; then
		echo "ok stack-guest $kind: host-only in the guest takes what the stack needs"
		grep '^qemu/mkstack.sh' "$tmp/$kind.out" | sed 's/^/# /'
	else
		echo "not ok stack-guest $kind: host-only in the guest takes what the stack needs"
		sed 's/^/#   /' "$tmp/$kind.out" | tail -n 5
		[ -f "$tmp/$kind/build.log" ] &&
			cp "$tmp/$kind/build.log" "build/boot-logs/stack-guest-$kind.log" 2>/dev/null &&
			echo "#   console: build/boot-logs/stack-guest-$kind.log"
	fi
done
