#!/usr/bin/env bash
# qemu/boot.sh - boot a kernel and an initramfs in QEMU with disks attached,
# capture the serial console, and check it.
#
#   qemu/boot.sh -k VMLINUZ -i INITRD [-a APPEND] [-d IFACE:FILE]...
#                [-e REGEX]... [-r REGEX]... [-t SECS] [-l LOG] [-n NAME]
#                [-m MIB] [-x SCRIPT] [--hotplug SECS:FILE] [--allow-timeout]
#                [--nic]... [--tty]
#
#   -d IFACE:FILE  attach a raw disk image; IFACE is one of
#                  ide     the PC's IDE controller (-hda ...), /dev/sdX
#                  virtio  virtio-blk-pci, /dev/vdX
#                  ahci    an AHCI controller and ide-hd disks, /dev/sdX
#                  scsi    virtio-scsi-pci and scsi-hd disks, /dev/sdX
#                  nvme    an NVMe controller per disk, /dev/nvmeXn1
#                  usb     qemu-xhci and usb-storage, /dev/sdX
#                  Append ":ro" to attach the image read-only.
#   -a APPEND      kernel command line; "console=ttyS0" is put in front
#   -e REGEX       a console line must match (grep -E), repeatable
#   -r REGEX       no console line may match, repeatable
#   -t SECS        hard timeout: QEMU is killed after it (default 120)
#   --allow-timeout  reaching the timeout is not by itself a failure
#   -l LOG         where the console log goes (default build/boot-logs/NAME.run.log)
#   -n NAME        name for messages and the kept failure log
#                  (build/boot-logs/NAME.log)
#   -m MIB         guest memory (default 384)
#   -x SCRIPT      drive the serial console and the QEMU monitor, one
#                  command a line:
#                    expect REGEX   wait (until the timeout) for a console line
#                    send TEXT      type TEXT and Enter on the serial console
#                    sleep SECS
#                    hotplug FILE   add FILE as a virtio-blk disk (monitor)
#                    monitor CMD    any monitor command
#   --hotplug SECS:FILE   hotplug FILE as virtio-blk SECS after power-on
#   --nic          a virtio-net NIC on its own QEMU user-mode network
#                  (DHCP gives 10.0.2.15, the gateway is 10.0.2.2);
#                  repeatable, one NIC each
#   --tty          the console is this terminal (Ctrl-A X quits QEMU); no
#                  timeout, no checks
#
# QEMU runs with -no-reboot, so a guest reboot (panic=SECS) or poweroff ends
# it.  KVM or TCG (-cpu max) is what qemu/accel.sh decided by booting a test
# guest (cached per host boot; NEWROOT_ACCEL=kvm|tcg overrides); the choice
# and its reason are the first line of the console log and go to stderr.
# Exit status: 0 when the guest ended by itself, every -e matched and no -r
# did; 1 otherwise (reasons on stderr, the log kept); 2 for bad usage.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
kernel= initrd= append= timeout=120 log= name=boot mem=384 script=
tty= allow_timeout= nics=0
disks=() expects=() rejects=() hotplugs=()

usage() {
	echo "qemu/boot.sh: $*" >&2
	echo "usage: qemu/boot.sh -k VMLINUZ -i INITRD [-a APPEND]" \
		"[-d IFACE:FILE]... [-e RE]... [-r RE]... [-t SECS] (see the" \
		"comment at the top)" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-k) kernel=$2; shift ;;
	-i) initrd=$2; shift ;;
	-a) append=$2; shift ;;
	-d) disks+=("$2"); shift ;;
	-e) expects+=("$2"); shift ;;
	-r) rejects+=("$2"); shift ;;
	-t) timeout=$2; shift ;;
	-l) log=$2; shift ;;
	-n) name=$2; shift ;;
	-m) mem=$2; shift ;;
	-x) script=$2; shift ;;
	--hotplug) hotplugs+=("$2"); shift ;;
	--allow-timeout) allow_timeout=1 ;;
	--nic) nics=$((nics + 1)) ;;
	--tty) tty=1 ;;
	*) usage "unknown argument '$1'" ;;
	esac
	shift || usage "missing value"
