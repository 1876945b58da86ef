#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The built nm-l2tp-ipsec-service under a real NetworkManager, on this
# machine's kernel (no PPP, no ESP), in namespaces of its own:
#
#   run-nm-test.sh SERVICE DBUS_POLICY [PORT_PROBE]
#
#  - unshare -m -n: a private tmpfs on /run, /etc/NetworkManager,
#    /var/lib/NetworkManager and libnm's vpnservicedir (holding only our
#    .name, pointing at the BUILT service), /sys read-only (else NM waits
#    for udev); a system dbus-daemon with the project's policy file;
#  - a veth "uplink" (10.99.0.2) managed by NetworkManager, and behind it a
#    server network namespace (10.99.0.1) running a charon IKEv1 responder
#    in its own /run.
#
# Checks (TAP):
#  1. the service answers NeedSecrets over D-Bus for several connections;
#  1b. NeedSecrets of settings the sanitizer refuses answers the secrets
#     question alone (no error) and gets no charon ready;
#  2. nmcli con up of a connection with an unknown key, an mtu out of
#     range or a newline in the user name fails from Connect with "The VPN
#     service failed to start" (not "No valid secrets"), the service's and
#     NetworkManager's logs name the key, no charon was started, the
#     service ends and nothing is left;
#  3. nmcli con up against the server fails at the layer this kernel stops
#     at (IPsec phase 2: no ESP), reported as a VPN failure; the cleartext
#     guard was in the kernel meanwhile and is gone after the teardown;
#  3b. (with PORT_PROBE) without IPsec, while xl2tpd calls the server, uid
#     65534 binds our L2TP address and port with SO_REUSEADDR: the
#     connection fails within seconds, naming that uid, process and pid;
#  4. certificates of a private connection (connection.permissions
#     user:nobody) are read as nobody: a machine key only root may read
#     fails with "machine-key: PATH: permission denied for user nobody"
#     and nothing reaches charon; one nobody may read gets as far as this
#     kernel allows (IKE authenticated by certificate against a server on
#     10.99.0.3, then phase 2); a shared connection still reads root's key;
#  5. afterwards: no xl2tpd, no charon of ours, no runtime files, and the
#     service has exited.
# Exit 77 (skip) without root or without NetworkManager/charon/xl2tpd.
set -uo pipefail

if [[ ${1:-} != --inner ]]; then
	service=$(readlink -f "${1:?usage: run-nm-test.sh SERVICE DBUS_POLICY [PORT_PROBE]}")
	policy=$(readlink -f "${2:?usage: run-nm-test.sh SERVICE DBUS_POLICY [PORT_PROBE]}")
	port_probe=${3:+$(readlink -f "$3")}
	[[ $(id -u) == 0 ]] || { echo "1..0 # SKIP needs root"; exit 77; }
	for p in NetworkManager nmcli dbus-daemon xl2tpd pppd /usr/lib/ipsec/charon; do
		command -v "$p" >/dev/null || { echo "1..0 # SKIP $p not installed"; exit 77; }
	done
	exec unshare --mount --net --propagation private -- "$0" --inner "$service" "$policy" \
		"$port_probe"
fi

service=$2 policy=$3 port_probe=${4:-}
work=$(mktemp -d /tmp/nm-l2tp-dbus-test.XXXXXX)
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

