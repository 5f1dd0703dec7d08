# tests/boot/usr-roots.sh - sourced by the usr-*.scenario files (from
# qemu/run-scenarios.sh, with $B and $here set): the test roots whose
# /etc/fstab has a /usr line, built once per change of qemu/mkroot.sh.
#
#   usr_root NAME LINE   $B/roots/NAME (with /usr empty) and
#                        $B/roots/NAME.usr (the /usr filesystem's tree)
usr_root() {
	local d=$B/roots/$1
	[ "$d.stamp" -nt "$here/mkroot.sh" ] && [ -d "$d.usr" ] && return 0
	mkdir -p "$B/roots"
	"$here/mkroot.sh" "$d" --usr-fstab "$2" >/dev/null && touch "$d.stamp"
}
