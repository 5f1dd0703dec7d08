#!/bin/busybox sh
# shellcheck shell=dash disable=SC1091,SC2154 # the values: /etc/mkstack.conf
# qemu/mkstack-guest.sh - the build qemu/mkstack.sh runs inside its helper
# guest, as newroot's premount hook (/hooks/premount/mkstack), in an image
# made with --with crypt,lvm,md: newroot has loaded the dm and md modules
# and the virtio drivers; cryptsetup, lvm and mdadm run as the image has
# them (its lvm.conf, no udev, no environment of their own).  It reads
# /etc/mkstack.conf, makes the stack on the first disk(s), dd's the root
# filesystem (the last disk) into its top, closes everything and powers
# off.  "MKSTACK ok" on the console is success, "MKSTACK failed: WHY" not.
exec >/dev/console 2>&1
/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
. /etc/mkstack.conf

say() { echo "MKSTACK $*"; }
fail() {
	say "failed: $*"
	sync
	poweroff -f
	sleep 10
}
run() {
	say "+ $*"
	"$@" || fail "$* (exit $?)"
}

# The disks: the stack's (read-write) and the root filesystem's (the one
# attached read-only).  Which gets vda is not fixed: virtio probes in
# parallel.
vds() { # the virtio disks' names
	for p in /sys/block/vd*; do [ -e "$p" ] && echo "${p##*/}"; done
}
t=0
while [ "$(vds | wc -l)" -lt $((ndisks + 1)) ]; do
	[ $t -lt 100 ] || fail "$((ndisks + 1)) virtio disks did not appear"
	sleep 0.1
	t=$((t + 1))
done
src='' members=''
for n in $(vds); do
	if [ "$(cat "/sys/block/$n/ro")" = 1 ]; then
		src=/dev/$n
		continue
	fi
	d=/dev/$n
	[ "$table" = none ] || d=/dev/${n}1
	t=0
	while [ ! -b "$d" ] && [ $t -lt 50 ]; do
		sleep 0.1
		t=$((t + 1))
	done
	[ -b "$d" ] || fail "$d did not appear"
	members="$members $d"
done
[ -n "$src" ] || fail "no read-only disk (the root filesystem)"
members=${members# }
first=${members%% *}
say "kind=$kind members=$members source=$src"

# LUKS2 was formatted on the host (qemu/mkstack.sh): open it here.
[ -z "$pass" ] || printf '%s' "$pass" >/tmp/pass
luks_open() { # DEV NAME
	if [ -n "$keyfile" ]; then
		run cryptsetup open --key-file "$keyfile" "$1" "$2"
	else
		run cryptsetup open --key-file /tmp/pass "$1" "$2"
	fi
}
lvm_make() { # PV
	run lvm pvcreate --yes "$1"
	run lvm vgcreate --yes "$vg" "$1"
	run lvm lvcreate --yes --wipesignatures n --zero n -n "$lv" \
		-L "${fsmib}m" "$vg"
	[ -b "/dev/$vg/$lv" ] || fail "/dev/$vg/$lv did not appear"
}

case $kind in
luks2 | luks2-keyfile)
	luks_open "$first" nrroot
	top=/dev/mapper/nrroot
	;;
lvm)
	lvm_make "$first"
	top=/dev/$vg/$lv
	;;
lvm-on-luks)
	luks_open "$first" nrcrypt
	lvm_make /dev/mapper/nrcrypt
	top=/dev/$vg/$lv
	;;
md1)
	run mdadm --create /dev/md0 --run --assume-clean --level=1 \
		--raid-devices=2 --metadata=1.2 --uuid="$mduuid" --name=root \
		--homehost=newroot $members
	top=/dev/md0
	;;
*) fail "unknown kind $kind" ;;
esac

have=$(blockdev --getsize64 "$top") || fail "blockdev $top"
need=$(blockdev --getsize64 "$src") || fail "blockdev $src"
[ "$have" -ge "$need" ] || fail "$top holds $have bytes, the root needs $need"
run dd if="$src" of="$top" bs=1M conv=fsync

close() {
	case $kind in
	luks2 | luks2-keyfile) run cryptsetup close nrroot ;;
	lvm) run lvm vgchange -an "$vg" ;;
	lvm-on-luks)
		run lvm vgchange -an "$vg"
		run cryptsetup close nrcrypt
		;;
	md1) run mdadm --stop /dev/md0 ;;
	esac
}
close
# Open it again from what is on the disks alone, as newroot's unlockers
# do (docs/devices.md: pvscan --cache -aay for each PV), and read the
# root back.
case $kind in
luks2 | luks2-keyfile) luks_open "$first" nrroot ;;
lvm) run lvm pvscan --cache --activate ay "$first" ;;
lvm-on-luks)
	luks_open "$first" nrcrypt
	run lvm pvscan --cache --activate ay /dev/mapper/nrcrypt
	;;
md1) run mdadm --assemble /dev/md0 $members ;;
esac
n=$((need / 1048576))
dd if="$top" bs=1M count=$n 2>/dev/null | cmp - "$src" ||
	fail "$top does not read back as the root filesystem"
say "root verified: $top holds the $n MiB of $src"
# and it mounts from there, as the boot will mount it (a block size the
# stack's sectors do not allow fails here, not in every scenario)
mkdir -p /mnt
run mount -t ext4 -o ro "$top" /mnt
[ "$(cat /mnt/etc/newroot-test-root)" = newroot-test-root ] ||
	fail "$top mounted, but holds no test root"
run umount /mnt
say "root mounts: $top"

# --check-host-only: newroot-mkimage --host-only over this guest's sysfs,
# with the top of the stack as the root device.  Its listing goes to the
# console ("MKSTACK hostonly PATH", "... l MODULE", "... crypttab LINE").
if [ "$hostonly" = 1 ]; then
	# (libdevmapper without udev makes /dev/mapper/* nodes, not links)
	# shellcheck disable=SC2046 # two words: major and minor
	set -- $(stat -L -c '%t %T' "$top")
	dev=$(printf '%d:%d' "0x$1" "0x$2")
	{
		[ "$kind" = lvm-on-luks ] && echo "nrcrypt UUID=$luksuuid none luks"
		[ "$kind" = luks2 ] || [ "$kind" = luks2-keyfile ] &&
			echo "nrroot UUID=$luksuuid none luks"
		echo "other UUID=99999999-0000-4000-8000-000000000000 /etc/other.key luks"
	} >/etc/crypttab
	run "$mk" -v --no-defaults --host-only --root-device "$dev" -b / \
		-k "$(uname -r)" --compress none -o /tmp/hostonly.img
	"$mk" --list /tmp/hostonly.img | while read -r _ size path _; do
		echo "MKSTACK hostonly ${path:-$size}"
	done
	mkdir -p /tmp/ho
	(cd /tmp/ho && cpio -i -d 2>/dev/null </tmp/hostonly.img)
	sed -n 's/^l /MKSTACK hostonly l /p' /tmp/ho/lib/modules/newroot.index
	[ ! -f /tmp/ho/etc/crypttab ] ||
		sed 's/^/MKSTACK hostonly crypttab /' /tmp/ho/etc/crypttab
fi
close
sync
say ok
poweroff -f
sleep 10