server_pid= nm_pid= bus_pid=
cleanup() {
	[[ -n $nm_pid ]] && kill "$nm_pid" 2>/dev/null && wait "$nm_pid" 2>/dev/null
	[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
	[[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null
	[[ -n ${KEEP:-} ]] && echo "# logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

# ---- the private system -------------------------------------------------
vpndir=$(pkg-config --variable=vpnservicedir libnm 2>/dev/null || echo /usr/lib/NetworkManager/VPN)
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/dbus /run/NetworkManager
mount -t tmpfs -o mode=0755 tmpfs /etc/NetworkManager
mount -t tmpfs -o mode=0755 tmpfs /var/lib/NetworkManager
mkdir -p "$vpndir" && mount -t tmpfs -o mode=0755 tmpfs "$vpndir"
mount -o remount,bind,ro /sys
# A logind session of nobody (as sd_uid_get_sessions reads it): without
# one NetworkManager hides a connection private to nobody.
mkdir -p /run/systemd/seats /run/systemd/users
printf 'SESSIONS=c1\nONLINE_SESSIONS=c1\nACTIVE_SESSIONS=c1\n' \
	>"/run/systemd/users/$(id -u nobody)"

# NetworkManager starts the service through this wrapper: the build tree's
# pppd plugin instead of the installed one, and the log to a file (there is
# no syslog in here).
cat >"$work/service-wrapper" <<EOC
#!/bin/sh
export NM_L2TP_IPSEC_PPPD_PLUGIN=${NM_L2TP_IPSEC_PPPD_PLUGIN:-}
export NM_VPN_LOG_SYSLOG=0
export NM_L2TP_IPSEC_STATE_DIR=$work/state
exec $service "\$@" 2>>$work/service.log
EOC
chmod 755 "$work/service-wrapper"
cat >"$vpndir/nm-l2tp-service.name" <<EOC
[VPN Connection]
name=l2tp
service=org.freedesktop.NetworkManager.l2tp
program=$work/service-wrapper
supports-multiple-connections=true
EOC

mkdir -p /etc/NetworkManager/system-connections /etc/NetworkManager/conf.d
cat >/etc/NetworkManager/NetworkManager.conf <<EOC
[main]
plugins=keyfile
no-auto-default=*
auth-polkit=false
dhcp=internal
dns=none
rc-manager=unmanaged
hostname-mode=none
[keyfile]
unmanaged-devices=except:interface-name:l2tpc0,except:type:ppp
[logging]
level=DEBUG
domains=ALL:INFO,VPN:TRACE,VPN_PLUGIN:TRACE
[connectivity]
enabled=false
EOC
cat >/etc/NetworkManager/system-connections/uplink.nmconnection <<EOC
[connection]
id=uplink
type=ethernet
interface-name=l2tpc0
autoconnect=true
[ipv4]
method=manual
address1=10.99.0.2/24,10.99.0.1
[ipv6]
method=disabled
EOC
chmod 600 /etc/NetworkManager/system-connections/uplink.nmconnection

cat >"$work/bus.conf" <<EOC
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <include>/usr/share/dbus-1/system.conf</include>
  <include>$policy</include>
</busconfig>
EOC

# ---- the network: uplink and a server namespace ---------------------------
ip link set lo up
ip link add l2tpc0 type veth peer name l2tps0
ip netns add srv
ip link set l2tps0 netns srv
ip -n srv addr add 10.99.0.1/24 dev l2tps0
ip -n srv addr add 10.99.0.3/24 dev l2tps0
ip -n srv link set l2tps0 up
ip -n srv link set lo up

cat >"$work/srv-strongswan.conf" <<EOC
charon {
  load_modular = no
  load = random nonce aes sha1 sha2 md5 hmac gmp openssl pem pkcs1 x509 pubkey kernel-netlink socket-default vici
  plugins { vici { socket = unix://$work/srv.vici } }
  syslog { daemon { default = -1 } }
  filelog { stderr { default = 1 } }
}
EOC
# Certificates: a CA, the server's (10.99.0.3) and the client's.
pki=$work/pki
mkdir -p "$pki"
pki --gen --type rsa --size 2048 --outform pem >"$pki/ca.key"
pki --self --ca --lifetime 30 --in "$pki/ca.key" --type rsa --dn "CN=nm-l2tp test CA" \
	--outform pem >"$pki/ca.pem"
for who in server client; do
	pki --gen --type rsa --size 2048 --outform pem >"$pki/$who.key"
	san=; [[ $who == server ]] && san="--san 10.99.0.3"
	pki --pub --in "$pki/$who.key" --type rsa |
		pki --issue --lifetime 30 --cacert "$pki/ca.pem" --cakey "$pki/ca.key" \
			--dn "CN=nm-l2tp test $who" $san --outform pem >"$pki/$who.pem"
done
cat >"$work/srv-swanctl.conf" <<EOC
connections { lns { version = 1
  local_addrs = 10.99.0.1
  proposals = aes256-sha384-modp3072, aes128-sha256-modp2048
  local { auth = psk }
  remote { auth = psk }
  children { l2tp { mode = transport
    local_ts = dynamic[udp/1701]
    remote_ts = dynamic[udp] } } } }
connections { lns-cert { version = 1
  local_addrs = 10.99.0.3
  proposals = aes128-sha256-modp2048
  local {
    auth = pubkey
    certs = $pki/server.pem
  }
  remote {
    auth = pubkey
    cacerts = $pki/ca.pem
  }
  children { l2tp { mode = transport
    local_ts = dynamic[udp/1701]
    remote_ts = dynamic[udp] } } } }
secrets { ike-1 { secret = "right-psk" } }
EOC
# swanctl loads private keys from private/ beside its --file.
mkdir -p "$work/private"
cp "$pki/server.key" "$work/private/server.key"
ip netns exec srv unshare --mount --propagation private -- sh -c \
	"mount -t tmpfs tmpfs /run && STRONGSWAN_CONF=$work/srv-strongswan.conf exec /usr/lib/ipsec/charon" \
	>"$work/srv-charon.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -S $work/srv.vici ]] && break; sleep 0.1; done
STRONGSWAN_CONF=$work/srv-strongswan.conf ip netns exec srv \
	swanctl --load-all --uri "unix://$work/srv.vici" --file "$work/srv-swanctl.conf" \
	>"$work/srv-swanctl.log" 2>&1

bus_pid=$(dbus-daemon --config-file="$work/bus.conf" --fork --nopidfile --print-pid)
NetworkManager --no-daemon --debug >"$work/nm.log" 2>&1 &
nm_pid=$!
for _ in $(seq 150); do
	nmcli -t -f STATE general 2>/dev/null | grep -q connected && break
	sleep 0.2
done
check "NetworkManager runs with the uplink connected" \
	sh -c 'nmcli -t -f STATE general | grep -qx "connected.*"'

# ---- 1. NeedSecrets, straight over D-Bus ----------------------------------
# A second instance of the service on a name of its own answers NeedSecrets
# (the method NetworkManager calls before Connect).
"$service" --debug --bus-name org.freedesktop.NetworkManager.l2tp.test \
	>"$work/service-test.log" 2>&1 &
svc=$!
for _ in $(seq 50); do
	busctl --system status org.freedesktop.NetworkManager.l2tp.test >/dev/null 2>&1 && break
	sleep 0.1
done
need() { # expected-result data-dict-entries secrets-dict-entries
	local got
	got=$(gdbus call --system --dest org.freedesktop.NetworkManager.l2tp.test \
		--object-path /org/freedesktop/NetworkManager/VPN/Plugin \
		--method org.freedesktop.NetworkManager.VPN.Plugin.NeedSecrets \
		"{'connection': {'id': <'t'>, 'uuid': <'0b9c3c1e-2f0e-4c67-9e61-5c3f0a1d2e3f'>, 'type': <'vpn'>},
		  'vpn': {'service-type': <'org.freedesktop.NetworkManager.l2tp'>,
		          'data': <{$2}>, 'secrets': <@a{ss} {$3}>}}" 2>&1)
	if [[ $got == *"$1"* ]]; then return 0; fi
	echo "# NeedSecrets: expected '$1', got: $got"
	return 1
}
# Settings the sanitizer refuses are Connect's to refuse: NeedSecrets
# answers only which secret is missing, and starts no charon for them.
check "NeedSecrets: an unknown key elsewhere, the password still missing" \
	need "('vpn',)" "'gateway': 'vpn.example.com', 'bogus-key': 'x'" ""
check "NeedSecrets: mtu out of range, every secret there: nothing missing" \
	need "('',)" "'gateway': 'vpn.example.com', 'mtu': '99999', 'ipsec-enabled': 'yes'" "'password': 'p', 'ipsec-psk': 'k'"
check "NeedSecrets: a newline in the user name, the PSK still missing" \
	need "('vpn',)" "'gateway': 'vpn.example.com', 'user': 'a\nb', 'ipsec-enabled': 'yes'" "'password': 'p'"
check "NeedSecrets said the settings are refused, for Connect to say why" \
	grep -q "NeedSecrets: settings refused (Connect says why): mtu: 99999 is outside 576 to 1500" "$work/service-test.log"
check "NeedSecrets of refused settings got no charon ready" \
	sh -c '! grep -q "charon: getting charon ready" "$1"' sh "$work/service-test.log"
check "NeedSecrets: password missing" need "('vpn',)" "'gateway': 'vpn.example.com', 'user': 'u'" ""
check "NeedSecrets of a connection without IPsec got no charon ready" \
	sh -c '! grep -q "charon: getting charon ready" "$1"' sh "$work/service-test.log"
check "NeedSecrets: nothing missing" need "('',)" "'gateway': 'vpn.example.com', 'user': 'u', 'ipsec-enabled': 'yes'" "'password': 'p', 'ipsec-psk': 'k'"
check "NeedSecrets: PSK missing" need "('vpn',)" "'gateway': 'vpn.example.com', 'ipsec-enabled': 'yes'" "'password': 'p'"
check "NeedSecrets: TLS needs no password" need "('',)" "'gateway': 'vpn.example.com', 'user-auth-type': 'tls', 'user-cert': '/c.pem'" ""
check "the service got charon ready at the first NeedSecrets of good IPsec settings" \
	grep -q "charon: getting charon ready before the connection asks" "$work/service-test.log"
kill "$svc"; wait "$svc" 2>/dev/null
# No Connect came: the charon use it prepared ends with it.
check "a service that only answered NeedSecrets leaves no charon use" \
	sh -c '! grep -qs "STRONGSWAN_CONF=/run/nm-l2tp-ipsec" /proc/[0-9]*/environ &&
		! ls /run/nm-l2tp-ipsec/charon/user-* >/dev/null 2>&1'

# ---- 2. settings the sanitizer refuses, through nmcli ------------------
# Refused by Connect, not NeedSecrets: NetworkManager's reason is
# service-start-failed ("The VPN service failed to start"), never
# no-secrets; its log and ours name the key; no charon is started; the
# service process ends.
# refused NAME KEY-MESSAGE: nmcli con up NAME fails that way.
refused() {
	local name=$1 says=$2 mark nm_mark uuid
	mark=$(wc -l <"$work/service.log")
	nm_mark=$(wc -l <"$work/nm.log")
	uuid=$(nmcli -g connection.uuid con show "$name")
	out=$(timeout 60 nmcli con up "$name" 2>&1)
	check "$name: nmcli con up fails" test $? -ne 0
	echo "$out" | sed 's/^/# nmcli: /'
	check "$name: NetworkManager's reason is that the VPN service failed to start" \
		grep -qF "Connection activation failed: The VPN service failed to start" <<<"$out"
	check "$name: not a secrets failure" \
		sh -c '! printf "%s\n" "$1" | grep -qE "No valid secrets|Secrets were required"' sh "$out"
	check "$name: the service's log names the key ($says)" \
		sh -c 'tail -n "+$(($2 + 1))" "$1" | grep -F "Settings: $3" >/dev/null' sh \
		"$work/service.log" "$mark" "$says"
	check "$name: NetworkManager's log names the key, from Connect" \
		sh -c 'tail -n "+$(($2 + 1))" "$1" | grep -E "failed to connect.*Settings: $3" >/dev/null' \
		sh "$work/nm.log" "$nm_mark" "$says"
	check "$name: NeedSecrets did not fail" \
		sh -c '! tail -n "+$(($2 + 1))" "$1" | grep -F "NeedSecrets request" | grep -q failed' \
		sh "$work/nm.log" "$nm_mark"
	check "$name: no charon was started (service log)" \
		sh -c '! tail -n "+$(($2 + 1))" "$1" | grep -qE "charon: (getting charon ready|started private charon)"' \
		sh "$work/service.log" "$mark"
	check "$name: no charon of ours runs" \
		sh -c '! grep -qs "STRONGSWAN_CONF=/run/nm-l2tp-ipsec" /proc/[0-9]*/environ'
	for _ in $(seq 50); do pgrep -x nm-l2tp-ipsec-s >/dev/null || break; sleep 0.2; done
	check "$name: the service process ended" sh -c '! pgrep -x nm-l2tp-ipsec-s >/dev/null'
	check "$name: nothing of it in /run/nm-l2tp-ipsec" \
		sh -c '! find /run/nm-l2tp-ipsec -mindepth 1 2>/dev/null | grep -q .'
	check "$name: the failure is kept for diagnose (code bad-settings)" \
		grep -qx "code=bad-settings" "$work/state/$uuid.failure"
}
nmcli con add type vpn con-name bad ifname '*' vpn-type l2tp \
	vpn.data "gateway=10.99.0.1, user=u, bogus-key=1" vpn.secrets "password=p" >/dev/null
refused bad "bogus-key: unknown key in vpn.data"
nmcli con add type vpn con-name bad-mtu ifname '*' vpn-type l2tp \
	vpn.data "gateway=10.99.0.1, user=u, mtu=99999, ipsec-enabled=yes, ipsec-psk-flags=0, password-flags=0" \
	vpn.secrets "password=p, ipsec-psk=right-psk" >/dev/null
refused bad-mtu "mtu: 99999 is outside 576 to 1500"
nmcli con add type vpn con-name bad-user ifname '*' vpn-type l2tp \
	vpn.data $'gateway=10.99.0.1, user=a\nb, ipsec-enabled=yes, ipsec-psk-flags=0, password-flags=0' \
	vpn.secrets "password=p, ipsec-psk=right-psk" >/dev/null
refused bad-user "user: contains the control character 0x0a"

# ---- 2b. a failure found at once, before anything starts -------------------
# xl2tpd reaches IPv4 servers only: refused in preflight. The failure must
# reach NetworkManager as the plugin's own, not after libnm's connect timer
# (a failure during the Connect call itself was not passed on).
nmcli con add type vpn con-name v6 ifname '*' vpn-type l2tp \
	vpn.data "gateway=2001:db8::1, user=u, ipsec-enabled=yes, ipsec-psk-flags=0, password-flags=0" \
	vpn.secrets "password=p, ipsec-psk=k" >/dev/null
out=$(timeout 120 nmcli con up v6 2>&1)
check "nmcli con up with an IPv6 gateway fails" test $? -ne 0
echo "$out" | sed 's/^/# nmcli: /'
check "the service names the setting (gateway: IPv4 only)" \
	grep -q "Settings: gateway: xl2tpd reaches IPv4 servers only" "$work/service.log"
check "the failure went to NetworkManager at once (no connect timer)" \
	sh -c '! grep -q "Connect timer expired" "$1"' sh "$work/service.log"

# ---- 3. a real attempt, stopped by this kernel at IPsec phase 2 ------------
nmcli con add type vpn con-name corp ifname '*' vpn-type l2tp \
	vpn.data "gateway=10.99.0.1, user=u, ipsec-enabled=yes, ipsec-psk-flags=0, password-flags=0" \
	vpn.secrets "password=p, ipsec-psk=right-psk" >/dev/null
# What worked for a connection NetworkManager no longer has goes when a
# service starts; what is kept for an existing one stays.
corp_uuid=$(nmcli -g connection.uuid con show corp)
gone_uuid=6a1f3d2e-0c4b-4e8a-9f17-2b3c4d5e6f70
mkdir -p -m 0700 "$work/state"
for u in "$corp_uuid" "$gone_uuid"; do
	printf '[plan]\nfor=x\nike=aes128-sha1-modp2048\nesp=aes128-sha1\nmppe=false\n' \
		>"$work/state/$u.plan"
	chmod 600 "$work/state/$u.plan"
done
# and the last failure diagnose shows, of a connection that is gone
printf '[failure]\ntime=2026-12-01T10:00:00Z\nlayer=ike\ncode=psk-mismatch\nmessage=x\n' \
	>"$work/state/$gone_uuid.failure"
nft=$(command -v nft || echo /usr/sbin/nft)
# Watches for the guard while the connection tries (it lives from preflight
# to the end of the teardown, about 0.1 s here: polling `nft list tables`
# missed it now and then). The kernel's table events, from a monitor that
# has seen a table of the test's own first, so it listens already.
"$nft" monitor tables >"$work/nft-monitor.txt" 2>&1 &
guard_watch=$!
for _ in $(seq 100); do
	"$nft" add table inet nm-l2tp-test-sync 2>/dev/null
	"$nft" delete table inet nm-l2tp-test-sync 2>/dev/null
	grep -q "nm-l2tp-test-sync" "$work/nft-monitor.txt" && break
	sleep 0.05
done
out=$(timeout 120 nmcli con up corp 2>&1)
rc=$?
for _ in $(seq 20); do
	grep -q "^delete table inet nm-l2tp-ipsec-$corp_uuid\$" "$work/nft-monitor.txt" && break
	sleep 0.1
done
kill "$guard_watch" 2>/dev/null; wait "$guard_watch" 2>/dev/null
grep -q "^add table inet nm-l2tp-ipsec-$corp_uuid\$" "$work/nft-monitor.txt" &&
	echo seen >"$work/guard-seen"
echo "$out" | sed 's/^/# nmcli: /'
check "nmcli con up on this kernel fails" test $rc -ne 0
if [[ -x $nft ]]; then
	check "the cleartext guard was installed for the 5-tuple" \
		grep -q "guard: L2TP 10.99.0.2:1701 <-> 10.99.0.1:1701 only inside IPsec" "$work/service.log"
	check "the guard was in the kernel during the attempt" test -e "$work/guard-seen"
	# nmcli returns at NetworkManager's failure; the teardown goes on after.
	for _ in $(seq 100); do
		grep -q "guard: removed nm-l2tp-ipsec-$corp_uuid" "$work/service.log" && break
		sleep 0.1
	done
	check "the guard was removed at the end of the teardown" \
		grep -q "guard: removed nm-l2tp-ipsec-$corp_uuid" "$work/service.log"
	check "no guard is left in the kernel" sh -c '! "$1" list tables | grep -q nm-l2tp-ipsec-' sh "$nft"
fi
check "the failure names the layer (IPsec phase 2, no ESP in the kernel)" \
	grep -q "IPsec (phase 2): the kernel refused the IPsec SAs" "$work/service.log"
check "NetworkManager got the plugin's failure" \
	grep -qiE "VPN plugin: failed: (connect-failed|Connect failed)|plugin-failed|Failure" "$work/nm.log"
check "the plan offered the first Phase 1 round" \
	grep -q "plan: offering IKE round 1 of 6" "$work/service.log"
check "a memory made for other settings was not used" \
	grep -q "plan: what worked last time was for other settings; not used" "$work/service.log"
check "the server's IKE choice reached the plan (ike-updown)" \
	grep -q "plan: the server chose IKE aes128-sha256-modp2048" "$work/service.log"
check "the memory of a deleted connection was removed" test ! -e "$work/state/$gone_uuid.plan"
check "the last failure of a deleted connection was removed" \
	test ! -e "$work/state/$gone_uuid.failure"
check "the memory of an existing connection stays" test -e "$work/state/$corp_uuid.plan"

# ---- 3b. another user's socket on our L2TP address and port -----------------
# No IPsec (this kernel has no ESP): xl2tpd binds 10.99.0.2:1701 and calls a
# server that has no LNS, retrying for the L2TP step's 30 s. Meanwhile uid
# 65534 binds the same address and port with SO_REUSEADDR, as any user can.
if [[ -n $port_probe ]] && command -v setpriv >/dev/null; then
	chmod 755 "$work"
	cp "$port_probe" "$work/port-probe" && chmod 755 "$work/port-probe"
	nmcli con add type vpn con-name clear ifname '*' vpn-type l2tp \
		vpn.data "gateway=10.99.0.1, user=u, ipsec-enabled=no, password-flags=0" \
		vpn.secrets "password=p" >/dev/null
	(timeout 90 nmcli con up clear >"$work/clear.out" 2>&1; echo $? >"$work/clear.rc") &
	up=$!
	# 10.99.0.2:1701 as /proc/net/udp writes it on a little-endian machine,
	# owned by root: xl2tpd's socket.
	for _ in $(seq 200); do
		awk '$2 == "0200630A:06A5" && $8 == 0 { f = 1 } END { exit !f }' /proc/net/udp && break
		sleep 0.1
	done
	check "xl2tpd bound 10.99.0.2:1701" \
		awk '$2 == "0200630A:06A5" && $8 == 0 { f = 1 } END { exit !f }' /proc/net/udp
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$work/port-probe" receive 10.99.0.2 1701 1000 60 >"$work/foreign.out" 2>&1 &
	foreign=$!
	t0=$SECONDS
	wait "$up"
	took=$((SECONDS - t0))
	kill "$foreign" 2>/dev/null; wait "$foreign" 2>/dev/null
	sed 's/^/# nmcli: /' "$work/clear.out"
	echo "# failed ${took} s after the other user's bind"
	check "nmcli con up fails when another user binds our L2TP port" \
		test "$(cat "$work/clear.rc")" -ne 0
	check "the service names the other user's socket" \
		grep -q "L2TP: another user's program bound our L2TP address and port (uid 65534 (port-probe, pid $foreign) on 10.99.0.2:1701)" "$work/service.log"
	check "the fix is in the message" grep -q "Stop that program (sudo kill $foreign)" "$work/service.log"
	check "it failed within seconds, not at the L2TP step's timeout" test "$took" -lt 15
else
	echo "# 3b skipped: no port probe or no setpriv"
fi

# ---- 4. certificates of a private connection, read as its user -------------
# Files for nobody under $work (0711): the CA and the certificate anyone may
# read; one key only root may read, one only nobody.
chmod 0711 "$work"
files=$work/files
mkdir -m 0755 "$files"
install -m 0644 "$pki/ca.pem" "$files/ca.pem"
install -m 0644 "$pki/client.pem" "$files/client.pem"
install -m 0600 -o root "$pki/client.key" "$files/root-only.key"
install -m 0600 -o nobody "$pki/client.key" "$files/nobody.key"
certs_data() { # key file
	echo "gateway=10.99.0.3, user=u, password-flags=0, ipsec-enabled=yes," \
		"machine-auth-type=tls, machine-ca=$files/ca.pem," \
		"machine-cert=$files/client.pem, machine-key=$1"
}
# service_log_since MARK: the service's log after line MARK.
service_log_since() { tail -n "+$(($1 + 1))" "$work/service.log"; }
attempt() { # name: nmcli con up, which must fail on this kernel; sets mark
	mark=$(wc -l <"$work/service.log")
	out=$(timeout 120 nmcli con up "$1" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# nmcli: /'
	check "$1: nmcli con up fails" test $rc -ne 0
}
# (grep -q would end the pipe early: tail's SIGPIPE under pipefail)
since_has() { service_log_since "$mark" | grep -F -- "$1" >/dev/null; }
since_lacks() { ! service_log_since "$mark" | grep -F -- "$1" >/dev/null; }

nmcli con add type vpn con-name priv-root ifname '*' vpn-type l2tp \
	connection.permissions user:nobody \
	vpn.data "$(certs_data "$files/root-only.key")" vpn.secrets "password=p" >/dev/null
attempt priv-root
check "priv-root: the key only root may read is refused for nobody, by name" \
	since_has "Settings: machine-key: $files/root-only.key: permission denied for user nobody"
check "priv-root: its files were read as its user" \
	since_has "of the connection as its user"
check "priv-root: no key reached charon" since_lacks "ipsec: loading the machine key"
check "priv-root: not even charon's conn was loaded" since_lacks "ipsec: initiating"

nmcli con add type vpn con-name priv-user ifname '*' vpn-type l2tp \
	connection.permissions user:nobody \
	vpn.data "$(certs_data "$files/nobody.key")" vpn.secrets "password=p" >/dev/null
attempt priv-user
check "priv-user: nobody's key was read and loaded" \
	since_has "ipsec: loading the machine key"
check "priv-user: charon took the certificates as bytes (IKE authenticated both ways)" \
	since_has "plan: the server chose IKE aes128-sha256-modp2048"
check "priv-user: the server got our certificate (srv-charon.log)" \
	grep -qF 'received end entity cert "CN=nm-l2tp test client"' "$work/srv-charon.log"
check "priv-user: then stopped by this kernel at phase 2" \
	since_has "IPsec (phase 2): the kernel refused the IPsec SAs"

nmcli con add type vpn con-name shared-root ifname '*' vpn-type l2tp \
	vpn.data "$(certs_data "$files/root-only.key")" vpn.secrets "password=p" >/dev/null
attempt shared-root
check "shared-root: a shared connection's files are read as root" \
	since_has "of the connection as root"
check "shared-root: root's key was loaded" since_has "ipsec: loading the machine key"
check "shared-root: stopped by this kernel at phase 2" \
	since_has "IPsec (phase 2): the kernel refused the IPsec SAs"

# ---- 5. nothing left behind -------------------------------------------------
# (the process name is cut to 15 characters)
for _ in $(seq 100); do
	pgrep -x nm-l2tp-ipsec-s >/dev/null || break
	sleep 0.2
done
check "the service has exited" sh -c '! pgrep -x nm-l2tp-ipsec-s >/dev/null' 
check "no xl2tpd runs" sh -c '! pgrep -x xl2tpd >/dev/null'
# (the server's charon runs on: ours is the one with our strongswan.conf)
check "no charon of ours runs" sh -c '! grep -qs "STRONGSWAN_CONF=/run/nm-l2tp-ipsec" /proc/[0-9]*/environ' 
check "no runtime files are left" sh -c '! find /run/nm-l2tp-ipsec -mindepth 1 2>/dev/null | grep -q .'

echo "1..$n"
if [[ $fails -ne 0 ]]; then
	echo "# service log lines from NetworkManager's log:"
	tail -60 "$work/service.log" | sed 's/^/# /'
fi
[[ $fails -eq 0 ]]
