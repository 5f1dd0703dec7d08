#!/usr/bin/env bash
# tests/dist/initramfs-tools.sh - newroot inside images built by Debian's
# own mkinitramfs, with initramfs-tools/hooks/newroot installed where the
# package puts it (tests/dist/lib/itools-mkinitramfs.sh: private mount
# namespace and CONFDIR, the host's /lib/modules, /boot and /etc are not
# touched), booted under QEMU on Debian's 6.12 kernel from a virtio disk
# holding qemu/mkroot.sh's test root.
#
#   hook-*       the default image: newroot is /sbin/run-init, klibc's and
#                busybox's are gone, /init is initramfs-tools' script
#   boot-hook    initramfs-tools' /init runs its scripts and newroot's
#                run-init switches: the real init is PID 1 on a read-only
#                root and finds newroot's report in /run/newroot/report;
#                drop_capabilities= reaches it as run-init -d
#   init-*       NEWROOT_INIT=y: /init is newroot with an index of the
#                image's modules
#   boot-init    newroot as /init boots the same disk by itself
#   break        break=premount gives initramfs-tools' shell on the
#                console; the boot goes on when it exits
#   run-init-n   (same boot) init=/sbin/missing: "run-init -n" says no,
#                and yes for /init's fallback /sbin/init, which runs
#   panic        panic=6 with a root that does not exist: initramfs-tools
#                gives up on it and reboots, about 6 s later
#
# About 4 QEMU boots of 20-50 s each under TCG, and two mkinitramfs runs.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
work=$top/build/dist-itools
log=$top/build/test-logs/dist-itools
mkdir -p "$work" "$log"

ok() { echo "ok $1"; }
notok() {
	echo "not ok $1"
	shift
	for l in "$@"; do echo "#   $l"; done
}
check() { # check NAME CMD... : ok when CMD succeeds
	local n=$1
	shift
	if "$@"; then ok "$n"; else notok "$n" "failed: $*"; fi
}

for t in mkinitramfs unshare lsinitramfs qemu-system-x86_64; do
	if ! command -v "$t" >/dev/null; then
		echo "skip initramfs-tools: $t is missing (tests/deps.sh)"
		exit 0
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "skip initramfs-tools: mkinitramfs in a mount namespace needs root"
	exit 0
fi
if ! read -r kver kdir < <(qemu/kernels.sh 6.12 2>/dev/null); then
	echo "skip initramfs-tools: no Debian 6.12 kernel (qemu/kernels.sh 6.12)"
	exit 0
fi
if ! [ -x build/newroot ] || ! [ -x build/newroot-mkimage ]; then
	echo "not ok initramfs-tools: build/newroot or build/newroot-mkimage is missing: run make"
	exit 1
fi
vmlinuz=$kdir/boot/vmlinuz-$kver

check shellcheck-hook shellcheck initramfs-tools/hooks/newroot
check shellcheck-conf shellcheck -s sh -e SC2034 initramfs-tools/conf.d/newroot

# The test root on a virtio disk (qemu/mkroot.sh: its /sbin/init prints
# NEWROOT-TEST lines, the report among them, and powers off).
if ! [ "$work/root.stamp" -nt qemu/mkroot.sh ]; then
	rm -rf "$work/root"
	if ! qemu/mkroot.sh "$work/root" >/dev/null ||
		! qemu/mkdisk.sh -o "$work/root.img" -t ext4 -d "$work/root" \
			>/dev/null; then
		echo "not ok initramfs-tools: building the test root disk failed"
		exit 1
	fi
	rm -rf "$work/root" # only the disk is needed
	touch "$work/root.stamp"
fi

# ---- the images ---------------------------------------------------------
# Both at once: mkinitramfs waits on its compressor and on disk.
tests/dist/lib/itools-mkinitramfs.sh "$work/hook.img" "$kver" "$kdir" n \
	2>"$work/hook.err" &
hpid=$!
# The init image's modules file names one module no kernel has (as a
# typo would, or mdadm's hook forcing "linear" on 6.12): initramfs-tools
# ignores it, and so must the hook's index.
tests/dist/lib/itools-mkinitramfs.sh "$work/init.img" "$kver" "$kdir" y \
	virtio_pci virtio_blk ext4 newroot_no_such_module 2>"$work/init.err" &
ipid=$!
built() { # built NAME PID
	if wait "$2"; then
		ok "$1-mkinitramfs"
		lsinitramfs -l "$work/$1.img" >"$work/$1.list"
		return 0
	fi
	notok "$1-mkinitramfs" "$(cat "$work/$1.err")"
	return 1
}
has() { # has NAME REGEX : a line of the image's listing matches
	grep -Eq -- "$2" "$work/$1.list"
}

hook_ok='' init_ok=''
if built hook "$hpid"; then
	hook_ok=1
	check hook-run-init-is-newroot has hook ' usr/sbin/run-init -> newroot$'
	check hook-newroot-binary has hook ' usr/sbin/newroot$'
	check hook-no-other-run-init \
		eval "! has hook ' usr/bin/run-init( |$)'"
	check hook-init-is-initramfs-tools has hook '^-.* init$'
