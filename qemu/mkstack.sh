#!/usr/bin/env bash
# qemu/mkstack.sh - build test disks holding a root filesystem inside a
# device stack (LUKS2, LVM, md RAID1) with the real tools, in a helper
# guest: this host has no device-mapper and no md, so the stack is made
# by cryptsetup, lvm and mdadm running in QEMU, on a Debian kernel, with
# newroot as the helper's /init and the build as its premount hook.  The
# helper's image is newroot-mkimage --with crypt,lvm,md: the tools and
# configuration newroot's own images carry (a failure here is theirs).
#
#   qemu/mkstack.sh [-p none|mbr|gpt] [-d ROOTDIR] [--pass PASS]
#                   [--keyfile FILE] [--uuid FSUUID] [--luks-uuid UUID]
#                   [--md-uuid UUID] [--vg VG] [--lv LV]
#                   [--check-host-only] KIND OUTDIR
#
#   KIND      what is under the root filesystem (ext4, made on the host
#             with mke2fs -d from ROOTDIR, then dd'd into the stack):
#     luks2          LUKS2 (argon2id) opened with PASS
#     luks2-keyfile  LUKS2 whose key slot 0 opens with FILE (and slot 1
#                    with PASS, when --pass is given)
#     lvm            an LVM PV, VG VG, LV LV
#     lvm-on-luks    LUKS2 (PASS) holding the PV ("encrypted LVM")
#     md1            md RAID1 of two disks, metadata 1.2
#   OUTDIR    gets disk0.img (and disk1.img for md1), and stack.info: the
#             facts a boot needs, as KEY=VALUE lines (kind, table, fs_uuid,
#             luks_uuid, pass, keyfile, vg, lv, md_uuid, disks)
#   -p        partition table of each disk (default none): the stack is on
#             partition 1 (/dev/vda1) instead of the whole disk
#   -d        the root tree (default build/boot/roots/default, made by
#             qemu/run-scenarios.sh from qemu/mkroot.sh)
#   --check-host-only  also run build/newroot-mkimage --host-only in the
#             guest, on the opened stack (its real sysfs, the LV or array
#             as --root-device, a crypttab naming the LUKS device and one
#             other), and check the image holds what that stack needs and
#             nothing else (tests/mkimage/stack-guest.sh)
#   defaults: PASS newroot13, FILE tests/fixtures/stack/root.key,
#             FSUUID 13000000-f500-4000-8000-000000000001,
#             LUKS UUID 13000000-c000-4000-8000-000000000001,
#             md UUID 13000000:d0004000:80000000:00000001, VG nrvg, LV root
#
# Key slots use argon2id with 32 MiB and 4 iterations (forced, no
# benchmark), so a 384 MiB guest under TCG unlocks them in seconds, and
# as many threads as the host has CPUs, up to 4 (LUKS2 is formatted on
# the host; the rest of the stack in the guest).  md1 is
# created --assume-clean: both members hold the same bytes, no resync.
# The guest prints "MKSTACK ..." lines; its console log is OUTDIR/build.log.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
table=none rootdir=$top/build/boot/roots/default pass= keyfile=
fsuuid=13000000-f500-4000-8000-000000000001
luksuuid=13000000-c000-4000-8000-000000000001
mduuid=13000000:d0004000:80000000:00000001
vg=nrvg lv=root kind= out= hostonly=

die() {
	echo "qemu/mkstack.sh: $*" >&2
	exit 1
}

while [ $# -gt 0 ]; do
	case $1 in
	-p) table=$2; shift ;;
	-d) rootdir=$2; shift ;;
	--pass) pass=$2; shift ;;
	--keyfile) keyfile=$2; shift ;;
	--uuid) fsuuid=$2; shift ;;
	--luks-uuid) luksuuid=$2; shift ;;
	--md-uuid) mduuid=$2; shift ;;
	--vg) vg=$2; shift ;;
	--lv) lv=$2; shift ;;
	--check-host-only) hostonly=1 ;;
	-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0 ;;
	-*) die "unknown option '$1' (see --help)" ;;
	*)
		if [ -z "$kind" ]; then kind=$1
		elif [ -z "$out" ]; then out=$1
		else die "unexpected argument '$1'"
		fi
		;;
	esac
	shift
done
[ -n "$kind" ] && [ -n "$out" ] || die "usage: qemu/mkstack.sh [options] KIND OUTDIR (see --help)"
case $table in none | mbr | gpt) ;; *) die "-p takes none, mbr or gpt" ;; esac
[ -d "$rootdir" ] || die "$rootdir: no root tree (run qemu/mkroot.sh $rootdir)"
ndisks=1
case $kind in
luks2 | lvm-on-luks) : "${pass:=newroot13}" ;;
luks2-keyfile) : "${keyfile:=$top/tests/fixtures/stack/root.key}" ;;
lvm) ;;
md1) ndisks=2 ;;
*) die "unknown kind '$kind' (luks2 luks2-keyfile lvm lvm-on-luks md1)" ;;
esac
[ -z "$keyfile" ] || [ -f "$keyfile" ] || die "--keyfile $keyfile: no such file"
# The values travel in a shell file inside the helper's image: keep them
# to characters that need no quoting there.
for v in "$pass" "$vg" "$lv" "$fsuuid" "$luksuuid" "$mduuid"; do
	case $v in *[!A-Za-z0-9._+:-]*)
		die "'$v': use only letters, digits and . _ + : -" ;;
	esac
