# Routes the server pushes (DHCPINFORM over PPP, options 121/249) against a
# server whose DHCP answers on ppp* (rras-routes: dnsmasq), then with the
# same server answering only malformed DHCPACKs, then with nothing
# answering. Each time: nmcli con up with the four fields only, then
# - answered: both pushed networks routed into ppp0 and a host in each
#   answers ping, the default route stays the uplink's (split tunnel), the
#   pushed domain is in NetworkManager's IP4.DOMAIN, "connected" came before
#   the answer (never delayed by it);
# - hostile: each malformed answer logged and ignored, no pushed route, the
#   connection up with its default route through ppp0 as without DHCP;
# - silent: connected first, then "no answer" after the budget, routes as
#   without DHCP;
# nothing left after each down, only IPsec on the wire.
SCENARIO_PROFILES=rras-routes

# The default route(s) of the client, one line each, without metrics.
default_routes() { node_exec cli ip -4 route show default | sed 's/ proto .*//' | sort; }

# routed_into_ppp0 NET: the client's route for NET's first host is ppp0.
routed_into_ppp0() { node_exec cli ip route get "$(pushed_net_host "$1")" 2>/dev/null | grep -q 'dev ppp0'; }

all_pushed_routed() {
	local net
	for net in $PUSHED_ROUTES; do routed_into_ppp0 "$net" || return 1; done
}

# routes_case NAME: the service's log and the client's routes of one case,
# kept apart (the service appends to cli-service.log at each start).
routes_case_end() {
	node_exec cli ip route >"$LOG_DIR/cli-routes-$1.txt" || true
	nm_vpn_down lab-vpn
	nothing_left 20
	mv "$LOG_DIR/cli-service.log" "$LOG_DIR/cli-service-$1.log"
}

# log_order FIRST SECOND: FIRST is logged before SECOND in cli-service.log.
log_order() {
	local a b
	a=$(grep -nF -m1 -- "$1" "$LOG_DIR/cli-service.log" | cut -d: -f1)
	b=$(grep -nF -m1 -- "$2" "$LOG_DIR/cli-service.log" | cut -d: -f1)
	[[ -n $a && -n $b ]] && ((a < b))
}

scenario_run() {
	local before net t0
	plugin_require
	command -v dnsmasq >/dev/null || skip "dnsmasq is not installed (apt install dnsmasq-base)"
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	before=$(default_routes)
	printf '%s\n' "$before" >"$LOG_DIR/cli-default-before.txt"
	node_exec cli ip route >"$LOG_DIR/cli-routes-before.txt" || true
	check "the client has a default route through its uplink before connecting" \
		grep -q 'dev eth0' <<<"$before"
	capture_start

	# 1. dnsmasq answers.
	nm_vpn_up lab-vpn
	t0=$(lab_now)
	check "both pushed networks ($PUSHED_ROUTES) routed into ppp0 within 5 s" wait_for 5 all_pushed_routed
	metric routes_after_connect_s "$(lab_elapsed "$t0" "$(lab_now)")"
	check "the service logged the server's routes" nm_service_log_has "dhcp: the server's routes:"
	check "connected before the DHCP answer" log_order "connected: " "dhcp: the server's routes:"
	check "the default route is still the uplink's ($(default_routes | paste -sd';'))" \
		test "$(default_routes)" == "$before"
	for net in $PUSHED_ROUTES; do
		node_exec cli ping -c 2 -i 0.3 -W 3 "$(pushed_net_host "$net")" >>"$LOG_DIR/cli-ping-pushed.txt" 2>&1 ||
			fail "ping $(pushed_net_host "$net") through the tunnel (cli-ping-pushed.txt)"
	done
	node_exec cli nmcli -g IP4.DOMAIN connection show lab-vpn >"$LOG_DIR/cli-ip4-domain.txt" 2>&1 || true
	check "the pushed domain $PUSHED_DOMAIN is in NetworkManager's IP4.DOMAIN (cli-ip4-domain.txt)" \
		grep -qw "$PUSHED_DOMAIN" "$LOG_DIR/cli-ip4-domain.txt"
	check "dnsmasq answered a DHCPINFORM (srv-dnsmasq.log)" grep -q 'DHCPACK(ppp' "$LOG_DIR/srv-dnsmasq.log"
	routes_case_end answered

	# 2. Only malformed answers.
	server_dhcp_inform_stop
	server_dhcp_inform_start hostile
	nm_vpn_up lab-vpn
	check "the service ignored each malformed answer (cli-service-hostile.log)" \
		wait_for 5 eval '(( $(grep -c "dhcp: ignored an answer" "$LOG_DIR/cli-service.log") >= 4 ))'
	check "the truncated option was named" nm_service_log_has "past the end"
	check "the bad prefix width was named" nm_service_log_has "prefix length 33"
	check "the domain with a line break was refused" nm_service_log_has "option 15"
	check "the hostile server sent its answers (srv-dhcp-hostile.log)" grep -q 'sent bad-domain' "$LOG_DIR/srv-dhcp-hostile.log"
	check "no answer taken: the service waited the budget out" wait_for 5 nm_service_log_has "dhcp: no usable answer"
	# The malformed answers named 10.99.51.0/24 (beside the bad prefix and
	# the bad domain) and 10.98.0-92.0/24 (too many): none may be a route.
	check "no route from a malformed answer (cli-routes-hostile.txt)" \
		test -z "$(node_exec cli ip route show 10.99.51.0/24; node_exec cli ip route show 10.98.0.0/24)"
	node_exec cli ip route get 10.99.98.1 >"$LOG_DIR/cli-route-hostile.txt" 2>&1 || true
	check "without pushed routes the default route is the tunnel's" grep -q 'dev ppp0' "$LOG_DIR/cli-route-hostile.txt"
	tunnel_ping_office
	routes_case_end hostile

	# 3. Nothing answers.
	server_dhcp_inform_stop
	nm_vpn_up lab-vpn
	check "the service waited the budget out" wait_for 5 nm_service_log_has "dhcp: no usable answer"
	check "connected before the budget ran out" log_order "connected: " "dhcp: no usable answer"
	tunnel_ping_office
	routes_case_end silent

	capture_stop
	wire_expect_only_ipsec
}
