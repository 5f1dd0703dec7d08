#!/usr/bin/env bash
# qemu/run-scenarios.sh - boot every tests/boot/*.scenario in QEMU, on each
# kernel it names, two at a time, and print one line per scenario and kernel:
#
#   ok NAME@SERIES | not ok NAME@SERIES (then the tail of its console log)
#   | skip NAME@SERIES: WHY
#
#   qemu/run-scenarios.sh                 every scenario
#   qemu/run-scenarios.sh NAME|FILE...    only these (on all their kernels)
#   qemu/run-scenarios.sh NAME@7 ...      only on that kernel
#   qemu/run-scenarios.sh -j 1 ...        one at a time (default: 2, or
#                                         $NEWROOT_JOBS)
#   qemu/run-scenarios.sh --list          the scenarios and what they check
#
# Run from anywhere; paths are the repository's.  Needs build/newroot and
# build/newroot-mkimage (make all).  Exit status 1 when a scenario failed.
#
# A scenario is a bash fragment setting these (defaults in brackets):
#
#   KERNELS=(SERIES ...) [(7)]  the Debian kernels it boots on, of 6.1 6.12
#                 and 7 (qemu/kernels.sh); the scenario is read once per
#                 kernel with KERNEL set to the series, so expectations can
#                 depend on it (case $KERNEL in 7) ...)
#   IMAGE=default|shell|padding|net|nfs|fsck|stack|itools|stock [default]
#                 the initramfs: newroot-mkimage's default module set;
#                 plus busybox as /bin/sh; plus a 128 MiB padding file;
#                 plus virtio_net and klibc's ipconfig (--add-program);
#                 net's plus the NFS client modules (nfs nfsv3 nfsv4);
#                 plus fsck and e2fsck (--with fsck);
#                 stack: --with crypt,lvm,md, busybox as /bin/sh and the
#                 stack disks' key file as /etc/keys/root.key;
#                 itools and stock are made by Debian's mkinitramfs with
#                 MODULES=most (tests/dist/lib/itools-mkinitramfs.sh):
#                 itools with newroot's hook and NEWROOT_INIT=y, stock
#                 without newroot (initramfs-tools' /init, udev, klibc)
#   OTHER_IMAGES=(KIND ...)  the images check() boots with boot_image,
#                 so that they are built too
#   NICS=N [0]    virtio-net NICs, each on a QEMU user-mode network
#   DISKS=(IFACE:FS:TABLE[:OPT=VAL,...] ...)
#                 IFACE ide virtio ahci scsi nvme usb; FS ext4 xfs btrfs vfat
#                 f2fs squashfs erofs swap, or btrfs-m1 and btrfs-m2: the
#                 two devices of one empty btrfs RAID1 (TABLE none; m1
#                 first, its label=/uuid= count); TABLE mbr gpt none; OPTs label=
#                 uuid= diskid= partuuid= partname= size=MIB
#                 root=default|noinit|olddir ro=1 (olddir: the default
#                 root plus an empty /old-root directory)
#                 fsck=dirty|corrupt (ext2/3/4, debugfs after mke2fs:
#                 not cleanly unmounted, which e2fsck -a repairs with exit
#                 status 1; that and a cleared root inode, which -a
#                 cannot fix: exit status 4)
#                 Stacks (qemu/mkstack.sh, built in a helper guest, kept
#                 in $NEWROOT_CACHE/stacks): FS luks2 luks2-keyfile lvm
#                 lvm-on-luks md1, the ext4 root inside; OPTs pass=
#                 (default newroot13) keyfile=FILE (in the repository;
#                 default tests/fixtures/stack/root.key) uuid= (the ext4,
#                 default 13000000-f500-4000-8000-000000000001) luksuuid=
#                 (13000000-c000-4000-8000-000000000001) mduuid=
#                 (13000000:d0004000:80000000:00000001) vg= (nrvg) lv=
#                 (root) root= ro=1, and disk=N: which member (md1 has
#                 disk=0 and disk=1; list one only for a degraded array)
#   HOTPLUG=(SECS:FS:TABLE[:OPTS])  virtio disks plugged SECS after power-on;
#                 SECS "-": only built, as hotN.img, for INTERACT's
#                 "hotplug hotN" (N counts from 0)
#   APPEND="..."  kernel command line (console=ttyS0 is added)
#   EXPECT=(REGEX ...)  console lines that must appear (grep -E)
#   REJECT=(REGEX ...)  console lines that must not appear
#   BOOT=ok|fail [ok]   ok adds the expectations of a good boot: the test
#                 init ran as PID 1 from the disk, saw nothing of the
#                 initramfs, and powered off; and rejects a kernel panic
#   TIMEOUT=SECS [120]  MEM=MIB [384]
#   INTERACT="..." a qemu/boot.sh -x script (expect/send/sleep/hotplug)
#   setup() { ... }  optional: run with the work directory as $1 before
#                 the boot (non-zero fails the scenario; say why on
#                 stderr; 77 skips it: a test server that cannot run
#                 here); may set BOOT_PREFIX=(COMMAND ...) to run
#                 qemu/boot.sh under it (nsenter into a namespace ...)
#   teardown() { ... }  optional: run after the boot (and check()) when
#                 setup() was run, whatever happened
#   check() { ... }  optional: run after a passing boot with the console
#                 log as $1; may call boot_image IMAGE LOG to boot the same
#                 disks again with another image; non-zero fails the
#                 scenario (say why on stdout, prefixed with '#')
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 2
B=$top/build/boot
jobs=${NEWROOT_JOBS:-2}

