#!/usr/bin/env bash
# tests/mkimage/closure.sh - the modules an image holds for virtio_blk,
# ext4 and btrfs are exactly those `modprobe --show-depends` would insert
# (dependencies and softdeps), on every Debian kernel in the cache; the
# default set covers every storage driver and filesystem the issue names,
# and leaves out the drivers no root sits behind.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage closure
scratch

mapfile -t ks < <(kernels)
if [ ${#ks[@]} -eq 0 ]; then
	echo "skip closure: no Debian kernel .deb in $cache/kernels"
	exit 0
fi

for kd in "${ks[@]}"; do
	kver=${kd%% *} dir=${kd#* }
	for mod in virtio_blk ext4 btrfs; do
		img=$tmp/$mod-$kver.img
		if ! "$MKIMAGE" --no-defaults -m "$mod" -b "$dir" -k "$kver" \
			--compress none -o "$img" 2>"$tmp/err"; then
			echo "not ok closure $kver $mod: build failed"
			sed 's/^/#   /' "$tmp/err"
			continue
		fi
		modprobe_files "$dir" "$kver" "$mod" >"$tmp/want"
		image_paths "$img" |
			sed -n "s|^lib/modules/$kver/\(.*\.ko[.a-z]*\)$|\1|p" |
			sort -u >"$tmp/got"
		if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
			echo "ok closure $kver $mod: $(wc -l <"$tmp/got") module files as modprobe"
		else
			echo "not ok closure $kver $mod: differs from modprobe --show-depends"
			diff "$tmp/want" "$tmp/got" | sed 's/^/#   /'
		fi
		# The index names the module to load at boot, and its
		# dependencies (modules.dep) in its record.
		cpio -i --quiet --to-stdout lib/modules/newroot.index \
			<"$img" >"$tmp/index" 2>/dev/null
		check "index $kver $mod: load line" grep -qx "l $mod" "$tmp/index"
		check "index $kver $mod: m record" \
			grep -q "^m $mod lib/modules/$kver/" "$tmp/index"
	done

	# The default set: every storage driver and filesystem, as a file
	# in the image or built into the kernel.
	img=$tmp/default-$kver.img
	if ! "$MKIMAGE" -b "$dir" -k "$kver" --compress none -o "$img" \
		2>"$tmp/err"; then
		echo "not ok default $kver: build failed"
		sed 's/^/#   /' "$tmp/err"
		continue
	fi
	cpio -i --quiet --to-stdout lib/modules/newroot.index <"$img" \
		>"$tmp/index" 2>/dev/null
	missing=
	for m in virtio_pci virtio_blk virtio_scsi ahci ata_piix sd_mod nvme \
		usb_storage uas xhci_pci ehci_pci ext4 xfs btrfs vfat f2fs \
		squashfs erofs; do
		grep -qE "^[mb] ${m}( |$)" "$tmp/index" ||
			grep -qE "/$m\.ko" "$dir/lib/modules/$kver/modules.builtin" ||
			missing="$missing $m"
	done
	check "default $kver: storage and filesystem drivers${missing:+ (missing:$missing)}" \
		test -z "$missing"
	# Left out as no root sits behind them (mkimage/main.c says why):
	# neither in the image nor loaded at boot.
	extra=
	for m in sr_mod cdrom uhci_hcd ohci_pci ohci_hcd overlay; do
		! grep -qE "^[mlb] ${m}( |$)" "$tmp/index" || extra="$extra $m"
	done
	check "default $kver: no optical, USB 1.1 or overlay drivers${extra:+ (present:$extra)}" \
		test -z "$extra"
	# Coldplug aliases, restricted to the modules in the image.
	n_alias=$(grep -c '^a ' "$tmp/index")
	check "default $kver: $n_alias coldplug aliases" test "$n_alias" -gt 100
	stray=$(awk '$1 == "a" { print $3 }' "$tmp/index" | sort -u |
		while read -r m; do grep -q "^m $m " "$tmp/index" || echo "$m"; done)
	check "default $kver: aliases only for modules in the image" test -z "$stray"
	check "default $kver: virtio_blk alias for virtio block devices" \
		grep -q '^a virtio:d00000002v\* virtio_blk$' "$tmp/index"
	# The 6.12 kernel decompresses xz itself: modules stay .ko.xz;
	# --decompress-modules gives plain .ko files.
	if grep -qx 'CONFIG_MODULE_DECOMPRESS=y' "$dir/boot/config-$kver" 2>/dev/null; then
		check "default $kver: modules kept compressed" \
			grep -q '^m ext4 .*\.ko\.xz ' "$tmp/index"
		"$MKIMAGE" -b "$dir" -k "$kver" --compress none --decompress-modules \
			-o "$tmp/dec.img" 2>/dev/null
		n=$(image_paths "$tmp/dec.img" | grep -c '\.ko\.xz$')
		k=$(image_paths "$tmp/dec.img" | grep -c '\.ko$')
		check "default $kver: --decompress-modules leaves no .ko.xz ($k .ko)" \
			test "$n" -eq 0 -a "$k" -gt 20
		mkdir -p "$tmp/x"
		(cd "$tmp/x" && cpio -i --quiet -d 2>/dev/null <"$tmp/dec.img")
		f=$(find "$tmp/x" -name ext4.ko | head -n1)
		check "default $kver: decompressed ext4.ko is an ELF object" \
			test "$(head -c4 "$f" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF'
		rm -rf "$tmp/x"
	else
		check "default $kver: plain .ko modules" \
			grep -q '^m ext4 .*\.ko ' "$tmp/index"
	fi
done
