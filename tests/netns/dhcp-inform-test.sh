#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# dhcp-inform-test.sh PROBE HOSTILE_SERVER
#
# The service's DHCPINFORM exchange (src/ppp/dhcp-inform-client.c) on the
# real kernel against a real DHCP server: two network namespaces joined by
# a veth pair addressed like a PPP link (10.204.9.1 peer 10.204.9.10, /32
# each end), the server's end named ppp5 as pppd would.
#  - dnsmasq answering DHCPINFORM with 121 + 249 + 15 + 119: the routes of
#    121 (249 ignored), a split tunnel, the domains, well inside the budget;
#  - dnsmasq with 249 and 15 only (what a Windows DHCP server behind RRAS
#    sends): the routes of 249;
#  - dnsmasq pushing a default route beside an office network: no split;
#  - HOSTILE_SERVER (tests/lab/lib/dhcp-hostile.py), malformed DHCPACKs
#    only: each logged as ignored, with what was wrong, and no answer;
#  - nobody answering: no answer, after the budget;
#  - DHCPACKs a process of the client's machine sends to the client's port
#    68 reach it, but without the request's xid and chaddr none is taken.
#
# Needs root (exit 77 = skipped otherwise). Everything it creates is removed.
set -u

PROBE=${1:?usage: dhcp-inform-test.sh PROBE HOSTILE_SERVER}
HOSTILE=${2:?usage: dhcp-inform-test.sh PROBE HOSTILE_SERVER}
SRV_ADDR=10.204.9.1
CLI_ADDR=10.204.9.10
BUDGET=2000

. "$(dirname "$0")/lib.sh"
netns_begin dhcp-inform-test
command -v dnsmasq > /dev/null || skip "dnsmasq not installed (apt install dnsmasq-base)"
command -v python3 > /dev/null || skip "python3 not installed"

SRV=s6-dhcp-srv-$$
CLI=s6-dhcp-cli-$$
NETNS_MADE=("$SRV" "$CLI")

ip netns add "$SRV" && ip netns add "$CLI" || exit 1
ip -n "$SRV" link set lo up
ip -n "$CLI" link set lo up
ip link add ppp5 netns "$SRV" type veth peer name ppp0 netns "$CLI" || exit 1
ip -n "$SRV" addr add "$SRV_ADDR" peer "$CLI_ADDR" dev ppp5
ip -n "$CLI" addr add "$CLI_ADDR" peer "$SRV_ADDR" dev ppp0
ip -n "$SRV" link set ppp5 up
ip -n "$CLI" link set ppp0 up

SERVER_PID=
server_stop () {
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2> /dev/null; wait "$SERVER_PID" 2> /dev/null; }
  SERVER_PID=
}

# dnsmasq_start LOG OPTION...: a DHCP server on ppp*, no DNS, no leases.
dnsmasq_start () {
  local log=$1
  shift
  ip netns exec "$SRV" dnsmasq --no-daemon --port=0 --interface='ppp*' --bind-dynamic \
    --log-dhcp --dhcp-leasefile="$WORK/leases" --pid-file="$WORK/dnsmasq.pid" \
    --dhcp-range=10.204.9.0,static,255.255.255.0 "$@" > "$log" 2>&1 &
  SERVER_PID=$!
  wait_for 5 grep -q 'DHCP, sockets bound\|DHCP, static leases' "$log" \
    || { echo "FAIL  dnsmasq did not start: $(cat "$log")"; exit 1; }
}

probe () { # name: stdout in $WORK/NAME.out, the log in $WORK/NAME.err
  ip netns exec "$CLI" "$PROBE" ppp0 "$CLI_ADDR" "$SRV_ADDR" "$BUDGET" \
    > "$WORK/$1.out" 2> "$WORK/$1.err"
  echo "probe exit $?" >> "$WORK/$1.out"
  cat "$WORK/$1.out"
}

R="10.99.50.0/24,$SRV_ADDR,10.99.51.0/24,$SRV_ADDR"

# 1. 121 + 249 + 15 + 119.
dnsmasq_start "$WORK/dnsmasq-1.log" --dhcp-option="121,$R" \
  --dhcp-option="249,10.98.0.0/16,$SRV_ADDR" \
  --dhcp-option=15,office.lab --dhcp-option=119,office.lab,corp.office.lab
