#!/usr/bin/env bash
# qemu/mkroot.sh - build the test root filesystem tree in DIR:
#
#   qemu/mkroot.sh DIR [--no-symlinks] [--no-init] [--add SRC:DST]...
#                  [--usr-fstab LINE]
#
# The tree holds busybox-static as /bin/busybox with /bin/sh, and the test
# init /sbin/init (also reachable as /sbin/test-init).  Busybox's shell runs
# its applets directly once /proc is mounted; the applet links are there
# too, except with --no-symlinks (vfat).
#
# The test init prints machine-readable lines on the console:
#
#   NEWROOT-TEST begin
#   NEWROOT-TEST pid=1
#   NEWROOT-TEST argv0=/sbin/init
#   NEWROOT-TEST argc=N            then arg1=[...] ... argN=[...]
#   NEWROOT-TEST console=/dev/console   (where fd 0 points)
#   NEWROOT-TEST marker=newroot-test-root   (the root is this tree)
#   NEWROOT-TEST mount ...         one per line of /proc/self/mountinfo
#   NEWROOT-TEST rootfs=TYPE root-opts=ro|rw
#   NEWROOT-TEST initramfs-visible=yes|no  (why=...)
#   NEWROOT-TEST memavailable=KB memfree=KB
#   NEWROOT-TEST rw=yes|no         (could a file be created in /)
#   NEWROOT-TEST usr-marker=newroot-test-usr|missing
#                                  (/usr/share/newroot-test-usr: /usr
#                                  holds the test tree's /usr)
#   NEWROOT-TEST usr-rw=yes|no     (could a file be created in /usr)
#   NEWROOT-TEST report KEY=VALUE  one per line of /run/newroot/report
#   NEWROOT-TEST run-initramfs=yes|no newroot.report=same|missing|differs
#                                  (/run/initramfs is a directory; its
#                                  newroot.report reads as the report)
#   NEWROOT-TEST fsck.log=yes|no fsck-root=yes|no fsck-usr=yes|no
#                                  (/run/initramfs/fsck.log and the stamps
#                                  initramfs-tools leaves for systemd-fsck)
#   NEWROOT-TEST fsck.log: LINE    one per line of /run/initramfs/fsck.log
#   NEWROOT-TEST net net-DEV.conf KEY=VALUE ...  one per /run/net-*.conf
#                                  (ip=: what klibc's ipconfig wrote)
#   NEWROOT-TEST end
#
# then powers off (poweroff -f).  With nrtest=shell on the kernel command
# line it starts an interactive shell on the console first and powers off
# when the shell exits.
#   --no-symlinks   /bin/sh is a copy (for vfat)
#   --no-init       no /sbin/init, /bin/init or /etc/init: only /bin/sh
#                   (the "init missing" and fallback cases)
#   --usr-fstab LINE  a separate /usr: LINE is the /usr line of the tree's
#                   /etc/fstab, DIR/usr is left empty (the mount point)
#                   and its content goes to DIR.usr, to make the /usr
#                   filesystem from (the test init needs only /bin)
set -eu
dir= symlinks=1 init=1 adds=() usrline=
while [ $# -gt 0 ]; do
	case $1 in
	--no-symlinks) symlinks= ;;
	--no-init) init= ;;
	--add) adds+=("$2"); shift ;;
	--usr-fstab) usrline=$2; shift ;;
	-*) echo "qemu/mkroot.sh: unknown option $1" >&2; exit 1 ;;
	*) dir=$1 ;;
	esac
	shift
done
[ -n "$dir" ] || { echo "usage: qemu/mkroot.sh DIR [--no-symlinks] [--no-init]" >&2; exit 1; }
bb=/bin/busybox
[ -x "$bb" ] || { echo "qemu/mkroot.sh: busybox-static is not installed (qemu/deps.sh)" >&2; exit 1; }

rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
mkdir -p bin sbin etc dev proc sys run tmp mnt root usr/bin usr/sbin
chmod 1777 tmp
cp "$bb" bin/busybox
if [ -n "$symlinks" ]; then
	# Every applet as a link, so the shell finds them even before /proc
	# is there (busybox's shell runs applets through /proc/self/exe).
	for a in $("$bb" --list); do
		[ -e "bin/$a" ] || ln -s busybox "bin/$a"
	done
else
	cp "$bb" bin/sh
fi
# No init at all: not busybox's either (the kernel's list is /sbin/init,
# /etc/init, /bin/init, /bin/sh: /bin/sh is what remains).
[ -n "$init" ] || rm -f bin/init bin/linuxrc
echo newroot-test-root >etc/newroot-test-root
mkdir -p usr/share
echo newroot-test-usr >usr/share/newroot-test-usr
echo "root:x:0:0:root:/root:/bin/sh" >etc/passwd
echo "root:x:0:" >etc/group

[ -n "$init" ] && cat >sbin/init <<'INIT'
#!/bin/sh
# The newroot test init: say what this process sees, then power off.
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
t() { echo "NEWROOT-TEST $*"; }
t begin
mounted_proc=no
if [ ! -r /proc/self/mountinfo ]; then
	/bin/busybox mount -t proc proc /proc && mounted_proc=yes
fi
t pid=$$
t argv0=$0
t argc=$#
i=0
for a in "$@"; do
	i=$((i + 1))
	t "arg$i=[$a]"
