# ./scripts/demo: what a person at home does, told step by step. A modern
# office server; a connection made of the four things a phone asks for
# (server, user name, password, pre-shared key); nmcli con up; a ping of the
# office; what the wire carried; nmcli con down; nothing left behind.
SCENARIO_PROFILES=modern
SCENARIO_DEFAULT=no

# Progress goes straight to the console, so the person watching sees it.
demo_step() {
	echo "$*" >"$LOG_DIR/demo-step"
	echo "lab: demo: $*" >/dev/console
}

demo_say() { echo "lab: demo:     $*" >/dev/console; }

scenario_run() {
	plugin_require
	demo_step "1/7 starting the office server ($SERVER_IP, office network behind it) and your computer (dbus + NetworkManager + this plugin)"
	topology_up --client-unaddressed
	server_start
	nm_client_start

	demo_step "2/7 creating the connection from four fields: server, user name, password, pre-shared key"
	node_exec cli nmcli connection add type vpn con-name office-vpn ifname '*' vpn-type l2tp \
		vpn.data "gateway=$SERVER_IP, user=$PPP_USER" \
		vpn.secrets "password=$PPP_PASSWORD, ipsec-psk=$PSK" >"$LOG_DIR/cli-nmcli-add.log" 2>&1 ||
		fail "nmcli connection add (see cli-nmcli-add.log)"
	demo_say "nmcli connection add type vpn vpn-type l2tp vpn.data 'gateway=$SERVER_IP, user=$PPP_USER' vpn.secrets 'password=…, ipsec-psk=…'"
	capture_start

	demo_step "3/7 connecting: nmcli connection up office-vpn"
	nm_vpn_up office-vpn
	demo_say "connected in $(sed -n 's/^connect_s=//p' "$LOG_DIR/metrics") s; $(node_exec cli ip -4 -br addr show ppp0 2>/dev/null)"
	demo_say "DNS from the server: $(nm_vpn_dns office-vpn)"

	demo_step "4/7 reaching the office: ping $OFFICE_IP through the tunnel"
	tunnel_expect_esp_sas
	tunnel_ping_office
	demo_say "$(grep -E 'packets transmitted' "$LOG_DIR/cli-ping.txt")"

	demo_step "5/7 disconnecting: nmcli connection down office-vpn"
	nm_vpn_down office-vpn
	demo_say "disconnected in $(sed -n 's/^disconnect_s=//p' "$LOG_DIR/metrics") s"

	demo_step "6/7 checking that nothing is left behind (processes, files, IPsec state)"
	nothing_left 20

	demo_step "7/7 checking what the wire between you and the server carried"
	capture_stop
	wire_expect_only_ipsec
	demo_say "IKE packets: $WIRE_IKE, ESP packets: $WIRE_ESP, L2TP in clear: $WIRE_PLAIN, other: $WIRE_OTHER"
	demo_step "done: the tunnel worked and the wire carried only IPsec"
}
