#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# socket-watch-test.sh WATCH_PROBE PORT_PROBE
#
# Another user's socket on our L2TP address and port, on the real kernel: in
# a fresh network namespace, root binds 10.204.0.1:1701 with SO_REUSEADDR as
# xl2tpd does; a second root socket there is not reported; a socket of uid
# 65534 bound with SO_REUSEADDR to the same address and port (and, apart, to
# its ::ffff: form) binds fine, takes the datagrams, and is reported with its
# uid, pid and name; one on 0.0.0.0:1701 is not. The periodic watch reports
# a socket that appears after it started, within its interval.
#
# Needs root (exit 77 = skipped otherwise). Everything it creates is removed.
set -u

WATCH=${1:?usage: socket-watch-test.sh WATCH_PROBE PORT_PROBE}
PORTS=${2:?usage: socket-watch-test.sh WATCH_PROBE PORT_PROBE}
ADDR=10.204.0.1
NOBODY=65534

. "$(dirname "$0")/lib.sh"
netns_begin socket-watch-test
command -v setpriv > /dev/null || skip "setpriv (util-linux) not installed"

NS=s4-watch-$$
NETNS_MADE=("$NS")

# The probes as the other user runs them: from a directory it may read.
chmod 755 "$WORK"
cp "$PORTS" "$WORK/port-probe"
chmod 755 "$WORK/port-probe"

ip netns add "$NS" || skip "cannot create network namespaces here"
ip -n "$NS" link set lo up
ip -n "$NS" addr add "$ADDR/24" dev lo

declare -A PID
# hold NAME UID ADDR PORT [MAX]: a SO_REUSEADDR socket of UID, held for 30 s
# or until MAX datagrams came.
hold () {
  local as=()
  [ "$2" = 0 ] || as=(setpriv --reuid="$2" --regid="$2" --clear-groups)
  ip netns exec "$NS" "${as[@]}" "$WORK/port-probe" receive "$3" "$4" "${5:-1000}" 30 \
    > "$WORK/$1.out" 2>&1 &
  PID[$1]=$!
  wait_for 5 grep -q '^bound' "$WORK/$1.out" \
    || { echo "FAIL  $1 did not bind: $(cat "$WORK/$1.out")"; exit 1; }
}
release () { kill "${PID[$1]}"; wait "${PID[$1]}" 2> /dev/null; }

in_ns () { ip netns exec "$NS" "$@"; }

# 1. xl2tpd's socket alone, then a second root socket beside it.
hold xl2tpd 0 "$ADDR" 1701
out=$(in_ns "$WATCH" check "$ADDR" 1701)
check "root socket alone" none "$(value "$out" foreign)"
hold root2 0 "$ADDR" 1701
out=$(in_ns "$WATCH" check "$ADDR" 1701)
check "two root sockets" none "$(value "$out" foreign)"
release root2

# 2. another user on the same address and port.
hold nobody "$NOBODY" "$ADDR" 1701 5
out=$(in_ns "$WATCH" check "$ADDR" 1701)
foreign=$(value "$out" foreign)
check_has "other user's socket: uid" "$foreign" "uid $NOBODY "
check_has "other user's socket: pid and name" "$foreign" "(port-probe, pid ${PID[nobody]})"
check_has "other user's socket: where" "$foreign" "on $ADDR:1701"
check "other user's socket: the fix" "sudo kill ${PID[nobody]}" "$(value "$out" fix)"
out=$(in_ns "$WATCH" check "$ADDR" 1702)
check "another port is not ours" none "$(value "$out" foreign)"
# It gets what the server would send to xl2tpd (the socket bound last).
in_ns "$WORK/port-probe" send "$ADDR" 1701 5 10 > /dev/null
wait "${PID[nobody]}"
check "other user's socket took the datagrams" "received=5 bytes=50" \
  "$(grep '^received=' "$WORK/nobody.out")"

# 3. the same through the IPv4-mapped IPv6 address.
hold mapped "$NOBODY" "::ffff:$ADDR" 1701
out=$(in_ns "$WATCH" check "$ADDR" 1701)
check_has "IPv4-mapped socket" "$(value "$out" foreign)" "on [::ffff:$ADDR]:1701"
release mapped

# 4. a wildcard socket of another user gets nothing of ours: not reported.
hold wildcard "$NOBODY" 0.0.0.0 1701
out=$(in_ns "$WATCH" check "$ADDR" 1701)
check "other user's wildcard socket" none "$(value "$out" foreign)"
release wildcard

# 5. while connected: the watch, every second, sees one that comes later.
watch_t0=$(date +%s%3N)
in_ns "$WATCH" watch "$ADDR" 1701 1 20 > "$WORK/watch.out" 2>&1 &
watch_pid=$!
wait_for 5 grep -q '^watching' "$WORK/watch.out" || { echo "FAIL  watch did not start"; exit 1; }
sleep 1.5
late_ms=$(( $(date +%s%3N) - watch_t0 ))
check "watch: nothing before" "" "$(value "$(cat "$WORK/watch.out")" foreign)"
hold late "$NOBODY" "$ADDR" 1701
wait "$watch_pid"
out=$(cat "$WORK/watch.out")
check_has "watch: the late socket" "$(value "$out" foreign)" "(port-probe, pid ${PID[late]})"
# Found at all means found while it watched (its end prints none); that it
# was not before the bind is "nothing before" above. No wall-clock bound.
echo "#     bound about ${late_ms} ms, reported $(value "$out" after_ms) ms after the watch started"
release late

# 6. the watch with only root: no report until its end.
out=$(in_ns "$WATCH" watch "$ADDR" 1701 1 3)
check "watch: root only" none "$(value "$out" foreign)"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