done
for f in build/newroot build/newroot-mkimage; do
	[ -x "$top/$f" ] || die "$f is missing: run make all"
done
command -v /bin/busybox >/dev/null || die "busybox-static is missing (qemu/deps.sh)"

read -r kver kdir < <("$here/kernels.sh" 6.1) || die "qemu/kernels.sh 6.1 failed"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$out/.work
rm -rf "$work" "$out"/disk*.img "$out/stack.info"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# The root filesystem, made on the host as every scenario's is.
"$here/mkdisk.sh" -o "$work/fs.img" -t ext4 -p none -d "$rootdir" -U "$fsuuid"
fsmib=$(($(stat -c %s "$work/fs.img") / 1048576))
# Room for the LUKS2 header (16 MiB), LVM's metadata and extent rounding,
# md's superblock and data offset; the files stay sparse.
dmib=$((fsmib + 48))
for ((i = 0; i < ndisks; i++)); do
	d=$work/disk$i.img
	truncate -s "${dmib}M" "$d"
	case $table in
	mbr) echo 'start=2048, type=83' | sfdisk -q "$d" >/dev/null ;;
	gpt) printf 'label: gpt\nstart=2048, type=0FC63DAF-8483-4772-8E7D-3D69D8477DE4\n' |
		sfdisk -q "$d" >/dev/null ;;
	esac
done

# LUKS2 is formatted here, on the host (a header needs no device-mapper):
# cryptsetup gives argon2 as many threads as there are CPUs, up to 4,
# and the guest has one; real disks have several, and unlocking those
# needs what the image carries for threads (libgcc_s).
luks_format() { # FILE
	# 512-byte sectors, as cryptsetup picks on the guest's virtio disk
	# (on a file it picks 4096, and the 1 KiB-block ext4 root would
	# not mount: "bad block size 1024").
	local a=(--batch-mode --pbkdf argon2id --pbkdf-memory 32768
		--pbkdf-parallel 4 --pbkdf-force-iterations 4)
	local f=(--type luks2 --sector-size 512 --uuid "$luksuuid")
	if [ -n "$keyfile" ]; then
		cryptsetup luksFormat "${a[@]}" "${f[@]}" --key-file "$keyfile" "$1"
		[ -z "$pass" ] || printf '%s' "$pass" |
			cryptsetup luksAddKey "${a[@]}" --key-file "$keyfile" "$1" -
	else
		printf '%s' "$pass" | cryptsetup luksFormat "${a[@]}" "${f[@]}" \
			--key-file - "$1"
	fi
}
case $kind in
luks2 | luks2-keyfile | lvm-on-luks)
	if [ "$table" = none ]; then
		luks_format "$work/disk0.img"
	else
		sectors=$(sfdisk -d "$work/disk0.img" | sed -n 's/.*size= *\([0-9]*\).*/\1/p')
		truncate -s $((sectors * 512)) "$work/part.img"
		luks_format "$work/part.img"
		dd if="$work/part.img" of="$work/disk0.img" bs=1M seek=1 \
			conv=notrunc,sparse status=none
		rm -f "$work/part.img"
	fi
	;;
esac

{
	echo "kind=$kind"
	echo "table=$table"
	echo "ndisks=$ndisks"
	echo "fsmib=$fsmib"
	echo "pass=$pass"
	echo "keyfile=${keyfile:+/etc/mkstack.key}"
	echo "fsuuid=$fsuuid"
	echo "luksuuid=$luksuuid"
	echo "mduuid=$mduuid"
	echo "vg=$vg"
	echo "lv=$lv"
	echo "hostonly=$hostonly"
	echo "mk=$top/build/newroot-mkimage"
} >"$work/conf"
adds=(--add /bin/busybox:/bin/busybox
	--add "$here/mkstack-guest.sh:/hooks/premount/mkstack"
	--add "$work/conf:/etc/mkstack.conf")
[ -z "$keyfile" ] || adds+=(--add "$keyfile:/etc/mkstack.key")
if [ -n "$hostonly" ]; then
	# The image builder and the kernel's module index, so that it runs
	# in the guest over the guest's own sysfs.
	adds+=(--add-program "$top/build/newroot-mkimage"
		--add "$top/build/newroot:$top/build/newroot")
	for f in "$kdir/lib/modules/$kver"/modules.*; do
		adds+=(--add "$f:/lib/modules/$kver/${f##*/}")
	done
