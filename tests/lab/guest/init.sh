#!/bin/bash
# PID 1 of the lab VM, after the initramfs switched into overlay(host / + tmpfs).
# Mounts what a system needs, loads the kernel modules of L2TP/IPsec, runs
# the job the host left in the results folder, powers off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
set -uo pipefail
(($$ == 1)) || { echo "guest/init.sh is PID 1 of the lab VM; not to be run elsewhere" >&2; exit 1; }

. "$(dirname "$0")/../lib/common.sh"

power_off() {
	sync
	echo o >/proc/sysrq-trigger
	sleep 30
}

mount_system() {
	mount -t proc proc /proc
	mount -t sysfs sys /sys
	mount -t devtmpfs dev /dev
	mkdir -p /dev/pts /dev/shm
	mount -t devpts devpts /dev/pts
	mount -t tmpfs tmpfs /dev/shm
	# What udev would make; bash's <(...) needs /dev/fd.
	ln -sf /proc/self/fd /dev/fd
	ln -sf /proc/self/fd/0 /dev/stdin
	ln -sf /proc/self/fd/1 /dev/stdout
	ln -sf /proc/self/fd/2 /dev/stderr
	# /tmp and /var/tmp stay the overlay's: a build dir or results under the
	# host's /tmp must be seen.
	mount -t tmpfs tmpfs /run
	mkdir -p /run/netns /run/lock /run/lab
	touch /run/lab/in-vm    # the guest-only scripts refuse to run without it
	hostname lab
	ip link set lo up
}

# The results folder of the host, writable, at the same path as on the host.
mount_results() {
	local arg
	for arg in $(</proc/cmdline); do
		case $arg in lab.results=*) LAB_RESULTS=${arg#lab.results=} ;; esac
	done
	[[ -n ${LAB_RESULTS:-} ]] || return 1
	mkdir -p "$LAB_RESULTS"
	mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 results "$LAB_RESULTS"
}

load_modules() {
	mkdir -p /lib/modules
	mount --bind "$LAB_CACHE/kernel/lib/modules" /lib/modules
	# gcm, ghash, seqiv: ESP with AES-GCM (rfc4106); sha512_generic: SHA-384/512.
	modprobe -a ppp_generic ppp_async ppp_synctty ppp_mppe pppox \
		l2tp_core l2tp_netlink l2tp_ppp l2tp_ip \
		esp4 xfrm_user af_key xfrm4_tunnel veth dummy tun \
		authenc echainiv cbc aesni_intel sha1_generic sha256_generic md5 des3_ede_generic \
		gcm ghash_generic seqiv sha512_generic \
		nf_tables nft_compat
}

main() {
	mount_system
	if ! mount_results; then
		echo "lab: error: no results folder (lab.results=) for the guest" >/dev/console
		power_off
	fi
	echo "lab: guest up after $(cut -d' ' -f1 /proc/uptime) s" >/dev/console
	load_modules >"$LAB_RESULTS/modprobe.log" 2>&1 ||
		echo "lab: warning: some modules did not load, see modprobe.log" >/dev/console
	echo "lab: modules loaded after $(cut -d' ' -f1 /proc/uptime) s" >/dev/console
	{ "$LAB_DIR/guest/runner.sh" "$LAB_RESULTS" </dev/null 2>"$LAB_RESULTS/runner.stderr" ||
		echo "error: the runner failed (status $?), see runner.stderr"; } |
		sed -u 's/^/lab: /' >/dev/console
	echo "lab: guest done after $(cut -d' ' -f1 /proc/uptime) s" >/dev/console
	power_off
}

main
