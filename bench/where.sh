#!/usr/bin/env bash
# bench/where.sh - part of make bench: where newroot's time inside the
# initramfs goes, from one more boot of an image with newroot's debug
# messages and the kernel's initcall_debug (printk.devkmsg=on, or the
# kernel drops newroot's messages past ten in five seconds).
#
#   bench/where.sh KVER KDIR OUT IMAGE
#
# Uses OUT/disk.img and OUT/append from bench/boot.sh and OUT/img/IMAGE.img;
# prints a Markdown table of the steps between the kernel's "Run /init"
# and the real init's first line, with the printk timestamps: the start,
# each module newroot loaded (the time since the step before: reading,
# relocating and checking the module is the kernel's, its init function
# is shown apart), the root mounted, and the real init.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
cd "$top" || exit 1
kver=$1 kdir=$2 out=$3 name=$4
log=$out/logs/$name.where.log
if ! qemu/boot.sh -n "bench-where-$name" -k "$kdir/boot/vmlinuz-$kver" \
	-i "$out/img/$name.img" -m 512 -t 200 -d "virtio:$out/disk.img" \
	-a "$(cat "$out/append") debug initcall_debug printk.devkmsg=on" \
	-l "$log" -e 'NEWROOT-BENCH realinit' 2>"$log.err"; then
	echo "The diagnostic boot failed ($(tail -n 1 "$log.err")); its log is build/bench/logs/$name.where.log."
	exit 0
fi
echo "| step | ends at, ms uptime | ms | of which the module's init function, ms |"
echo "| --- | --- | --- | --- |"
tr -d '\r' <"$log" | awk '
function ts(l) { sub(/^\[ */, "", l); sub(/\].*/, "", l); return l * 1000 }
function row(what, t, init) {
	printf "| %s | %d | %d | %s |\n", what, t, t - last, init
	last = t
}
/^\[ *[0-9.]+\] .*Run \/init as init process/ { last = ts($0); printf "| kernel: Run /init | %d | - | - |\n", last; started = 1; next }
!started { next }
/^\[ *[0-9.]+\] .*initcall .* returned .* after [0-9]+ usecs/ {
	for (i = 1; i <= NF; i++) if ($i == "after") us = $(i + 1)
	init += us / 1000
	next
}
/^\[ *[0-9.]+\] newroot: command line:/ && !first { row("newroot started (exec, top stage)", ts($0), "-"); first = 1; next }
/^\[ *[0-9.]+\] newroot: loaded module / {
	n = split($0, w, " ")
	for (i = 1; i <= n; i++) if (w[i] == "module") m = w[i + 1]
	row("module " m, ts($0), sprintf("%.1f", init)); init = 0; next
}
/^\[ *[0-9.]+\] newroot: modules: / { row("modules stage done (coldplug walk, uevents)", ts($0), "-"); next }
/^\[ *[0-9.]+\] newroot: mounted / { row("root found, probed and mounted", ts($0), "-"); next }
/^\[ *[0-9.]+\] newroot: boot report/ { row("switch root, report written", ts($0), "-"); next }
/^\[ *[0-9.]+\] NEWROOT-BENCH realinit/ { row("real init first line", ts($0), "-"); exit }
'
