#!/usr/bin/env bash
# tests/mkimage/stack.sh - --with crypt,lvm,md and --host-only's device
# stack: the image holds cryptsetup, lvm and mdadm with every library
# they need (checked with readelf over the unpacked image), a lvm.conf
# the real lvm validates, an mdadm.conf the real mdadm reads, the dm and
# md modules loaded at boot; two builds are identical.  --host-only reads
# the root's stack from sysfs trees made here in sysfs's format (dm/uuid,
# dm/name, md/level, slaves/, partition, dev, modalias), given with
# --host-root and --root-device: LVM on LUKS, LUKS with a key file in
# crypttab, md RAID1 and RAID5, LUKS on md, a plain disk, multipath, a
# loop of slaves.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage stack
scratch

read -r kver dir < <(kernels | head -n1)
if [ -z "${kver:-}" ]; then
	echo "skip stack: no Debian kernel .deb in $cache/kernels"
	exit 0
fi
need_stack_tools stack || exit 0
build() { "$MKIMAGE" -b "$dir" -k "$kver" --compress none "$@"; }
index() { cpio -i --quiet --to-stdout lib/modules/newroot.index <"$1"; }
unpack() { # IMG DIR
	rm -rf "$2"
	mkdir -p "$2"
	(cd "$2" && cpio -id --quiet <"$1")
}

# ---- --with crypt,lvm,md ----
img=$tmp/with.img
if ! build --no-defaults -o "$img" --with crypt,lvm --with md 2>"$tmp/err"; then
	echo "not ok stack --with crypt,lvm,md: build failed"
	sed 's/^/#   /' "$tmp/err"
	exit 1
fi
image_paths "$img" >"$tmp/paths"
unpack "$img" "$tmp/w"
for p in cryptsetup lvm mdadm; do
	host=$(PATH=/usr/sbin:/sbin:$PATH command -v $p)
	check "stack --with: $host in the image" grep -qx "${host#/}" "$tmp/paths"
	check "stack --with: /sbin/$p runs it" \
		test "$(readlink -f "$tmp/w/sbin/$p" | sed "s|^$tmp/w||")" = "$(readlink -f "$host")"
