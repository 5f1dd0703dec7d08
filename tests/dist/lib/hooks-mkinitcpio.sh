# shellcheck shell=bash
# tests/dist/lib/hooks-mkinitcpio.sh - what mkinitcpio does around an
# install hook, for a build check where mkinitcpio is not available (it is
# not packaged for Debian).  Written after mkinitcpio's own "functions"
# (initialize_buildroot, add_dir, add_file, add_symlink, add_binary,
# run_build_hook) and its base hook's busybox applet links; keep in step
# with it.  The real mkinitcpio is not run: the hook's build() is.

# The buildroot layout mkinitcpio starts from (merged /usr, /usr/sbin ->
# bin).
mkinitcpio_buildroot() { # DIR
	BUILDROOT=$1
	install -dm755 "$BUILDROOT"/{new_root,proc,sys,dev,run,tmp,var,etc} \
		"$BUILDROOT"/usr/{local/bin,local/sbin,lib,bin}
	ln -s usr/lib "$BUILDROOT/lib"
	ln -s bin "$BUILDROOT/usr/sbin"
	ln -s usr/bin "$BUILDROOT/bin"
	ln -s usr/bin "$BUILDROOT/sbin"
}

add_dir() {
	[[ -d ${BUILDROOT}$1 ]] && return 0
	mkdir -p "${BUILDROOT}$1" && chmod "${2:-755}" "${BUILDROOT}$1"
}

# An existing destination is left as it is, as mkinitcpio's does.
add_file() {
	local src=$1 dest=${2:-$1}
	[[ -e ${BUILDROOT}$dest || -L ${BUILDROOT}$dest ]] && return 0
	add_dir "${dest%/*}"
	cp -a "$src" "${BUILDROOT}$dest"
}

add_symlink() {
	local name=$1 target=${2:-$1}
	add_dir "${name%/*}"
	ln -sfn "$target" "${BUILDROOT}$name"
}

add_binary() {
	local binary=$1
	[[ $binary == /* ]] || binary=$(type -P "$binary") || return 1
	add_file "$binary" "${2:-$binary}"
	# A static binary has no libraries; ldd says so and fails.
	ldd "$binary" >/dev/null 2>&1 && return 1
	return 0
}

warning() {
	echo "==> WARNING: $*" >&2
}

# The base hook: busybox, and every applet (switch_root among them) as a
# link to it.
mkinitcpio_base() {
	add_binary /bin/busybox /usr/bin/busybox
	local applet
	for applet in $(/bin/busybox --list); do
		add_symlink "/usr/bin/$applet" busybox
	done
}

# run_build_hook FILE: source the hook and run its build(), as mkinitcpio.
run_build_hook() {
	unset -f build
	# shellcheck disable=SC1090
	. "$1" || return 1
	declare -f build >/dev/null || return 1
	build
}
