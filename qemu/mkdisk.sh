#!/usr/bin/env bash
# qemu/mkdisk.sh - build a disk image from a directory, without mounting
# anything (no loop devices, no root-only steps):
#
#   qemu/mkdisk.sh -o OUT -t FSTYPE -d DIR [-p mbr|gpt|none] [-L LABEL]
#                  [-U FSUUID] [--disk-id ID] [--part-uuid UUID]
#                  [--part-name NAME] [-s MIB]
#
#   FSTYPE   ext4 ext2 xfs btrfs vfat f2fs squashfs erofs swap (-d unused)
#   -p       partition table (default mbr); the filesystem is partition 1,
#            starting at 1 MiB.  "none" puts the filesystem on the whole disk.
#   -L -U    filesystem label and UUID (vfat: -U is the volume id XXXXXXXX)
#   --disk-id    MBR disk identifier (8 hex digits; PARTUUID is ID-01) or
#                GPT disk GUID
#   --part-uuid  GPT partition GUID;  --part-name  GPT partition name
#   -s MIB   filesystem size (default: from the directory's size, at least
#            what the filesystem needs)
#   --part2 FSTYPE:DIR[:FSUUID]  a second partition after the first, with
#            its own filesystem made from DIR (not with -p none); the
#            environment's MKDISK_PART2 is the default, for boot scenarios
#            (whose disk options qemu/run-scenarios.sh passes)
#
# The filesystem is built in a file of its own with the tool that can fill
# it from a directory (mke2fs -d, mkfs.xfs -p protofile, mkfs.btrfs
# --rootdir, mkfs.vfat + mcopy, mkfs.f2fs + sload.f2fs, mksquashfs,
# mkfs.erofs), then copied into the partition with dd conv=notrunc.
set -eu
out= fs= dir= pt=mbr label= uuid= diskid= partuuid= partname= size=
part2=${MKDISK_PART2:-}

die() {
	echo "qemu/mkdisk.sh: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift ;;
	-t) fs=$2; shift ;;
	-d) dir=$2; shift ;;
	-p) pt=$2; shift ;;
	-L) label=$2; shift ;;
	-U) uuid=$2; shift ;;
	-s) size=$2; shift ;;
	--disk-id) diskid=$2; shift ;;
	--part-uuid) partuuid=$2; shift ;;
	--part-name) partname=$2; shift ;;
	--part2) part2=$2; shift ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
[ -n "$out" ] && [ -n "$fs" ] && [ -n "$dir" ] || die "need -o OUT -t FSTYPE -d DIR"
[ -d "$dir" ] || die "$dir is not a directory"
dir=$(cd "$dir" && pwd)
case $pt in mbr | gpt | none) ;; *) die "-p takes mbr, gpt or none" ;; esac

# Size in MiB: twice the content plus slack, at least the filesystem's own
# minimum (xfs refuses less than 300 MiB, btrfs about 110 MiB).
if [ -z "$size" ]; then
	used=$(du -sm "$dir" | cut -f1)
	size=$((used * 2 + 16))
	case $fs in
	xfs) min=300 ;;
	btrfs) min=128 ;;
	f2fs) min=64 ;;
	vfat) min=33 ;;
	*) min=16 ;;
	esac
	[ "$size" -ge "$min" ] || size=$min
fi

img=$out.fs.$$
trap 'rm -f "$img" "$img.proto"' EXIT
rm -f "$img"

# xfs_proto DIR: a mkfs.xfs protofile describing DIR (names without spaces).
xfs_mode() { # xfs_mode PATH -> e.g. "d--755"
	local t m s g
	m=$(stat -c '%a' "$1")
	case $(stat -c '%F' "$1") in
	directory) t=d ;;
	'symbolic link') t=l ;;
	'block special file') t=b ;;
	'character special file') t=c ;;
	fifo) t=p ;;
	*) t=- ;;
	esac
	m=$(printf '%04o' "0$m")
	s=- g=-
	[ $((0${m} & 04000)) -ne 0 ] && s=u
	[ $((0${m} & 02000)) -ne 0 ] && g=g
	echo "$t$s$g${m:1:3}"
}
xfs_entries() { # xfs_entries DIR DEPTH
	local p n mode own
	for p in "$1"/* "$1"/.[!.]* "$1"/..?*; do
		[ -e "$p" ] || [ -L "$p" ] || continue
		n=${p##*/}
		case $n in *[[:space:]]*) die "xfs protofile: '$p' has a space" ;; esac
		mode=$(xfs_mode "$p")
		own=$(stat -c '%u %g' "$p")
		case $mode in
		d*) echo "$n $mode $own"
			xfs_entries "$p"
			echo '$' ;;
		l*) echo "$n $mode $own $(readlink "$p")" ;;
		b* | c*) echo "$n $mode $own $(stat -c '%t %T' "$p" |
			(read -r a b; echo $((16#$a)) $((16#$b))))" ;;
		p*) echo "$n $mode $own" ;;
		*) echo "$n $mode $own $p" ;;
		esac
	done
}

