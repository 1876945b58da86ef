# Installing like a distribution package, over Debian's older plugin:
# 1. `dpkg -P` of our two packages (installed by guest/plugin-install.sh
#    with dpkg -i) leaves none of their files, no /var/lib/nm-l2tp-ipsec,
#    and dpkg knows neither package;
# 2. Debian's network-manager-l2tp is installed (dpkg -i; it is fetched by
#    tests/lab/setup.sh, never installed on the host) and claims the
#    service type org.freedesktop.NetworkManager.l2tp;
# 3. our packages go on with dpkg -i: dpkg itself removes the old plugin
#    (our Conflicts + Replaces), and its .name file is ours;
# 4. connections as the older plugin's GNOME editor wrote them (PSK in
#    vpn.data as 0s+base64, ipsec-pfs=no, password kept by NetworkManager)
#    and as KDE Plasma's L2TP page writes them (ipsec-gateway-id, refuse-eap,
#    lcp-echo-*, the PSK a secret) are dropped in place, `nmcli connection
#    reload`, and each connects, the office answers through ppp0, and goes
#    down with nothing left; only IPsec on the wire.
# Our packages stay installed for the scenarios after this one.
SCENARIO_PROFILES=modern
SCENARIO_INSTALL=packages
# three dpkg runs (their database over 9p) and two connects under TCG
SCENARIO_TIMEOUT=480

ours=(network-manager-l2tp-ipsec-gnome network-manager-l2tp-ipsec)

installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

# ours_again: guest/plugin-install.sh as at the start of the job (dpkg -i
# of our packages, the lab's log wrapper, plugin.env).
ours_again() { "$LAB_DIR/guest/plugin-install.sh" "${LAB_BUILD_DIR:-}" "$LOG_DIR" >"$LOG_DIR/reinstall.txt" 2>&1; }

# write_connection NAME: a keyfile from stdin into the client's NetworkManager.
write_connection() {
	local f
	f=$(node_dir cli)/etc/NetworkManager/system-connections/$1.nmconnection
	cat >"$f"
	chmod 600 "$f"
}

old_connections() {
	local psk64
	psk64=$(printf '%s' "$PSK" | base64)
	write_connection old-gnome <<-EOF
		[connection]
		id=old-gnome
		uuid=0b0e5c52-3f4e-4f5e-9f66-4a1c1d2e3f40
		type=vpn
		autoconnect=false
		permissions=

		[vpn]
		gateway=$SERVER_IP
		ipsec-enabled=yes
		ipsec-psk=0s$psk64
		ipsec-pfs=no
		password-flags=0
		user=$PPP_USER
		service-type=org.freedesktop.NetworkManager.l2tp

		[vpn-secrets]
		password=$PPP_PASSWORD

		[ipv4]
		method=auto

		[ipv6]
		addr-gen-mode=stable-privacy
		method=auto
	EOF
	write_connection old-plasma <<-EOF
		[connection]
		id=old-plasma
		uuid=6d7c1e2a-8b9f-4c3d-a5e6-f7a8b9c0d1e2
		type=vpn
		autoconnect=false

		[vpn]
		gateway=$SERVER_IP
		user=$PPP_USER
		password-flags=0
		ipsec-enabled=yes
		ipsec-gateway-id=$SERVER_IP
		ipsec-psk-flags=0
		refuse-eap=yes
		lcp-echo-failure=5
		lcp-echo-interval=30
		service-type=org.freedesktop.NetworkManager.l2tp

		[vpn-secrets]
		ipsec-psk=$PSK
		password=$PPP_PASSWORD

		[ipv4]
		method=auto
	EOF
}

scenario_run() {
	local old files f left name
	plugin_require
	[[ $PLUGIN_INSTALL == packages ]] || skip "needs the packages (tests/lab/run --packages DIR)"
	old=$(compgen -G "$LAB_CACHE/debian-l2tp/network-manager-l2tp_*.deb" | head -n1 || true)
	[[ -n $old ]] || skip "Debian's network-manager-l2tp is not in $LAB_CACHE/debian-l2tp (tests/lab/setup.sh)"
	# Whatever happens below, the scenarios after this one get ours back.
	trap 'installed network-manager-l2tp-ipsec || ours_again' EXIT

	# 1. Purge.
	mapfile -t files < <(dpkg -L "${ours[@]}" | while read -r f; do [[ -f $f ]] && echo "$f"; done)
	check "dpkg lists our packages' files (${#files[@]})" test "${#files[@]}" -gt 10
	dpkg -P "${ours[@]}" >"$LOG_DIR/dpkg-purge.log" 2>&1 || fail "dpkg -P (dpkg-purge.log)"
	left=$(for f in "${files[@]}"; do [[ ! -e $f ]] || echo "$f"; done)
	check "dpkg -P left none of our files: ${left//$'\n'/ }" test -z "$left"
	check "dpkg -P removed /var/lib/nm-l2tp-ipsec" test ! -e /var/lib/nm-l2tp-ipsec
	for name in "${ours[@]}"; do
		check "dpkg knows nothing of $name" test -z "$(dpkg-query -W -f='${db:Status-Status}' "$name" 2>/dev/null)"
	done

	# 2. The older plugin, as Debian ships it. Its strongSwan (starter,
	# stroke) is not in the lab: what matters here is what it installs.
	dpkg -i --force-depends "$old" >"$LOG_DIR/dpkg-old.log" 2>&1 || fail "dpkg -i ${old##*/} (dpkg-old.log)"
	check "Debian's plugin claims the service type" \
		grep -qx 'service=org.freedesktop.NetworkManager.l2tp' /usr/lib/NetworkManager/VPN/nm-l2tp-service.name

	# 3. Ours over it.
	ours_again || fail "dpkg -i of our packages over the older plugin (plugin-install.log)"
	. /run/lab/plugin.env
	check "ours installed (plugin.env: $PLUGIN_STATE)" test "$PLUGIN_STATE" == installed
	check "dpkg removed the older plugin in favour of ours (plugin-install.log)" \
		grep -q 'network-manager-l2tp' "$LOG_DIR/plugin-install.log"
	check "the older plugin is no longer installed" eval '! installed network-manager-l2tp'
	check "the service type's .name is ours" \
		grep -qx "program=${PLUGIN_SERVICE}-lab" /usr/lib/NetworkManager/VPN/nm-l2tp-service.name

	# 4. Its connections, with ours.
	topology_up --client-unaddressed
	server_start
	nm_client_start
	old_connections
	node_exec cli nmcli connection reload
	check "NetworkManager loaded both older connections" \
		wait_for 10 eval '[[ $(node_exec cli nmcli -g NAME connection show | grep -c "^old-") == 2 ]]'
	capture_start
	for name in old-gnome old-plasma; do
		nm_vpn_up "$name"
		mv "$LOG_DIR/cli-nmcli-show.txt" "$LOG_DIR/cli-nmcli-show-$name.txt"
		tunnel_expect_esp_sas
		tunnel_ping_office
		nm_vpn_down "$name"
		nothing_left 20
		mv "$LOG_DIR/cli-service.log" "$LOG_DIR/cli-service-$name.log"
	done
	capture_stop
	wire_expect_only_ipsec
}
