# Something other than charon deletes the connection's kernel SAs while it
# is up (`ip xfrm state flush`; charon ignores the kernel's FLUSHSA): the
# service notices at once and fails the connection, NetworkManager drops
# it, nothing is left, and nothing went on the wire in clear.
# plugin-sa-policy-flush flushes the policies too, where only the cleartext
# guard keeps L2TP (the teardown's StopCCN, pppd's last LCP) off the wire.
SCENARIO_PROFILES=modern
SA_FLUSH=states

vpn_inactive() { ! node_exec cli nmcli -t -f NAME connection show --active | grep -cx "$1" >/dev/null; }

flush_and_expect_failure() {
	local what=$1 t0
	shift
	tunnel_ping_office
	t0=$(lab_now)
	node_exec cli ip xfrm state flush
	[[ $what != policies ]] || node_exec cli ip xfrm policy flush
	# Traffic into the tunnel right after: what would leak.
	# Through ppp0 only: once NetworkManager drops the VPN, the office
	# route falls back to the uplink, which is not the tunnel leaking.
	node_exec cli ping -c 3 -i 0.2 -W 1 -I ppp0 "$OFFICE_IP" >"$LOG_DIR/cli-ping-after-$what.txt" 2>&1 || true
	check "NetworkManager drops the connection after the $what flush" \
		wait_for 15 vpn_inactive lab-vpn
	metric "lost_after_${what}_flush_s" "$(lab_elapsed "$t0" "$(lab_now)")"
	check "the service saw the SAs vanish (cli-service.log)" \
		nm_service_log_has "vanished from the kernel"
	nothing_left 30
}

scenario_run() {
	plugin_require
	topology_up --client-unaddressed
	server_start
	nm_client_start
	nm_vpn_add lab-vpn
	capture_start

	nm_vpn_up lab-vpn
	flush_and_expect_failure "$SA_FLUSH"

	capture_stop
	wire_expect_only_ipsec
}
