#!/usr/bin/env bash
# qemu/nfs-server.sh - a user-space NFS server for the boot scenarios:
# nfs-ganesha (its VFS backend) and rpcbind in a network and mount
# namespace of their own, so nothing of the host's (port 111, 2049,
# /run/rpcbind.sock) is taken or seen.  QEMU runs in the same network
# namespace (the scenario's BOOT_PREFIX): its user-mode network takes
# the guest's 10.0.2.2 to that namespace's 127.0.0.1.
#
#   qemu/nfs-server.sh start DIR WORK   export DIR read-only, for NFSv3
#                                       and v4, as /srv/nfsroot and as
#                                       /srv/10.0.2.15 (the address QEMU's
#                                       DHCP gives: for nfsroot=/srv/%s);
#                                       nfsd and mountd on port 2049,
#                                       rpcbind on 111; prints the PID
#                                       whose namespace it is, when the
#                                       server answers
#   qemu/nfs-server.sh stop WORK        end it (the whole process group)
#
# WORK holds the configuration, ganesha's log (ganesha.log) and state.
# Needs root (namespaces; ganesha's VFS backend opens files by handle),
# nfs-ganesha, nfs-ganesha-vfs and rpcbind (tests/deps.sh).
set -u
cmd=${1:-}
case $cmd in
start) dir=$(cd "${2:?DIR}" && pwd) || exit 2; work=${3:?WORK} ;;
stop) work=${2:?WORK} ;;
*) echo "usage: $0 start DIR WORK | stop WORK" >&2; exit 2 ;;
esac
mkdir -p "$work"
work=$(cd "$work" && pwd)

if [ "$cmd" = stop ]; then
	[ -s "$work/nfs.pid" ] || exit 0
	pid=$(cat "$work/nfs.pid")
	kill -- "-$pid" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 -- "-$pid" 2>/dev/null
	rm -f "$work/nfs.pid"
	exit 0
fi

for p in ganesha.nfsd rpcbind rpcinfo unshare nsenter ip; do
	command -v "$p" >/dev/null ||
		{ echo "nfs-server.sh: $p is missing (tests/deps.sh)" >&2; exit 1; }
done
mkdir -p "$work/state"
export_block() { # ID PSEUDO
	cat <<EOF
EXPORT {
	Export_Id = $1;
	Path = "$dir";
	Pseudo = "$2";
	Access_Type = RO;
	Squash = No_Root_Squash;
	Protocols = 3, 4;
	Transports = TCP;
	SecType = sys;
	FSAL { Name = VFS; }
}
EOF
}
{
	cat <<EOF
NFS_CORE_PARAM {
	NFS_Port = 2049;
	MNT_Port = 20048;
	Enable_NLM = false;
	Enable_RQUOTA = false;
	Enable_UDP = false;
	Protocols = 3, 4;
	# NFSv3 mounts name the Pseudo path too: one path for every version.
	Mount_Path_Pseudo = true;
}
NFSV4 {
	Graceless = true;
	RecoveryBackend = fs;
	RecoveryRoot = "$work/state";
}
NFS_KRB5 { Active_krb5 = false; }
EOF
	export_block 1 /srv/nfsroot
	export_block 2 /srv/10.0.2.15
} >"$work/ganesha.conf"

# The namespace: lo, and one dummy interface with an address (ganesha
# resolves its bind address with AI_ADDRCONFIG, which lo alone fails);
# a /run of its own for rpcbind's socket.
cat >"$work/ns.sh" <<EOF
ip link set lo up
ip link add nfs0 type dummy && ip addr add 192.0.2.1/24 dev nfs0 &&
	ip link set nfs0 up
mount -t tmpfs tmpfs /run
rpcbind -f &
for _ in \$(seq 50); do rpcinfo -p 127.0.0.1 >/dev/null 2>&1 && break; sleep 0.1; done
exec ganesha.nfsd -F -f "$work/ganesha.conf" -L "$work/ganesha.log" \
	-p "$work/ganesha.pid" -N NIV_EVENT
EOF
rm -f "$work/ganesha.log"
setsid unshare -n -m --propagation private bash "$work/ns.sh" \
	>"$work/ns.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$work/nfs.pid"
for _ in $(seq 300); do
	# By program number (100003 nfs, 100005 mountd): the names come
	# from /etc/rpc (netbase), which a minimal root does not have.
	if nsenter --net="/proc/$pid/ns/net" rpcinfo -p 127.0.0.1 2>/dev/null |
		awk '$1 == 100003 { n = 1 } $1 == 100005 { m = 1 }
			END { exit !(n && m) }'; then
		echo "$pid"
		exit 0
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
echo "nfs-server.sh: ganesha did not answer rpcinfo here; its log ($work/ganesha.log):" >&2
grep -v DBUS "$work/ganesha.log" 2>/dev/null | tail -n 15 >&2
cat "$work/ns.log" >&2
"$0" stop "$work"
exit 77 # the scenario is skipped, with the line above
