#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# port1701-test.sh PROBE XL2TPD
#
# Sharing UDP 1701 with a distro xl2tpd, on the real kernel and the real
# xl2tpd: two fresh network namespaces joined by a veth pair,
#   client  10.201.0.1/24, 10.201.0.3/24, fd01::1/64   (xl2tpd + our sockets)
#   server  10.201.0.2/24, fd01::2/64                  (sends the datagrams)
# Checks that src/port-holder.c names xl2tpd (pid, comm, wildcard 0.0.0.0),
# that src/local-address.c finds 10.201.0.1 towards 10.201.0.2, and that a
# socket bound to 10.201.0.1:1701 with SO_REUSEADDR receives every datagram
# sent to 10.201.0.1 while xl2tpd keeps those sent to 10.201.0.3 -- whichever
# binds first. Then shows why a holder on the SAME address is different.
#
# Needs root (exit 77 = skipped otherwise). Everything it creates is removed.
set -u

PROBE=${1:?usage: port1701-test.sh PROBE XL2TPD}
XL2TPD=${2:-}
N=20

. "$(dirname "$0")/lib.sh"
netns_begin port1701-test
if [ -z "$XL2TPD" ] || [ ! -x "$XL2TPD" ]; then
  skip "xl2tpd not installed"
fi

CLIENT=l2tp-port-c-$$
SERVER=l2tp-port-s-$$
NETNS_MADE=("$CLIENT" "$SERVER")
declare -A PID COUNT # per receiver name

in_client () { ip netns exec "$CLIENT" "$@"; }
in_server () { ip netns exec "$SERVER" "$@"; }

# Value of key=value in the probe's output (first socket line matching a filter).
field () { # text key
  printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}


# ---- namespaces ------------------------------------------------------------
ip netns add "$CLIENT" || skip "cannot create network namespaces here"
ip netns add "$SERVER" || skip "cannot create network namespaces here"
for ns in "$CLIENT" "$SERVER"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 2> /dev/null
  ip -n "$ns" link set lo up
done
ip -n "$CLIENT" link add veth-c type veth peer name veth-s netns "$SERVER" \
  || skip "cannot create a veth pair"
ip -n "$CLIENT" addr add 10.201.0.1/24 dev veth-c
ip -n "$CLIENT" addr add 10.201.0.3/24 dev veth-c
ip -n "$CLIENT" addr add fd01::1/64 dev veth-c nodad
ip -n "$SERVER" addr add 10.201.0.2/24 dev veth-s
ip -n "$SERVER" addr add fd01::2/64 dev veth-s nodad
ip -n "$CLIENT" link set veth-c up
ip -n "$SERVER" link set veth-s up

# ---- the holder: real xl2tpd on 0.0.0.0:1701 ----------------------------------
cat > "$WORK/xl2tpd.conf" << EOF
[global]
port = 1701
debug network = yes
EOF
: > "$WORK/secrets"
chmod 600 "$WORK/secrets"

start_xl2tpd () {
  rm -f "$WORK/xl2tpd.pid"
  # not via in_client: $! must be the process itself (ip netns exec execs)
  ip netns exec "$CLIENT" "$XL2TPD" -D -c "$WORK/xl2tpd.conf" -s "$WORK/secrets" \
    -p "$WORK/xl2tpd.pid" -C "$WORK/xl2tpd.ctl" >> "$WORK/xl2tpd.log" 2>&1 &
  wait_for 10 holder_bound || { echo "FAIL  xl2tpd did not bind 1701"; cat "$WORK/xl2tpd.log"; exit 1; }
  XL2TPD_PID=$(cat "$WORK/xl2tpd.pid")
}

stop_xl2tpd () {
  kill "$XL2TPD_PID"
  wait_for 10 sh -c "! kill -0 $XL2TPD_PID 2> /dev/null"
  rm -f "$WORK/xl2tpd.pid"
}

holder_bound () {
  [ -s "$WORK/xl2tpd.pid" ] && in_client "$PROBE" find 1701 | grep -q '^socket address=0.0.0.0 '
}

# Datagrams xl2tpd logged as received from the server with this size.
xl2tpd_got () { # size
  grep -c "recv packet from 10.201.0.2, size = $1," "$WORK/xl2tpd.log"
}

# Our socket: "receive" binds ADDR:1701 with SO_REUSEADDR, counts datagrams.
start_receiver () { # name addr seconds
  ip netns exec "$CLIENT" "$PROBE" receive "$2" 1701 "$N" "$3" > "$WORK/$1.out" &
  PID[$1]=$!
  wait_for 5 grep -q '^bound' "$WORK/$1.out" || { echo "FAIL  $1 did not bind"; exit 1; }
}

