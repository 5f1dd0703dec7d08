#!/usr/bin/env bash
# qemu/boot-demo.sh - `make boot`: boot newroot in QEMU on a Debian kernel
# with a busybox root on an IDE disk (MBR, ext4 on partition 1,
# root=/dev/sda1), the pivot_root(8) case, and leave you in a shell on the
# real root with newroot's boot report printed.
#
# On a terminal the serial console is the terminal (Ctrl-A X quits QEMU,
# `poweroff -f` in the shell ends the demo).  When standard input is not a
# terminal a short scripted session runs instead: the mount table, the boot
# report, a look for anything left of the initramfs; then poweroff.  Exit
# status 0 only when the console shows that the switch really happened.
#
# Environment (make boot VAR=...):
#   KERNEL=PATH    your kernel (vmlinuz) instead of Debian's
#   MODULES=DIR    its modules: DIR holds lib/modules/KVER, or is
#                  .../lib/modules/KVER (default: next to the kernel when it
#                  is DIR/boot/vmlinuz-KVER, else /lib/modules/KVER; KVER is
#                  read from the kernel); MODULES=none builds no modules in
#   ROOTFS=DIR     your root filesystem tree instead of the busybox test root
#                  (its own init runs; the check is newroot's boot report)
#   APPEND="..."   kernel command line; without root= it is added to
#                  "root=/dev/sda1"
#   DEMO_KERNEL=6.1|6.12|7  which Debian kernel (default 6.1, the one
#                  linux-image-amd64 names: Debian 12's kernel; 7 is sid's
#                  7.x, where newroot switches with the fd-based pivot_root)
#   DEMO_TIMEOUT=SECS  (scripted session, default 180)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top"
out=$top/build/demo
mkdir -p "$out"

say() { echo "boot-demo: $*" >&2; }
die() {
	say "$*"
	exit 1
}

"$here/deps.sh" || die "install the packages above first"
[ -x build/newroot ] && [ -x build/newroot-mkimage ] ||
	die "build/newroot or build/newroot-mkimage is missing: run make all"

# ---- the kernel and its modules ----
kernel=${KERNEL:-}
modules=${MODULES:-}
if [ -z "$kernel" ]; then
	series=${DEMO_KERNEL:-6.1}
	read -r kver kdir < <("$here/kernels.sh" "$series") ||
		die "no Debian $series kernel (qemu/kernels.sh)"
	kernel=$kdir/boot/vmlinuz-$kver
	base=$kdir
else
	[ -f "$kernel" ] || die "KERNEL=$kernel: no such file"
	# The x86 boot header: a pointer at 0x20e to the version string
	# ("6.1.0-56-amd64 (debian-kernel@...) #1 ..."), less 0x200.
	kver=
	if [ "$(dd if="$kernel" bs=1 skip=514 count=4 status=none)" = HdrS ]; then
		off=$(od -An -tu2 -j526 -N2 "$kernel" | tr -d ' ')
		kver=$(dd if="$kernel" bs=1 skip=$((off + 512)) count=128 \
			status=none | tr '\0' '\n' | head -n1 | cut -d' ' -f1)
	fi
	[ -n "$kver" ] || die "cannot read the version of $kernel (is it a bzImage?)"
	kd=$(cd "$(dirname "$kernel")/.." && pwd)
	if [ "$modules" = none ]; then
		base=
	elif [ -n "$modules" ]; then
		if [ -d "$modules/lib/modules/$kver" ]; then
			base=$modules
		elif [ "$(basename "$modules")" = "$kver" ] &&
			[ -d "$modules" ]; then
			base=$(cd "$modules/../../.." && pwd)
		else
			die "MODULES=$modules holds no lib/modules/$kver"
		fi
	elif [ -d "$kd/lib/modules/$kver" ]; then
		base=$kd
	elif [ -d "/lib/modules/$kver" ]; then
		base=/
	else
		die "no modules for $kver: give MODULES=DIR (DIR/lib/modules/$kver)" \
			"or MODULES=none for a kernel with its drivers built in"
	fi
fi

