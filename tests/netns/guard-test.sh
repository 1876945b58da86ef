#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# guard-test.sh GUARD_PROBE PORT_PROBE
#
# The cleartext guard on the real kernel and the real nft: two fresh network
# namespaces joined by a veth pair,
#   client  10.205.0.1/24   (the guard, our "xl2tpd" on port 40000)
#   server  10.205.0.2/24   (the "LNS" on 1701)
# With the guard, L2TP of the 5-tuple sent without IPsec (this kernel has no
# ESP at all) is dropped both ways and counted, other tuples pass; installing
# again replaces it; removing it leaves no table and traffic flows again; the
# start-up cleanup removes only the guards of dead services whose processes
# are gone. ESP-protected L2TP passing the guard is the lab's guard-client.
#
# Needs root (exit 77 = skipped otherwise). Everything it creates is removed.
set -u

GUARD=${1:?usage: guard-test.sh GUARD_PROBE PORT_PROBE}
PORTS=${2:?usage: guard-test.sh GUARD_PROBE PORT_PROBE}
LOCAL=10.205.0.1
SERVER=10.205.0.2
LPORT=40000
ID=3f2c1e4b-0a1b-4c2d-8e3f-0123456789ab
N=5

. "$(dirname "$0")/lib.sh"
netns_begin guard-test
NFT=$(command -v nft || ls /usr/sbin/nft /sbin/nft 2> /dev/null | head -n 1)
[ -n "$NFT" ] || skip "nft (nftables) not installed"

CLIENT=s4-guard-c-$$
SRV=s4-guard-s-$$
NETNS_MADE=("$CLIENT" "$SRV")


in_client () { ip netns exec "$CLIENT" "$@"; }
in_server () { ip netns exec "$SRV" "$@"; }

ip netns add "$CLIENT" || skip "cannot create network namespaces here"
ip netns add "$SRV" || skip "cannot create network namespaces here"
ip -n "$CLIENT" link set lo up
ip -n "$SRV" link set lo up
ip -n "$CLIENT" link add veth-c type veth peer name veth-s netns "$SRV" \
  || skip "cannot create a veth pair"
ip -n "$CLIENT" addr add "$LOCAL/24" dev veth-c
ip -n "$SRV" addr add "$SERVER/24" dev veth-s
ip -n "$CLIENT" link set veth-c up
ip -n "$SRV" link set veth-s up
in_client "$NFT" list tables > /dev/null 2>&1 || skip "no nf_tables in this kernel"

# received NS ADDR PORT SENDER_NS FROM FPORT: datagrams that one send of N
# from FROM:FPORT to ADDR:PORT delivers; the sender's line in $WORK/sent.
received () {
  rm -f "$WORK/recv.out"
  ip netns exec "$1" "$PORTS" receive "$2" "$3" "$N" 2 > "$WORK/recv.out" &
  local rpid=$!
  wait_for 5 grep -q '^bound' "$WORK/recv.out" || { echo "FAIL  receiver did not bind"; exit 1; }
  ip netns exec "$4" "$GUARD" send-from "$5" "$6" "$2" "$3" "$N" > "$WORK/sent"
  wait "$rpid"
  sed -n 's/^received=\([0-9]*\).*/\1/p' "$WORK/recv.out"
}

tables () { in_client "$NFT" list tables | tr '\n' ' ' | sed 's/ $//'; }

# 1. no guard: L2TP flows both ways.
check "no guard: client to server" "$N" "$(received "$SRV" "$SERVER" 1701 "$CLIENT" "$LOCAL" "$LPORT")"
check "no guard: server to client" "$N" "$(received "$CLIENT" "$LOCAL" "$LPORT" "$SRV" "$SERVER" 1701)"

# 2. the guard: nothing of the 5-tuple without IPsec, either way.
in_client "$GUARD" install "$ID" "$LOCAL" "$LPORT" "$SERVER" || { echo "FAIL  install"; exit 1; }
check "installed: one table" "table inet nm-l2tp-ipsec-$ID" "$(tables)"
check "guard: client to server" 0 "$(received "$SRV" "$SERVER" 1701 "$CLIENT" "$LOCAL" "$LPORT")"
check "guard: the sender is refused" "sent=0 errno=EPERM" "$(cat "$WORK/sent")"
check "guard: server to client" 0 "$(received "$CLIENT" "$LOCAL" "$LPORT" "$SRV" "$SERVER" 1701)"
check "guard: counted" "out=$N in=$N" "$(in_client "$GUARD" counts "$ID")"

# 3. other tuples are not ours.
check "guard: another source port" "$N" "$(received "$SRV" "$SERVER" 1701 "$CLIENT" "$LOCAL" $((LPORT + 1)))"
check "guard: another server port" "$N" "$(received "$SRV" "$SERVER" 1702 "$CLIENT" "$LOCAL" "$LPORT")"
check "guard: from another port of the server" "$N" "$(received "$CLIENT" "$LOCAL" "$LPORT" "$SRV" "$SERVER" 1702)"
check "guard: still counted" "out=$N in=$N" "$(in_client "$GUARD" counts "$ID")"