case $fs in
ext2 | ext3 | ext4)
	truncate -s "${size}M" "$img"
	mke2fs -q -F -t "$fs" -d "$dir" ${label:+-L "$label"} \
		${uuid:+-U "$uuid"} "$img" >/dev/null
	;;
xfs)
	{
		echo "newroot-test"
		echo "0 0"
		echo "$(xfs_mode "$dir") $(stat -c '%u %g' "$dir")"
		xfs_entries "$dir"
		echo '$'
	} >"$img.proto"
	truncate -s "${size}M" "$img"
	mkfs.xfs -q -f -p "$img.proto" ${label:+-L "$label"} \
		${uuid:+-m uuid="$uuid"} "$img" >/dev/null
	;;
btrfs)
	truncate -s "${size}M" "$img"
	mkfs.btrfs -q -f --rootdir "$dir" ${label:+-L "$label"} \
		${uuid:+-U "$uuid"} "$img" >/dev/null
	;;
vfat)
	# FAT has no symlinks, owners or modes: mcopy copies what a link
	# points to; the test root made with mkroot.sh --no-symlinks fits.
	mkfs.vfat -C ${label:+-n "$label"} ${uuid:+-i "${uuid//-/}"} \
		"$img" $((size * 1024)) >/dev/null
	set --
	for p in "$dir"/* "$dir"/.[!.]* "$dir"/..?*; do
		[ -e "$p" ] && set -- "$@" "$p"
	done
	[ $# -eq 0 ] || MTOOLS_SKIP_CHECK=1 mcopy -s -p -Q -i "$img" "$@" ::/
	;;
f2fs)
	truncate -s "${size}M" "$img"
	mkfs.f2fs -q -f ${label:+-l "$label"} ${uuid:+-U "$uuid"} "$img" \
		>/dev/null
	sload.f2fs -f "$dir" "$img" >/dev/null
	;;
squashfs)
	[ -z "$label$uuid" ] || die "squashfs has no label or UUID"
	mksquashfs "$dir" "$img" -noappend -quiet -no-progress -all-root \
		>/dev/null
	;;
erofs)
	# erofs-utils 1.5 has no label option.
	[ -z "$label" ] || die "mkfs.erofs (1.5) cannot set a label"
	mkfs.erofs --quiet --all-root ${uuid:+-U"$uuid"} "$img" "$dir" \
		>/dev/null
	;;
swap)
	# -d is not used: a swap area holds no files.
	truncate -s "${size}M" "$img"
	mkswap ${label:+-L "$label"} ${uuid:+-U "$uuid"} "$img" >/dev/null 2>&1
	;;
*) die "unknown filesystem type '$fs'" ;;
esac

# sectors FILE: its size in 512-byte sectors, rounded up to whole MiB.
sectors() {
	local b
	b=$(stat -c %s "$1")
	echo $((((b + 511) / 512 + 2047) / 2048 * 2048))
}
part_sectors=$(sectors "$img")
rm -f "$out"
if [ "$pt" = none ]; then
	[ -z "$part2" ] || die "--part2 needs a partition table"
	mv "$img" "$out"
	exit 0
fi
p2_sectors=0
if [ -n "$part2" ]; then
	# The second filesystem is made by this script too, alone.
	IFS=: read -r p2fs p2dir p2uuid <<<"$part2"
	trap 'rm -f "$img" "$img.proto" "$img.p2"' EXIT
	MKDISK_PART2= "$0" -o "$img.p2" -t "$p2fs" -d "$p2dir" -p none \
		${p2uuid:+-U "$p2uuid"}
	p2_sectors=$(sectors "$img.p2")
fi
# 1 MiB before the partitions, 1 MiB after (room for the GPT backup).
truncate -s $(((part_sectors + p2_sectors + 4096) * 512)) "$out"
{
	if [ "$pt" = gpt ]; then
		echo "label: gpt"
		[ -z "$diskid" ] || echo "label-id: $diskid"
		type=0FC63DAF-8483-4772-8E7D-3D69D8477DE4
		line="start=2048, size=$part_sectors, type=$type"
		[ -z "$partuuid" ] || line="$line, uuid=$partuuid"
		[ -z "$partname" ] || line="$line, name=\"$partname\""
	else
		[ -z "$partuuid$partname" ] ||
			die "--part-uuid/--part-name need -p gpt (MBR: use --disk-id)"
		echo "label: dos"
		[ -z "$diskid" ] || echo "label-id: 0x${diskid#0x}"
		case $fs in
		vfat) type=c ;;
		*) type=83 ;;
		esac
		line="start=2048, size=$part_sectors, type=$type"
	fi
	echo "$line"
	[ -z "$part2" ] ||
		echo "start=$((2048 + part_sectors)), size=$p2_sectors, type=$type"
} | sfdisk -q "$out" >/dev/null
dd if="$img" of="$out" bs=1M seek=1 conv=notrunc,sparse status=none
[ -z "$part2" ] ||
	dd if="$img.p2" of="$out" bs=1M seek=$((1 + part_sectors / 2048)) \
		conv=notrunc,sparse status=none
