# The product path: NetworkManager + the project's plugin against a server
# profile, with only server, user, password and PSK filled in (Phase 1/2
# empty). nmcli con up, a ping of the office through ppp0, DNS and routes
# NetworkManager applied, only IPsec on the wire from connect to disconnect,
# nmcli con down, nothing of the plugin left (its cleartext guard, in the
# kernel while connected, included). Skipped, with the reason,
# until the build has the service.
SCENARIO_PROFILES=all

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	metric service_peak_rss_kb "$(nm_service_peak_rss)"
	server_report
	check "the service logged the connection (cli-service.log)" nm_service_log_has "connected: "
	# A server that requires PFS (the profile's PFS names its groups, one or
	# more) accepts Quick Mode only with one of them: the server's CHILD_SA
	# must show it, and since the plan offers no PFS first, the service's log
	# must show that Phase 2 was offered again (on the same IKE SA).
	if profile_requires_pfs; then
		check "the server's CHILD_SA uses PFS with one of $PFS (srv-child-sa.txt)" \
			server_child_sa_has_pfs
		check "the service offered Phase 2 again after NO_PROPOSAL_CHOSEN" \
			nm_service_log_has "the server refused Phase 2; offering"
	fi
	# A server none of whose Phase 1 transforms is in the plan's rounds
	# (legacy-modp768): the service must have probed it and offered what
	# the probe found.
	if [[ $PROFILE == legacy-modp768 ]]; then
		check "the service probed the server after every Phase 1 round" \
			nm_service_log_has "plan: the probe found"
	fi
	# A server that requires MPPE ends the first PPP attempt (pppd cannot
	# accept MPPE unless required): the service must have connected L2TP
	# again with require-mppe, and MPPE must be on in the server's pppd.
	if [[ $MPPE == required ]]; then
		check "the service retried PPP with MPPE after the server's demand" \
			nm_service_log_has "connecting the L2TP tunnel again with MPPE"
		check "the server's pppd has MPPE on (srv-pppd.log)" \
			server_pppd_log_has "MPPE 128-bit"
	fi
	tunnel_expect_esp_sas
	check "the service's cleartext guard is in the kernel" client_guard_present
	tunnel_ping_office
	tunnel_expect_dns "$(nm_vpn_dns lab-vpn)"

	nm_vpn_down lab-vpn
	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