# ---- one scenario (run in a child: qemu/run-scenarios.sh --one FILE) ----

# stack_build KIND TABLE OPTS OUT: a stacked disk (qemu/mkstack.sh), built
# once per script version and spec into $NEWROOT_CACHE/stacks, copied.
stack_build() {
	local o args=() disk=0 root=default key dir
	IFS=, read -r -a o <<<"$3"
	for kv in ${o[@]+"${o[@]}"}; do
		case $kv in
		pass=*) args+=(--pass "${kv#*=}") ;;
		keyfile=*) args+=(--keyfile "$top/${kv#*=}") ;;
		uuid=*) args+=(--uuid "${kv#*=}") ;;
		luksuuid=*) args+=(--luks-uuid "${kv#*=}") ;;
		mduuid=*) args+=(--md-uuid "${kv#*=}") ;;
		vg=*) args+=(--vg "${kv#*=}") ;;
		lv=*) args+=(--lv "${kv#*=}") ;;
		disk=*) disk=${kv#*=} ;;
		root=*) root=${kv#*=} ;;
		ro=*) ;;
		*) echo "# unknown stack disk option '$kv'"; return 1 ;;
		esac
	done
	key=$(cat "$here/mkstack.sh" "$here/mkstack-guest.sh" "$here/mkroot.sh" \
		"$top/tests/fixtures/stack/root.key" |
		{ sha256sum; echo "$1 $2 $root ${args[*]}"; } | sha256sum)
	dir=${NEWROOT_CACHE:-/var/cache/newroot}/stacks/${key:0:16}
	mkdir -p "${dir%/*}"
	(
		flock 9
		[ -f "$dir/stack.info" ] ||
			"$here/mkstack.sh" -p "$2" -d "$B/roots/$root" \
				${args[@]+"${args[@]}"} "$1" "$dir"
	) 9>"$dir.lock" || return 1
	[ -f "$dir/disk$disk.img" ] || { echo "# $1 has no disk=$disk"; return 1; }
	cp --sparse=always "$dir/disk$disk.img" "$4"
}

