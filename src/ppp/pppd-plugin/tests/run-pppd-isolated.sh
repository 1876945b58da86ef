#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   run-pppd-isolated.sh PPPD PLUGIN.so BUS_NAME [PPPD OPTIONS...]
#
# Runs the real pppd with our plugin, as far as a host without kernel PPP
# allows.  In a private mount namespace:
#  - /dev is a small tmpfs whose "ppp" is /dev/null: pppd only checks that
#    /dev/ppp opens before it parses the rest (kernel support check);
#  - /etc/ppp/options is empty, so the host's defaults do not leak in.
# stdin/stdout are the (unusable) PPP channel of "notty"; pppd logs to stderr.
# Needs root (mount namespace, pppd plugins). Exit 77 = skipped.
set -eu

if [ "${1:-}" != "--inner" ]; then
    pppd=${1:?usage: run-pppd-isolated.sh PPPD PLUGIN.so BUS_NAME [OPTIONS...]}
    if [ "$(id -u)" != 0 ]; then
        echo "SKIP: needs root (mount namespace, pppd plugin option)" >&2
        exit 77
    fi
    if [ ! -x "$pppd" ]; then
        echo "SKIP: $pppd not installed" >&2
        exit 77
    fi
    exec unshare --mount --propagation private -- sh "$0" --inner "$@"
fi
shift
pppd=$1 plugin=$2 bus_name=$3
shift 3

dev=$(mktemp -d /tmp/nm-l2tp-pppd-dev.XXXXXX)
mount -t tmpfs -o mode=0755 tmpfs "$dev"
for node in null zero random urandom; do
    touch "$dev/$node"
    mount --bind "/dev/$node" "$dev/$node"
done
touch "$dev/ppp"
mount --bind /dev/null "$dev/ppp"
if [ -e /etc/ppp/options ]; then
    empty=$(mktemp /tmp/nm-l2tp-pppd-options.XXXXXX)
    mount --bind "$empty" /etc/ppp/options
    rm -f "$empty" || true
fi
mount --move "$dev" /dev
rmdir "$dev" 2>/dev/null || true

# logfd first: pppd logs the plugin load while it parses the next option.
exec "$pppd" logfd 2 plugin "$plugin" nm-l2tp-ipsec-bus-name "$bus_name" \
    nodetach notty "$@" </dev/null >/dev/null
