#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs TEST [ARGS...] as root in network and mount namespaces of its own:
# only lo, and a tmpfs over /run, so a charon it starts binds its IKE ports
# and writes /run/charon.pid where nothing of this host sees them.
#
#   run-in-namespaces.sh TEST [ARGS...]
#
# Exit 77 (skip) without root or without charon.
set -eu

if [ "${1:-}" != "--inner" ]; then
    [ "$(id -u)" = 0 ] || { echo "SKIP: needs root for namespaces" >&2; exit 77; }
    [ -x /usr/lib/ipsec/charon ] || { echo "SKIP: /usr/lib/ipsec/charon not installed" >&2; exit 77; }
    test_bin=$(readlink -f "${1:?usage: run-in-namespaces.sh TEST [ARGS...]}")
    shift
    exec unshare --net --mount --propagation private -- sh "$0" --inner "$test_bin" "$@"
fi
shift
mount -t tmpfs -o mode=0755 tmpfs /run
ip link set lo up
exec "$@"
