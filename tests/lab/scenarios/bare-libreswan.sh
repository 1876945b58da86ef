# bare-daemon with libreswan: the client's IPsec is a private pluto
# (Debian's libreswan 4.10 from the cache, lib/libreswan.sh) instead of
# charon; xl2tpd and pppd as bare-daemon has them. Proves the second
# backend against the lab's server and keeps pluto's own lines
# (pluto.log, cli-whack-*.log) for the service's log reading.
#
# The profiles are those 4.10 as Debian builds it can do: no MODP-1024 or
# MODP-768 anywhere, no ECP group for PFS in IKEv1 Quick Mode, PSK only
# (lsw_unsupported says why for any other profile named by hand).
SCENARIO_PROFILES="modern nat strict-1701 pfs-group5 pfs-group14 sha512-modp4096"

scenario_run() {
	local why
	why=$(lsw_unsupported)
	[[ -z $why ]] || skip "libreswan 4.10 (Debian) cannot do profile $PROFILE: $(paste -sd';' <<<"$why")"
	why=$(libreswan_missing)
	[[ -z $why ]] || skip "$why"

	topology_up
	server_start
	lsw_bare_client_start
	[[ $PROFILE != modern ]] || lsw_check_renderer cli
	capture_start

	lsw_bare_connect
	server_report
	lsw_status cli
	bare_tunnel_expect_working

	lsw_bare_disconnect
	nothing_left 5
	check "pluto removed its control socket" test ! -e "$(lsw_ctl cli)"
	capture_stop
	wire_expect_only_ipsec
}

# pluto (conn "lab" loaded, listening), then xl2tpd with bare-daemon's
# xl2tpd.conf and pppd options.
lsw_bare_client_start() {
	bare_xl2tpd_conf
	bare_ppp_options
	ppp_secrets cli
	lsw_conf cli "$(client_uplink_addr)"
	pluto_start cli
	lsw_add cli
	xl2tpd_start cli
}

# Main Mode + Quick Mode, then L2TP + PPP; the same metrics as bare-daemon
# (ipsec_s, floor_s: IKE start -> ppp0 address).
lsw_bare_connect() {
	local t0
	t0=$(lab_now)
	lsw_initiate cli ||
		fail "IKE/ESP: whack --initiate (see cli-whack-initiate.log, pluto.log, srv-charon.log)"
	metric ipsec_s "$(lab_elapsed "$t0" "$(lab_now)")"
	bare_l2tp_up
	check "ppp0 gets an address (see cli-pppd.log, srv-pppd.log, *-xl2tpd.log)" wait_for 30 ppp0_has_address
	metric floor_s "$(lab_elapsed "$t0" "$(lab_now)")"
}

# PPP and L2TP down inside the tunnel, then the SAs (Delete notifications
# to the server), then pluto and xl2tpd.
lsw_bare_disconnect() {
	node_exec cli sh -c 'echo "d lab" >/run/xl2tpd/l2tp-control'
	check "ppp0 goes away" wait_for 15 ppp0_gone
	lsw_down cli || fail "whack --terminate (see cli-whack-terminate.log)"
	local state
	for state in STATE_QUICK_I2 STATE_MAIN_I4; do
		check "pluto deleted $state and told the server (cli-whack-terminate.log)" \
			grep -q "deleting state ($state) aged .* and sending notification" "$LOG_DIR/cli-whack-terminate.log"
	done
	pluto_stop cli
	daemon_stop cli xl2tpd
}
