#!/usr/bin/env bash
# tests/fuzz/seeds.sh OUTDIR - seed corpora for the harnesses that need
# real data, made with the real tools (as tests/probe/images.sh does):
#
#   OUTDIR/fs, OUTDIR/part   mkfs.*, mksquashfs, xorriso, mkswap,
#                            cryptsetup, sfdisk images and synthetic md/LVM
#                            members (tests/probe/synth.c), each as a
#                            device of its real size with its head and
#                            tail windows (tests/fuzz/fuzzdev.h)
#   OUTDIR/modindex          newroot-mkimage --index-only on a Debian
#                            kernel's module tree (qemu/kernels.sh), cut
#                            into pieces under the harness's 64 KiB
#   OUTDIR/cpio              newroot-mkimage images, plain and compressed
#   OUTDIR/uevent            this machine's block devices as the kernel
#                            announces them (from /sys/class/block/*/uevent)
#   OUTDIR/cmdline           this machine's /proc/cmdline
#
# Committed seeds (tests/fuzz/corpus/NAME) are used besides these.  A
# tool that is missing leaves its seeds out; the script says so on
# stderr.  Idempotent: OUTDIR/.done marks a complete run.
set -u
cd "$(dirname "$0")/../.." || exit 111
top=$PWD
out=${1:?usage: seeds.sh OUTDIR}
[ -e "$out/.done" ] && exit 0
mkdir -p "$out"/{fs,part,modindex,cpio,uevent,cmdline,elf}
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newroot-seeds.XXXXXX") || exit 111
trap 'rm -rf "$tmp"' EXIT
HEAD=${SEED_HEAD:-140000}  # reaches btrfs's superblock and ISO's volumes
TAIL=${SEED_TAIL:-135168}  # md 0.90 (64 KiB-aligned, 64 KiB from the end)

