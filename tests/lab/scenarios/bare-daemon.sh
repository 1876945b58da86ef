# Bare daemons against a server profile: charon, xl2tpd and pppd configured
# by the harness and driven by hand on the client, no plugin. Proves the lab
# and gives the floor (IKE start -> ppp0 address) the service is measured by.
SCENARIO_PROFILES=all

scenario_run() {
	topology_up
	server_start
	bare_client_start
	capture_start

	bare_connect
	server_report
	bare_tunnel_expect_working

	bare_disconnect
	nothing_left 5
	capture_stop
	wire_expect_only_ipsec
}
