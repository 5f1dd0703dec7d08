#!/usr/bin/env bash
# bench/boot.sh - part of make bench: boot the images bench/build.sh made,
# in rounds that alternate ours with the peers', and record each boot.
#
#   bench/boot.sh KVER KDIR OUT RUNS
#
# The disk: virtio-blk, MBR, ext4 holding the test root (qemu/mkroot.sh)
# with bench/init as /sbin/bench-init; the command line:
#   root=UUID=... ro loglevel=7 init=/sbin/bench-init panic=1
# One round boots, in this order:
#   small-newroot small-mktirfs default-newroot default-mkinitramfs
#   default-newroot default-dracut [padding-newroot]
# (padding-newroot in the first three rounds only: it is for MemAvailable).
# An image that failed to build is not booted (build.tsv says so).
#
# Writes OUT/boots.tsv, one line per boot:
#   IMAGE RUN STATUS REAL_MS INIT_MS INSIDE_MS UNPACK_MS MEMAVAIL_KB
#   TOP MODULES PREMOUNT MOUNT BOTTOM TOTAL PEAK_RSS_KB
# REAL_MS is the printk timestamp of the real init's first line (bench/init
# writes it to /dev/kmsg); INIT_MS that of "Run /init as init process"; INSIDE_MS their difference;
# UNPACK_MS from "Trying to unpack rootfs image" to "Freeing initrd
# memory"; the stage columns come from newroot's boot report ("-" for the
# peers).  A failed boot has STATUS failed, and its console tail is kept as
# OUT/logs/IMAGE.RUN.log and shown on stderr.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 1
kver=$1 kdir=$2 out=$3 runs=$4
mkdir -p "$out/logs"
: >"$out/boots.tsv"

qemu/mkroot.sh "$out/root" --add "$here/init:/sbin/bench-init" >/dev/null
uuid=5e7ec0de-0b0a-4d1e-9e2b-6e0001b0071d
qemu/mkdisk.sh -o "$out/disk.img" -t ext4 -p mbr -U "$uuid" \
	-d "$out/root" >/dev/null
append="root=UUID=$uuid ro loglevel=7 init=/sbin/bench-init panic=1"
echo "$append" >"$out/append"

# parse LOG - the measured columns of one console log.
parse() {
	tr -d '\r' <"$1" | awk '
	function ts(l) { sub(/^\[ */, "", l); sub(/\].*/, "", l); return l * 1000 }
	/^\[ *[0-9.]+\] .*Trying to unpack rootfs image/ { unp0 = ts($0) }
	/^\[ *[0-9.]+\] .*Freeing initrd memory/ { unp1 = ts($0) }
	/^\[ *[0-9.]+\] .*Run \/init as init process/ { init = ts($0) }
	/^\[ *[0-9.]+\] NEWROOT-BENCH realinit/ { real = ts($0) }
	/^NEWROOT-TEST memavailable=/ { split($2, a, "="); mem = a[2] }
	/^NEWROOT-TEST report / { split($3, a, "="); r[a[1]] = a[2] }
	function v(x) { return x == "" ? "-" : x }
	END {
		printf "%d\t%d\t%d\t%s\t%s", real, init, real - init,
			(unp0 != "" && unp1 != "") ? sprintf("%d", unp1 - unp0) : "-", v(mem)
		n = split("top_ms modules_ms premount_ms mount_ms bottom_ms total_ms peak_rss_kb", k, " ")
		for (i = 1; i <= n; i++) printf "\t%s", v(r[k[i]])
		printf "\n"
	}'
}

# boot IMAGE RUN - one boot, one line in boots.tsv.
boot() {
	local name=$1 run=$2 img=$out/img/$1.img log=$out/logs/$1.$2.log t=120
	[ -s "$img" ] || return 0
	case $name in *-newroot) ;; *) t=400 ;; esac
	if qemu/boot.sh -n "bench-$name" -k "$kdir/boot/vmlinuz-$kver" \
		-i "$img" -m 512 -t "$t" -d "virtio:$out/disk.img" -a "$append" \
		-l "$log" -e 'NEWROOT-BENCH realinit' -e '^NEWROOT-TEST end' \
		2>"$log.err"; then
		printf '%s\t%s\tok\t%s\n' "$name" "$run" "$(parse "$log")" \
			>>"$out/boots.tsv"
		rm -f "$log.err"
		echo "# bench: $name run $run: real init at $(parse "$log" | cut -f1) ms" >&2
	else
		printf '%s\t%s\tfailed\n' "$name" "$run" >>"$out/boots.tsv"
		{
			echo "# bench: $name run $run FAILED ($(tail -n 1 "$log.err"))"
			tr -d '\r' <"$log" | tail -n 30 | sed 's/^/#   /'
		} >&2
	fi
}

for r in $(seq "$runs"); do
	boot small-newroot "$r"
	boot small-mktirfs "$r"
	boot default-newroot "$r"
	boot default-mkinitramfs "$r"
	boot default-newroot "${r}b"
	boot default-dracut "$r"
	[ "$r" -gt 3 ] || boot padding-newroot "$r"
done
