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
	tunnel_expect_esp_sas
	! profile_requires_pfs ||
		check "the server's CHILD_SA uses PFS with one of $PFS (srv-child-sa.txt)" \
			server_child_sa_has_pfs
	node_exec cli ip route add "$OFFICE_NET" dev ppp0
	tunnel_ping_office
	tunnel_expect_dns "$(bare_dns)"

	bare_disconnect
	nothing_left 5
	capture_stop
	wire_expect_only_ipsec
}

# usepeerdns: pppd writes the DNS it got to /etc/ppp/resolv.conf.
bare_dns() {
	awk '/^nameserver/ { printf "%s%s", sep, $2; sep = " " }' "$(node_path cli /etc/ppp/resolv.conf)"
}
