# shellcheck shell=bash
# bench/lib.sh - what the make bench scripts share (sourced, not run).

# kns KDIR KVER CMD... - run CMD where /lib/modules/KVER and /boot are the
# unpacked Debian kernel's (qemu/kernels.sh), in a private mount namespace:
# the peers' builders (mktirfs, mkinitramfs, dracut) read those paths and
# have no base directory option that covers everything they read, and the
# host's /lib/modules and /boot must stay untouched.
kns() {
	local kdir=$1 kver=$2
	shift 2
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare -m -- bash -c 'set -e
		mount --make-rprivate /
		mount -t tmpfs newroot-bench /lib/modules
		mkdir "/lib/modules/$2"
		mount --bind "$1/lib/modules/$2" "/lib/modules/$2"
		mount --bind "$1/boot" /boot
		shift 2
		exec "$@"' kns "$kdir" "$kver" "$@"
}

# stats <NUMBERS - "MEDIAN MIN MAX N" of the numbers on stdin, one a line
# ("- - - 0" for none).  The median of an even count is the lower middle.
stats() {
	sort -n | awk '{ v[NR] = $1 }
		END { if (!NR) { print "- - - 0"; exit }
		      print v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}

# ratio A B - A / B with two decimals, "-" when either is missing or B is 0.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0)
			print "-"
		else
			printf "%.2f\n", a / b }'
}