done
[ -f "$kernel" ] || usage "kernel '$kernel' not found (-k)"
[ -z "$initrd" ] || [ -f "$initrd" ] || usage "initrd '$initrd' not found"
[ -z "$script" ] || [ -f "$script" ] || usage "script '$script' not found"
command -v qemu-system-x86_64 >/dev/null ||
	usage "qemu-system-x86_64 is missing (qemu/deps.sh)"

logdir=$top/build/boot-logs
mkdir -p "$logdir"
[ -n "$log" ] || log=$logdir/$name.run.log
work=$(mktemp -d "${TMPDIR:-/tmp}/newroot-boot.XXXXXX")
cleanup() {
	local p
	for p in $(jobs -p); do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

args=(-nodefaults -no-user-config -display none -no-reboot -smp 1
	-m "$mem" -kernel "$kernel")
[ -z "$initrd" ] || args+=(-initrd "$initrd")
args+=(-append "console=ttyS0${append:+ $append}")
read -r accel accel_why < <("$here/accel.sh") ||
	usage "qemu/accel.sh failed (NEWROOT_ACCEL must be kvm or tcg)"
case $accel in
kvm) args+=(-enable-kvm -cpu host) ;;
*) args+=(-accel tcg -cpu max) ;;
esac

# Disks.  Controllers that hold several disks are added once.
n=0 ide=0 ahci=0 scsi= usb=
for spec in ${disks[@]+"${disks[@]}"}; do
	iface=${spec%%:*}
	file=${spec#*:}
	ro=
	case $file in *:ro) file=${file%:ro}; ro=,readonly=on ;; esac
	[ -f "$file" ] || usage "disk image '$file' not found"
	drive="file=$file,format=raw$ro"
	case $iface in
	ide)
		args+=(-drive "$drive,if=ide,index=$ide")
		ide=$((ide + 1))
		;;
	virtio)
		args+=(-drive "$drive,if=none,id=d$n"
			-device "virtio-blk-pci,drive=d$n")
		;;
	ahci)
		[ "$ahci" -gt 0 ] || args+=(-device ahci,id=ahci)
		args+=(-drive "$drive,if=none,id=d$n"
			-device "ide-hd,drive=d$n,bus=ahci.$ahci")
		ahci=$((ahci + 1))
		;;
	scsi)
		[ -n "$scsi" ] || args+=(-device virtio-scsi-pci,id=scsi)
		scsi=1
		args+=(-drive "$drive,if=none,id=d$n"
			-device "scsi-hd,drive=d$n,bus=scsi.0")
		;;
	nvme)
		args+=(-drive "$drive,if=none,id=d$n"
			-device "nvme,drive=d$n,serial=newroot$n")
		;;
	usb)
		[ -n "$usb" ] || args+=(-device qemu-xhci,id=xhci)
		usb=1
		args+=(-drive "$drive,if=none,id=d$n"
			-device "usb-storage,bus=xhci.0,drive=d$n")
		;;
	*) usage "unknown disk interface '$iface' (ide virtio ahci scsi nvme usb)" ;;
	esac
	n=$((n + 1))
done

# NICs, each on its own user-mode network.
for ((i = 0; i < nics; i++)); do
	args+=(-netdev "user,id=n$i" -device "virtio-net-pci,netdev=n$i")
done

if [ -n "$tty" ]; then
	echo "qemu/boot.sh: accel=$accel ($accel_why)" >&2
	# The user's terminal is the serial console.
	exec qemu-system-x86_64 "${args[@]}" -serial mon:stdio
fi

# The console and the monitor are FIFO pairs (PATH.in, PATH.out), so a
# script can type into the console and plug disks while the guest runs.
mkfifo "$work/ser.in" "$work/ser.out" "$work/mon.in" "$work/mon.out"
args+=(-chardev "pipe,id=ser0,path=$work/ser" -serial chardev:ser0
	-chardev "pipe,id=mon0,path=$work/mon" -mon chardev=mon0,mode=readline)
