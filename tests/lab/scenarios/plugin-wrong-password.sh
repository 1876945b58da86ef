# A wrong PPP password: nmcli con up fails, the service says the server
# refused the user name or password, NetworkManager's failure reason is
# login-failed, nothing is left and nothing went on the wire in clear.
SCENARIO_PROFILES=modern

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	NM_PASSWORD="not-$PPP_PASSWORD" nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up_fails lab-vpn
	check "the service says the server refused the user name or password (cli-service.log)" \
		nm_service_log_has "the server refused the user name or password"
	check "NetworkManager's failure reason is login-failed" nm_failure_reason_is login-failed

	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
