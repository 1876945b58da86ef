# A strict-1701 server really drops L2TP from another source port: a bare
# client with an ephemeral xl2tpd port, inside IPsec, gets no PPP.
SCENARIO_PROFILES=strict-1701

scenario_run() {
	BARE_L2TP_PORT=0
	topology_up
	server_start
	bare_client_start
	bare_ipsec_up
	bare_l2tp_up
	lab_sleep 8
	check "no ppp0 from an ephemeral L2TP port" ppp0_gone
	check "the server dropped L2TP from a port other than 1701" \
		test "$(server_dropped 'L2TP only from port 1701')" -gt 0
}