fi
"$top/build/newroot-mkimage" -k "$kver" -b "$kdir" -o "$work/helper.img" \
	--no-defaults -m virtio_pci,virtio_blk,ext4 --with crypt,lvm,md \
	"${adds[@]}"

disks=()
for ((i = 0; i < ndisks; i++)); do disks+=(-d "virtio:$work/disk$i.img"); done
disks+=(-d "virtio:$work/fs.img:ro")
"$here/boot.sh" -n "mkstack-$kind" -k "$kdir/boot/vmlinuz-$kver" \
	-i "$work/helper.img" -a "panic=-1 rd.shell=0" -m 512 -t 300 \
	-l "$out/build.log" "${disks[@]}" -e '^MKSTACK ok$' -r '^MKSTACK failed' ||
	die "the helper guest failed; its console: $out/build.log"

# --check-host-only: what the guest's host-only image holds.
if [ -n "$hostonly" ]; then
	tr -d '\r' <"$out/build.log" | sed -n 's/^MKSTACK hostonly //p' >"$work/ho"
	want=("l virtio_blk") shun=()
	case $kind in
	luks2 | luks2-keyfile) want+=(usr/sbin/cryptsetup "l dm_crypt"
		"crypttab nrroot UUID=$luksuuid none luks")
		shun=(usr/sbin/lvm usr/sbin/mdadm) ;;
	lvm) want+=(usr/sbin/lvm etc/lvm/lvm.conf "l dm_mod")
		shun=(usr/sbin/cryptsetup usr/sbin/mdadm etc/crypttab) ;;
	lvm-on-luks) want+=(usr/sbin/cryptsetup usr/sbin/lvm etc/lvm/lvm.conf
		"l dm_crypt" "crypttab nrcrypt UUID=$luksuuid none luks")
		shun=(usr/sbin/mdadm) ;;
	md1) want+=(usr/sbin/mdadm etc/mdadm/mdadm.conf "l md_mod" "l raid1")
		shun=(usr/sbin/cryptsetup usr/sbin/lvm "l raid456") ;;
	esac
	bad=
	for w in "${want[@]}"; do
		grep -qx "$w" "$work/ho" || bad="$bad, no $w"
	done
	for w in "${shun[@]}"; do
		! grep -qx "$w" "$work/ho" || bad="$bad, $w (not in this stack)"
	done
	! grep -q '^crypttab other' "$work/ho" ||
		bad="$bad, the crypttab line of another disk"
	[ -s "$work/ho" ] || bad=", no host-only listing in the console log"
	[ -z "$bad" ] || die "--check-host-only: the guest's host-only image has ${bad#, }"
	echo "qemu/mkstack.sh: $kind: the host-only image built in the guest holds what the stack needs ($(grep -c . "$work/ho") lines checked)"
fi

# What the host can check without device-mapper or md: the headers, and
# that the keys open the key slots.
member=$work/disk0.img
if [ "$table" != none ]; then
	dd if="$member" of="$work/part.img" bs=1M skip=1 status=none
	member=$work/part.img
fi
case $kind in
luks2 | lvm-on-luks | luks2-keyfile)
	[ "$(cryptsetup luksUUID "$member")" = "$luksuuid" ] ||
		die "disk0: no LUKS header with UUID $luksuuid"
	[ -z "$pass" ] || printf '%s' "$pass" |
		cryptsetup open --test-passphrase --key-file - "$member" ||
		die "disk0: the passphrase opens no key slot"
	[ -z "$keyfile" ] ||
		cryptsetup open --test-passphrase --key-file "$keyfile" "$member" ||
		die "disk0: the key file opens no key slot"
	;;
lvm)
	[ "$(blkid -p -o value -s TYPE "$member")" = LVM2_member ] ||
		die "disk0: no LVM PV"
	;;
md1)
	for ((i = 0; i < ndisks; i++)); do
		m=$work/disk$i.img
		[ "$table" = none ] ||
			{ dd if="$m" of="$work/part.img" bs=1M skip=1 status=none
			  m=$work/part.img; }
		mdadm --examine "$m" | grep -q "Array UUID : $mduuid" ||
			die "disk$i: no md member of array $mduuid"
	done
	;;
esac
rm -f "$work/part.img"
for ((i = 0; i < ndisks; i++)); do mv "$work/disk$i.img" "$out/disk$i.img"; done
{
	grep -v '^keyfile=' "$work/conf"
	echo "keyfile=${keyfile:+$(realpath "$keyfile")}"
} >"$out/stack.info"
echo "qemu/mkstack.sh: $kind: $ndisks disk(s) in $out ($(grep -a '^MKSTACK root verified' "$out/build.log" | tr -d '\r' | sed 's/^MKSTACK root //'))"
