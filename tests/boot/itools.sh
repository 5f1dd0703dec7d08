# tests/boot/itools.sh - sourced by the itools-*.scenario files (from
# qemu/run-scenarios.sh): IMAGE=itools is Debian's own mkinitramfs image
# (MODULES=most, as Debian installs it) with newroot's hook and
# NEWROOT_INIT=y; IMAGE=stock is the same without newroot.
#
# ITOOLS_EXPECT: what every itools boot shows: newroot is /init (its
# lines, and none of initramfs-tools' "Begin: ..." ones), and the real
# init finds /run/initramfs with newroot's report in it.
ITOOLS_EXPECT=('^NEWROOT-TEST run-initramfs=yes newroot.report=same$'
	'^NEWROOT-TEST report method=move$')
ITOOLS_REJECT=('^Begin: ' 'newroot: .*exited with status')
case ${KERNEL:-} in 7) ITOOLS_EXPECT[1]='^NEWROOT-TEST report method=pivot$' ;; esac

# stock_boots REGEX...: for check(): boot the scenario's disks again with
# the stock image (initramfs-tools' /init, udev, klibc's run-init) and
# require its good boot and each REGEX on the console.
stock_boots() {
	local log=$work/stock.log re rc=0
	if ! boot_image stock "$log"; then
		echo "# the stock image did not boot these disks ($log)"
		return 1
	fi
	for re in '^Begin: Running /scripts/init-bottom' \
		'^NEWROOT-TEST pid=1$' '^NEWROOT-TEST marker=newroot-test-root$' \
		'^NEWROOT-TEST initramfs-visible=no$' "$@"; do
		tr -d '\r' <"$log" | grep -Eaq -- "$re" ||
			{ echo "# stock image: no console line matches '$re' ($log)"; rc=1; }
	done
	return $rc
}

# MODULES=most images unpack to 140-190 MiB of tmpfs (the modules
# decompressed): more than the other scenarios' 384 MiB leaves room for.
MEM=512