say() { echo "seeds: $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1 || { say "no $1: $2 left out"; return 1; }; }

# pack IMAGE OUT [TAIL]: the fuzzdev form (size, head length, head, tail)
pack() {
	local img=$1 dst=$2 tail=${3:-0} size head
	size=$(stat -c %s "$img")
	head=$((size < HEAD ? size : HEAD))
	[ $((head + tail)) -gt "$size" ] && tail=$((size - head))
	{
		perl -e 'print pack("Q<L<", $ARGV[0], $ARGV[1])' "$size" "$head"
		head -c "$head" "$img"
		[ "$tail" -gt 0 ] && tail -c "$tail" "$img"
	} >"$dst"
}

mk() { rm -f "$1"; truncate -s "$2" "$1"; }

cd "$tmp" || exit 111
mkdir -p tree/sub && echo hello >tree/sub/file

if have mke2fs ext; then
	for t in ext2 ext3 ext4; do
		mk $t.img 8M
		mke2fs -q -F -t $t -L "lab-$t" $t.img && pack $t.img "$out/fs/$t"
	done
	mk jbd.img 8M
	mke2fs -q -F -O journal_dev -L extjournal jbd.img >/dev/null &&
		pack jbd.img "$out/fs/jbd"
fi
if have mkfs.xfs xfs; then
	mk xfs.img 300M
	mkfs.xfs -q -f -L xfslabel xfs.img && pack xfs.img "$out/fs/xfs"
fi
if have mkfs.btrfs btrfs; then
	mk btrfs.img 128M
	mkfs.btrfs -q -f -L "btrfs label" btrfs.img >/dev/null &&
		pack btrfs.img "$out/fs/btrfs"
fi
if have mkfs.vfat vfat; then
	for f in 12 16 32; do
		mk fat$f.img 40M
		mkfs.vfat -F $f -n "FAT$f LBL" fat$f.img >/dev/null &&
			pack fat$f.img "$out/fs/vfat$f"
	done
	# FAT32 with its root directory inside the head window: few
	# clusters (mkfs.vfat warns), so a short FAT
	mk fat32s.img 4M
	mkfs.vfat -F 32 -s 1 -f 1 -n ROOTDIR fat32s.img >/dev/null 2>&1 &&
		pack fat32s.img "$out/fs/vfat32-small"
fi
if have mkfs.f2fs f2fs; then
	mk f2fs.img 64M
	mkfs.f2fs -q -f -l f2fslabel f2fs.img >/dev/null &&
		pack f2fs.img "$out/fs/f2fs"
fi
if have mksquashfs squashfs; then
	mksquashfs tree squash.img -quiet -noappend >/dev/null &&
		pack squash.img "$out/fs/squashfs"
fi
if have mkfs.erofs erofs; then
	mkfs.erofs erofs.img tree >/dev/null 2>&1 && pack erofs.img "$out/fs/erofs"
fi
if have xorriso iso9660; then
	xorriso -as mkisofs -quiet -V ISO_LABEL -o iso.img tree 2>/dev/null &&
		pack iso.img "$out/fs/iso9660"
	xorriso -as mkisofs -quiet -J -V "Joliet Label" -o joliet.img tree \
		2>/dev/null && pack joliet.img "$out/fs/iso9660-joliet"
	mk esp.img 1M
	xorriso -as mkisofs -quiet -V HYBRID -appended_part_as_gpt \
		-append_partition 2 C12A7328-F81F-11D2-BA4B-00A0C93EC93B \
		esp.img -o hybgpt.img tree 2>/dev/null &&
		pack hybgpt.img "$out/part/hybrid-gpt" "$TAIL"
	xorriso -as mkisofs -quiet -V HYBRID -append_partition 2 0xef \
		esp.img -o hybdos.img tree 2>/dev/null &&
		pack hybdos.img "$out/part/hybrid-dos" "$TAIL"
fi
if have mkswap swap; then
	mk swap.img 1M
	mkswap -L swaplabel swap.img >/dev/null 2>&1 && pack swap.img "$out/fs/swap"
fi
if have cryptsetup crypto_LUKS; then
	for v in luks1 luks2; do
		mk $v.img 24M
		printf pass | cryptsetup luksFormat -q --type $v --pbkdf pbkdf2 \
			--pbkdf-force-iterations 1000 $v.img - >/dev/null 2>&1 &&
			pack $v.img "$out/fs/$v"
	done
fi
# md and LVM members: superblocks at the start, at 4 KiB and at the end
if gcc -D_GNU_SOURCE -I"$top/init" -I"$top/tests/probe" -o synth \
	"$top/tests/probe/synth.c" "$top/init/probe/util.c" 2>/dev/null; then
	for k in md090 md090be md10 md12 lvm2; do
		mk $k.img 20M
		./synth $k $k.img && pack $k.img "$out/fs/$k" "$TAIL"
	done
else
	say "tests/probe/synth.c does not build: md and LVM left out"
fi
if have sfdisk "partition tables"; then
	mk gpt.img 64M
	sfdisk -q gpt.img >/dev/null 2>&1 <<-'EOT'
		label: gpt
		start=2048, size=8192, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system"
		start=10240, size=20480, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="root ü"
	EOT
	pack gpt.img "$out/part/gpt" "$TAIL"
	cp gpt.img gpt-backup.img # the primary header lost: the backup counts
	dd if=/dev/zero of=gpt-backup.img bs=512 seek=1 count=1 conv=notrunc \
		status=none
	pack gpt-backup.img "$out/part/gpt-backup" "$TAIL"
	# logical partitions, their chain of EBRs inside the head window
	mk dos.img 64M
	sfdisk -q dos.img >/dev/null 2>&1 <<-'EOT'
		label: dos
		label-id: 0x5eedc0de
		start=8, size=16, type=83, bootable
		start=32, size=200, type=5
		start=40, size=16, type=83
		start=64, size=16, type=82
		start=100, size=16, type=c
	EOT
	pack dos.img "$out/part/dos"
fi

# newroot-mkimage: images and a module index
mkimage=$top/build/newroot-mkimage
read -r kver kdir < <("$top/qemu/kernels.sh" 2>/dev/null | head -n1)
if [ -z "${kdir:-}" ]; then
	say "no kernel module tree (qemu/kernels.sh): cpio and module index left out"
elif [ -x "$mkimage" ]; then
	for c in none gzip zstd xz; do
		SOURCE_DATE_EPOCH=0 "$mkimage" -o img-$c -k "$kver" -b "$kdir" \
			--no-defaults \
			--compress $c --add tree/sub/file:etc/seed >/dev/null 2>&1 &&
			cp img-$c "$out/cpio/$c"
	done
	# early microcode style: a plain archive, then a compressed one
	[ -f img-none ] && [ -f img-zstd ] &&
		cat img-none img-zstd >"$out/cpio/plain+zstd"
	if "$mkimage" --index-only -o index -b "$kdir" \
		-k "$kver" -m ext4,virtio_blk >/dev/null 2>&1; then
		# every record kind, in pieces the harness takes whole
		{ head -n 2 index; grep -m 300 '^m ' index; } >"$out/modindex/mods"
		{ head -n 2 index; grep -m 600 '^a ' index; } >"$out/modindex/aliases"
		{ head -n 2 index; grep '^[bol] ' index | head -n 400; } \
			>"$out/modindex/builtin-options-load"
	else
		say "newroot-mkimage --index-only failed: module index left out"
	fi
else
	say "no build/newroot-mkimage (make all): cpio and module index left out"
fi

# uevents as the kernel sends them: "ACTION@DEVPATH", then KEY=VALUE,
# each NUL-terminated
n=0
for d in /sys/class/block/*; do
	[ -e "$d/uevent" ] || continue
	p=$(readlink -f "$d") p=${p#/sys}
	{
		printf 'add@%s\0ACTION=add\0DEVPATH=%s\0SUBSYSTEM=block\0' "$p" "$p"
		tr '\n' '\0' <"$d/uevent"
		printf 'SEQNUM=%d\0' $((1000 + n))
	} >"$out/uevent/$(basename "$d")"
	n=$((n + 1))
	[ $n -ge 8 ] && break
done
for d in /sys/bus/pci/devices/* /sys/bus/virtio/devices/*; do
	[ -e "$d/uevent" ] || continue
	p=$(readlink -f "$d") p=${p#/sys}
	{
		printf 'add@%s\0ACTION=add\0DEVPATH=%s\0' "$p" "$p"
		printf 'SUBSYSTEM=%s\0' "$(basename "$(readlink -f "$d/subsystem")")"
		tr '\n' '\0' <"$d/uevent"
	} >"$out/uevent/bus-$(basename "$d")"
	n=$((n + 1))
	[ $n -ge 16 ] && break
done
[ -r /proc/cmdline ] && cp /proc/cmdline "$out/cmdline/this-machine"
# Programs as --add-program reads them: klibc's (an interpreter only),
# glibc's (ld.so and DT_NEEDED), a static one.
for f in /usr/lib/klibc/bin/ipconfig /usr/bin/true /bin/busybox \
	"$top/build/newroot"; do
	[ -f "$f" ] && cp "$f" "$out/elf/$(basename "$f")"
done
touch "$out/.done"