out=$(probe full)
check "121+249: probe exit" "probe exit 0" "$(grep '^probe exit' <<< "$out")"
check_has "121+249: answer" "$(value "$out" answer)" "routes (option 121) 10.99.50.0/24 via $SRV_ADDR, 10.99.51.0/24 via $SRV_ADDR"
check "121+249: NetworkManager's routes (249 ignored)" "10.99.50.0/24 10.99.51.0/24" "$(value "$out" routes)"
check "121+249: split tunnel" "yes" "$(value "$out" split)"
check "121+249: domains" "office.lab corp.office.lab" "$(value "$out" domains)"
check "121+249: dnsmasq saw a DHCPINFORM on ppp5" "yes" \
  "$(grep -q 'DHCPINFORM(ppp5) '"$CLI_ADDR" "$WORK/dnsmasq-1.log" && echo yes || echo no)"
check "121+249: its user class was RRAS.Microsoft" "yes" \
  "$(grep -q 'user class: RRAS.Microsoft' "$WORK/dnsmasq-1.log" && echo yes || echo no)"
server_stop

# 2. What a Windows DHCP server sends: 249 and 15 only.
dnsmasq_start "$WORK/dnsmasq-2.log" --dhcp-option="249,$R" --dhcp-option=15,office.lab
out=$(probe windows)
check_has "249 only: answer" "$(value "$out" answer)" "routes (option 249)"
check "249 only: routes" "10.99.50.0/24 10.99.51.0/24" "$(value "$out" routes)"
check "249 only: domains" "office.lab" "$(value "$out" domains)"
server_stop

# 3. A pushed default route keeps the tunnel the default.
dnsmasq_start "$WORK/dnsmasq-3.log" --dhcp-option="121,0.0.0.0/0,$SRV_ADDR,10.99.50.0/24,$SRV_ADDR"
out=$(probe default)
check "default pushed: not split" "no" "$(value "$out" split)"
check "default pushed: routes (the default stays the tunnel's own)" "10.99.50.0/24" "$(value "$out" routes)"
server_stop

# 4. Malformed answers only.
ip netns exec "$SRV" python3 -u "$HOSTILE" "$SRV_ADDR" > "$WORK/hostile.log" 2>&1 &
SERVER_PID=$!
wait_for 5 grep -q listening "$WORK/hostile.log" || { echo "FAIL  hostile server: $(cat "$WORK/hostile.log")"; exit 1; }
out=$(probe hostile)
err=$(cat "$WORK/hostile.err")
check "hostile: no answer taken" "none" "$(value "$out" answer)"
check "hostile: waited the budget out" "yes" "$([ "$(value "$out" after_ms)" -ge "$BUDGET" ] && echo yes || echo no)"
refused=$(grep -c 'dhcp: ignored an answer' "$WORK/hostile.err")
check "hostile: every malformed answer ignored and logged (4 kinds, sent again)" "yes" \
  "$([ "$refused" -ge 4 ] && echo yes || echo "no ($refused)")"
check "hostile: at most 8 logged" "yes" "$([ "$refused" -le 8 ] && echo yes || echo "no ($refused)")"
check_has "hostile: the truncated option named" "$err" "past the end"
check_has "hostile: the prefix width named" "$err" "prefix length 33"
check_has "hostile: too many routes named" "$err" "routes"
check_has "hostile: the domain refused" "$err" "option 15"
check "hostile: the line break never in the log" "0" "$(grep -c 'nameserver 6.6.6.6' "$WORK/hostile.err")"
server_stop

# 5. Nobody answers; 6. meanwhile a process of the client's own machine
# sends well-formed DHCPACKs with routes to the client's port 68 (it gets
# there: a datagram to a local address counts as received on the device
# that holds it); it cannot know the xid and chaddr, so none is taken.
( sleep 0.3
  ip netns exec "$CLI" python3 -c '
import socket, struct, sys
ci = socket.inet_aton(sys.argv[1])
head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 2, 1, 6, 0, 0x01020304, 0, 0, ci,
                   bytes(4), ci, bytes(4), bytes(16), bytes(64), bytes(128))
ack = head + bytes([99, 130, 83, 99, 53, 1, 5, 121, 8, 24, 10, 66, 0]) + ci + bytes([255])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(50):
    s.sendto(ack, (sys.argv[1], 68))' "$CLI_ADDR" ) &
out=$(probe silent)
check "silent: no answer" "none" "$(value "$out" answer)"
# The client's own clock: it gave up no earlier than its budget (an end
# within it is the meson timeout's to catch; no wall-clock bound here).
check "silent: waited the budget out" "yes" "$([ "$(value "$out" after_ms)" -ge "$BUDGET" ] && echo yes || echo no)"
check "local forgeries reached the client and were not ours" "yes" \
  "$(grep -q 'not an answer to us' "$WORK/silent.err" && echo yes || echo no)"
check "no local forgery was taken or warned about" "0" "$(grep -c 'ignored an answer\|routes (option' "$WORK/silent.err")"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all checks passed"
