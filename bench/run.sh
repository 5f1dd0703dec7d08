#!/usr/bin/env bash
# bench/run.sh - `make bench`: newroot against tiny-initramfs, Debian's
# initramfs-tools and dracut on Debian's 6.1 kernel under QEMU; writes
# BENCHMARKS.md and prints it.
#
#   bench/run.sh             measure, then write BENCHMARKS.md
#   bench/run.sh --report    write it again from build/bench/ only
#
#   NEWROOT_BENCH_RUNS=N         boot rounds (default 5)
#   NEWROOT_BENCH_BUILDS=N       builds timed for newroot-mkimage and
#                                mktirfs (default 5)
#   NEWROOT_BENCH_SLOW_BUILDS=N  builds timed for mkinitramfs and dracut
#                                (default 1: minutes each)
#
# The pieces: bench/build.sh (images and build times), bench/boot.sh (the
# boots, alternated), bench/init (the real init's first line, in the
# kernel log), bench/where.sh (one diagnostic boot: newroot's time, step by
# step).  Everything goes to build/bench/; nothing on the host outside
# build/ and BENCHMARKS.md is written (the peers' builders run in a private
# mount namespace, bench/kns).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 1
# shellcheck source=bench/lib.sh
. bench/lib.sh
runs=${NEWROOT_BENCH_RUNS:-5}
out=$top/build/bench
doc=$top/BENCHMARKS.md

if [ "${1:-}" != --report ]; then
	tests/deps.sh tiny-initramfs-core initramfs-tools dracut-core udev \
		busybox-static klibc-utils time zstd cpio util-linux file || exit 1
	qemu/deps.sh || exit 1
	make -s all variants >/dev/null || exit 1
fi
read -r kver kdir < <(qemu/kernels.sh 6.1) || exit 1
if [ "${1:-}" = --report ]; then
	# Only write BENCHMARKS.md again from what build/bench holds.
	# shellcheck disable=SC1091 # written below by an earlier run
	. "$out/meta"
else
	rm -rf "$out"
	mkdir -p "$out"
	started=$(date -u '+%Y-%m-%d %H:%M UTC')
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	t0=$(date +%s)
	echo "# bench: building the images ($kver)" >&2
	bench/build.sh "$kver" "$kdir" "$out"
	echo "# bench: booting, $runs round(s)" >&2
	bench/boot.sh "$kver" "$kdir" "$out" "$runs"
	echo "# bench: one diagnostic boot (debug initcall_debug)" >&2
	bench/where.sh "$kver" "$kdir" "$out" default-newroot >"$out/where.md"
	load1=$(cut -d' ' -f1-3 /proc/loadavg)
	elapsed=$(($(date +%s) - t0))
	declare -p started load0 load1 elapsed runs >"$out/meta"
fi

# col IMAGE FIELD - "MEDIAN MIN MAX N" of a boots.tsv column (1-based)
# over the boots of IMAGE that went well.
col() {
	awk -F'\t' -v i="$1" -v f="$2" '$1 == i && $3 == "ok" && $f != "-" { print $f }' \
		"$out/boots.tsv" | stats
}
# fmt "MED MIN MAX N" - "MED (MIN–MAX)"
fmt() {
	# shellcheck disable=SC2086 # the four words
	set -- $1
	[ "$4" != 0 ] || { echo "-"; return; }
	[ "$4" != 1 ] || { echo "$1"; return; }
	echo "$1 ($2–$3)"
}
med() { col "$1" "$2" | cut -d' ' -f1; }
# boots IMAGE - "OK/ALL", or why there were none
boots() {
	local all ok
	all=$(awk -F'\t' -v i="$1" '$1 == i' "$out/boots.tsv" | wc -l)
	ok=$(awk -F'\t' -v i="$1" '$1 == i && $3 == "ok"' "$out/boots.tsv" | wc -l)
	if [ "$all" = 0 ]; then echo "no image (build failed, see section 2)"; else echo "$ok/$all"; fi
}
# bt SET TOOL FIELD - a build.tsv field (3 bytes, 4 wall, 5 cpu, 6 runs,
# 7 status, 8 image, 9 command)
bt() {
	awk -F'\t' -v s="$1" -v t="$2" -v f="$3" '$1 == s && $2 == t { print $f }' \
		"$out/build.tsv"
}
# goal TEXT OK - one line of the goals list
goal() {
	if [ "$2" = yes ]; then echo "- met: $1"; else echo "- **not met**: $1"; fi
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "-" && b != "-" && a + 0 <= b + 0) ? "yes" : "no" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "-" && b != "-" && a + 0 >= b + 0) ? "yes" : "no" }'; }

