# Two connections to one server, up at the same time: charon carries both
# CHILD_SAs on one IKE SA (named after the first). Bringing the first down
# must delete only its own CHILD_SA: the second stays up, its ping goes
# through, its IKE SA is kept for it, and nothing goes on the wire in clear
# from the first connect to the last disconnect.
SCENARIO_PROFILES="modern mikrotik-like"

# vpn_active NAME: NetworkManager lists NAME as an active connection.
vpn_active() { node_exec cli nmcli -t -f NAME connection show --active | grep -cx "$1" >/dev/null; }
# The ppp devices of the client, one a line.
client_ppp_devs() { node_exec cli ip -o link show type ppp 2>/dev/null | awk -F': ' '{ print $2 }'; }
# IKE SAs and CHILD_SAs the server has for the client.
server_sa_counts() {
	local sas
	sas=$(node_exec srv swanctl --list-sas 2>/dev/null)
	printf '%s\n' "$sas" >>"$LOG_DIR/srv-sas.txt"
	echo "ike=$(grep -cE '^[^ ].*IKEv1' <<<"$sas" || true) child=$(grep -c 'INSTALLED' <<<"$sas" || true)"
}

scenario_run() {
	local dev
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-a
	nm_vpn_add lab-b
	capture_start

	nm_vpn_up lab-a
	nm_vpn_up lab-b
	metric server_sas "$(server_sa_counts)"
	check "the two connections share one IKE SA, with two CHILD_SAs (srv-sas.txt)" \
		test "$(server_sa_counts)" = "ike=1 child=2"
	check "both connections are active" eval 'vpn_active lab-a && vpn_active lab-b'

	nm_vpn_down lab-a
	lab_sleep 3
	check "the second connection stays active" vpn_active lab-b
	check "the first connection's teardown kept the shared IKE SA" \
		nm_service_log_has "keeping IKE SA"
	check "the server still has the IKE SA and one CHILD_SA (srv-sas.txt)" \
		test "$(server_sa_counts)" = "ike=1 child=1"
	dev=$(client_ppp_devs | head -n1)
	check "one ppp device is left (${dev:-none})" test "$(client_ppp_devs | wc -l)" -eq 1
	node_exec cli ping -c 3 -i 0.3 -W 3 -I "$dev" "$OFFICE_IP" >"$LOG_DIR/cli-ping-b.txt" 2>&1 ||
		fail "ping $OFFICE_IP through the second connection's $dev (see cli-ping-b.txt)"

	nm_vpn_down lab-b
	check "the last teardown deleted the IKE SA (srv-sas.txt)" \
		wait_for 10 eval 'test "$(server_sa_counts)" = "ike=0 child=0"'
	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
