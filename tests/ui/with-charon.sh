#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs COMMAND beside a real, private charon (strongSwan) that answers IKEv1
# Main Mode with a known Phase 1 proposal set: the "Detect" cases of the ui
# tier probe it with the real nm-l2tp-ipsec from the build tree.
#
#   with-charon.sh [--charon PATH] COMMAND [ARGS...]
#
# COMMAND sees in its environment:
#   DETECT_GATEWAY   the address charon answers on (127.0.0.1)
#   DETECT_SILENT    an address where nothing answers IKE (a veth with a mute peer)
#   DETECT_PROPOSALS the charon's IKE proposals, comma-separated
#
# Isolation as in tests/vici/run-charon-test.sh, so a charon already running
# on this host is never disturbed: a new network namespace (charon's UDP
# 500/4500 stay private; the X server of xvfb-run inside it listens there
# too), a new mount namespace with a tmpfs over /run (charon's compiled-in
# pid file), a private strongswan.conf and VICI socket. Needs root; without
# root or charon it runs COMMAND without those variables, and the Detect
# cases skip with the reason.
set -eu

charon=/usr/lib/ipsec/charon
if [ "${1:-}" = --charon ]; then
    charon=$2
    shift 2
fi

# Both sides of the test agree on this set; the order is charon's, the
# probe reports its own (the test compares the sets).
proposals=aes256-sha256-modp2048,aes128-sha1-modp2048,aes256-sha1-modp1024,aes128-sha256-modp3072

if [ "${1:-}" != --inner ]; then
    [ $# -gt 0 ] || { echo "usage: $0 [--charon PATH] COMMAND [ARGS...]" >&2; exit 2; }
    why=
    if [ "$(id -u)" != 0 ]; then
        why="needs root for network and mount namespaces"
    elif [ ! -x "$charon" ] || ! command -v swanctl >/dev/null 2>&1; then
        why="$charon or swanctl not installed (strongswan-charon, strongswan-swanctl)"
    elif ! command -v unshare >/dev/null 2>&1; then
        why="unshare not installed (util-linux)"
    fi
    if [ -n "$why" ]; then
        DETECT_SKIP=$why exec "$@"
    fi
    exec unshare --net --mount --propagation private -- sh "$0" --charon "$charon" --inner "$@"
fi
shift

mount -t tmpfs -o mode=0755 tmpfs /run
ip link set lo up
# 192.0.2.2 is on a link whose other end has no address: nobody answers its
# ARP, so what is sent there vanishes (this kernel has no dummy links).
ip link add detect-silent type veth peer name detect-peer
ip addr add 192.0.2.1/24 dev detect-silent
ip link set detect-silent up
ip link set detect-peer up

dir=$(mktemp -d /tmp/nm-l2tp-ui-charon.XXXXXX)
charon_pid=
cleanup() {
    if [ -n "$charon_pid" ] && kill -0 "$charon_pid" 2>/dev/null; then
        kill "$charon_pid"
        wait "$charon_pid" || true
    fi
    if [ -n "${KEEP_LOG:-}" ]; then
        echo "# charon log kept in $dir/charon.log" >&2
    else
        rm -rf "$dir"
    fi
}
trap cleanup EXIT

cat >"$dir/strongswan.conf" <<EOF
charon {
    load_modular = no
    load = random nonce aes sha1 sha2 md5 hmac gmp kernel-netlink socket-default vici
    install_routes = no
    plugins {
        vici {
            socket = unix://$dir/charon.vici
        }
    }
    filelog {
        private {
            path = $dir/charon.log
            default = 1
            ike = 2
        }
    }
    syslog {
        daemon {
            default = -1
        }
    }
}
swanctl {
    load = pem pkcs1 x509 pubkey
}
EOF

mkdir -p "$dir/swanctl"
cat >"$dir/swanctl/swanctl.conf" <<EOF
connections {
    detect-test {
        version = 1
        proposals = $proposals
        local_addrs = %any
        remote_addrs = %any
        local {
            auth = psk
        }
        remote {
            auth = psk
        }
        children {
            l2tp {
                mode = transport
                local_ts = dynamic[udp/1701]
                remote_ts = dynamic[udp]
            }
        }
    }
}
secrets {
    ike-detect {
        secret = "ui-tier-detect-test"
    }
}
EOF

STRONGSWAN_CONF=$dir/strongswan.conf "$charon" >"$dir/charon.out" 2>&1 &
charon_pid=$!

# Test harness only: give charon up to 10 s to create its socket.
tries=0
while [ ! -S "$dir/charon.vici" ]; do
    if ! kill -0 "$charon_pid" 2>/dev/null; then
        echo "with-charon.sh: charon exited early:" >&2
        cat "$dir/charon.out" "$dir/charon.log" >&2 2>/dev/null || true
        exit 1
    fi
    tries=$((tries + 1))
    if [ $tries -gt 100 ]; then
        echo "with-charon.sh: charon did not create $dir/charon.vici" >&2
        exit 1
    fi
    sleep 0.1
done
STRONGSWAN_CONF=$dir/strongswan.conf swanctl --load-all --uri "unix://$dir/charon.vici" \
    --file "$dir/swanctl/swanctl.conf" >"$dir/swanctl.out" 2>&1 || {
    echo "with-charon.sh: swanctl --load-all failed:" >&2
    cat "$dir/swanctl.out" >&2
    exit 1
}

status=0
DETECT_GATEWAY=127.0.0.1 DETECT_SILENT=192.0.2.2 DETECT_PROPOSALS=$proposals "$@" || status=$?
if [ $status -ne 0 ] && [ -n "${KEEP_LOG:-}" ]; then
    cat "$dir/charon.log" >&2 || true
fi
exit $status
