#!/usr/bin/env bash
# tests/probe/images.sh - make real images with the real tools (mke2fs,
# mkfs.*, mksquashfs, xorriso, mkswap, cryptsetup, sfdisk) and check that
# "newroot probe" reads from each what blkid reads: TYPE, UUID, LABEL,
# USAGE, PTTYPE, PTUUID, and per partition the number, start, size,
# PARTUUID and PARTLABEL (against partx, which is libblkid's partition
# prober, and sfdisk --json).  md RAID and LVM2 members need block devices
# to be made by mdadm/pvcreate, so tests/probe/synth.c writes their
# superblocks and blkid must agree on those too.
#
# No root, no loop devices, no mounts: everything is a file in a temp dir.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newroot-probe.XXXXXX") || exit 111
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

ok() { echo "ok $*"; }
notok() { echo "not ok $*"; }
skip() { echo "skip $*"; }

# The probe under test: build/newroot once its cli dispatches "probe",
# and always the same code built with the host compiler and sanitizers.
cflags=(-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer
	-Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -Iinit)
if ! gcc "${cflags[@]}" -o "$tmp/driver" init/probe/*.c init/blkid.c \
	init/log.c tests/probe/driver.c 2>"$tmp/cc.log"; then
	cat "$tmp/cc.log"
	notok "build the probe driver"
	exit 1
fi
gcc -Wall -Wextra -Werror -D_GNU_SOURCE -Iinit -o "$tmp/synth" \
	tests/probe/synth.c init/probe/util.c || {
	notok "build synth"
	exit 1
}
if [ -x build/newroot ] &&
	build/newroot probe --help 2>/dev/null | grep -q 'newroot probe'; then
	probe=("$top/build/newroot" probe)
	echo "# probing with build/newroot probe (and the sanitizer build)"
else
	probe=("$tmp/driver")
	echo "# build/newroot has no 'probe' yet: probing with the driver"
fi

# field KEY LINE: the value of KEY="..." on one line of our output
field() {
	local v
	v=$(printf '%s\n' "$2" | grep -o " $1=\"[^\"]*\"" | head -n1)
	v=${v#* $1=\"}
	printf '%s' "${v%\"}"
}

# blkid_field KEY IMAGE: blkid's low-level answer (export is shell-safe)
blkid_field() {
	local line
	line=$(blkid -p -o export "$2" 2>/dev/null | grep "^$1=" | head -n1)
	[ -n "$line" ] || return 0
	eval "local $line"
	printf '%s' "${!1}"
}

check() { # check NAME GOT WANT
	if [ "$2" = "$3" ]; then
		ok "$1 ($2)"
	else
		notok "$1: got '$2', want '$3'"
	fi
}

# compare NAME IMAGE [TYPE LABEL]: every device field against blkid,
# then TYPE and LABEL against what the image was made with.
compare() {
	local name=$1 img=$2 out asan line k
	out=$("${probe[@]}" "$img" 2>&1)
	asan=$("$tmp/driver" "$img" 2>&1)
	if [ "$out" != "$asan" ]; then
		notok "$name: sanitizer build differs: $asan"
	fi
	line=$(printf '%s\n' "$out" | grep -m1 "^$img:")
	for k in TYPE UUID LABEL USAGE PTTYPE PTUUID; do
		check "$name $k" "$(field $k "$line")" "$(blkid_field $k "$img")"
	done
	[ $# -ge 3 ] && check "$name TYPE as made" "$(field TYPE "$line")" "$3"
	[ $# -ge 4 ] && check "$name LABEL as made" "$(field LABEL "$line")" "$4"
	return 0
}

need() { # need TOOL NAME: skip NAME when TOOL is not installed
	command -v "$1" >/dev/null 2>&1 && return 0
	skip "$2: $1 is not installed"
	return 1
}

mk() { # mk FILE SIZE
	rm -f "$1"
	truncate -s "$2" "$1"
}

cd "$tmp" || exit 111
mkdir -p tree/sub && echo hello >tree/sub/file

if need mke2fs ext; then
	for t in ext2 ext3 ext4; do
		mk $t.img 32M
		mke2fs -q -F -t $t -L "lab-$t" \
			-U 6e1c7d3a-9a0b-4c11-8d2e-0123456789ab $t.img
		compare $t $t.img $t "lab-$t"
		check "$t UUID as made" \
			"$(field UUID "$("${probe[@]}" $t.img)")" \
			6e1c7d3a-9a0b-4c11-8d2e-0123456789ab
	done
	mk ext4nj.img 32M
	mke2fs -q -F -t ext4 -O ^has_journal -L nojournal ext4nj.img
	compare ext4-no-journal ext4nj.img ext4 nojournal
	mk jbd.img 16M
	mke2fs -q -F -O journal_dev -L extjournal jbd.img >/dev/null
	compare ext-journal-device jbd.img jbd extjournal
fi
if need mkfs.xfs xfs; then
	mk xfs.img 300M
	mkfs.xfs -q -f -L xfslabel xfs.img
	compare xfs xfs.img xfs xfslabel
fi
if need mkfs.btrfs btrfs; then
	mk btrfs.img 128M
	mkfs.btrfs -q -f -L "btrfs label" btrfs.img >/dev/null
	compare btrfs btrfs.img btrfs "btrfs label"
fi
if need mkfs.vfat vfat; then
	for f in 12 16 32; do
		mk fat$f.img 40M
		mkfs.vfat -F $f -n "FAT$f LBL" fat$f.img >/dev/null
		compare vfat$f fat$f.img vfat "FAT$f LBL"
	done
	mk fatnone.img 32M
	mkfs.vfat -F 16 fatnone.img >/dev/null
	compare vfat-no-label fatnone.img vfat ""
	# blkid prints the root directory's label entry, not the boot
	# sector's: make the two differ, as a tool that rewrites one of them does
	for f in 16 32; do
		mk fatdir$f.img 40M
		mkfs.vfat -F $f -n ROOTDIR fatdir$f.img >/dev/null
		off=$((f == 32 ? 0x47 : 0x2b))
		printf 'BOOTSECT   ' | dd of=fatdir$f.img bs=1 seek=$off \
			conv=notrunc status=none
		compare vfat$f-dir-label fatdir$f.img vfat ROOTDIR
	done
fi
if need mkfs.f2fs f2fs; then
	mk f2fs.img 64M
	mkfs.f2fs -q -f -l f2fslabel f2fs.img >/dev/null
	compare f2fs f2fs.img f2fs f2fslabel
fi
if need mksquashfs squashfs; then
	mksquashfs tree squash.img -quiet -noappend >/dev/null
	compare squashfs squash.img squashfs ""
fi
if need mkfs.erofs erofs; then
	# erofs-utils 1.5 (Debian 12) has no -L: UUID only
	mkfs.erofs -U 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d erofs.img tree \
		>/dev/null 2>&1
	compare erofs erofs.img erofs
	check "erofs UUID as made" \
		"$(field UUID "$("${probe[@]}" erofs.img)")" \
		0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
fi
if need xorriso iso9660; then
	xorriso -as mkisofs -quiet -V ISO_LABEL -o iso.img tree 2>/dev/null
	compare iso9660 iso.img iso9660 ISO_LABEL
	xorriso -as mkisofs -quiet -J -V "Joliet Label 2024" -o joliet.img \
		tree 2>/dev/null
	compare iso9660-joliet joliet.img iso9660 "Joliet Label 2024"
	# creation and modification dates differ: blkid's UUID is the latter
	xorriso -outdev dates.img -volid DATES \
		-volume_date c 2020010203040500 \
		-volume_date m 2021060708091000 -map tree / -commit \
		>/dev/null 2>&1
	compare iso9660-dates dates.img iso9660 DATES
	check "iso9660-dates UUID as made" \
		"$(field UUID "$("${probe[@]}" dates.img)")" \
		2021-06-07-08-09-10-00
fi
if need mkswap swap; then
	mk swap.img 16M
	mkswap -L swaplabel -U 11111111-2222-4333-8444-555555555555 \
		swap.img >/dev/null 2>&1
	compare swap swap.img swap swaplabel
fi
if need cryptsetup crypto_LUKS; then
	for v in luks1 luks2; do
		mk $v.img 24M
		lbl=()
		[ $v = luks2 ] && lbl=(--label cryptlabel)
		printf pass | cryptsetup luksFormat -q --type $v "${lbl[@]}" \
			--pbkdf pbkdf2 --pbkdf-force-iterations 1000 $v.img - >/dev/null 2>&1
		compare $v $v.img crypto_LUKS
	done
fi

# md RAID and LVM2 members (synthetic, see the top): the member wins over
# the ext4 its data area starts with.
for k in md090 md090be md10 md12 lvm2; do
	mk $k.img 20M
	command -v mke2fs >/dev/null && mke2fs -q -F -t ext4 $k.img
	"$tmp/synth" $k $k.img || notok "synth $k"
done
compare md-0.90 md090.img linux_raid_member
compare md-0.90-big-endian md090be.img linux_raid_member
compare md-1.0-over-ext4 md10.img linux_raid_member "synth:10"
compare md-1.2 md12.img linux_raid_member "synth:12"
compare lvm2 lvm2.img LVM2_member

# parts NAME IMAGE: every partition line against partx (libblkid).
parts() {
	local name=$1 img=$2 out nr start size uuid pname l
	out=$("${probe[@]}" "$img" 2>&1)
	check "$name partition count" \
		"$(printf '%s\n' "$out" | grep -c "^$img:[0-9]")" \
		"$(partx -g -o NR "$img" | wc -l)"
	while IFS= read -r l; do
		eval "$l" # NR= START= SECTORS= UUID= NAME=
		nr=$NR
		line=$(printf '%s\n' "$out" | grep -m1 "^$img:$nr ")
		start=${line##* START=}
		start=${start%% *}
		size=${line##* SIZE=}
		size=${size%% *}
		check "$name $nr START" "$start" "$START"
		check "$name $nr SIZE" "$size" "$SECTORS"
		check "$name $nr PARTUUID" "$(field PARTUUID "$line")" "$UUID"
		pname=$(printf '%b' "$NAME")
		check "$name $nr PARTLABEL" "$(field PARTLABEL "$line")" \
			"$pname"
	done < <(partx -g -P -o NR,START,SECTORS,UUID,NAME "$img")
}

if need sfdisk gpt; then
	mk gpt.img 64M
	sfdisk -q gpt.img <<-'EOT'
		label: gpt
		label-id: 4F1B2C3D-1111-2222-3333-444455556666
		start=2048, size=8192, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="EFI system"
		start=10240, size=20480, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF, name="root ü"
		start=40960, size=4096, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F, name="swap"
	EOT
	compare gpt gpt.img
	check "gpt PTUUID as made" \
		"$(field PTUUID "$("${probe[@]}" gpt.img)")" \
		4f1b2c3d-1111-2222-3333-444455556666
	parts gpt gpt.img
	# sfdisk's own view of the names and GUIDs (libfdisk, not libblkid)
	json=$(sfdisk --json gpt.img)
	for n in 1 2 3; do
		want=$(printf '%s\n' "$json" | grep '"uuid"' | sed -n "${n}p" |
			sed 's/.*"uuid": *"\([^"]*\)".*/\1/' | tr 'A-F' 'a-f')
		got=$(field PARTUUID "$("${probe[@]}" gpt.img | grep "^gpt.img:$n ")")
		check "gpt $n PARTUUID as sfdisk" "$got" "$want"
		want=$(printf '%s\n' "$json" | grep '"name"' | sed -n "${n}p" |
			sed 's/.*"name": *"\([^"]*\)".*/\1/')
		got=$(field PARTLABEL "$("${probe[@]}" gpt.img | grep "^gpt.img:$n ")")
		check "gpt $n PARTLABEL as sfdisk" "$got" "$want"
	done
	# lose the primary header: the backup at the last LBA still counts
	cp gpt.img gpt-backup.img
	dd if=/dev/zero of=gpt-backup.img bs=512 seek=1 count=1 \
		conv=notrunc status=none
	compare gpt-backup-header gpt-backup.img
	parts gpt-backup-header gpt-backup.img

	mk dos.img 64M
	sfdisk -q dos.img <<-'EOT'
		label: dos
		label-id: 0x5eedc0de
		start=2048, size=8192, type=83, bootable
		start=10240, size=40960, type=5
		start=12288, size=8192, type=83
		start=22528, size=8192, type=82
		start=51200, size=8192, type=c
	EOT
	compare dos dos.img
	check "dos PTUUID as made" "$(field PTUUID "$("${probe[@]}" dos.img)")" \
		5eedc0de
	parts dos dos.img
	check "dos logical 6 PARTUUID as made" \
		"$(field PARTUUID "$("${probe[@]}" dos.img | grep '^dos.img:6 ')")" \
		5eedc0de-06
