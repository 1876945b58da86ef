#!/usr/bin/env bash
# nmcli connection import/export through the built plugin, against a real
# NetworkManager on a private D-Bus, in a network + mount namespace of its
# own: tmpfs over /run, /etc/NetworkManager, /var/lib/NetworkManager and the
# VPN service dir (whose .name file points at the BUILT plugin), so nothing
# on the host changes.
# usage: run.sh PLUGIN_SO FIXTURES_DIR
# exit 77 (skip) when not root or NetworkManager/nmcli/dbus-daemon are missing.
set -euo pipefail

plugin=$(realpath "$1")
fixtures=$(realpath "$2")
vpn_dir=/usr/lib/NetworkManager/VPN

if [[ ${NMCLI_IMPORT_INSIDE:-} != 1 ]]; then
	[[ $(id -u) == 0 ]] || { echo "1..0 # SKIP needs root (namespaces, NetworkManager)"; exit 77; }
	for tool in NetworkManager nmcli dbus-daemon unshare; do
		command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool not installed"; exit 77; }
	done
	[[ -d $vpn_dir ]] || { echo "1..0 # SKIP no $vpn_dir to cover"; exit 77; }
	NMCLI_IMPORT_INSIDE=1 exec unshare --mount --net --propagation private -- "$0" "$@"
fi

# --- inside the namespaces --------------------------------------------------
work=$(mktemp -d)
for dir in /run /etc/NetworkManager /var/lib/NetworkManager "$vpn_dir"; do
	mount -t tmpfs -o mode=0755 tmpfs "$dir"
done
# With a writable /sys, NetworkManager waits for udev (lab RECIPE.md).
mount -o remount,bind,ro /sys
ip link set lo up
mkdir -p /run/dbus /etc/NetworkManager/system-connections

cat >"$vpn_dir/nm-l2tp-service.name" <<EOF
[VPN Connection]
name=l2tp
service=org.freedesktop.NetworkManager.l2tp
program=/bin/false
supports-multiple-connections=true

[libnm]
plugin=$plugin
EOF
cat >"$work/NetworkManager.conf" <<EOF
[main]
plugins=keyfile
auth-polkit=false
dns=none
rc-manager=unmanaged
no-auto-default=*
hostname-mode=none

[connectivity]
enabled=false
EOF

pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

dbus-daemon --system --nofork --nopidfile >"$work/dbus.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -S /run/dbus/system_bus_socket ]] && break; sleep 0.05; done
NetworkManager --no-daemon --config "$work/NetworkManager.conf" >"$work/nm.log" 2>&1 &
pids+=($!)
t0=$(date +%s%N)
for _ in $(seq 300); do
	[[ $(nmcli -t -f RUNNING general 2>/dev/null) == running ]] && break
	sleep 0.1
done
[[ $(nmcli -t -f RUNNING general 2>/dev/null) == running ]] || {
	echo "Bail out! NetworkManager did not start"; tail -n 20 "$work/nm.log"; exit 1; }
printf '# NetworkManager ready in %d ms\n' $((($(date +%s%N) - t0) / 1000000))

n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

# import FILE: sets imported_uuid; prints the time nmcli took.
import() {
	local out t_start t_end
	imported_uuid=
	t_start=$(date +%s%N)
	out=$(nmcli connection import type l2tp file "$1" 2>&1) || { sed 's/^/# /' <<<"$out"; return 1; }
	t_end=$(date +%s%N)
	printf '# import %s: %d ms\n' "$(basename "$1")" $(((t_end - t_start) / 1000000))
	imported_uuid=$(sed -n 's/.*(\([0-9a-f-]\{36\}\)) successfully added.*/\1/p' <<<"$out")
}
vpn_of() { nmcli --show-secrets -g connection.id,vpn.data,vpn.secrets connection show "$1"; }

# check_import FIXTURE EXPECTED: the connection holds exactly these keys.
check_import() {
	local got
	import "$fixtures/$1" || { not_ok "import $1"; return; }
	got=$(vpn_of "$imported_uuid")
	if [[ $got == "$2" ]]; then ok "import $1: exactly the expected keys"; else
		not_ok "import $1"; { diff <(echo "$2") <(echo "$got") || true; } | sed 's/^/# /'; fi
}