# disk_build SPEC OUT: SPEC is FS:TABLE[:OPT=VAL,...]
disk_build() {
	local fs=${1%%:*} rest=${1#*:} pt opts o root=default args=() dirty="" fsdev
	pt=${rest%%:*}
	opts=
	[ "$rest" = "$pt" ] || opts=${rest#*:}
	case $fs in luks2 | luks2-keyfile | lvm | lvm-on-luks | md1)
		stack_build "$fs" "$pt" "$opts" "$2"
		return ;;
	esac
	IFS=, read -r -a o <<<"$opts"
	for kv in ${o[@]+"${o[@]}"}; do
		case $kv in
		label=*) args+=(-L "${kv#*=}") ;;
		uuid=*) args+=(-U "${kv#*=}") ;;
		diskid=*) args+=(--disk-id "${kv#*=}") ;;
		partuuid=*) args+=(--part-uuid "${kv#*=}") ;;
		partname=*) args+=(--part-name "${kv#*=}") ;;
		size=*) args+=(-s "${kv#*=}") ;;
		root=*) root=${kv#*=} ;;
		ro=*) ;;
		fsck=dirty) dirty='ssv state 0' ;;
		fsck=corrupt) dirty=$'clri <2>\nssv state 0' ;;
		*) echo "# unknown disk option '$kv'"; return 1 ;;
		esac
	done
	[ "$fs" = vfat ] && [ "$root" = default ] && root=flat
	# One btrfs RAID1 on two disks: btrfs-m1 makes both, btrfs-m2 (a
	# later disk or hot-plug) is the second.  mkfs.btrfs --rootdir fills
	# one device only, so this filesystem is empty.
	case $fs in
	btrfs-m1)
		truncate -s 256M "$2" "$(dirname "$2")/btrfs-m2.img" &&
			mkfs.btrfs -q -f -d raid1 -m raid1 ${args[@]+"${args[@]}"} \
				"$2" "$(dirname "$2")/btrfs-m2.img" >/dev/null
		return
		;;
	btrfs-m2)
		mv "$(dirname "$2")/btrfs-m2.img" "$2"
		return
		;;
	esac
	"$here/mkdisk.sh" -o "$2" -t "$fs" -p "$pt" -d "$B/roots/$root" \
		${args[@]+"${args[@]}"} || return
	[ -n "$dirty" ] || return 0
	# Behind a partition table the filesystem starts at 1 MiB.
	fsdev=$2
	[ "$pt" = none ] || fsdev="$2?offset=1048576"
	debugfs -w -f - "$fsdev" <<<"$dirty" >/dev/null
}

# What a kernel crash (not a panic= of ours) looks like on the console.
kernel_crash='(double fault|general protection fault|BUG: (kernel|unable)|Oops: |invalid opcode: )'

