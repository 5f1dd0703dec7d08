#!/bin/bash
# dracut module "newroot": dracut's image does everything as usual, and
# newroot does the final switch to the real root.
#
# Without the systemd module, dracut's /init (99base/init.sh) ends with
#   exec "$(command -v switch_root)" "$NEWROOT" "$INIT" $initargs
# as PID 1.  This module puts the static newroot binary at /usr/sbin/newroot
# and /usr/sbin/switch_root as a link to it: called by that name, newroot
# takes util-linux switch_root's syntax, moves /dev /proc /sys /run into
# the new root, deletes the initramfs (never crossing into another
# filesystem), switches, writes its report to /run/newroot/report and
# executes the init.  90newroot is installed before 99base, and dracut
# does not install a file twice: base's switch_root is left out.
#
# Use it with   dracut --add newroot   or   add_dracutmodules+=" newroot "
# in /etc/dracut.conf.d/.  With the systemd module, systemd does the switch
# itself (systemctl switch-root) and this module does nothing.
#
# NEWROOT_BIN (environment) names the binary to install; default: the one
# make install put in place (/usr/sbin/newroot), else newroot in dracut's
# PATH.

# Where make install put newroot (its PREFIX); dracut's PATH may lack it.
newroot_default=/usr/sbin/newroot

newroot_binary() {
    if [[ -n ${NEWROOT_BIN-} ]]; then
        echo "$NEWROOT_BIN"
    elif [[ -x $newroot_default ]]; then
        echo "$newroot_default"
    else
        find_binary newroot
    fi
}

# called by dracut: only when asked for (255), and when newroot exists
check() {
    local bin
    bin=$(newroot_binary) && [[ -x $bin ]] || return 1
    return 255
}

# called by dracut
depends() {
    echo base
    return 0
}

# called by dracut
install() {
    local bin
    if dracut_module_included "systemd"; then
        dwarning "newroot: the systemd module switches the root itself;" \
            "newroot is not used (leave out systemd, or newroot)"
        return 0
    fi
    bin=$(newroot_binary)
    if [[ ! -x $bin ]]; then
        derror "newroot: ${bin:-newroot} not found; install newroot or" \
            "set NEWROOT_BIN"
        return 1
    fi
    inst_simple "$bin" /usr/sbin/newroot || return 1
    # Before 99base asks for switch_root: it finds this one in place.
    ln_r /usr/sbin/newroot /usr/sbin/switch_root
    # shellcheck disable=SC2154 # moddir: set by dracut
    inst_hook pre-pivot 99 "$moddir/newroot-check.sh"
}
