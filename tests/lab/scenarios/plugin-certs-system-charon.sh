# Certificates against a system-style charon in the client (as with
# Debian's strongswan service running), which the service uses and must
# leave as it found it: after nmcli con down it still runs and holds
# neither our connection nor our private key (unload-key). Then it is
# stopped and nothing of the plugin may be left. Only IKE and ESP on the
# wire. The helpers are plugin-connect-certs's.
SCENARIO_PROFILES=certificates
. "$LAB_DIR/scenarios/plugin-connect-certs.sh"
SCENARIO_PROFILES=certificates

scenario_run() {
	local system=unix:///run/charon.vici
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	strongswan_conf cli
	charon_start cli
	LAB_KEEP_PIDS=$(<"$(node_dir cli)/charon.pid")
	check "the client's system charon holds no key yet" \
		eval '! charon_has_private_key "$system"'
	capture_start

	nm_vpn_add_certs lab-certs "$CLIENT_KEY_ENCRYPTED" "$KEY_PASSWORD"
	nm_vpn_up lab-certs
	server_report
	check "the service used the system charon" nm_service_log_has "using system charon"
	check "the system charon holds the key of our certificate" charon_has_private_key "$system"
	cp "$LOG_DIR/cli-list-certs.txt" "$LOG_DIR/cli-list-certs-up.txt"
	tunnel_expect_esp_sas
	tunnel_ping_office
	nm_vpn_down lab-certs

	check "the system charon still runs" test -e "/proc/$LAB_KEEP_PIDS"
	check "the system charon holds no private key (unload-key)" \
		eval '! charon_has_private_key "$system"'
	check "the system charon logged the unload (cli-charon.log)" \
		grep -q "unloaded private key with id" "$LOG_DIR/cli-charon.log"
	node_exec cli swanctl --list-conns --uri "$system" >"$LOG_DIR/cli-list-conns.txt" 2>&1
	check "the system charon holds none of our connections" \
		eval '! grep -q nm-l2tp-ipsec "$LOG_DIR/cli-list-conns.txt"'
	check "no IPsec SA in the client's kernel" test -z "$(node_exec cli ip xfrm state)"
	# A running charon keeps its IKE sockets' own bypass policies: only
	# once it is gone may nothing be left.
	daemon_stop cli charon
	LAB_KEEP_PIDS=
	nothing_left 20

	capture_stop
	wire_expect_only_ipsec
}