one() {
	local file=${1%@*} name work kver kdir img i spec iface rc=0 t0
	KERNEL=${1##*@}
	name=$(basename "$file" .scenario)@$KERNEL
	work=$B/work/$name
	rm -rf "$work"
	mkdir -p "$work"
	IMAGE=default APPEND= BOOT=ok TIMEOUT=120 MEM=384
	INTERACT= SKIP= NICS=0
	DISKS=() HOTPLUG=() EXPECT=() REJECT=() KERNELS=(7) OTHER_IMAGES=()
	BOOT_PREFIX=()
	unset -f check setup teardown
	# shellcheck disable=SC1090
	. "$file" || {
		report "$name" fail "$work/console.log" "cannot read $file"
		return
	}
	if [ -n "$SKIP" ]; then
		echo "skip $name: $SKIP"
		return
	fi
	kver=$(awk -v s="$KERNEL" '$1 == s { print $2 }' "$B/kernels")
	kdir=$(awk -v s="$KERNEL" '$1 == s { print $3 }' "$B/kernels")
	if [ -z "$kver" ]; then
		echo "skip $name: no Debian $KERNEL kernel (qemu/kernels.sh failed)"
		return
	fi
	img=$B/images/$kver-$IMAGE.img
	[ -z "${NEWROOT_BOOT_IMAGES:-}" ] ||
		img=$NEWROOT_BOOT_IMAGES/$kver-$IMAGE.img
	if ! image_wait "$img"; then
		if [ -s "$img.skip" ]; then
			echo "skip $name: $(cat "$img.skip")"
			return
		fi
		report "$name" fail "$work/console.log" "no image $img$(image_why "$img")"
		return
	fi
	# Disks.
	bootargs=()
	i=0
	for spec in ${DISKS[@]+"${DISKS[@]}"}; do
		iface=${spec%%:*}
		disk_build "${spec#*:}" "$work/disk$i.img" >"$work/mkdisk.log" 2>&1 ||
			{
				report "$name" fail "$work/mkdisk.log" "building disk $spec"
				return
			}
		case $spec in
		*ro=1*) bootargs+=(-d "$iface:$work/disk$i.img:ro") ;;
		*) bootargs+=(-d "$iface:$work/disk$i.img") ;;
		esac
		i=$((i + 1))
	done
	i=0
	for spec in ${HOTPLUG[@]+"${HOTPLUG[@]}"}; do
		disk_build "${spec#*:}" "$work/hot$i.img" >"$work/mkdisk.log" 2>&1 ||
			{
				report "$name" fail "$work/mkdisk.log" "building disk $spec"
				return
			}
		[ "${spec%%:*}" = - ] ||
			bootargs+=(--hotplug "${spec%%:*}:$work/hot$i.img")
		i=$((i + 1))
	done
	if [ "$BOOT" = ok ]; then
		EXPECT+=('^NEWROOT-TEST pid=1$'
			'^NEWROOT-TEST marker=newroot-test-root$'
			'^NEWROOT-TEST initramfs-visible=no$'
			'^NEWROOT-TEST end$')
		REJECT+=('Kernel panic' '^NEWROOT-TEST initramfs-visible=yes'
			'^NEWROOT-TEST printk_devkmsg=on$')
	fi
	for re in ${EXPECT[@]+"${EXPECT[@]}"}; do bootargs+=(-e "$re"); done
	for re in ${REJECT[@]+"${REJECT[@]}"}; do bootargs+=(-r "$re"); done
	for ((i = 0; i < NICS; i++)); do bootargs+=(--nic); done
	if [ -n "$INTERACT" ]; then
		printf '%s\n' "$INTERACT" |
			sed "s|^hotplug hot\([0-9]\)|hotplug $work/hot\1.img|" \
				>"$work/interact"
		bootargs+=(-x "$work/interact")
	fi
	if declare -F setup >/dev/null; then
		rc=0
		setup "$work" >"$work/setup.log" 2>&1 || rc=$?
		if [ "$rc" -eq 77 ]; then
			# The test's own server could not run here: not
			# newroot's failure, so a skip that says why.
			echo "skip $name: $(grep -m1 'nfs-server.sh:\|setup:' "$work/setup.log" || tail -n 1 "$work/setup.log")"
			declare -F teardown >/dev/null && teardown "$work" >/dev/null 2>&1
			return
		fi
		if [ "$rc" -ne 0 ]; then
			report "$name" fail "$work/setup.log" "setup() failed: $(tail -n 5 "$work/setup.log")"
			declare -F teardown >/dev/null && teardown "$work" >/dev/null 2>&1
			return
		fi
	fi
	t0=$(date +%s)
	for attempt in 1 2; do
		${BOOT_PREFIX[@]+"${BOOT_PREFIX[@]}"} "$here/boot.sh" -n "$name" -k "$kdir/boot/vmlinuz-$kver" \
			-i "$img" -a "$APPEND" -t "$TIMEOUT" -m "$MEM" \
			-l "$work/console.log" "${bootargs[@]}" 2>"$work/boot.err"
		rc=$?
		# Under TCG the kernel itself crashes now and then (a double
		# fault inside finit_module was seen once in ~30 boots).  Such
		# a crash is retried once, and said; a second one fails.
		[ "$rc" -ne 0 ] && [ "$attempt" = 1 ] &&
			grep -Eq "$kernel_crash" "$work/console.log" || break
		cp "$work/console.log" "$top/build/boot-logs/$name.crash1.log"
		echo "# $name: kernel crashed under emulation (build/boot-logs/$name.crash1.log); retrying once"
	done
	if [ "$rc" -eq 0 ] && declare -F check >/dev/null; then
		check "$work/console.log" >"$work/check.out" 2>&1 || rc=1
		if [ "$rc" -ne 0 ]; then
			echo "# check() failed" >>"$work/boot.err"
			cat "$work/check.out" >>"$work/boot.err"
			cp "$work/console.log" "$top/build/boot-logs/$name.log"
		fi
	fi
	declare -F teardown >/dev/null && teardown "$work" >>"$work/setup.log" 2>&1
	echo "# $name: $KERNEL ($kver), $(($(date +%s) - t0))s" >>"$work/boot.err"
	if [ "$rc" -eq 0 ]; then
		report "$name" ok
	else
		report "$name" fail "$work/console.log" "$(cat "$work/boot.err")"
	fi
}