# 4. installing again (a leftover of the same connection) replaces it.
in_client "$GUARD" install "$ID" "$LOCAL" "$LPORT" "$SERVER" || { echo "FAIL  install again"; exit 1; }
check "installed again: one table" "table inet nm-l2tp-ipsec-$ID" "$(tables)"
check "installed again: new counters" "out=0 in=0" "$(in_client "$GUARD" counts "$ID")"
check "installed again: dropping" 0 "$(received "$SRV" "$SERVER" 1701 "$CLIENT" "$LOCAL" "$LPORT")"

# 5. removal: reports the drops, leaves nothing, traffic flows again.
check "remove: the drops" "out=$N in=0" "$(in_client "$GUARD" remove "$ID")"
check "removed: nothing left" "" "$(in_client "$NFT" list ruleset)"
check "removed: client to server" "$N" "$(received "$SRV" "$SERVER" 1701 "$CLIENT" "$LOCAL" "$LPORT")"
check "remove again: quiet" "out=0 in=0" "$(in_client "$GUARD" remove "$ID")"
check "counts of no guard: refused" 1 "$(in_client "$GUARD" counts "$ID" > /dev/null 2>&1; echo $?)"

# 6. refused before nft runs: nothing installed.
check "bad address refused" 1 "$(in_client "$GUARD" install "$ID" "$LOCAL; flush ruleset" "$LPORT" "$SERVER" 2> /dev/null; echo $?)"
check "bad address: nothing left" "" "$(in_client "$NFT" list ruleset)"

# 7. the start-up cleanup: runtime directories of a live service, of a dead
#    one, of a dead one whose pppd still runs, and none at all.
ROOT=$WORK/run
mkdir -p "$ROOT/live" "$ROOT/dead" "$ROOT/busy"
# Stamps are "PID STARTTIME" (field 22 of /proc/PID/stat; a pid alone is
# not trusted).
echo "$$ $(sed 's/.*) //' /proc/$$/stat | cut -d' ' -f20)" > "$ROOT/live/service.pid"
echo "999999999 1" > "$ROOT/dead/service.pid"
echo "999999999 1" > "$ROOT/busy/service.pid"
for id in live dead busy gone; do
  in_client "$GUARD" install "$id" "$LOCAL" "$LPORT" "$SERVER" || { echo "FAIL  install $id"; exit 1; }
done
# Markers (the service writes <id>.guard before each install): without one
# of a dead service the cleanup runs no nft and removes nothing.
check "cleanup without markers: nothing removed" "removed=0" "$(in_client "$GUARD" cleanup-stale "$ROOT")"
check "cleanup without markers: all kept" \
  "table inet nm-l2tp-ipsec-live table inet nm-l2tp-ipsec-dead table inet nm-l2tp-ipsec-busy table inet nm-l2tp-ipsec-gone" "$(tables)"
for id in live dead busy gone; do : > "$ROOT/$id.guard"; done
# a helper of ours left in busy/: root's real xl2tpd with its files there
# (only a program we start counts, not any process naming the directory)
XL2TPD=$(command -v xl2tpd || ls /usr/sbin/xl2tpd 2> /dev/null)
[ -n "$XL2TPD" ] || skip "xl2tpd not installed"
printf '[global]\nport = 0\n' > "$ROOT/busy/xl2tpd.conf"
ip netns exec "$CLIENT" "$XL2TPD" -D -c "$ROOT/busy/xl2tpd.conf" -p "$ROOT/busy/xl2tpd.pid" \
  -C "$ROOT/busy/l2tp-control" > "$WORK/xl2tpd.log" 2>&1 &
busy=$!
wait_for 5 test -e "$ROOT/busy/l2tp-control"
check "cleanup: dead and gone removed" "removed=2" "$(in_client "$GUARD" cleanup-stale "$ROOT")"
check "cleanup: live and busy kept" \
  "table inet nm-l2tp-ipsec-live table inet nm-l2tp-ipsec-busy" "$(tables)"
check "cleanup: the markers of live and busy stay, of dead and gone go" \
  "busy.guard live.guard" "$(cd "$ROOT" && echo *.guard)"
kill "$busy"
wait "$busy" 2> /dev/null
# xl2tpd's own handler ends it: gone once its pid is
wait_for 5 eval '! kill -0 "$busy" 2> /dev/null && ! pgrep -f "$ROOT/busy" > /dev/null'
pgrep -af "$ROOT/busy" | sed 's/^/# still: /'
check "cleanup: busy removed once its process is gone" "removed=1" \
  "$(in_client "$GUARD" cleanup-stale "$ROOT")"
check "cleanup: only the live service's marker is left" "live.guard" "$(cd "$ROOT" && echo *.guard)"
in_client "$GUARD" remove live > /dev/null
check "cleanup: nothing left" "" "$(in_client "$NFT" list ruleset)"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
