# The server ends the session while we are connected (its pppd stops, as
# when an administrator drops the user): the pppd plugin reports the
# server's Terminate-Request and ip-down, the service tells NetworkManager
# at once, the connection leaves the active list, nothing is left, and
# nothing went on the wire in clear, the teardown included.
SCENARIO_PROFILES=modern

vpn_inactive() { ! node_exec cli nmcli -t -f NAME connection show --active | grep -qx "$1"; }

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	tunnel_ping_office
	node_exec srv pkill -TERM -x pppd
	check "NetworkManager drops the connection" wait_for 60 vpn_inactive lab-vpn
	check "the service heard the server end PPP (cli-service.log)" \
		nm_service_log_has "ppp: the server ended PPP"
	check "the service saw IPCP go down and failed the connection" \
		nm_service_log_has "ppp: IPCP went down"

	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