# image_wait IMG: wait while mkinitramfs_build of IMG holds its
# lock; then true when IMG is there.  image_why IMG: why it is not.
image_wait() {
	[ ! -f "$1.lock" ] || flock -s "$1.lock" true
	[ -f "$1" ]
}
image_why() {
	[ -s "$1.err" ] || return 0
	printf '\n%s' "mkinitramfs failed:" "$(tail -n 15 "$1.err")"
}

# boot_image IMAGE LOG: for check(): boot the scenario's disks again with
# another image (same kernel, command line and disks); expectations of a
# good boot only.
boot_image() {
	local img2=$B/images/$kver-$1.img a=() j=0
	[ -z "${NEWROOT_BOOT_IMAGES:-}" ] ||
		img2=$NEWROOT_BOOT_IMAGES/$kver-$1.img
	if ! image_wait "$img2"; then
		echo "# no image $img2$(image_why "$img2" | sed 's/^/# /')"
		return 1
	fi
	for spec in ${DISKS[@]+"${DISKS[@]}"}; do
		a+=(-d "${spec%%:*}:$work/disk$j.img")
		j=$((j + 1))
	done
	"$here/boot.sh" -n "$name-$1" -k "$kdir/boot/vmlinuz-$kver" -i "$img2" \
		-a "$APPEND" -t "$TIMEOUT" -m "$MEM" -l "$2" "${a[@]}" \
		-e '^NEWROOT-TEST end$' -r 'Kernel panic'
}

# report NAME ok | report NAME fail LOG WHY
report() {
	{
		flock 9
		if [ "$2" = ok ]; then
			echo "ok $1"
		else
			echo "not ok $1"
			printf '%s\n' "$4" | sed 's/^\([^#]\)/# \1/'
			if [ -s "$3" ]; then
				echo "# --- last 40 lines of the console (build/boot-logs/$1.log)"
				tail -n 40 "$3" | LC_ALL=C tr -cd '\11\12\40-\176' | sed 's/^/#   /'
			fi
		fi
	} 9>>"$B/report.lock"
}

if [ "${1:-}" = --one ]; then
	one "$2"
	exit 0
fi

# ---- the whole run ----

list=
case ${1:-} in
--list) list=1; shift ;;
-j) jobs=$2; shift 2 ;;
esac

# kernels_of FILE: the series a scenario boots on.
kernels_of() {
	(KERNEL=7 KERNELS=(7) SKIP=
		# shellcheck disable=SC1090
		. "$1" >/dev/null 2>&1
		echo "${KERNELS[*]}")
}