fi

# hybrid ISOs, the layout of live USB images: an ISO 9660 filesystem and
# a partition table (MBR or GPT) with an appended EFI partition
if command -v xorriso >/dev/null && command -v partx >/dev/null; then
	mk esp.img 1M
	xorriso -as mkisofs -quiet -V HYBRID_DOS \
		-append_partition 2 0xef esp.img -o hybdos.img tree 2>/dev/null
	compare hybrid-iso-dos hybdos.img iso9660 HYBRID_DOS
	parts hybrid-iso-dos hybdos.img
	xorriso -as mkisofs -quiet -V HYBRID_GPT -appended_part_as_gpt \
		-append_partition 2 C12A7328-F81F-11D2-BA4B-00A0C93EC93B \
		esp.img -o hybgpt.img tree 2>/dev/null
	compare hybrid-iso-gpt hybgpt.img iso9660 HYBRID_GPT
	parts hybrid-iso-gpt hybgpt.img
else
	skip "hybrid ISO: xorriso or partx is not installed"
fi

# the same sources built against each C library read the same
imgs=(*.img)
want=$("$tmp/driver" "${imgs[@]}" 2>&1)
for v in klibc musl glibc; do
	if [ -x "$top/build/$v/newroot" ]; then
		got=$("$top/build/$v/newroot" probe "${imgs[@]}" 2>&1)
		if [ "$got" = "$want" ]; then
			ok "build/$v/newroot probe agrees on ${#imgs[@]} images"
		else
			notok "build/$v/newroot probe differs:"
			diff <(echo "$want") <(echo "$got") | sed 's/^/#   /'
		fi
	else
		skip "build/$v/newroot: not built (make variants)"
	fi
done

# nothing there: no output, exit status 2 as blkid -p
mk zero.img 1M
out=$("${probe[@]}" zero.img 2>&1)
rc=$?
blkid -p zero.img >/dev/null 2>&1
check "empty image: exit status as blkid" "$rc" "$?"
check "empty image: no output" "$out" ""
# a missing file is an error, not "nothing found"
"${probe[@]}" missing.img >/dev/null 2>&1
check "missing image: exit status" "$?" 1
exit 0
