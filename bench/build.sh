#!/usr/bin/env bash
# bench/build.sh - part of make bench: build the boot images of newroot and
# its peers for one kernel, timing each build, and keep the last image of
# each for the boots.
#
#   bench/build.sh KVER KDIR OUT
#
# Sets and tools:
#   small    newroot-mkimage --no-defaults -m virtio_pci,virtio_blk,ext4
#            mktirfs with the same modules (dependencies by modprobe)
#   default  newroot-mkimage's default image
#            mktirfs given newroot's default module list by name (it has
#            no default set of its own)
#            mkinitramfs, MODULES=most (Debian's default initramfs.conf, in
#            a private confdir)
#            dracut --no-hostonly
# The peers run in a private mount namespace where /lib/modules/KVER and
# /boot are the unpacked kernel's (bench/kns); the host is untouched.
#
# Writes OUT/img/SET-TOOL.img and OUT/build.tsv, one line per build:
#   SET TOOL BYTES WALL_S CPU_S RUNS STATUS IMAGE COMMAND...
# WALL_S and CPU_S (user + system, children included) are medians over
# RUNS builds: NEWROOT_BENCH_BUILDS (default 5) for newroot-mkimage and
# mktirfs, NEWROOT_BENCH_SLOW_BUILDS (default 1) for mkinitramfs and dracut,
# which take minutes each under load.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 1
. bench/lib.sh
kver=$1 kdir=$2 out=$3
fast=${NEWROOT_BENCH_BUILDS:-5}
slow=${NEWROOT_BENCH_SLOW_BUILDS:-1}
mkdir -p "$out/img"
: >"$out/build.tsv"
tmp=$(mktemp -d /tmp/newroot-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

small=virtio_pci,virtio_blk,ext4
defaults=virtio_pci,virtio_blk,virtio_scsi,sd_mod,ahci,ata_piix,ata_generic,nvme,usb_storage,uas,xhci_pci,ehci_pci,ext4,xfs,btrfs,vfat,nls_cp437,nls_ascii,nls_utf8,nls_iso8859-1,f2fs,squashfs,erofs

# Debian's shipped /etc/initramfs-tools/initramfs.conf, so the host's own
# configuration plays no part.
conf=$out/initramfs-tools
mkdir -p "$conf/hooks" "$conf/scripts" # no conf.d: make would take it for a .d file
: >"$conf/modules"
printf '%s\n' MODULES=most BUSYBOX=auto KEYMAP=n COMPRESS=zstd DEVICE= \
	NFSROOT=auto RUNSIZE=10% FSTYPE=auto >"$conf/initramfs.conf"

# build SET TOOL RUNS OUTFILE CMD... - time RUNS builds, record them.
build() {
	local set=$1 tool=$2 runs=$3 img=$4 i ok=0 st=ok w c
	shift 4
	: >"$tmp/times"
	for i in $(seq "$runs"); do
		rm -f "$img"
		if /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" \
			>"$tmp/log" 2>&1 && [ -s "$img" ]; then
			ok=$((ok + 1))
			cat "$tmp/time" >>"$tmp/times"
		else
			st=failed
			{
				echo "# bench: $tool ($set) build $i failed: $*"
				tail -n 15 "$tmp/log" | sed 's/^/#   /'
			} >&2
			cp "$tmp/log" "$out/$set-$tool.build-failed.log"
		fi
	done
	[ "$ok" -gt 0 ] || st=failed
	w=$(awk '{ print $1 }' "$tmp/times" | stats | cut -d' ' -f1)
	c=$(awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/times" | stats | cut -d' ' -f1)
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$tool" \
		"$(stat -c %s "$img" 2>/dev/null || echo -)" "$w" "$c" "$ok" \
		"$st" "$img" "$*" >>"$out/build.tsv"
	echo "# bench: built $set $tool: $(stat -c %s "$img" 2>/dev/null || echo no) bytes, ${w}s wall, ${c}s cpu ($ok of $runs)" >&2
}

I=$out/img
build small newroot-mkimage "$fast" "$I/small-newroot.img" \
	build/newroot-mkimage --no-defaults -m "$small" -k "$kver" -b "$kdir" \
	-o "$I/small-newroot.img"
build small mktirfs "$fast" "$I/small-mktirfs.img" \
	bench/kns "$kdir" "$kver" mktirfs -m no -M no --include-modules="$small" \
	-o "$I/small-mktirfs.img" "$kver"
build default newroot-mkimage "$fast" "$I/default-newroot.img" \
	build/newroot-mkimage -k "$kver" -b "$kdir" -o "$I/default-newroot.img"
build default mktirfs "$fast" "$I/default-mktirfs.img" \
	bench/kns "$kdir" "$kver" mktirfs -m no -M no --include-modules="$defaults" \
	-o "$I/default-mktirfs.img" "$kver"
build default mkinitramfs "$slow" "$I/default-mkinitramfs.img" \
	bench/kns "$kdir" "$kver" mkinitramfs -d "$conf" \
	-o "$I/default-mkinitramfs.img" "$kver"
build default dracut "$slow" "$I/default-dracut.img" \
	bench/kns "$kdir" "$kver" dracut --no-hostonly --force --kver "$kver" \
	--kmoddir "/lib/modules/$kver" "$I/default-dracut.img"
# The image for the memory measurement: the default one plus 128 MiB.
head -c 134217728 /dev/zero >"$tmp/padding"
build/newroot-mkimage -k "$kver" -b "$kdir" -o "$I/padding-newroot.img" \
	--add "$tmp/padding:/padding" >/dev/null 2>&1 ||
	echo "# bench: the padded image failed to build" >&2
