# A wrong pre-shared key: nmcli con up fails within seconds, the service
# says the key does not match (charon: "invalid HASH_V1 payload length,
# decryption failed?"), NetworkManager gets login-failed, nothing is left
# and nothing but IKE went on the wire.
SCENARIO_PROFILES=modern

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	NM_PSK="not-$PSK" nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up_fails lab-vpn
	check "the service says the pre-shared key does not match (cli-service.log)" \
		nm_service_log_has "the pre-shared key does not match"
	check "NetworkManager's failure reason is login-failed (nmcli: Invalid secrets)" nm_failure_reason_is login-failed
	# Failing must not wait for the IPsec step's timeout: the cause itself
	# ends the attempt (fail_s in the metrics says how long; tests never
	# assert wall-clock time).
	check "the failure came from the cause, not from a step timeout" \
		test -z "$(grep -F 'no result within' "$LOG_DIR/cli-service.log")"

	nothing_left 20
	capture_stop
	wire_count
	check "IKE on the wire" test "$WIRE_IKE" -gt 0
	check "no L2TP in clear on the wire ($WIRE_PLAIN packets)" test "$WIRE_PLAIN" -eq 0
	check "no other IP traffic on the wire ($WIRE_OTHER packets)" test "$WIRE_OTHER" -eq 0
}