label() {
	case $1 in
	small-newroot) echo "newroot, --no-defaults -m virtio_pci,virtio_blk,ext4" ;;
	small-mktirfs) echo "tiny-initramfs, same modules" ;;
	default-newroot) echo "newroot, default image" ;;
	default-mkinitramfs) echo "initramfs-tools, MODULES=most" ;;
	default-dracut) echo "dracut --no-hostonly" ;;
	padding-newroot) echo "newroot, default image + 128 MiB file" ;;
	esac
}

# The same decision the boots made (qemu/accel.sh, cached per host boot).
read -r accel accel_why < <("$top/qemu/accel.sh") || accel=tcg
accel=${accel^^}
append=$(cat "$out/append")
uuid=${append#root=UUID=}
uuid=${uuid%% *}
strip_size() {
	strip -o "$out/stripped" "$1" 2>/dev/null && stat -c %s "$out/stripped"
}

{
	echo "# newroot benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $started in ${elapsed} s;"
	echo "load average $load0 at the start, $load1 at the end. QEMU ran"
	echo "under **$accel**$([ $accel = TCG ] && echo " (no KVM: every guest figure is several times a real machine's; compare the rows with each other)")."
	echo "Guest kernel: Debian $kver; $runs boot round(s), each alternating"
	echo "ours with the peers' (small-newroot, tiny-initramfs, default-newroot,"
	echo "initramfs-tools, default-newroot, dracut)."
	echo
	echo "## 1. Boot to the real init"
	echo
	echo "virtio-blk disk, MBR, ext4; kernel command line \`console=ttyS0 $append\`;"
	echo "512 MiB guest. Milliseconds of kernel uptime, median (min–max):"
	echo "printk timestamps: *real init* is that of the real init's first line"
	echo "(bench/init writes it to /dev/kmsg); *Run /init* that of the kernel's"
	echo "\`Run /init as init process\`; *inside* the time between the two;"
	echo "*unpack* from \`Trying to unpack rootfs image\` to \`Freeing initrd memory\`."
	echo
	echo "| image | bytes | boots ok | real init | Run /init | inside initramfs | unpack | real init, ours/peer | inside, ours/peer |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	for i in small-newroot small-mktirfs default-newroot default-mkinitramfs default-dracut; do
		case $i in
		small-mktirfs) ours=small-newroot ;;
		default-mkinitramfs | default-dracut) ours=default-newroot ;;
		*) ours= ;;
		esac
		r1=- r2=-
		if [ -n "$ours" ]; then
			r1=$(ratio "$(med $ours 4)" "$(med "$i" 4)")
			r2=$(ratio "$(med $ours 6)" "$(med "$i" 6)")
		fi
		echo "| $(label $i) | $(stat -c %s "$out/img/$i.img" 2>/dev/null || echo -) | $(boots $i) | $(fmt "$(col $i 4)") | $(fmt "$(col $i 5)") | $(fmt "$(col $i 6)") | $(fmt "$(col $i 7)") | $r1 | $r2 |"
	done
	echo
	echo "newroot's own stages (its boot report), milliseconds, median (min–max):"
	echo
	echo "| image | top | modules | premount | mount | bottom | total |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	for i in small-newroot default-newroot; do
		echo "| $(label $i) | $(fmt "$(col $i 9)") | $(fmt "$(col $i 10)") | $(fmt "$(col $i 11)") | $(fmt "$(col $i 12)") | $(fmt "$(col $i 13)") | $(fmt "$(col $i 14)") |"
	done
	echo
	echo "Where newroot's time inside the initramfs goes, default image, from one"
	echo "more boot with \`debug initcall_debug printk.devkmsg=on\` (bench/where.sh;"
	echo "the extra messages slow it a little):"
	echo
	cat "$out/where.md" 2>/dev/null || echo "(not measured)"
	failed=$(awk -F'\t' '$3 == "failed" { print $1 "." $2 }' "$out/boots.tsv")
	if [ -n "$failed" ]; then
		echo
		echo "### Failed boots"
		for f in $failed; do
			echo
			echo "$f (console tail, build/bench/logs/$f.log):"
			echo
			echo '```'
			tr -d '\r' <"$out/logs/$f.log" | tail -n 30
			echo '```'
		done
	fi

	echo
	echo "## 2. Image size and build time"
	echo
	echo "Bytes of the image file as built (each tool's own compression);"
	echo "seconds, median of the runs, wall and CPU (user + system, children"
	echo "included: the steadier figure on a shared machine)."
	echo
	echo "| set | tool | compression | bytes | wall s | CPU s | builds | ours/peer, bytes | peer/ours, wall | peer/ours, CPU |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	while IFS=$'\t' read -r set tool bytes wall cpu n st img _; do
		comp=-
		[ ! -s "$img" ] || comp=$(file -b "$img" | sed 's/ compressed data.*//; s/,.*//; s/ archive.*//')
		r1=- r2=- r3=-
		if [ "$tool" != newroot-mkimage ]; then
			r1=$(ratio "$(bt "$set" newroot-mkimage 3)" "$bytes")
			r2=$(ratio "$wall" "$(bt "$set" newroot-mkimage 4)")
			r3=$(ratio "$cpu" "$(bt "$set" newroot-mkimage 5)")
		fi
		[ "$st" = ok ] || tool="$tool (**failed**: build/bench/$set-$tool.build-failed.log)"
		echo "| $set | $tool | $comp | $bytes | $wall | $cpu | $n | $r1 | $r2 | $r3 |"
	done <"$out/build.tsv"
	for f in "$out"/*.build-failed.log; do
		[ -f "$f" ] || continue
		echo
		echo "$(basename "$f" .build-failed.log) failed to build; the end of its output:"
		echo
		echo '```'
		tail -n 30 "$f"
		echo '```'
	done

	echo
	echo "## 3. Binary size, stripped"
	echo
	echo "| binary | bytes |"
	echo "| --- | --- |"
	for l in klibc musl glibc; do
		echo "| newroot, $l (build/$l/newroot) | $(strip_size "build/$l/newroot") |"
	done
	tir=/usr/lib/x86_64-linux-gnu/tiny-initramfs/init-static
	kinit=/usr/lib/klibc/bin/kinit
	klibso=$(printf '%s\n' /usr/lib/klibc-*.so | head -n 1)
	echo "| tiny-initramfs init-static ($tir) | $(strip_size $tir) |"
	echo "| klibc kinit ($kinit; needs $(basename "${klibso:-klibc.so}"), $(stat -c %s "$klibso" 2>/dev/null) bytes) | $(strip_size $kinit) |"
	echo "| busybox ($(readlink -f /bin/busybox), static) | $(strip_size /bin/busybox) |"

	echo
	echo "## 4. Memory"
	echo
	echo "newroot's peak resident memory (\`peak_rss_kb\` of its boot report,"
	echo "getrusage at the handover), KiB: small image $(fmt "$(col small-newroot 15)"),"
	echo "default image $(fmt "$(col default-newroot 15)")."
	echo
	ma=$(med default-newroot 8)
	mp=$(med padding-newroot 8)
	echo "MemAvailable seen by the real init (after the test init dropped the"
	echo "caches), KiB: default image $(fmt "$(col default-newroot 8)"); the"
	echo "same image carrying a 128 MiB (131072 KiB) file $(fmt "$(col padding-newroot 8)")."
	if [ "$ma" != - ] && [ "$mp" != - ]; then
		echo "Difference of the medians: $((ma - mp)) KiB of the 131072: the"
		echo "initramfs memory $([ $((ma - mp)) -lt 32768 ] && echo "was" || echo "was **not**") given back at the switch."
	fi
	echo "Peers, MemAvailable at the real init, KiB: tiny-initramfs $(fmt "$(col small-mktirfs 8)"),"
	echo "initramfs-tools $(fmt "$(col default-mkinitramfs 8)"), dracut $(fmt "$(col default-dracut 8)")."

	echo
	echo "## Goals"
	echo
	goal "uptime at the real init no higher than tiny-initramfs's with the same modules: ratio $(ratio "$(med small-newroot 4)" "$(med small-mktirfs 4)") (≤ 1; the time inside the initramfs alone, less noisy: $(ratio "$(med small-newroot 6)" "$(med small-mktirfs 6)"))" \
		"$(le "$(ratio "$(med small-newroot 4)" "$(med small-mktirfs 4)")" 1)"
	goal "uptime at the real init at most 0.35 of initramfs-tools' (default images): $(ratio "$(med default-newroot 4)" "$(med default-mkinitramfs 4)")" \
		"$(le "$(ratio "$(med default-newroot 4)" "$(med default-mkinitramfs 4)")" 0.35)"
	goal "time inside the initramfs at most 0.10 of initramfs-tools': $(ratio "$(med default-newroot 6)" "$(med default-mkinitramfs 6)")" \
		"$(le "$(ratio "$(med default-newroot 6)" "$(med default-mkinitramfs 6)")" 0.10)"
	for s in small default; do
		r=$(ratio "$(bt $s mktirfs 4)" "$(bt $s newroot-mkimage 4)")
		goal "image build at least 10 times faster than mktirfs ($s set): ${r}x wall, $(ratio "$(bt $s mktirfs 5)" "$(bt $s newroot-mkimage 5)")x CPU" \
			"$(ge "$r" 10)"
	done
	r=$(ratio "$(bt default mkinitramfs 4)" "$(bt default newroot-mkimage 4)")
	goal "image build at least 100 times faster than mkinitramfs: ${r}x wall, $(ratio "$(bt default mkinitramfs 5)" "$(bt default newroot-mkimage 5)")x CPU" \
		"$(ge "$r" 100)"
	goal "image no larger than mktirfs's for the same modules: $(bt small newroot-mkimage 3) vs $(bt small mktirfs 3) bytes" \
		"$(le "$(bt small newroot-mkimage 3)" "$(bt small mktirfs 3)")"
	goal "default image at most 4 MiB (4194304 bytes): $(bt default newroot-mkimage 3) bytes" \
		"$(le "$(bt default newroot-mkimage 3)" 4194304)"
	k=$(strip_size build/klibc/newroot)
	goal "klibc binary at most 48 KiB (49152 bytes): $k bytes" "$(le "$k" 49152)"

	echo
	echo "## 5. Machine and commands"
	echo
	echo "- machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/^MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo); host kernel $(uname -r); $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)"
	echo "- QEMU: $(qemu-system-x86_64 --version | head -n 1), $accel ($accel_why)"
	echo "- guest kernel: Debian linux-image-$kver ($kdir/boot/vmlinuz-$kver)"
	echo "- peers: tiny-initramfs-core $(dpkg-query -W -f='${Version}' tiny-initramfs-core), initramfs-tools $(dpkg-query -W -f='${Version}' initramfs-tools), dracut-core $(dpkg-query -W -f='${Version}' dracut-core), udev $(dpkg-query -W -f='${Version}' udev), busybox-static $(dpkg-query -W -f='${Version}' busybox-static)"
	echo
	echo "Every row: \`make bench\` (NEWROOT_BENCH_RUNS=$runs NEWROOT_BENCH_BUILDS=${NEWROOT_BENCH_BUILDS:-5} NEWROOT_BENCH_SLOW_BUILDS=${NEWROOT_BENCH_SLOW_BUILDS:-1}). One row alone:"
	echo
	echo "- the disk: \`qemu/mkroot.sh ROOT --add \$PWD/bench/init:/sbin/bench-init && qemu/mkdisk.sh -o disk.img -t ext4 -p mbr -U $uuid -d ROOT\`"
	echo "- a boot row: \`qemu/boot.sh -k $kdir/boot/vmlinuz-$kver -i IMAGE -m 512 -d virtio:disk.img -a '$append' -e 'NEWROOT-BENCH realinit'\`"
	echo "- an image row (bench/kns: a private mount namespace where /lib/modules/$kver and /boot are the unpacked kernel's; the confdir holds Debian's default initramfs.conf):"
	echo
	while IFS=$'\t' read -r set tool _ _ _ _ _ _ cmd; do
		echo "  - $set $tool: \`${cmd//$out/build/bench}\`"
	done <"$out/build.tsv"
	echo
	echo "- binaries: \`make variants && strip -o OUT build/LIBC/newroot\`"
	# the fuzzing section is tests/fuzz/record.sh's: keep it
	if grep -q '^## 6\. Fuzzing' "$doc" 2>/dev/null; then
		echo
		sed -n '/^## 6\. Fuzzing/,$p' "$doc"
	fi
} >"$doc.tmp"
mv "$doc.tmp" "$doc"
cat "$doc"