check_import tplink.conf "TP-Link Office
gateway = vpn.example.net, ipsec-enabled = yes, ipsec-esp = 3des-sha1, ipsec-forceencaps = yes, ipsec-ike = 3des-sha1-modp1024, lcp-echo-failure = 5, lcp-echo-interval = 30, mru = 1400, mtu = 1400, no-vj-comp = yes, nobsdcomp = yes, nodeflate = yes, refuse-chap = yes, refuse-eap = yes, refuse-mschap = yes, refuse-pap = yes, require-mppe = yes, user = alice
ipsec-psk = Tp-Link Shared Key!"
check_import pfs-no.conf "MikroTik no PFS
domain = CORP, gateway = 203.0.113.7, ipsec-enabled = yes, ipsec-esp = aes256-sha1\\\\,aes128-sha1!, ipsec-ike = aes256-sha1-modp2048\\\\,aes128-sha1-modp1024!, ipsec-ikelifetime = 28800, ipsec-pfs = no, ipsec-psk-flags = 0, ipsec-remote-id = @vpn.example.org, ipsec-salifetime = 1800, password-flags = 1, user = bob
ipsec-psk = mikrotik-secret"
pfs_uuid=$imported_uuid
check_import psk-base64.conf "Base64 PSK
gateway = l2tp.example.com, ipsec-enabled = yes
ipsec-psk = 0sAAEC/3NlY3JldA=="
# NetworkManager-l2tp 1.52.2 and later: [ipv4] and [ipv6], no secrets.
new_expected="Head Office
gateway = vpn.example.org, ipsec-enabled = yes, ipsec-esp = aes256-sha2_256\\\\,aes128-sha1, ipsec-forceencaps = yes, ipsec-group-name = sales, ipsec-ike = aes256-sha2_256-modp2048\\\\,aes128-sha1-modp2048, ipsec-ikelifetime = 28800, ipsec-remote-id = @vpn.example.org, ipsec-salifetime = 3600, lcp-echo-failure = 5, lcp-echo-interval = 30, machine-auth-type = psk, mru = 1400, mtu = 1400, refuse-chap = yes, refuse-eap = yes, refuse-mschap = yes, refuse-pap = yes, user = erin, user-auth-type = password"
check_import nm-l2tp-1.52-ipv4.conf "$new_expected"
new_uuid=$imported_uuid
ip_fields=ipv4.method,ipv4.dns,ipv4.dns-search,ipv4.routes,ipv4.ignore-auto-dns,ipv4.never-default,ipv6.method,ipv6.dns,ipv6.dns-search,ipv6.routes,ipv6.never-default
# nmcli -g escapes every ':' of a value.
ip_of() { nmcli -g "$ip_fields" connection show "$1"; }
new_ip="auto
10.0.0.53,10.0.1.53
corp.example.org,example.org
10.0.0.0/16 10.255.0.1 50, 172.16.0.0/12
yes
yes
auto
2001\\:db8\\:100\\:\\:53
corp.example.org
2001\\:db8\\:200\\:\\:/48 2001\\:db8\\:100\\:\\:1 50
yes"
check_ip() {
	local got
	got=$(ip_of "$2")
	if [[ $got == "$3" ]]; then ok "$1: the ipv4 and ipv6 settings"; else
		not_ok "$1: ipv4/ipv6"; { diff <(echo "$3") <(echo "$got") || true; } | sed 's/^/# /'; fi
}
[[ -n $new_uuid ]] && check_ip nm-l2tp-1.52-ipv4.conf "$new_uuid" "$new_ip"
check_import nm-l2tp-1.8-ip4.conf "Branch Office
gateway = vpn.branch.example.com, ipsec-enabled = yes, ipsec-esp = aes256-sha1\\\\,aes128-sha1, ipsec-ike = aes256-sha1-modp2048\\\\,aes128-sha1-modp2048, ipsec-ikelifetime = 28800, ipsec-remote-id = vpn.branch.example.com, ipsec-salifetime = 3600, lcp-echo-failure = 5, lcp-echo-interval = 30, refuse-chap = yes, refuse-eap = yes, refuse-mschap = yes, refuse-pap = yes, user = dave
ipsec-psk = Branch PSK; since 2019"
check_import two-entries.pbk "Office L2TP
classful-route = yes, gateway = l2tp.example.com, ipsec-enabled = yes"
mobile_expected="Corp L2TP
gateway = vpn.corp.example.com, ipsec-enabled = yes, ipsec-group-name = sales-group, user = carol
ipsec-psk = Corporate PSK 2024, password = carol's password"
check_import l2tp.mobileconfig "$mobile_expected"
check_import l2tp-binary.mobileconfig "$mobile_expected"
check_import l2tp-signed.mobileconfig "$mobile_expected"

