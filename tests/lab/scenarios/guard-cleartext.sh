# The server's guard against cleartext L2TP works, and the wire count sees a
# leak: a client whose xl2tpd talks to the server with no IPsec gets no PPP,
# the firewall counts the drops, the capture counts the plaintext.
SCENARIO_PROFILES=modern

scenario_run() {
	topology_up
	server_start
	bare_client_start
	capture_start
	bare_l2tp_up
	lab_sleep 8
	check "no ppp0 without IPsec" ppp0_gone
	capture_stop
	check "the server dropped L2TP outside IPsec" test "$(server_dropped 'L2TP outside IPsec')" -gt 0
	wire_count
	check "the capture counts the cleartext L2TP" test "$WIRE_PLAIN" -gt 0
}
