#!/usr/bin/env bash
# bench/run.sh - `make bench`: how long newroot's part of a boot takes, on
# both Debian kernels, in QEMU (TCG without KVM: the absolute figures are
# slow; compare them with each other).
#
#   bench/run.sh [-n RUNS]      (default 3 boots per kernel, NEWROOT_BENCH_RUNS)
#
# Each boot is the pivot_root(8) case (IDE disk, MBR, ext4, root=/dev/sda1)
# with newroot-mkimage's default image.  Printed per kernel: the image size,
# and the median of each stage's milliseconds from newroot's boot report
# (top modules premount mount bottom total), plus the kernel's clock when
# /init started and when the real init printed its first line.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top"
runs=${NEWROOT_BENCH_RUNS:-3}
[ "${1:-}" != -n ] || runs=$2
out=$top/build/bench
mkdir -p "$out"

qemu/deps.sh
[ -x build/newroot ] && [ -x build/newroot-mkimage ] || {
	echo "bench: run make all first" >&2
	exit 1
}
qemu/mkroot.sh "$out/root"
qemu/mkdisk.sh -o "$out/disk.img" -t ext4 -p mbr -d "$out/root"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }

printf '%-22s %9s %5s %7s %8s %5s %6s %6s %8s %9s\n' kernel image top \
	modules premount mount bottom total "/init@" "realinit@"
for s in 6.1 6.12; do
	read -r kver kdir < <(qemu/kernels.sh "$s")
	img=$out/$kver.img
	build/newroot-mkimage -k "$kver" -b "$kdir" -o "$img" >/dev/null 2>&1
	: >"$out/$kver.samples"
	: >"$out/$kver.real"
	for i in $(seq "$runs"); do
		log=$out/$kver.$i.log
		qemu/boot.sh -n "bench-$s" -k "$kdir/boot/vmlinuz-$kver" -i "$img" \
			-d "ide:$out/disk.img" -a "root=/dev/sda1 ro" -l "$log" \
			-e '^NEWROOT-TEST end' -e 'newroot: boot report' 2>/dev/null || {
			echo "bench: boot $i on $kver failed (build/boot-logs/bench-$s.log)" >&2
			continue
		}
		tr -d '\r' <"$log" | awk '
			/Run \/init as init process/ { t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t); init = t * 1000 }
			/newroot: boot report:/ { for (i = 1; i <= NF; i++) if ($i ~ /_ms=/) { split($i, kv, "="); r[kv[1]] = kv[2] } }
			END { printf "%s %s %s %s %s %s %d\n", r["top_ms"], r["modules_ms"], r["premount_ms"], r["mount_ms"], r["bottom_ms"], r["total_ms"], init }
		' >>"$out/$kver.samples"
		# The real init's first line has no kernel timestamp: use the
		# timestamp of the kernel line just before it.
		tr -d '\r' <"$log" | awk '
			/^\[ *[0-9.]+\]/ { t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t) }
			/^NEWROOT-TEST begin/ { printf "%d\n", t * 1000; exit }
		' >>"$out/$kver.real"
	done
	[ -s "$out/$kver.samples" ] || continue
	cols=()
	for c in 1 2 3 4 5 6 7; do
		cols+=("$(awk -v c="$c" '{ print $c }' "$out/$kver.samples" | median)")
	done
	real=$(median <"$out/$kver.real")
	printf '%-22s %9d %5s %7s %8s %5s %6s %6s %8s %9s\n' "$kver" \
		"$(stat -c %s "$img")" "${cols[@]:0:6}" "${cols[6]}ms" "${real}ms"
	rm -f "$out/$kver.real"
done
echo "# medians of $runs boot(s) per kernel, milliseconds; QEMU $(
	[ -e /dev/kvm ] && echo KVM || echo TCG), logs in build/bench/"

# The image builder next to a peer, in the same run.
echo
bench/mkimage-vs-mktirfs.sh "${NEWROOT_BENCH_MKIMAGE_RUNS:-5}"