fi
if built init "$ipid"; then
	init_ok=1
	check init-is-newroot has init ' init -> sbin/newroot$'
	check init-module-index has init ' usr/lib/modules/newroot.index$'
	# The index names each module file of the image, as mkinitramfs
	# left it (decompressed).
	# (Unpacked outside build/: the Makefile reads every *.d there.)
	x=$(mktemp -d "${TMPDIR:-/tmp}/itools-init.XXXXXX")
	(cd "$x" && unmkinitramfs "$work/init.img" . 2>/dev/null)
	idx=$x/usr/lib/modules/newroot.index
	bad=
	while read -r _ name path _; do
		[ -f "$x/$path" ] || bad="$bad $name:$path"
	done < <(grep '^m ' "$idx" 2>/dev/null)
	if [ -f "$idx" ] && [ -z "$bad" ] &&
		grep -q '^m ext4 .*/ext4\.ko ' "$idx" &&
		grep -q '^l ext4$' "$idx"; then
		ok init-index-matches-files
	else
		notok init-index-matches-files "missing or wrong:${bad:- no index or no ext4}"
	fi
	rm -rf "$x"
fi

# ---- the boots ------------------------------------------------------------
boot() { # boot NAME IMAGE APPEND [boot.sh options...]
	local n=$1 img=$2 append=$3
	shift 3
	qemu/boot.sh -n "itools-$n" -k "$vmlinuz" -i "$work/$img.img" \
		-d "virtio:$work/root.img:ro" -a "$append" -l "$log/$n.log" \
		-t 150 "$@" 2>"$log/$n.err"
}
report() { # report NAME: the failure, for the reader
	notok "$1" "$(tail -n 4 "$log/$1.err" | tr '\n' ' ')" \
		"console log: $log/$1.log"
}

# panic=6 with a missing root: initramfs-tools waits 30 s for it, then
# panics.  That boot runs beside the others (its guest is mostly idle);
# its log is watched to time the message and the reboot (QEMU runs with
# -no-reboot: a reboot ends it).  The result goes to $work/panic.result.
panic_boot() {
	local bpid t1='' t2
	rm -f "$log/panic.log" # the last run's would be seen at once
	boot panic hook "root=/dev/vdz panic=6" -t 170 \
		-e 'Rebooting automatically due to panic= boot argument' \
		-e 'reboot: Restarting system' \
		-r '^NEWROOT-TEST' &
	bpid=$!
	while kill -0 "$bpid" 2>/dev/null; do
		if [ -z "$t1" ] && [ -f "$log/panic.log" ] &&
			grep -aq 'Rebooting automatically' "$log/panic.log"; then
			t1=$(date +%s)
		fi
		sleep 0.5
	done
	t2=$(date +%s)
	if ! wait "$bpid"; then
		report panic
	elif [ -n "$t1" ] && [ $((t2 - t1)) -ge 5 ] && [ $((t2 - t1)) -le 30 ]; then
		ok panic
		echo "# panic: reboot $((t2 - t1)) s after the message (panic=6)"
	else
		notok panic "rebooted ${t1:+$((t2 - t1)) s after the message, }not after panic=6 s"
	fi
}

ppid=''
if [ -n "$hook_ok" ]; then
	panic_boot >"$work/panic.result" 2>&1 &
	ppid=$!
	if boot boot-hook hook "root=/dev/vda1 drop_capabilities=cap_sys_module" \
		-e '^Begin: Running /scripts/init-bottom' \
		-e 'newroot: dropped capability CAP_SYS_MODULE' \
		-e '^NEWROOT-TEST pid=1' \
		-e '^NEWROOT-TEST marker=newroot-test-root' \
		-e '^NEWROOT-TEST console=/dev/console' \
		-e '^NEWROOT-TEST rootfs=ext4 root-opts=ro' \
		-e '^NEWROOT-TEST rw=no' \
		-e '^NEWROOT-TEST report root=/dev/vda1' \
		-e '^NEWROOT-TEST report method=(move|pivot)' \
		-e '^NEWROOT-TEST end' \
		-r 'NEWROOT-TEST report mount_ms=[1-9]'; then
		ok boot-hook
	else
		report boot-hook
	fi

	cat >"$work/break.x" <<'EOF'
expect Spawning shell within the initramfs
expect BusyBox
send echo ITOOLS-BREAK-$((6*7)) $(cat /proc/1/comm 2>/dev/null)
expect ^ITOOLS-BREAK-42
send exit
EOF
	# init= names a file the root lacks: /init's "run-init -n" must say
	# no, and its fallback /sbin/init must pass the same check.
	if boot break hook "root=/dev/vda1 break=premount init=/sbin/missing" \
		-x "$work/break.x" \
		-e '^ITOOLS-BREAK-42' \
		-e '^NEWROOT-TEST report method=' \
		-e '^NEWROOT-TEST end'; then
		ok break
	else
		report break
	fi
	if grep -aq "doesn't have requested /sbin/missing" "$log/break.log" &&
		grep -aq '^NEWROOT-TEST argv0=/sbin/init' "$log/break.log"; then
		ok run-init-n
	else
		notok run-init-n "no fallback from init=/sbin/missing to /sbin/init" \
			"console log: $log/break.log"
	fi

fi

if [ -n "$init_ok" ]; then
	if boot boot-init init "root=/dev/vda1" \
		-e 'newroot: mounted /dev/vda1 on /new-root as ext4' \
		-e '^NEWROOT-TEST pid=1' \
		-e '^NEWROOT-TEST marker=newroot-test-root' \
		-e '^NEWROOT-TEST rootfs=ext4 root-opts=ro' \
		-e '^NEWROOT-TEST report mount_ms=[0-9]' \
		-e '^NEWROOT-TEST report root=/dev/vda1' \
		-e '^NEWROOT-TEST end' \
		-r '^Begin: Running /scripts'; then
		ok boot-init
	else
		report boot-init
	fi
fi
if [ -n "$ppid" ]; then
	wait "$ppid"
	cat "$work/panic.result"
fi
