#!/usr/bin/env bash
# bench/mkimage-vs-mktirfs.sh - part of make bench: image size and build
# time of newroot-mkimage next to mktirfs (Debian's tiny-initramfs-core)
# for the same kernel and modules, in the same run, with the ratios.
#
#   bench/mkimage-vs-mktirfs.sh [RUNS]
#
# mktirfs has no -b: it reads /lib/modules/KVER, so for each cached
# Debian kernel missing there this links /lib/modules/KVER to the
# unpacked tree for the run and removes the link afterwards.  Times are
# the medians of RUNS builds (default 10), wall and CPU.  mktirfs takes
# --include-modules and resolves dependencies with modprobe; it has no
# default set, so "default" gives it our default list by name.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/mkimage/lib/common.sh
runs=${1:-10}
tests/deps.sh tiny-initramfs-core time || exit 1
tmp=$(mktemp -d /tmp/newroot-compare.XXXXXX)
links=()
cleanup() {
	local l
	for l in "${links[@]}"; do rm -f "$l"; done
	rm -rf "$tmp"
}
trap cleanup EXIT

# "WALL CPU": the medians over $runs runs of "$@" of the wall time and
# of the CPU time (user + system, children included); on a busy machine
# the CPU time is the steadier of the two.
median() {
	local w c
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1
		cat "$tmp/time"
	done >"$tmp/times"
	w=$(awk '{ print $1 }' "$tmp/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	c=$(awk '{ printf "%.2f\n", $2 + $3 }' "$tmp/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	echo "$w $c"
}

defaults=virtio_pci,virtio_blk,virtio_scsi,sd_mod,sr_mod,ahci,ata_piix,ata_generic,nvme,usb_storage,uas,xhci_pci,ehci_pci,uhci_hcd,ohci_pci,ext4,xfs,btrfs,vfat,nls_cp437,nls_ascii,nls_utf8,nls_iso8859-1,f2fs,squashfs,erofs,overlay
printf '%-22s %-8s %-16s %9s %6s %6s   %s\n' kernel set tool bytes wall cpu \
	"mktirfs/ours (time, cpu) ours/mktirfs (size)"
while read -r kver dir; do
	if [ ! -e "/lib/modules/$kver" ]; then
		mkdir -p /lib/modules
		ln -s "$dir/lib/modules/$kver" "/lib/modules/$kver"
		links+=("/lib/modules/$kver")
	fi
	for set in small default; do
		if [ $set = small ]; then
			ours=(--no-defaults -m "virtio_pci,virtio_blk,ext4")
			theirs=virtio_pci,virtio_blk,ext4
		else
			ours=()
			theirs=$defaults
		fi
		read -r ow oc < <(median "$MKIMAGE" "${ours[@]}" -b "$dir" \
			-k "$kver" -o "$tmp/ours")
		read -r tw tc < <(median mktirfs -o "$tmp/tir" -m no -M no \
			--include-modules="$theirs" "$kver")
		ob=$(stat -c %s "$tmp/ours")
		tb=$(stat -c %s "$tmp/tir")
		printf '%-22s %-8s %-16s %9d %6s %6s\n' "$kver" $set \
			newroot-mkimage "$ob" "$ow" "$oc"
		printf '%-22s %-8s %-16s %9d %6s %6s   %s\n' "$kver" $set mktirfs \
			"$tb" "$tw" "$tc" "$(awk -v ow="$ow" -v oc="$oc" \
			-v tw="$tw" -v tc="$tc" -v ob="$ob" -v tb="$tb" 'BEGIN {
			printf "%.1fx %.1fx %.3f", tw / (ow > 0 ? ow : 0.005),
				tc / (oc > 0 ? oc : 0.005), ob / tb }')"
	done
done < <(kernels)
