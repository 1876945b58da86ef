# A remote ID (ipsec-remote-id) that is not the server's: Main Mode fails on
# the server's ID. The service says so as a phase 1 failure, naming the ID
# the server gave and the setting, NetworkManager gets connect-failed,
# nothing is left and nothing but IKE went on the wire.
SCENARIO_PROFILES=modern

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	NM_EXTRA_DATA="ipsec-remote-id=@not-the-server.example" nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up_fails lab-vpn
	check "the service names the server's ID and the setting, as phase 1 (cli-service.log)" \
		nm_service_log_has "IPsec (IKE phase 1): the server identified itself as $SERVER_IP"
	check "the message names ipsec-remote-id" nm_service_log_has "(ipsec-remote-id) to $SERVER_IP"
	check "NetworkManager's failure reason is connect-failed" nm_failure_reason_is connect-failed
	check "the failure came from the cause, not from a step timeout" \
		test -z "$(grep -F 'no result within' "$LOG_DIR/cli-service.log")"

	nothing_left 20
	capture_stop
	wire_count
	check "IKE on the wire" test "$WIRE_IKE" -gt 0
	check "no L2TP in clear on the wire ($WIRE_PLAIN packets)" test "$WIRE_PLAIN" -eq 0
	check "no other IP traffic on the wire ($WIRE_OTHER packets)" test "$WIRE_OTHER" -eq 0
}