# Waits for the receiver to finish; its count is then in COUNT[name].
finish_receiver () { # name
  wait "${PID[$1]}"
  COUNT[$1]=$(sed -n 's/^received=\([0-9]*\).*/\1/p' "$WORK/$1.out")
}

send () { # addr size
  in_server "$PROBE" send "$1" 1701 "$N" "$2" > /dev/null
}

echo "# network namespaces $CLIENT, $SERVER; $N datagrams per step"

# 1. nobody on 1701 yet
out=$(in_client "$PROBE" find 1701)
check "free port: sockets" 0 "$(field "$out" sockets)"

# 2. xl2tpd holds 0.0.0.0:1701: named by pid, comm and wildcard
start_xl2tpd
out=$(in_client "$PROBE" find 1701 10.201.0.1)
sock=$(printf '%s\n' "$out" | grep '^socket ')
check "holder: sockets" 1 "$(field "$out" sockets)"
check "holder: address" 0.0.0.0 "$(field "$sock" address)"
check "holder: wildcard" yes "$(field "$sock" wildcard)"
check "holder: pid" "$XL2TPD_PID" "$(field "$sock" pid)"
check "holder: comm" xl2tpd "$(field "$sock" comm)"
check "holder: on 10.201.0.1" none "$(field "$out" on_address)"
echo "#     $(printf '%s\n' "$out" | grep -E '^(scan_us|pids_scanned|cmdline)=' | tr '\n' ' ')"
echo "#     $(printf '%s\n' "$out" | grep '^describe=')"
echo "#     $(printf '%s\n' "$out" | grep '^hint=')"

# 3. the local address towards the gateway, IPv4 and IPv6; no route: an error
check "local address towards 10.201.0.2" 10.201.0.1 "$(in_client "$PROBE" local-address 10.201.0.2)"
check "local address towards fd01::2" fd01::1 "$(in_client "$PROBE" local-address fd01::2)"
out=$(in_client "$PROBE" local-address 198.51.100.1)
check "local address towards an unrouted host" error "${out%%=*}"
echo "#     $out"

# 4. binding 10.201.0.1:1701 next to the wildcard holder works
check "can share 10.201.0.1:1701" yes "$(in_client "$PROBE" can-share 10.201.0.1 1701)"

# 5. holder first, ours second: ours gets all for .1, xl2tpd all for .3
start_receiver ours 10.201.0.1 5
out=$(in_client "$PROBE" find 1701 10.201.0.1)
check "both bound: sockets" 2 "$(field "$out" sockets)"
check "both bound: wildcard pid" "$XL2TPD_PID" "$(field "$out" wildcard_pid)"
check "both bound: pid on 10.201.0.1" "${PID[ours]}" "$(field "$out" on_address_pid)"
send 10.201.0.1 13
send 10.201.0.3 17
finish_receiver ours
check "holder first: ours received (sent to .1)" $N "${COUNT[ours]}"
wait_for 5 sh -c "[ \$(grep -c 'size = 17,' '$WORK/xl2tpd.log') -ge $N ]"
check "holder first: xl2tpd received (sent to .3)" $N "$(xl2tpd_got 17)"
check "holder first: xl2tpd received (sent to .1)" 0 "$(xl2tpd_got 13)"

# 6. ours first, holder second: the same
stop_xl2tpd
start_receiver ours 10.201.0.1 10
start_xl2tpd
send 10.201.0.1 14
send 10.201.0.3 19
finish_receiver ours
check "ours first: ours received (sent to .1)" $N "${COUNT[ours]}"
wait_for 5 sh -c "[ \$(grep -c 'size = 19,' '$WORK/xl2tpd.log') -ge $N ]"
check "ours first: xl2tpd received (sent to .3)" $N "$(xl2tpd_got 19)"
check "ours first: xl2tpd received (sent to .1)" 0 "$(xl2tpd_got 14)"

# 7. why on_address decides, not can_share: a second SO_REUSEADDR socket on
#    the SAME address binds fine and takes the traffic from the first.
start_receiver first 10.201.0.1 3
check "same address: can share says" yes "$(in_client "$PROBE" can-share 10.201.0.1 1701)"
out=$(in_client "$PROBE" find 1701 10.201.0.1)
check "same address: on_address names the first" "${PID[first]}" "$(field "$out" on_address_pid)"
start_receiver second 10.201.0.1 3
send 10.201.0.1 15
finish_receiver first
finish_receiver second
echo "#     same address: first bound got ${COUNT[first]}, second bound got ${COUNT[second]}," \
  "xl2tpd got $(xl2tpd_got 15)"
check "same address: all datagrams to one socket" $N $((COUNT[first] + COUNT[second]))
check "same address: the socket bound last takes them" $N "${COUNT[second]}"

echo "# xl2tpd log: $(grep -c 'recv packet' "$WORK/xl2tpd.log") datagrams received in total"
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
