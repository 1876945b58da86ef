# The client's cleartext guard (src/l2tp/cleartext-guard.c, installed by the
# build's tests/netns/guard-probe for the bare client's 5-tuple): L2TP inside
# ESP passes it both ways (tunnel up, office pinged, nothing counted; on nat
# inside ESP-in-UDP), and once the client's SAs and policies are gone, what
# pppd and xl2tpd still send is dropped and counted: nothing of it reaches
# the wire or the server in clear. Removal leaves nothing.
SCENARIO_PROFILES="modern nat"

guard_counts() { node_exec cli "$GUARD_PROBE" counts lab-guard; }

scenario_run() {
	local counts
	GUARD_PROBE=${LAB_BUILD_DIR:-}/tests/netns/guard-probe
	[[ -n ${LAB_BUILD_DIR:-} && -x $GUARD_PROBE ]] ||
		skip "needs --build-dir with tests/netns/guard-probe"
	topology_up
	server_start
	bare_client_start
	node_exec cli "$GUARD_PROBE" install lab-guard "$(client_uplink_addr)" 1701 "$SERVER_IP" \
		>"$LOG_DIR/cli-guard.log" 2>&1 || fail "the guard did not install (see cli-guard.log)"
	node_exec cli nft list ruleset >"$LOG_DIR/cli-guard-ruleset.txt" 2>&1
	capture_start

	bare_connect
	tunnel_expect_esp_sas
	node_exec cli ip route add "$OFFICE_NET" dev ppp0
	tunnel_ping_office
	counts=$(guard_counts)
	check "L2TP inside ESP passed the guard both ways ($counts)" test "$counts" == "out=0 in=0"

	# charon's part gone, xl2tpd and pppd still up: what they send now
	# would leave in clear.
	node_exec cli ip xfrm policy flush
	node_exec cli ip xfrm state flush
	node_exec cli ping -c 3 -i 0.3 -W 1 "$OFFICE_IP" >"$LOG_DIR/cli-ping-unprotected.txt" 2>&1 || true
	counts=$(guard_counts)
	metric guard "$counts"
	check "the guard dropped L2TP without IPsec ($counts)" \
		test "$(sed -n 's/^out=\([0-9]*\) .*/\1/p' <<<"$counts")" -gt 0
	capture_stop
	wire_count
	check "no L2TP in clear on the wire ($WIRE_PLAIN packets)" test "$WIRE_PLAIN" -eq 0
	check "the server dropped nothing outside IPsec" \
		test "$(server_dropped 'L2TP outside IPsec')" -eq 0

	node_exec cli "$GUARD_PROBE" remove lab-guard >>"$LOG_DIR/cli-guard.log" 2>&1 ||
		fail "the guard was not removed (see cli-guard.log)"
	check "the guard left nothing" test -z "$(node_exec cli nft list ruleset)"
}
