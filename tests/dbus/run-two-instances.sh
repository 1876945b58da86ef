#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Two service processes for one connection, as after a quick reconnect:
# NetworkManager starts a new one (Connection_N+1) while the old one still
# tears down. Both use the connection's UUID for the runtime directory, the
# xl2tpd [lac] and the strongSwan conn and shared-key names.
#
#   run-two-instances.sh SERVICE DBUS_POLICY
#
# In namespaces of its own (tmpfs /run, a veth uplink 10.98.0.2 whose
# gateway 10.98.0.1 never answers, so each connect stays in IPsec phase 1),
# with a private system bus, the built service runs twice (A and B) and is
# driven over D-Bus as NetworkManager would:
#  1. A connects; B connects with the same UUID while A is in IPsec;
#  2. B must not touch A's runtime directory while A runs;
#  3. A disconnects: its teardown must not remove B's directory nor unload
#     B's conn from charon, and B goes on once A is done;
#  4. B disconnects; both exit;
#  5. C connects and is killed (SIGKILL): D, for the same UUID, goes on at
#     once (the kernel dropped C's lock), and after D nothing is left.
# Exit 77 (skip) without root or the programs.
set -uo pipefail

if [[ ${1:-} != --inner ]]; then
	service=$(readlink -f "${1:?usage: run-two-instances.sh SERVICE DBUS_POLICY}")
	policy=$(readlink -f "${2:?usage: run-two-instances.sh SERVICE DBUS_POLICY}")
	[[ $(id -u) == 0 ]] || { echo "1..0 # SKIP needs root"; exit 77; }
	for p in dbus-daemon gdbus busctl swanctl xl2tpd pppd /usr/lib/ipsec/charon; do
		command -v "$p" >/dev/null || { echo "1..0 # SKIP $p not installed"; exit 77; }
	done
	exec unshare --mount --net --propagation private -- "$0" --inner "$service" "$policy"
fi

service=$2 policy=$3
work=$(mktemp -d /tmp/nm-l2tp-two-instances.XXXXXX)
uuid=5c0ffee0-1d2e-4f3a-8b9c-0d1e2f3a4b5c
rundir=/run/nm-l2tp-ipsec/$uuid
conn=nm-l2tp-ipsec-$uuid
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

