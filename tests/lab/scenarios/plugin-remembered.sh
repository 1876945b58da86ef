# What worked is remembered per connection. The first connect to a server
# that requires PFS and MPPE walks the plan (Phase 2 again with PFS, PPP
# again with MPPE) and keeps what the server chose; the second connect
# offers exactly that and takes no retry at all; after the server is
# reconfigured (other algorithms, no MPPE) the remembered plan is refused
# and the whole plan still connects in the same attempt. Only IKE and ESP
# on the wire throughout, nothing left after each disconnect.
SCENARIO_PROFILES="mikrotik-like"

log_lines() { wc -l <"$LOG_DIR/cli-service.log"; }
# since N TEXT: the service's log after its first N lines holds TEXT.
# (grep reads all of it: -q would stop early, and pipefail would see
# tail's SIGPIPE.)
since() { tail -n "+$(($1 + 1))" "$LOG_DIR/cli-service.log" | grep -F -- "$2" >/dev/null; }
not_since() { ! since "$@"; }

scenario_run() {
	local n
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	check "first connect: Phase 2 offered again with PFS" \
		nm_service_log_has "the server refused Phase 2; offering"
	check "first connect: PPP again with MPPE" \
		nm_service_log_has "connecting the L2TP tunnel again with MPPE"
	check "first connect: what worked was kept" nm_service_log_has "plan: kept what worked"
	nm_vpn_down lab-vpn
	nothing_left 20

	n=$(log_lines)
	nm_vpn_up lab-vpn
	metric remembered_connect_s "$(grep '^connect_s=' "$LOG_DIR/metrics" | tail -n1 | cut -d= -f2)"
	check "second connect: offered what worked last time" since "$n" "what worked last time"
	check "second connect: no Phase 1 retry" not_since "$n" "refused Phase 1"
	check "second connect: no Phase 2 retry" not_since "$n" "refused Phase 2"
	check "second connect: no PPP retry" not_since "$n" "connecting the L2TP tunnel again"
	check "second connect: MPPE on in the server's pppd" server_pppd_log_has "MPPE 128-bit"
	tunnel_ping_office
	nm_vpn_down lab-vpn
	nothing_left 20

	# The server's administrator changes everything between two connects.
	IKE="aes256-sha256-modp2048" ESP="aes256-sha256" PFS=modp2048 MPPE=no
	server_swanctl_conf
	server_ppp_options
	node_exec srv swanctl --load-all >"$LOG_DIR/srv-swanctl-reload.log" 2>&1 ||
		fail "swanctl --load-all after reconfiguring the server"
	n=$(log_lines)
	nm_vpn_up lab-vpn
	check "stale: the remembered plan was offered first" since "$n" "what worked last time"
	check "stale: Phase 1 refused, the whole plan followed" since "$n" "refused Phase 1; offering"
	check "stale: connected" since "$n" "connected: "
	tunnel_ping_office
	nm_vpn_down lab-vpn
	nothing_left 20
	capture_stop
	wire_expect_only_ipsec
}
