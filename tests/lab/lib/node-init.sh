#!/bin/bash
# Runs inside a fresh network namespace and a fresh private mount namespace
# (see node_start) and gives the node its own /run and /etc files, so two
# charons, xl2tpds or NetworkManagers in two nodes never meet on a socket,
# a pid file or a config. Then it holds the namespaces open.
set -euo pipefail
dir=$1

mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/lock /run/dbus /run/xl2tpd /run/pppd /run/NetworkManager
mount -t tmpfs tmpfs /var/lib/NetworkManager
for d in ppp swanctl xl2tpd NetworkManager; do
	mount --bind "$dir/etc/$d" "/etc/$d"
done
mount --bind "$dir/etc/strongswan.conf" /etc/strongswan.conf
# NetworkManager waits for udev forever on a writable /sys (no udevd here)
# and leaves every device "unmanaged" without saying why.
mount -o remount,bind,ro /sys

touch /run/node-ready
exec sleep infinity
