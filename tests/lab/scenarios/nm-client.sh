# The client node without the plugin: dbus and NetworkManager come up, manage
# the uplink, reach the server, and take an L2TP VPN connection profile. When
# plugin-connect fails, this tells whether the lab's NetworkManager side works.
SCENARIO_PROFILES=modern

scenario_run() {
	topology_up --client-unaddressed
	nm_client_start
	check "server reachable over the uplink" node_exec cli ping -c 1 -W 3 "$SERVER_IP"
	nm_vpn_add lab-vpn
	node_exec cli nmcli -g vpn.service-type connection show lab-vpn >"$LOG_DIR/cli-service-type.txt"
	check "VPN service type is org.freedesktop.NetworkManager.l2tp" \
		grep -qx org.freedesktop.NetworkManager.l2tp "$LOG_DIR/cli-service-type.txt"
	nothing_left 1
}