# runs: FILE@SERIES, one per scenario and kernel.
runs=()
if [ $# -eq 0 ]; then
	set -- tests/boot/*.scenario
	[ -f "$1" ] || { echo "skip boot: no scenarios in tests/boot"; exit 0; }
fi
for a in "$@"; do
	only=
	case $a in *@*) only=${a##*@}; a=${a%@*} ;; esac
	if [ -f "$a" ]; then f=$a
	elif [ -f "tests/boot/$a.scenario" ]; then f=tests/boot/$a.scenario
	else echo "qemu/run-scenarios.sh: no scenario '$a'" >&2; exit 2
	fi
	ks=$(kernels_of "$f")
	if [ -n "$only" ]; then
		case " $ks " in
		*" $only "*) ks=$only ;;
		*) echo "qemu/run-scenarios.sh: $a runs on $ks, not on $only" >&2
			exit 2 ;;
		esac
	fi
	for k in $ks; do runs+=("$f@$k"); done
done
if [ -n "$list" ]; then
	for f in "$@"; do
		[ -f "$f" ] || f=tests/boot/${f%@*}.scenario
		printf '%-28s %-11s %s\n' "$(basename "$f" .scenario)" \
			"$(kernels_of "$f" | tr ' ' ,)" \
			"$(sed -n '1s/^# *[^ ]* *- *//p' "$f")"
	done
	exit 0
fi

run_name() { # FILE@SERIES -> NAME@SERIES
	local b=${1##*/}
	echo "${b%%.scenario@*}@${1##*@}"
}

skip_all() {
	for r in "${runs[@]}"; do echo "skip $(run_name "$r"): $*"; done
	exit 0
}

mkdir -p "$B" "$top/build/boot-logs"
# One run at a time: runs share build/boot.
exec 5>"$B/run.lock"
if ! flock -n 5; then
	echo "# another qemu/run-scenarios.sh is running; waiting for it"
	flock 5
fi
if ! "$here/deps.sh" >&2; then
	skip_all "QEMU and the disk tools are missing (run qemu/deps.sh as root)"
fi
# NEWROOT_BOOT_IMAGES=DIR: take the initramfs images from DIR
# (KVER-KIND.img) instead of building them (to test the harness itself).
[ -z "${NEWROOT_BOOT_IMAGES:-}" ] || nobuild=1
for f in ${nobuild:+nothing} build/newroot build/newroot-mkimage; do
	[ "$f" != nothing ] || break
	if [ ! -x "$f" ]; then
		for r in "${runs[@]}"; do echo "not ok $(run_name "$r")"; done
		echo "# $f is missing: run make all"
		exit 1
	fi
done

# Kernels: "SERIES KVER DIR" lines, for the series the runs need.
: >"$B/kernels"
for s in $(printf '%s\n' "${runs[@]##*@}" | sort -uV); do
	if l=$("$here/kernels.sh" "$s"); then
		echo "$s $l" >>"$B/kernels"
	else
		echo "# qemu/kernels.sh $s failed"
	fi
done

# The test roots: default (busybox with links), flat (no symlinks, for
# vfat), noinit (no /sbin/init), olddir (default plus an empty /old-root,
# for pivot-olddir on a read-only root).
# Rebuilt when mkroot.sh changed.
mkdir -p "$B/roots"
for r in default:"" flat:--no-symlinks noinit:--no-init olddir:""; do
	d=$B/roots/${r%%:*}
	[ "$d.stamp" -nt "$here/mkroot.sh" ] && continue
	"$here/mkroot.sh" "$d" ${r#*:} && touch "$d.stamp" ||
		{ echo "# qemu/mkroot.sh failed"; exit 1; }
done
mkdir -p "$B/roots/olddir/old-root"

# The images each scenario asks for, built once per kernel and kind, and
# again when newroot or the image builder changed.
mkdir -p "$B/images"
if [ ! -f "$B/padding" ] || [ "$(stat -c %s "$B/padding")" -ne 134217728 ]; then
	head -c 134217728 /dev/zero >"$B/padding"
fi
needed=$(for r in "${runs[@]}"; do
	(KERNEL=${r##*@} IMAGE=default SKIP= OTHER_IMAGES=()
		# shellcheck disable=SC1090
		. "${r%@*}" >/dev/null 2>&1
		[ -n "$SKIP" ] && exit 0
		for k in "$IMAGE" ${OTHER_IMAGES[@]+"${OTHER_IMAGES[@]}"}; do
			echo "$KERNEL $k"
		done)
done | sort -u)

# The images Debian's mkinitramfs makes take a minute or more each
# (MODULES=most; the hook decompresses .ko.xz).  They are built in the
# background, one after another (several at once slowed the boots beside
# them too much), while the scenarios before them boot: each IMG.lock is
# taken here before any scenario starts and let go when that image is
# done, and a scenario that boots it waits for the lock (image_wait).
# Rebuilt when newroot, its hook or the builder changed.
itools_builds=() # "KIND KVER KDIR LOCKFD"
mkinitramfs_want() { # mkinitramfs_want KIND KVER KDIR
	local img=$B/images/$2-$1.img fd d fresh=1
	local deps=(tests/dist/lib/itools-mkinitramfs.sh /usr/sbin/mkinitramfs)
	case $1 in
	itools) deps+=(build/newroot build/newroot-mkimage
		initramfs-tools/hooks/newroot) ;;
	esac
	for d in "${deps[@]}"; do
		[ -f "$img" ] && [ "$img" -nt "$d" ] || fresh=
	done
	[ -z "$fresh" ] || return 0
	rm -f "$img" "$img.skip" "$img.err"
	if ! command -v mkinitramfs >/dev/null || ! command -v unshare >/dev/null; then
		echo "mkinitramfs or unshare is missing (tests/deps.sh)" >"$img.skip"
		return 0
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "mkinitramfs in a mount namespace needs root" >"$img.skip"
		return 0
	fi
	exec {fd}>"$img.lock"
	flock "$fd"
	itools_builds+=("$1 $2 $3 $fd")
}
mkinitramfs_build() { # mkinitramfs_build KIND KVER KDIR
	local img=$B/images/$2-$1.img mode=y rc=0
	[ "$1" = stock ] && mode=stock
	# FSTYPE=ext4: as on a Debian system whose fstab has an ext4 root,
	# initramfs-tools' fsck hook puts fsck and fsck.ext4 into the image.
	ITOOLS_FSTYPE=ext4 tests/dist/lib/itools-mkinitramfs.sh --most \
		"$img.tmp" "$2" "$3" "$mode" 2>"$img.err" || rc=$?
	if [ "$rc" -eq 0 ]; then
		mv "$img.tmp.log" "$img.log"
		mv "$img.tmp" "$img"
	else
		rm -f "$img.tmp"
		[ -s "$img.err" ] || echo "exit status $rc" >"$img.err"
	fi
}

# 6.1's first: the first scenarios that need them boot 6.1.
while read -r s kind; do
	[ -n "$s" ] && [ -z "${nobuild:-}" ] || continue
	case $kind in itools | stock) ;; *) continue ;; esac
	read -r kver kdir < <(awk -v s="$s" '$1 == s { print $2, $3 }' "$B/kernels")
	[ -n "${kver:-}" ] || continue
	mkinitramfs_want "$kind" "$kver" "$kdir"
done <<<"$needed"
if [ ${#itools_builds[@]} -gt 0 ]; then
	(
		for b in "${itools_builds[@]}"; do
			read -r kind kver kdir fd <<<"$b"
			mkinitramfs_build "$kind" "$kver" "$kdir"
			exec {fd}>&- # this image is done: its scenarios go on
		done
	) &
	for b in "${itools_builds[@]}"; do
		fd=${b##* }
		exec {fd}>&-
	done
fi

while read -r s kind; do
	case $kind in itools | stock) continue ;; esac
	[ -n "$s" ] && [ -z "${nobuild:-}" ] || continue
	read -r kver kdir < <(awk -v s="$s" '$1 == s { print $2, $3 }' "$B/kernels")
	[ -n "${kver:-}" ] || continue
	img=$B/images/$kver-$kind.img
	if [ -f "$img" ] && [ "$img" -nt build/newroot ] &&
		[ "$img" -nt build/newroot-mkimage ]; then
		continue
	fi
	add=()
	case $kind in
	default) ;;
	shell) add=(--add /bin/busybox:/bin/sh) ;;
	padding) add=(--add "$B/padding:/padding") ;;
	net) add=(-m virtio_net --add-program /usr/lib/klibc/bin/ipconfig) ;;
	nfs) add=(-m virtio_net -m nfs -m nfsv3 -m nfsv4
		--add-program /usr/lib/klibc/bin/ipconfig) ;;
	fsck) add=(--with fsck) ;;
	stack) add=(--with crypt,lvm,md --add /bin/busybox:/bin/sh
		--add tests/fixtures/stack/root.key:/etc/keys/root.key) ;;
	*) echo "# unknown IMAGE=$kind"; continue ;;
	esac
	if ! build/newroot-mkimage -k "$kver" -b "$kdir" -o "$img.tmp" \
		${add[@]+"${add[@]}"} >"$B/images/$kver-$kind.log" 2>&1; then
		echo "# newroot-mkimage failed for $kver $kind:"
		sed 's/^/#   /' "$B/images/$kver-$kind.log" | tail -n 20
		rm -f "$img.tmp"
		continue
	fi
	mv "$img.tmp" "$img"
done <<<"$needed"

: >"$B/report.lock"
rm -f "$B/results"
start=$(date +%s)
printf '%s\n' "${runs[@]}" |
	xargs -P "$jobs" -I{} "$here/run-scenarios.sh" --one {} |
	tee "$B/results"
wait # an image build no scenario waited for
echo "# boot scenarios: ${#runs[@]} boots, $(($(date +%s) - start))s with $jobs in parallel"
! grep -q '^not ok ' "$B/results"
