# Settings the sanitizer refuses (mtu=99999, outside 576 to 1500): nmcli
# con up fails from Connect, not NeedSecrets: nmcli says "The VPN service
# failed to start", never "No valid secrets" or "Secrets were required";
# the service's and NetworkManager's logs name the key; no charon ever
# started, nothing went on the wire, nothing is left.
SCENARIO_PROFILES=modern

scenario_run() {
	local says="Settings: mtu: 99999 is outside 576 to 1500"
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	NM_EXTRA_DATA="mtu=99999" nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up_fails lab-vpn
	check "nmcli: the VPN service failed to start ($(nmcli_error "$LOG_DIR/cli-nmcli-up.log"))" \
		grep -qF "The VPN service failed to start" "$LOG_DIR/cli-nmcli-up.log"
	check "nmcli: not a secrets failure" \
		test -z "$(grep -E 'No valid secrets|Secrets were required' "$LOG_DIR/cli-nmcli-up.log")"
	check "the service names the key (cli-service.log)" nm_service_log_has "$says"
	check "NetworkManager names the key, from Connect" nm_log_has "$says"
	check "NetworkManager's NeedSecrets did not fail" \
		test -z "$(grep -F 'NeedSecrets request' "$LOG_DIR/cli-NetworkManager.log" | grep failed)"
	check "no charon ever started (cli-service.log)" \
		test -z "$(grep -F 'started private charon' "$LOG_DIR/cli-service.log")"

	nothing_left 20
	capture_stop
	wire_count
	check "nothing on the wire ($WIRE_IKE IKE, $WIRE_OTHER other)" \
		test "$((WIRE_IKE + WIRE_ESP + WIRE_PLAIN + WIRE_OTHER))" -eq 0
}