# Export, import the export: the same keys, ipsec-pfs=no and the PSK kept.
exported=$work/exported.conf
if nmcli connection export "$pfs_uuid" "$exported" >/dev/null 2>&1 && [[ -s $exported ]]; then
	ok "export $pfs_uuid"
	mode=$(stat -c %a "$exported")
	if [[ $mode == 600 ]]; then ok "export is mode 600"; else not_ok "export is mode $mode"; fi
	nmcli connection delete "$pfs_uuid" >/dev/null
	import "$exported" || true
	uuid=$imported_uuid
	before="MikroTik no PFS
domain = CORP, gateway = 203.0.113.7, ipsec-enabled = yes, ipsec-esp = aes256-sha1\\\\,aes128-sha1!, ipsec-ike = aes256-sha1-modp2048\\\\,aes128-sha1-modp1024!, ipsec-ikelifetime = 28800, ipsec-pfs = no, ipsec-psk-flags = 0, ipsec-remote-id = @vpn.example.org, ipsec-salifetime = 1800, password-flags = 1, user = bob
ipsec-psk = mikrotik-secret"
	if [[ -n $uuid && $(vpn_of "$uuid") == "$before" ]]; then ok "export → import round trip"; else
		not_ok "export → import round trip"; vpn_of "$uuid" | sed 's/^/# /'; sed 's/^/# /' "$exported"; fi
else
	not_ok "export $pfs_uuid"
fi

# The [ipv4]/[ipv6] connection exported ([ipv4], [ipv6], [ip4] again) and
# imported: the same keys and ip settings.
exported_new=$work/exported-new.conf
if [[ -n $new_uuid ]] && nmcli connection export "$new_uuid" "$exported_new" >/dev/null 2>&1 &&
	grep -qx '\[ipv4\]' "$exported_new" && grep -qx '\[ipv6\]' "$exported_new" &&
	grep -qx '\[ip4\]' "$exported_new"; then
	ok "export $new_uuid: [ipv4], [ipv6] and [ip4]"
	nmcli connection delete "$new_uuid" >/dev/null
	import "$exported_new" || true
	uuid=$imported_uuid
	if [[ -n $uuid && $(vpn_of "$uuid") == "$new_expected" ]]; then
		ok "[ipv4]/[ipv6] export → import: the same keys"; else
		not_ok "[ipv4]/[ipv6] export → import"; sed 's/^/# /' "$exported_new"; fi
	[[ -n $uuid ]] && check_ip "[ipv4]/[ipv6] export → import" "$uuid" "$new_ip"
else
	not_ok "export $new_uuid"
fi

# A bad file: nmcli fails, names the line, and adds nothing.
printf '[vpn]\ngateway=a.example\nmtu=99999\n' >"$work/bad.conf"
count_before=$(nmcli -t -f UUID connection show | wc -l)
if err=$(nmcli connection import type l2tp file "$work/bad.conf" 2>&1); then
	not_ok "bad file refused"
elif [[ $err == *"line 3: mtu: 99999 is outside 576 to 1500"* ]] && \
	[[ $(nmcli -t -f UUID connection show | wc -l) == "$count_before" ]]; then
	ok "bad file refused: ${err//$'\n'/ }"
else
	not_ok "bad file: $err"
fi

echo "1..$n"
[[ $fails == 0 ]] || { echo "# NetworkManager log:"; tail -n 30 "$work/nm.log" | sed 's/^/# /'; }
[[ $fails == 0 ]]