a_pid= b_pid= bus_pid=
cleanup() {
	for p in $a_pid $b_pid; do kill "$p" 2>/dev/null; done
	for p in $a_pid $b_pid; do wait "$p" 2>/dev/null; done
	[[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null
	[[ -n ${KEEP:-} ]] && echo "# logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/dbus
ip link set lo up
ip link add up0 type veth peer name up1
ip addr add 10.98.0.2/24 dev up0
ip link set up0 up
ip link set up1 up
# a neighbour that is never there: IKE packets leave and vanish
ip neigh add 10.98.0.1 lladdr 02:00:00:00:98:01 dev up0

cat >"$work/bus.conf" <<EOC
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <include>/usr/share/dbus-1/system.conf</include>
  <include>$policy</include>
</busconfig>
EOC
bus_pid=$(dbus-daemon --config-file="$work/bus.conf" --fork --nopidfile --print-pid)

start_service() { # name log
	NM_VPN_LOG_SYSLOG=0 NM_L2TP_IPSEC_STATE_DIR=$work/state \
		"$service" --debug --bus-name "org.freedesktop.NetworkManager.l2tp.$1" \
		>"$2" 2>&1 &
}
wait_name() {
	for _ in $(seq 100); do
		busctl --system status "org.freedesktop.NetworkManager.l2tp.$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
wait_log() { # file pattern seconds
	for _ in $(seq $(($3 * 10))); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
call() { # name method args...
	local name=$1 method=$2; shift 2
	gdbus call --system --dest "org.freedesktop.NetworkManager.l2tp.$name" \
		--object-path /org/freedesktop/NetworkManager/VPN/Plugin \
		--method "org.freedesktop.NetworkManager.VPN.Plugin.$method" "$@"
}
connect() { # name
	call "$1" Connect \
		"{'connection': {'id': <'corp'>, 'uuid': <'$uuid'>, 'type': <'vpn'>},
		  'vpn': {'service-type': <'org.freedesktop.NetworkManager.l2tp'>,
		          'data': <{'gateway': '10.98.0.1', 'user': 'u', 'ipsec-enabled': 'yes',
		                    'password-flags': '0', 'ipsec-psk-flags': '0'}>,
		          'secrets': <{'password': 'p', 'ipsec-psk': 'k'}>}}" >/dev/null
}
stamp_pid() { # the pid in the runtime directory's service.pid
	local s
	s=$(cat "$rundir/service.pid" 2>/dev/null) || return 1
	echo "${s%% *}"
}
conn_loaded() {
	swanctl --list-conns --uri unix:///run/nm-l2tp-ipsec/charon/charon.vici 2>/dev/null |
		grep -q "^$conn:"
}

start_service a "$work/a.log"; a_pid=$!
start_service b "$work/b.log"; b_pid=$!
check "service A is on the bus" wait_name a
check "service B is on the bus" wait_name b

# ---- 1. A connects and is in IPsec -------------------------------------
check "A accepts Connect" connect a
check "A reaches IPsec (the server never answers)" wait_log "$work/a.log" "ipsec: initiating $conn" 20
check "A's runtime directory is A's" test "$(stamp_pid)" = "$a_pid"
check "A's conn is loaded in charon" conn_loaded

# ---- 2. B connects with the same UUID while A still runs ---------------
check "B accepts Connect" connect b
sleep 2
check "B leaves A's runtime directory alone while A runs" test "$(stamp_pid)" = "$a_pid"
check "B says it waits for A" grep -q "waiting for service process $a_pid" "$work/b.log"

# ---- 3. A disconnects: B's turn ------------------------------------------
check "A accepts Disconnect" call a Disconnect
check "A's teardown ends" wait_log "$work/a.log" "stopped $conn" 30
check "B goes on once A is done" wait_log "$work/b.log" "ipsec: initiating $conn" 20
check "after A's teardown the runtime directory is B's" test "$(stamp_pid)" = "$b_pid"
check "after A's teardown B's conn is loaded in charon" conn_loaded

# ---- 4. B disconnects -----------------------------------------------------
check "B accepts Disconnect" call b Disconnect
check "B's teardown ends" wait_log "$work/b.log" "stopped $conn" 30
# (NetworkManager would let them quit on libnm's idle timer)
kill -TERM "$a_pid" "$b_pid" 2>/dev/null
for _ in $(seq 100); do
	kill -0 "$a_pid" 2>/dev/null || kill -0 "$b_pid" 2>/dev/null || break
	sleep 0.2
done
check "both services exit on SIGTERM" sh -c '! kill -0 "$1" 2>/dev/null && ! kill -0 "$2" 2>/dev/null' sh "$a_pid" "$b_pid"
wait "$a_pid" "$b_pid" 2>/dev/null
a_pid= b_pid=

# ---- 5. a crashed holder does not block the next process ---------------------
start_service c "$work/c.log"; a_pid=$!
check "service C is on the bus" wait_name c
check "C accepts Connect" connect c
check "C reaches IPsec" wait_log "$work/c.log" "ipsec: initiating $conn" 20
kill -KILL "$a_pid"; wait "$a_pid" 2>/dev/null; a_pid=
start_service d "$work/d.log"; b_pid=$!
check "service D is on the bus" wait_name d
check "D accepts Connect" connect d
check "D goes on at once after C's crash" wait_log "$work/d.log" "ipsec: initiating $conn" 10
check "D did not wait for the dead C" sh -c '! grep -q "waiting for service process" "$1"' sh "$work/d.log"
check "the runtime directory is D's" test "$(stamp_pid)" = "$b_pid"
check "D accepts Disconnect" call d Disconnect
check "D's teardown ends" wait_log "$work/d.log" "stopped $conn" 30
kill -TERM "$b_pid"
for _ in $(seq 100); do kill -0 "$b_pid" 2>/dev/null || break; sleep 0.2; done
check "D exits on SIGTERM" sh -c '! kill -0 "$1" 2>/dev/null' sh "$b_pid"
b_pid=

# ---- nothing left -------------------------------------------------------------
check "no charon of ours runs" sh -c '! grep -qs "STRONGSWAN_CONF=/run/nm-l2tp-ipsec" /proc/[0-9]*/environ'
check "no runtime files are left" sh -c '! find /run/nm-l2tp-ipsec -mindepth 1 2>/dev/null | grep -q .'

echo "1..$n"
if [[ $fails -ne 0 ]]; then
	echo "# A's log:"; tail -40 "$work/a.log" | sed 's/^/# /'
	echo "# B's log:"; tail -40 "$work/b.log" | sed 's/^/# /'
	echo "# D's log:"; tail -40 "$work/d.log" 2>/dev/null | sed 's/^/# /'
fi
[[ $fails -eq 0 ]]