# ---- the image: newroot, the modules, and busybox as /bin/sh so that
# rd.break= and rd.shell have a shell ----
img=$out/initrd-$kver.img
mk=(build/newroot-mkimage -k "$kver" -o "$img" --add /bin/busybox:/bin/sh)
if [ -n "$base" ]; then
	mk+=(-b "$base")
else
	mk+=(--no-defaults -b "$out/nomodules")
	mkdir -p "$out/nomodules/lib/modules/$kver"
fi
say "building $img for $kver"
"${mk[@]}" >"$out/mkimage.log" 2>&1 || {
	cat "$out/mkimage.log" >&2
	die "newroot-mkimage failed"
}

# ---- the disk ----
if [ -n "${ROOTFS:-}" ]; then
	[ -d "$ROOTFS" ] || die "ROOTFS=$ROOTFS is not a directory"
	root=$ROOTFS
	testroot=
else
	root=$out/root
	"$here/mkroot.sh" "$root"
	testroot=1
fi
say "building $out/disk.img from $root (MBR, ext4 on partition 1)"
"$here/mkdisk.sh" -o "$out/disk.img" -t ext4 -p mbr -L demo-root -d "$root"

append=${APPEND:-}
case " $append " in
*" root="*) ;;
*) append="root=/dev/sda1${append:+ $append}" ;;
esac

# ---- boot ----
if [ -t 0 ] && [ -t 1 ]; then
	[ -z "$testroot" ] || append="$append nrtest=shell"
	say "booting $kernel with root on an IDE disk: $append"
	say "Ctrl-A X quits QEMU; in the shell, poweroff -f ends the demo"
	exec "$here/boot.sh" --tty -k "$kernel" -i "$img" -a "$append" \
		-d "ide:$out/disk.img" -m 512
fi

log=$out/console.log
: >"$log"
checks=(-e '^newroot: |\] newroot: ' -e 'newroot: boot report' -r 'Kernel panic')
script=
if [ -n "$testroot" ]; then
	append="$append nrtest=shell"
	script=$out/session
	# The replies are computed in the guest, so that the typed command
	# echoed back cannot satisfy the check.
	cat >"$script" <<'EOF'
expect real root .*\]# 
send echo "== mount table"; cat /proc/self/mountinfo
send echo "== boot report"; cat /run/newroot/report
send echo "== traces of the initramfs"; ls -a /
send ls -d /init /new-root /old-root 2>&1 | grep -v No.such
send grep ' - rootfs ' /proc/self/mountinfo
send echo "OLD-ROOT-GONE-$((6*7))"
expect ^OLD-ROOT-GONE-42
send poweroff -f
EOF
	checks+=(-e '^NEWROOT-TEST pid=1$' -e '^NEWROOT-TEST marker=newroot-test-root$'
		-e '^NEWROOT-TEST initramfs-visible=no$' -e '^OLD-ROOT-GONE-42'
		-e '^method=' -r '^/init$|^/new-root$|^/old-root$|^[0-9]+ [0-9]+ .* - rootfs ')
fi
say "booting $kernel with root on an IDE disk: $append (scripted, no terminal)"
# A root of your own may never power off: then seeing the report is enough.
[ -n "$testroot" ] || checks+=(--allow-timeout)
rc=0
"$here/boot.sh" -n demo -k "$kernel" -i "$img" -a "$append" \
	-d "ide:$out/disk.img" -m 512 -t "${DEMO_TIMEOUT:-180}" -l "$log" \
	${script:+-x "$script"} \
	"${checks[@]}" &
bpid=$!
# Show the console as it comes.
tail -n +1 -f --pid="$bpid" "$log" 2>/dev/null | tr -d '\r' || true
wait "$bpid" || rc=$?
if [ "$rc" -eq 0 ] && [ -n "$testroot" ]; then
	say "ok: newroot switched to the root on /dev/sda1 and nothing of the" \
		"initramfs is left (log: build/demo/console.log)"
elif [ "$rc" -eq 0 ]; then
	say "ok: newroot switched to your root and wrote its boot report" \
		"(log: build/demo/console.log)"
else
	say "FAILED (log: build/boot-logs/demo.log)"
fi
exit "$rc"
