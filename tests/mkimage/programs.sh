#!/usr/bin/env bash
# tests/mkimage/programs.sh - --add-program PATH: the program, its ELF
# interpreter (PT_INTERP, as readelf names it) and its DT_NEEDED
# libraries are in the image, and the program runs there (chroot, as
# root); klibc's ipconfig (klibc-utils) and a glibc program; refusals.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/mkimage/lib/common.sh
need_mkimage programs
scratch
fake_tree "$tmp/tree" 1.0-test || exit 1
build() { "$MKIMAGE" --no-defaults -b "$tmp/tree" -k 1.0-test --compress none "$@"; }

# interp FILE: its PT_INTERP as readelf prints it
interp() { readelf -l "$1" | sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p'; }

run_in() { # DIR PROG...: run PROG in DIR as its root
	[ "$(id -u)" = 0 ] || return 2
	chroot "$@"
}

for prog in /usr/lib/klibc/bin/ipconfig /usr/bin/true; do
	if [ ! -x "$prog" ]; then
		echo "skip programs $prog: not installed (klibc-utils, coreutils)"
		continue
	fi
	img=$tmp/${prog##*/}.img
	if ! build -o "$img" --add-program "$prog" 2>"$tmp/err"; then
		echo "not ok programs $prog: build failed"
		sed 's/^/#   /' "$tmp/err"
		continue
	fi
	image_paths "$img" >"$tmp/paths"
	check "programs $prog: the program at its path" grep -qx "${prog#/}" "$tmp/paths"
	ip=$(interp "$prog")
	check "programs $prog: its interpreter $ip" grep -qx "${ip#/}" "$tmp/paths"
	for lib in $(readelf -d "$prog" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		check "programs $prog: needs $lib, which is there" \
			grep -q "/$lib\$" "$tmp/paths"
	done
	rm -rf "$tmp/root"
	mkdir -p "$tmp/root"
	(cd "$tmp/root" && cpio -id --quiet <"$img")
	out=$(run_in "$tmp/root" "$prog" 2>&1)
	rc=$?
	case $prog:$rc in
	*:2) [ "$(id -u)" = 0 ] || { echo "skip programs $prog runs: not root (chroot)"; continue; } ;;
	esac
	case $prog in
	# With no argument ipconfig says so: it ran.
	*/ipconfig) check "programs $prog runs in the image" \
		grep -q "no devices to configure" <<<"$out" ;;
	*) check "programs $prog runs in the image" test "$rc" -eq 0 ;;
	esac
done

refuse "programs relative path" "give the absolute path" \
	--no-defaults -b "$tmp/tree" -k 1.0-test --add-program usr/bin/true
printf 'not a program\n' >"$tmp/text"
refuse "programs not ELF" "$tmp/text: not an ELF file" \
	--no-defaults -b "$tmp/tree" -k 1.0-test --add-program "$tmp/text"
refuse "programs missing" "$tmp/none: No such file" \
	--no-defaults -b "$tmp/tree" -k 1.0-test --add-program "$tmp/none"