done
# Every ELF file of the image finds its interpreter and each DT_NEEDED
# library in the image's own library directories.
missing=
while read -r f; do
	readelf -h "$f" >/dev/null 2>&1 || continue
	ip=$(readelf -l "$f" 2>/dev/null |
		sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')
	[ -z "$ip" ] || [ -e "$tmp/w$ip" ] || missing="$missing ${f#"$tmp"/w}:$ip"
	for lib in $(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		found=
		for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib64 lib usr/lib; do
			[ -e "$tmp/w/$d/$lib" ] && found=1
		done
		[ -n "$found" ] || missing="$missing ${f#"$tmp"/w}:$lib"
	done
done < <(find "$tmp/w" -type f ! -path '*/lib/modules/*')
check "stack --with: every interpreter and library the programs need is there" test -z "$missing"
[ -z "$missing" ] || echo "#   missing:$missing"
if [ "$(id -u)" = 0 ]; then
	check "stack --with: cryptsetup runs in the image (chroot)" \
		sh -c "chroot '$tmp/w' /sbin/cryptsetup --version >/dev/null"
	check "stack --with: mdadm runs in the image (chroot)" \
		sh -c "chroot '$tmp/w' /sbin/mdadm --version >/dev/null 2>&1"
	check "stack --with: lvm runs in the image (chroot)" \
		sh -c "chroot '$tmp/w' /sbin/lvm version 2>&1 | grep -q 'LVM version'"
	# A key slot as cryptsetup makes it on a machine of several cores:
	# argon2 with up to 4 threads (no more than the CPUs), each ending in
	# pthread_exit() (which needs libgcc_s).  Made and opened with the
	# image's own cryptsetup.
	mknod "$tmp/w/dev/urandom" c 1 9 && mknod "$tmp/w/dev/random" c 1 8
	truncate -s 20M "$tmp/w/tmp/luks.img"
	printf 'pass' >"$tmp/w/tmp/pass"
	chroot "$tmp/w" /sbin/cryptsetup luksFormat --batch-mode --type luks2 \
		--pbkdf argon2id --pbkdf-memory 32768 --pbkdf-parallel 4 \
		--pbkdf-force-iterations 4 --key-file /tmp/pass /tmp/luks.img \
		>"$tmp/luks.out" 2>&1
	if [ "$(nproc)" -gt 1 ]; then
		check "stack --with: the image's cryptsetup makes an argon2id key slot of several threads" \
			sh -c "cryptsetup luksDump '$tmp/w/tmp/luks.img' | grep -q 'Threads: *[2-4]'"
	else
		echo "skip stack --with: argon2 of several threads (one CPU here)"
	fi
	check "stack --with: and opens it (libgcc_s for pthread_exit is there)" \
		chroot "$tmp/w" /sbin/cryptsetup open --test-passphrase \
		--key-file /tmp/pass /tmp/luks.img
	sed 's/^/#   /' "$tmp/luks.out"
else
	echo "skip stack --with: the programs run (chroot needs root)"
fi
check "stack --with: lvm.conf is valid for the real lvm" \
	sh -c "LVM_SYSTEM_DIR='$tmp/w/etc/lvm' lvm config --validate 2>&1 | grep -q 'configuration valid'"
for k in activation/udev_sync=0 activation/udev_rules=0 activation/monitoring=0 \
	global/use_lvmpolld=0 global/event_activation=1; do
	check "stack --with: lvm.conf sets $k (no udev, no daemons; newroot's pvscan is the event)" \
		sh -c "LVM_SYSTEM_DIR='$tmp/w/etc/lvm' lvm config ${k%=*} 2>/dev/null | grep -qx '$(basename "$k")'"
done
mdadm --examine --scan --config="$tmp/w/etc/mdadm/mdadm.conf" >/dev/null 2>"$tmp/mderr"
check "stack --with: mdadm reads mdadm.conf without complaint" test ! -s "$tmp/mderr"
index "$img" >"$tmp/index"
for m in dm_mod dm_crypt xts algif_skcipher md_mod raid1 raid456 dm_snapshot; do
	check "stack --with: $m loaded at boot" grep -qx "l $m" "$tmp/index"
done
check "stack --with: aesni_intel in the image for coldplug, not loaded" \
	sh -c "grep -q '^m aesni_intel ' '$tmp/index' && ! grep -qx 'l aesni_intel' '$tmp/index'"
check "stack --with: no crypttab without --host-only" test ! -e "$tmp/w/etc/crypttab"

build --no-defaults -o "$tmp/with2.img" --with crypt,lvm,md 2>/dev/null
check "stack --with: two builds are identical" cmp -s "$img" "$tmp/with2.img"

build --no-defaults -o "$tmp/lvm.img" --with lvm 2>/dev/null
image_paths "$tmp/lvm.img" >"$tmp/paths"
check "stack --with lvm: lvm and lvm.conf" \
	sh -c "grep -qx usr/sbin/lvm '$tmp/paths' && grep -qx etc/lvm/lvm.conf '$tmp/paths'"
check "stack --with lvm: no cryptsetup, no mdadm" \
	sh -c "! grep -qE 'sbin/(cryptsetup|mdadm)$|mdadm.conf' '$tmp/paths'"
build --no-defaults -o "$tmp/mix.img" --with crypt,fsck 2>/dev/null
image_paths "$tmp/mix.img" >"$tmp/paths"
check "stack --with crypt,fsck: one list, both features" \
	sh -c "grep -qx usr/sbin/cryptsetup '$tmp/paths' && grep -qE '^(usr/)?sbin/fsck$' '$tmp/paths'"
refuse "stack --with bogus" "--with crypt,bogus: no feature 'bogus'; known: crypt, lvm, md, fsck" \
	-b "$dir" -k "$kver" --with crypt,bogus

# ---- --host-only over sysfs trees ----
# blk ROOT PATH MAJ:MIN: a block device at ROOT/sys/PATH
blk() {
	mkdir -p "$1/sys/$2" "$1/sys/dev/block" "$1/sys/class/block"
	echo "$3" >"$1/sys/$2/dev"
	ln -sfr "$1/sys/$2" "$1/sys/dev/block/$3"
	ln -sfr "$1/sys/$2" "$1/sys/class/block/${2##*/}"
}
part() { # ROOT PATH MAJ:MIN N
	blk "$1" "$2" "$3"
	echo "$4" >"$1/sys/$2/partition"
}
slave() { # ROOT PATH SLAVEPATH
	mkdir -p "$1/sys/$2/slaves"
	ln -sr "$1/sys/$3" "$1/sys/$2/slaves/${3##*/}"
}
dm() { # ROOT NAME MAJ:MIN DMNAME DMUUID SLAVEPATH...
	local r=$1 p=devices/virtual/block/$2 s
	blk "$r" "$p" "$3"
	mkdir -p "$r/sys/$p/dm"
	echo "$4" >"$r/sys/$p/dm/name"
	echo "$5" >"$r/sys/$p/dm/uuid"
	shift 5
	for s in "$@"; do slave "$r" "$p" "$s"; done
}
md() { # ROOT NAME MAJ:MIN LEVEL SLAVEPATH...
	local r=$1 p=devices/virtual/block/$2 s
	blk "$r" "$p" "$3"
	mkdir -p "$r/sys/$p/md"
	echo "$4" >"$r/sys/$p/md/level"
	shift 4
	for s in "$@"; do slave "$r" "$p" "$s"; done
}
VIRTIO=devices/pci0000:00/0000:00:04.0
virtio_disk() { # ROOT: vda with vda1 vda2 on a virtio-blk PCI device
	mkdir -p "$1/sys/$VIRTIO/virtio1"
	echo pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00 >"$1/sys/$VIRTIO/modalias"
	echo virtio:d00000002v00001AF4 >"$1/sys/$VIRTIO/virtio1/modalias"
	blk "$1" "$VIRTIO/virtio1/block/vda" 254:0
	part "$1" "$VIRTIO/virtio1/block/vda/vda1" 254:1 1
	part "$1" "$VIRTIO/virtio1/block/vda/vda2" 254:2 2
}
AHCI=devices/pci0000:00/0000:00:1f.2
ahci_disks() { # ROOT: sda, sdb with a partition each on AHCI
	local n d x
	for n in 0 1; do
		x=$([ $n = 0 ] && echo sda || echo sdb)
		d=$AHCI/ata$((n + 1))/host$n/target$n:0:0/$n:0:0:0
		mkdir -p "$1/sys/$d"
		echo "scsi:t-0x00" >"$1/sys/$d/modalias"
		blk "$1" "$d/block/$x" 8:$((n * 16))
		part "$1" "$d/block/$x/${x}1" 8:$((n * 16 + 1)) 1
	done
	echo pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01 >"$1/sys/$AHCI/modalias"
}
LUKS_HEX=13000000c00040008000000000000001
LUKS_UUID=13000000-c000-4000-8000-000000000001
LVM_UUID=LVM-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWx
hostonly() { # NAME ROOTDEV ARGS...: build from $tmp/NAME
	local name=$1 dev=$2
	shift 2
	build --no-defaults --host-only --host-root "$tmp/$name" --root-device "$dev" \
		-m ext4 -o "$tmp/$name.img" "$@" 2>"$tmp/$name.err"
}
has() { grep -qx "$2" "$tmp/$1.paths"; }
loads() { grep -qx "l $2" "$tmp/$1.index"; }
built() { # NAME: the image was built; its paths and index
	if [ -s "$tmp/$1.img" ]; then
		image_paths "$tmp/$1.img" >"$tmp/$1.paths"
		index "$tmp/$1.img" >"$tmp/$1.index"
		echo "ok stack host-only $1: builds"
	else
		echo "not ok stack host-only $1: builds"
		sed 's/^/#   /' "$tmp/$1.err"
		: >"$tmp/$1.paths"
		: >"$tmp/$1.index"
	fi
}

# LVM on LUKS on vda2, as Debian's installer makes "encrypted LVM".
r=$tmp/lol
virtio_disk "$r"
dm "$r" dm-0 253:0 vda2_crypt "CRYPT-LUKS2-$LUKS_HEX-vda2_crypt" "$VIRTIO/virtio1/block/vda/vda2"
dm "$r" dm-1 253:1 nrvg-root "$LVM_UUID" devices/virtual/block/dm-0
mkdir -p "$r/etc"
cat >"$r/etc/crypttab" <<EOF
# <target name> <source device> <key file> <options>
vda2_crypt UUID=$LUKS_UUID none luks,discard
data_crypt UUID=99999999-0000-4000-8000-000000000000 /etc/keys/data.key luks
EOF
hostonly lol 253:1
built lol
check "stack host-only lol: cryptsetup and lvm" sh -c "grep -qx usr/sbin/cryptsetup '$tmp/lol.paths' && grep -qx usr/sbin/lvm '$tmp/lol.paths'"
check "stack host-only lol: no mdadm" sh -c "! grep -q mdadm '$tmp/lol.paths'"
check "stack host-only lol: lvm.conf" has lol etc/lvm/lvm.conf
for m in dm_crypt dm_mod virtio_blk virtio_pci ext4; do
	check "stack host-only lol: $m loaded at boot" loads lol $m
done
check "stack host-only lol: no md module" sh -c "! grep -q '^m raid1 ' '$tmp/lol.index'"
unpack "$tmp/lol.img" "$tmp/lolw"
check "stack host-only lol: crypttab holds the root's line only" \
	test "$(cat "$tmp/lolw/etc/crypttab" 2>/dev/null)" = "vda2_crypt UUID=$LUKS_UUID none luks,discard"
check "stack host-only lol: no key of another disk" test ! -e "$tmp/lolw/etc/keys"
hostonly lol 253:1 -o "$tmp/lol2.img"
check "stack host-only lol: two builds are identical" cmp -s "$tmp/lol.img" "$tmp/lol2.img"

# LUKS with a key file named in crypttab, found by the source's UUID.
r=$tmp/key
virtio_disk "$r"
dm "$r" dm-0 253:0 cryptroot "CRYPT-LUKS2-$LUKS_HEX-cryptroot" "$VIRTIO/virtio1/block/vda/vda1"
mkdir -p "$r/etc/keys"
printf 'root\t/dev/disk/by-uuid/%s\t/etc/keys/root.key\tluks\n' "$LUKS_UUID" >"$r/etc/crypttab"
head -c 64 /dev/urandom >"$r/etc/keys/root.key"
chmod 600 "$r/etc/keys/root.key"
hostonly key 253:0
built key
unpack "$tmp/key.img" "$tmp/keyw"
check "stack host-only key: the crypttab line (by UUID)" grep -q "^root" "$tmp/keyw/etc/crypttab"
check "stack host-only key: the key file it names, same bytes" cmp -s "$r/etc/keys/root.key" "$tmp/keyw/etc/keys/root.key"
check "stack host-only key: the image is not readable by others" \
	test $((0$(stat -c %a "$tmp/key.img") & 04)) -eq 0
check "stack host-only key: says the key is in the image" grep -q "key file /etc/keys/root.key" "$tmp/key.err"
check "stack host-only key: no lvm" sh -c "! grep -q 'sbin/lvm' '$tmp/key.paths'"

# md RAID1 of sda1 and sdb1, with the host's mdadm.conf.
r=$tmp/md
ahci_disks "$r"
md "$r" md0 9:0 raid1 "$AHCI/ata1/host0/target0:0:0/0:0:0:0/block/sda/sda1" \
	"$AHCI/ata2/host1/target1:0:0/1:0:0:0/block/sdb/sdb1"
mkdir -p "$r/etc/mdadm"
printf 'HOMEHOST <system>\nARRAY /dev/md/0 metadata=1.2 UUID=13000000:d0004000:80000000:00000001 name=host:0\n' \
	>"$r/etc/mdadm/mdadm.conf"
hostonly md 9:0
built md
unpack "$tmp/md.img" "$tmp/mdw"
check "stack host-only md: mdadm, no cryptsetup, no lvm" \
	sh -c "grep -qx usr/sbin/mdadm '$tmp/md.paths' && ! grep -qE 'sbin/(cryptsetup|lvm)$' '$tmp/md.paths'"
check "stack host-only md: the host's mdadm.conf" cmp -s "$r/etc/mdadm/mdadm.conf" "$tmp/mdw/etc/mdadm/mdadm.conf"
for m in md_mod raid1 ahci sd_mod; do
	check "stack host-only md: $m loaded at boot" loads md $m
done
check "stack host-only md: not the levels it does not use (raid456)" \
	sh -c "! grep -qx 'l raid456' '$tmp/md.index'"

# RAID5 over partitions, on a partition of the array: its level's module.
r=$tmp/md5
virtio_disk "$r"
md "$r" md127 9:127 raid5 "$VIRTIO/virtio1/block/vda/vda1" "$VIRTIO/virtio1/block/vda/vda2"
part "$r" devices/virtual/block/md127/md127p1 259:0 1
hostonly md5 259:0
built md5
check "stack host-only md5: raid456 loaded (the array's level)" loads md5 raid456
check "stack host-only md5: mdadm" has md5 usr/sbin/mdadm
check "stack host-only md5: the generic mdadm.conf (the host has none)" \
	sh -c "cpio -i --quiet --to-stdout etc/mdadm/mdadm.conf <'$tmp/md5.img' | grep -q 'AUTO +all'"

# LUKS on md.
r=$tmp/lom
ahci_disks "$r"
md "$r" md0 9:0 raid1 "$AHCI/ata1/host0/target0:0:0/0:0:0:0/block/sda/sda1" \
	"$AHCI/ata2/host1/target1:0:0/1:0:0:0/block/sdb/sdb1"
dm "$r" dm-0 253:0 md0_crypt "CRYPT-LUKS1-$LUKS_HEX-md0_crypt" devices/virtual/block/md0
hostonly lom 253:0
built lom
check "stack host-only lom: cryptsetup and mdadm" \
	sh -c "grep -qx usr/sbin/cryptsetup '$tmp/lom.paths' && grep -qx usr/sbin/mdadm '$tmp/lom.paths'"
check "stack host-only lom: dm_crypt, raid1 and the disks' ahci" \
	sh -c "grep -qx 'l dm_crypt' '$tmp/lom.index' && grep -qx 'l raid1' '$tmp/lom.index' && grep -qx 'l ahci' '$tmp/lom.index'"

# A plain partition: nothing of the stack tools.
r=$tmp/plain
virtio_disk "$r"
hostonly plain 254:1
built plain
check "stack host-only plain: no cryptsetup, lvm, mdadm or their config" \
	sh -c "! grep -qE 'sbin/(cryptsetup|lvm|mdadm)$|^etc/' '$tmp/plain.paths'"
check "stack host-only plain: virtio_blk loaded" loads plain virtio_blk

# Multipath: a dm device newroot does not assemble is said.
r=$tmp/mpath
virtio_disk "$r"
dm "$r" dm-0 253:0 mpatha "mpath-3600a0b800000000000000000000000001" "$VIRTIO/virtio1/block/vda"
hostonly mpath 253:0
built mpath
check "stack host-only mpath: warns about the multipath device" \
	grep -q "device-mapper device mpatha (dm/uuid mpath-" "$tmp/mpath.err"

# A loop of slaves (a broken tree) is refused, not followed forever.
r=$tmp/loop
dm "$r" dm-0 253:0 a "LVM-x" devices/virtual/block/dm-1 2>/dev/null
dm "$r" dm-1 253:1 b "LVM-y" devices/virtual/block/dm-0
refuse "stack host-only loop of slaves" "stacked deeper than 16" \
	--no-defaults -b "$dir" -k "$kver" --host-only --host-root "$r" \
	--root-device 253:0 -m ext4
refuse "stack --root-device not MAJ:MIN" "--root-device 253-1: give MAJ:MIN" \
	--no-defaults -b "$dir" -k "$kver" --host-only --root-device 253-1
"$MKIMAGE" --index-only -o "$tmp/idx" -b "$dir" -k "$kver" --with md 2>"$tmp/err"
check "stack --with and --index-only: refused, said" \
	sh -c "test $? -ne 0 && grep -q 'leave one out' '$tmp/err' && test ! -e '$tmp/idx'"
