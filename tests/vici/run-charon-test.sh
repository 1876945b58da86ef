#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs TEST (tests/vici/test-vici-charon) against a private charon.
#
#   run-charon-test.sh TEST [CHARON]
#
# Isolation, so a charon already running on this host is never disturbed:
#  - a new network namespace (unshare --net, only lo): charon's IKE ports and
#    everything it sends stay private;
#  - a new mount namespace with a tmpfs over /run: charon's pid file is
#    compiled in as /var/run/charon.pid (no strongswan.conf option moves it),
#    and a second charon that fails to start removes the default socket
#    /run/charon.vici of the running one; both now land in the private /run;
#  - a private strongswan.conf via STRONGSWAN_CONF with its own VICI socket.
# Needs root (namespaces, charon). Exit 77 = skipped (meson convention).
set -eu

if [ "${1:-}" != "--inner" ]; then
    test_bin=${1:?usage: run-charon-test.sh TEST [CHARON]}
    charon=${2:-/usr/lib/ipsec/charon}
    if [ "$(id -u)" != 0 ]; then
        echo "SKIP: needs root for network/mount namespaces" >&2
        exit 77
    fi
    if [ ! -x "$charon" ]; then
        echo "SKIP: $charon not installed (strongswan-charon)" >&2
        exit 77
    fi
    test_bin=$(readlink -f "$test_bin")
    exec unshare --net --mount --propagation private -- sh "$0" --inner "$test_bin" "$charon"
fi

test_bin=$2
charon=$3
mount -t tmpfs -o mode=0755 tmpfs /run
ip link set lo up

dir=$(mktemp -d /tmp/nm-l2tp-vici-test.XXXXXX)
charon_pid=
cleanup() {
    if [ -n "$charon_pid" ] && kill -0 "$charon_pid" 2>/dev/null; then
        kill "$charon_pid"
        wait "$charon_pid" || true
    fi
    if [ -n "${KEEP_LOG:-}" ]; then
        echo "charon log kept in $dir/charon.log"
    else
        rm -rf "$dir"
    fi
}
trap cleanup EXIT

cat >"$dir/strongswan.conf" <<EOF
charon {
    load_modular = no
    load = random nonce aes sha1 sha2 md5 hmac gmp pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown
    # not 500/4500: the initiate below must find nobody at 127.0.0.2:500
    port = 15500
    port_nat_t = 15501
    install_routes = no
    retransmit_tries = 2
    plugins {
        vici {
            socket = unix://$dir/charon.vici
        }
    }
    filelog {
        private {
            path = $dir/charon.log
            default = 1
            cfg = 2
            ike = 2
        }
    }
    syslog {
        daemon {
            default = -1
        }
    }
}
EOF

STRONGSWAN_CONF=$dir/strongswan.conf "$charon" >"$dir/charon.out" 2>&1 &
charon_pid=$!

# Test harness only (the service never waits like this): give charon up to
# 10 s to create its socket.
tries=0
while [ ! -S "$dir/charon.vici" ]; do
    if ! kill -0 "$charon_pid" 2>/dev/null; then
        echo "FAIL: charon exited early:" >&2
        cat "$dir/charon.out" "$dir/charon.log" >&2 2>/dev/null || true
        exit 1
    fi
    tries=$((tries + 1))
    if [ $tries -gt 100 ]; then
        echo "FAIL: charon did not create $dir/charon.vici" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
"$test_bin" "$dir/charon.vici" "$charon_pid" || status=$?
if [ $status -ne 0 ]; then
    echo "--- charon log ---" >&2
    cat "$dir/charon.log" >&2 || true
fi
exit $status