done
# Not through $(...): that would show the substitution's pipe.
printf 'NEWROOT-TEST console='
readlink /proc/self/fd/0 || echo none
printf 'NEWROOT-TEST stdout='
readlink /proc/self/fd/1 || echo none
t marker=$(cat /etc/newroot-test-root 2>/dev/null || echo missing)
t proc-was-mounted=$([ $mounted_proc = no ] && echo yes || echo no)
t cmdline=$(cat /proc/cmdline)
rootfs= rootopts=
while read -r id parent majmin root mp opts rest; do
	t "mount $id $parent $majmin $root $mp $opts $rest"
	if [ "$mp" = / ]; then
		rootfs=${rest#*- }
		rootfs=${rootfs%% *}
		rootopts=${opts%%,*}
	fi
done </proc/self/mountinfo
t rootfs=$rootfs root-opts=$rootopts
why=
[ -e /init ] && why="$why,/init"
# A directory of that name is a trace only when something is in it or
# mounted on it.
for d in /old-root /oldroot /new-root /initrd; do
	[ -e $d ] || continue
	if [ ! -d $d ] || [ -n "$(ls -A $d 2>/dev/null)" ] ||
		grep -q "^[^ ]* [^ ]* [^ ]* [^ ]* $d " /proc/self/mountinfo; then
		why="$why,$d"
	fi
done
grep -q ' - rootfs ' /proc/self/mountinfo && why="$why,rootfs-mount"
case $rootfs in rootfs | ramfs | tmpfs) why="$why,root-is-$rootfs" ;; esac
if [ -n "$why" ]; then
	t initramfs-visible=yes why=${why#,}
else
	t initramfs-visible=no
fi
# What the page cache and the per-cpu free lists hold varies from boot to
# boot; empty them so that two boots compare.
sync
echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
echo 1 >/proc/sys/vm/compact_memory 2>/dev/null
while read -r k v u; do
	case $k in
	MemAvailable:) ma=$v ;;
	MemFree:) mf=$v ;;
	Shmem:) sh=$v ;;
	esac
done </proc/meminfo
t memavailable=$ma memfree=$mf shmem=$sh
if touch /.newroot-rw-test 2>/dev/null; then
	rm -f /.newroot-rw-test
	t rw=yes
else
	t rw=no
fi
t usr-marker=$(cat /usr/share/newroot-test-usr 2>/dev/null || echo missing)
if touch /usr/.newroot-rw-test 2>/dev/null; then
	rm -f /usr/.newroot-rw-test
	t usr-rw=yes
else
	t usr-rw=no
fi
if [ -r /run/newroot/report ]; then
	while IFS= read -r l; do t "report $l"; done </run/newroot/report
else
	t report-missing
fi
ri=no rr=missing
[ -d /run/initramfs ] && ri=yes
if [ -r /run/initramfs/newroot.report ]; then
	rr=differs
	cmp -s /run/initramfs/newroot.report /run/newroot/report && rr=same
fi
t run-initramfs=$ri newroot.report=$rr
fl=no
[ -f /run/initramfs/fsck.log ] && fl=yes
fr=no fu=no
[ -e /run/initramfs/fsck-root ] && fr=yes
[ -e /run/initramfs/fsck-usr ] && fu=yes
t fsck.log=$fl fsck-root=$fr fsck-usr=$fu
if [ "$fl" = yes ]; then
	while IFS= read -r l; do t "fsck.log: $l"; done </run/initramfs/fsck.log
fi
for f in /run/net-*.conf; do
	[ -f "$f" ] && t "net ${f#/run/} $(tr '\n' ' ' <"$f")"
done
t end
case " $(cat /proc/cmdline) " in
*" nrtest=hibernate "*)
	# Hibernate into the resume= swap; the next boot's initramfs
	# resumes from it and this script goes on after the write.
	for w in $(cat /proc/cmdline); do
		case $w in
		resume=/dev/*) swapdev=${w#resume=} ;;
		resume=LABEL=* | resume=UUID=*) swapdev=$(findfs "${w#resume=}") ;;
		esac
	done
	swapon "$swapdev" || t swapon-failed
	# The kernel found no resume device itself (its driver is a
	# module), so name it, as systemd does before hibernating.
	cat "/sys/class/block/${swapdev#/dev/}/dev" >/sys/power/resume
	echo shutdown >/sys/power/disk
	t hibernating
	if echo disk >/sys/power/state; then
		t resumed
		t end
	else
		t hibernate-failed
	fi
	;;
*" nrtest=shell "*)
	if touch /bin/.w 2>/dev/null; then
		rm -f /bin/.w
		/bin/busybox --install -s /bin 2>/dev/null
	fi
	t shell
	echo
	echo "This shell runs on the real root; newroot's boot report:"
	cat /run/newroot/report 2>/dev/null | sed 's/^/    /'
	echo "'poweroff -f' (or exit) ends the session."
	# cttyhack makes the serial line the controlling terminal (^C works).
	HOME=/root PS1='[real root \w]# ' setsid cttyhack sh -i
	;;
esac
sync
t poweroff
poweroff -f
sleep 5
INIT
[ -n "$init" ] && chmod 755 sbin/init && ln -s init sbin/test-init
if [ -n "$init" ] && [ -z "$symlinks" ]; then
	rm sbin/test-init
	cp sbin/init sbin/test-init
fi
for a in ${adds[@]+"${adds[@]}"}; do
	mkdir -p "$(dirname "./${a#*:}")"
	cp -a "${a%%:*}" "./${a#*:}"
done
if [ -n "$usrline" ]; then
	# $dir may be relative to where we started: $PWD is it.
	rm -rf "$PWD.usr"
	mv usr "$PWD.usr"
	mkdir usr
	{
		echo "# /etc/fstab of the newroot test root: /usr is its own"
		echo "/dev/root / auto defaults 0 1"
		echo "$usrline"
	} >etc/fstab
fi
exit 0