echo "# accel=$accel ($accel_why)" >"$log"
echo "# $name: accel=$accel ($accel_why)" >&2
cat "$work/ser.out" >>"$log" &
cat "$work/mon.out" >"$work/monitor.log" &
exec 7<>"$work/ser.in" 8<>"$work/mon.in"

start=$(date +%s)
timeout -k 3 "$timeout" qemu-system-x86_64 "${args[@]}" \
	2>"$work/qemu.err" &
qpid=$!
echo "$qpid" >"$work/qemu.pid"

failures=()
fail() {
	failures+=("$*")
	echo "$*" >>"$work/fail"
}

# seen REGEX: does the console log hold a matching line?
seen() {
	tr -d '\r' <"$log" | grep -aEq -- "$1"
}

alive() {
	kill -0 "$qpid" 2>/dev/null
}

hp=0
hotplug() { # hotplug FILE
	[ -f "$1" ] || {
		fail "hotplug: no disk image $1"
		return
	}
	printf 'drive_add 0 if=none,id=hp%d,file=%s,format=raw\n' "$hp" "$1" >&8
	sleep 0.5
	printf 'device_add virtio-blk-pci,drive=hp%d,id=hpdev%d\n' "$hp" "$hp" >&8
	echo "# $name: hot-plugged $1 at $(($(date +%s) - start))s" >&2
	hp=$((hp + 1))
}

drive() { # the -x script, run in the background
	local cmd arg
	while IFS= read -r line || [ -n "$line" ]; do
		cmd=${line%% *}
		arg=${line#"$cmd"}
		arg=${arg# }
		case $cmd in
		'' | '#'*) ;;
		expect)
			until seen "$arg"; do
				alive || {
					fail "script: QEMU ended before a line matched: $arg"
					return
				}
				sleep 0.2
			done
			;;
		send) printf '%s\r' "$arg" >&7 ;;
		sleep) sleep "$arg" ;;
		hotplug) hotplug "$arg" ;;
		monitor) printf '%s\n' "$arg" >&8 ;;
		*) fail "script: unknown command '$cmd'" ;;
		esac
	done <"$script"
}

for h in ${hotplugs[@]+"${hotplugs[@]}"}; do
	(sleep "${h%%:*}" && alive && hotplug "${h#*:}") &
done
if [ -n "$script" ]; then
	drive &
	dpid=$!
fi

wait "$qpid"
rc=$?
elapsed=$(($(date +%s) - start))
[ -z "$script" ] || { kill "$dpid" 2>/dev/null; wait "$dpid" 2>/dev/null; }
# Let the readers drain the FIFOs.
sleep 0.2
exec 7>&- 8>&-

[ -f "$work/fail" ] && while IFS= read -r l; do failures+=("$l"); done \
	<"$work/fail"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	[ -n "$allow_timeout" ] ||
		fail "timed out after ${timeout}s (QEMU killed)"
elif [ "$rc" -ne 0 ]; then
	fail "QEMU exited with status $rc: $(head -c 400 "$work/qemu.err")"
fi
for re in ${expects[@]+"${expects[@]}"}; do
	seen "$re" || fail "missing: $re"
done
for re in ${rejects[@]+"${rejects[@]}"}; do
	if seen "$re"; then
		fail "forbidden: $re: $(tr -d '\r' <"$log" | grep -aEm1 -- "$re")"
	fi
done

echo "# $name: $accel, ${elapsed}s, QEMU status $rc" >&2
if [ ${#failures[@]} -gt 0 ]; then
	for f in "${failures[@]}"; do echo "# $name: $f" >&2; done
	{
		echo "# qemu-system-x86_64 ${args[*]}"
		printf '# failed: %s\n' "${failures[@]}"
		cat "$log"
		if [ -s "$work/monitor.log" ]; then
			echo "# --- monitor"
			cat "$work/monitor.log"
		fi
	} >"$logdir/$name.log"
	echo "# $name: log kept in build/boot-logs/$name.log" >&2
	exit 1
fi
rm -f "$logdir/$name.log"
exit 0
